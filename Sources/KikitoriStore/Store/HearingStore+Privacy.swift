import KikitoriCore
import Foundation
import GRDB

/// A respondent as the publication layer needs it: every name it may be known by, and the
/// strictest consent among its hearings.
public struct RespondentIdentity: Sendable, Equatable {
    public var id: String
    public var kind: RespondentKind
    public var organisation: String
    public var person: String?
    public var municipality: String?
    /// The strictest consent among its own hearings; nil when it has none yet.
    public var strictestConsent: ConsentLevel?
}

/// A consent given again after the hearing.
public struct ConsentChange: Sendable, Equatable {
    public var hearingID: String
    public var consent: ConsentLevel
    public var previous: ConsentLevel
    public var reason: String
    public var recordedAt: Date
}

extension HearingStore {
    /// Every respondent in registration order, with the strictest consent among its hearings.
    public func identities() throws(StoreError) -> [RespondentIdentity] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.id, r.kind, r.organisation, r.person_name, r.municipality,
                       (SELECT MAX(CASE h.consent WHEN 'internal_only' THEN 2 WHEN 'public_anonymous' THEN 1 ELSE 0 END)
                        FROM hearing h WHERE h.respondent_id = r.id) AS strictest
                FROM respondent r ORDER BY r.created_at, r.id
                """).map { row in
                let rank: Int? = row["strictest"]
                return RespondentIdentity(
                    id: row["id"], kind: RespondentKind(rawValue: row["kind"]) ?? .other, organisation: row["organisation"],
                    person: row["person_name"], municipality: row["municipality"],
                    strictestConsent: rank.map { [ConsentLevel.publicNamed, .publicAnonymous, .internalOnly][min(2, max(0, $0))] })
            }
        }
    }

    /// Extra words to mask, with the hearing that asked for each.
    public func maskTerms() throws(StoreError) -> [(hearing: String, term: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT hearing_id, term FROM mask_term ORDER BY added_at, hearing_id, term").map { ($0["hearing_id"], $0["term"]) }
        }
    }

    /// Adds `term` to what public outputs mask for `hearing`. Returns false when it was there already.
    @discardableResult
    public func addMaskTerm(_ term: String, hearing: UUID, at date: Date = Date()) throws(StoreError) -> Bool {
        try write { db in
            guard try HearingRecord.find(hearing, db) != nil else { throw StoreError.unknownHearing(hearing.storageKey) }
            try db.execute(literal: "INSERT OR IGNORE INTO mask_term (hearing_id, term, added_at) VALUES (\(id: hearing), \(term), \(date))")
            return db.changesCount > 0
        }
    }

    /// Records a new consent for `hearing` as an event and makes it the hearing's consent.
    public func changeConsent(hearing: UUID, to consent: ConsentLevel, reason: String, at date: Date = Date()) throws(StoreError) -> ConsentChange {
        let id = hearing.storageKey
        return try write { db in
            guard let previous = try HearingRecord.find(hearing, db)?.consent else { throw StoreError.unknownHearing(id) }
            try db.execute(literal: """
                INSERT INTO consent_event (id, hearing_id, consent, previous, reason, recorded_at)
                VALUES (\(id: UUID()), \(id), \(consent.rawValue), \(previous), \(reason), \(date))
                """)
            try db.execute(literal: "UPDATE hearing SET consent = \(consent.rawValue) WHERE id = \(id)")
            return ConsentChange(
                hearingID: id, consent: consent, previous: ConsentLevel(rawValue: previous) ?? .internalOnly, reason: reason, recordedAt: date)
        }
    }

    /// Every consent change of `hearing`, oldest first.
    public func consentHistory(hearing: UUID) throws(StoreError) -> [ConsentChange] {
        let id = hearing.storageKey
        return try read { db in
            try SQLRequest<Row>(literal: """
                SELECT consent, previous, reason, recorded_at FROM consent_event WHERE hearing_id = \(id) ORDER BY recorded_at, id
                """).fetchAll(db).map { row in
                ConsentChange(
                    hearingID: id, consent: ConsentLevel(rawValue: row["consent"]) ?? .internalOnly,
                    previous: ConsentLevel(rawValue: row["previous"]) ?? .internalOnly, reason: row["reason"],
                    recordedAt: row["recorded_at"])
            }
        }
    }

    /// Every interviewer's name in the order of their first hearing: the order public outputs number
    /// them in, so that an interviewer who joins later never renumbers the others.
    public func interviewers() throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT interviewer FROM hearing GROUP BY interviewer ORDER BY MIN(started_at), interviewer")
        }
    }

    /// Respondents (linked ones counted once) per kind, industry and region among the hearings of
    /// `filter`: how many share what a quote's attribution would show.
    public func attributionGroups(filter: ReviewFilter) throws(StoreError) -> [AttributionKey: Int] {
        try read { db in
            var groups: [AttributionKey: Int] = [:]
            for row in try SQLRequest<Row>(literal: """
                SELECT r.kind, r.industry, r.region, COUNT(DISTINCT COALESCE(l.same_as, r.id)) AS n
                FROM hearing h JOIN respondent r ON r.id = h.respondent_id LEFT JOIN respondent_link l ON l.respondent_id = r.id
                WHERE \(filter.conditions) GROUP BY 1, 2, 3
                """).fetchAll(db)
            {
                groups[AttributionKey(kind: row["kind"], industry: row["industry"], region: row["region"])] = row["n"]
            }
            return groups
        }
    }
}

/// What a quote's attribution may show of who said it, as a key for counting who else shares it.
public struct AttributionKey: Hashable, Sendable {
    public var kind: String
    public var industry: String?
    public var region: String?

    public init(kind: String, industry: String?, region: String?) {
        self.kind = kind
        self.industry = industry
        self.region = region
    }
}
