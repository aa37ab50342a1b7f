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
                        FROM hearing h WHERE h.respondent_id = r.id)
                FROM respondent r ORDER BY r.created_at, r.id
                """).map { row in
                let rank: Int? = row[5]
                return RespondentIdentity(
                    id: row[0], kind: RespondentKind(rawValue: row[1]) ?? .other, organisation: row[2], person: row[3],
                    municipality: row[4],
                    strictestConsent: rank.map { [ConsentLevel.publicNamed, .publicAnonymous, .internalOnly][min(2, max(0, $0))] })
            }
        }
    }

    /// Extra words to mask, with the hearing that asked for each.
    public func maskTerms() throws(StoreError) -> [(hearing: String, term: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT hearing_id, term FROM mask_term ORDER BY added_at, hearing_id, term").map { ($0[0], $0[1]) }
        }
    }

    /// Adds `term` to what public outputs mask for `hearing`. Returns false when it was there already.
    @discardableResult
    public func addMaskTerm(_ term: String, hearing: UUID, at date: Date = Date()) throws(StoreError) -> Bool {
        let id = hearing.uuidString.lowercased()
        return try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM hearing WHERE id = ?)", arguments: [id]) == true else {
                throw StoreError.unknownHearing(id)
            }
            try db.execute(sql: "INSERT OR IGNORE INTO mask_term (hearing_id, term, added_at) VALUES (?, ?, ?)", arguments: [id, term, date])
            return db.changesCount > 0
        }
    }

    /// Records a new consent for `hearing` as an event and makes it the hearing's consent.
    public func changeConsent(hearing: UUID, to consent: ConsentLevel, reason: String, at date: Date = Date()) throws(StoreError) -> ConsentChange {
        let id = hearing.uuidString.lowercased()
        return try write { db in
            guard let previous = try String.fetchOne(db, sql: "SELECT consent FROM hearing WHERE id = ?", arguments: [id]) else {
                throw StoreError.unknownHearing(id)
            }
            try db.execute(
                sql: "INSERT INTO consent_event (id, hearing_id, consent, previous, reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [UUID().uuidString.lowercased(), id, consent.rawValue, previous, reason, date])
            try db.execute(sql: "UPDATE hearing SET consent = ? WHERE id = ?", arguments: [consent.rawValue, id])
            return ConsentChange(
                hearingID: id, consent: consent, previous: ConsentLevel(rawValue: previous) ?? .internalOnly, reason: reason, recordedAt: date)
        }
    }

    /// Every consent change of `hearing`, oldest first.
    public func consentHistory(hearing: UUID) throws(StoreError) -> [ConsentChange] {
        let id = hearing.uuidString.lowercased()
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT consent, previous, reason, recorded_at FROM consent_event WHERE hearing_id = ? ORDER BY recorded_at, id
                """, arguments: [id]).map { row in
                ConsentChange(
                    hearingID: id, consent: ConsentLevel(rawValue: row[0]) ?? .internalOnly,
                    previous: ConsentLevel(rawValue: row[1]) ?? .internalOnly, reason: row[2], recordedAt: row[3])
            }
        }
    }

    /// Respondents (linked ones counted once) per kind, industry and region among the hearings of
    /// `filter`: how many share what a quote's attribution would show.
    public func attributionGroups(filter: ReviewFilter) throws(StoreError) -> [AttributionKey: Int] {
        let (conditions, arguments) = filter.conditions
        return try read { db in
            var groups: [AttributionKey: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT r.kind, r.industry, r.region, COUNT(DISTINCT COALESCE(l.same_as, r.id))
                FROM hearing h JOIN respondent r ON r.id = h.respondent_id LEFT JOIN respondent_link l ON l.respondent_id = r.id
                WHERE \(conditions) GROUP BY 1, 2, 3
                """, arguments: StatementArguments(arguments))
            {
                groups[AttributionKey(kind: row[0], industry: row[1], region: row[2])] = row[3]
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
