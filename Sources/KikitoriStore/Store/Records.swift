import KikitoriCore
import Foundation
import GRDB

// Row types of the store, one per table, following GRDB's RecordRecommendedPractices: Swift names,
// `Columns` for queries, ids typed as UUID and stored as lowercase text (the first schema's choice,
// kept for merges and every external reference). The public models live in `KikitoriCore/Hearing/`.

extension UUID {
    /// How an id is stored and compared in SQL: lowercase text.
    package var storageKey: String { uuidString.lowercased() }
}

extension SQLInterpolation {
    /// `\(id: hearingID)` binds an id as the store keeps it (GRDB would bind a bare UUID as a blob).
    package mutating func appendInterpolation(id: UUID) { appendInterpolation(id.storageKey) }
}

/// Records whose UUID columns are lowercase text.
package protocol TextUUIDRecord: EncodableRecord {}

extension TextUUIDRecord {
    package static func databaseUUIDEncodingStrategy(for column: String) -> DatabaseUUIDEncodingStrategy { .lowercaseString }
}

package struct SnapshotRecord: Codable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "questionnaire_snapshot"
    package var reference: String
    package var questionnaireID: String
    package var version: Int
    package var fingerprint: String
    package var canonicalJSON: String
    package var storedAt: Date

    package enum CodingKeys: String, CodingKey, ColumnExpression {
        case reference, version, fingerprint
        case questionnaireID = "questionnaire_id", canonicalJSON = "canonical_json", storedAt = "stored_at"
    }
}

package struct RespondentRecord: Codable, FetchableRecord, PersistableRecord, TextUUIDRecord {
    package static let databaseTableName = "respondent"
    package var id: UUID
    package var kind: String
    package var organisation: String
    package var organisationKey: String
    package var personName: String?
    package var personRole: String?
    package var industry: String?
    package var municipality: String?
    package var region: String?
    package var createdAt: Date

    package enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, kind, organisation, industry, municipality, region
        case organisationKey = "organisation_key", personName = "person_name", personRole = "person_role"
        case createdAt = "created_at"
    }
    package typealias Columns = CodingKeys

    package init(_ respondent: Respondent) {
        id = respondent.id
        kind = respondent.kind.rawValue
        organisation = respondent.organisation
        organisationKey = OrganisationKey.make(respondent.organisation)
        personName = respondent.personName
        personRole = respondent.personRole
        industry = respondent.industry
        municipality = respondent.municipality
        region = respondent.region
        createdAt = respondent.createdAt
    }

    package var model: Respondent? {
        guard let kind = RespondentKind(rawValue: kind) else { return nil }
        return Respondent(
            id: id, kind: kind, organisation: organisation, personName: personName, personRole: personRole,
            industry: industry, municipality: municipality, region: region, createdAt: createdAt)
    }

    /// The respondent whose id starts with `prefix` (already lowercased), at most `limit`.
    package static func withIDPrefix(_ prefix: String, limit: Int) -> QueryInterfaceRequest<Self> {
        filter(Columns.id.like("\(HearingStore.escapeLike(prefix))%", escape: "\\")).limit(limit)
    }

    package static func find(_ id: UUID, _ db: Database) throws -> Self? {
        try filter(Columns.id == id.storageKey).fetchOne(db)
    }
}

package struct HearingRecord: Codable, FetchableRecord, PersistableRecord, TextUUIDRecord {
    package static let databaseTableName = "hearing"
    package var id: UUID
    package var respondentID: UUID
    package var questionnaire: String
    package var interviewer: String
    package var place: String?
    package var startedAt: Date
    package var endedAt: Date?
    package var status: String
    package var consent: String
    package var language: String
    package var notes: String?
    package var previousHearingID: UUID?

    package enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, questionnaire, interviewer, place, status, consent, language, notes
        case respondentID = "respondent_id", startedAt = "started_at", endedAt = "ended_at", previousHearingID = "previous_hearing_id"
    }
    package typealias Columns = CodingKeys

    package init(_ hearing: Hearing) {
        id = hearing.id
        respondentID = hearing.respondentID
        questionnaire = hearing.questionnaire
        interviewer = hearing.interviewer
        place = hearing.place
        startedAt = hearing.startedAt
        endedAt = hearing.endedAt
        status = hearing.status.rawValue
        consent = hearing.consent.rawValue
        language = hearing.language.rawValue
        notes = hearing.notes
        previousHearingID = hearing.previousHearingID
    }

    package var model: Hearing? {
        guard let status = HearingStatus(rawValue: status), let consent = ConsentLevel(rawValue: consent) else { return nil }
        return Hearing(
            id: id, respondentID: respondentID, questionnaire: questionnaire, interviewer: interviewer, place: place,
            startedAt: startedAt, endedAt: endedAt, status: status, consent: consent,
            language: Language(rawValue: language) ?? .ja, notes: notes, previousHearingID: previousHearingID)
    }

    package static func withIDPrefix(_ prefix: String, limit: Int) -> QueryInterfaceRequest<Self> {
        filter(Columns.id.like("\(HearingStore.escapeLike(prefix))%", escape: "\\")).limit(limit)
    }

    package static func find(_ id: UUID, _ db: Database) throws -> Self? {
        try filter(Columns.id == id.storageKey).fetchOne(db)
    }
}

package struct AnswerEventRecord: Codable, FetchableRecord, PersistableRecord, TextUUIDRecord {
    package static let databaseTableName = "answer_event"
    package var id: UUID
    package var hearingID: UUID
    package var sequence: Int
    package var questionID: String?
    package var kind: String
    package var valueCode: String?
    package var valueText: String?
    package var previousCode: String?
    package var previousText: String?
    package var reason: String?
    package var shownAt: Date?
    package var recordedAt: Date

    package enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, sequence, kind, reason
        case hearingID = "hearing_id", questionID = "question_id", valueCode = "value_code", valueText = "value_text"
        case previousCode = "previous_code", previousText = "previous_text", shownAt = "shown_at", recordedAt = "recorded_at"
    }
    package typealias Columns = CodingKeys

    package init(_ event: AnswerEvent) {
        id = event.id
        hearingID = event.hearingID
        sequence = event.sequence
        questionID = event.questionID
        kind = event.kind.rawValue
        (valueCode, valueText) = event.value?.storage ?? (nil, nil)
        (previousCode, previousText) = event.previous?.storage ?? (nil, nil)
        reason = event.reason
        shownAt = event.shownAt
        recordedAt = event.recordedAt
    }

    /// The event, with values typed by the questionnaire the hearing used.
    package func model(in questionnaire: Questionnaire) -> AnswerEvent? {
        guard let kind = AnswerEvent.Kind(rawValue: kind) else { return nil }
        let type = questionID.flatMap { questionnaire.question($0)?.type }
        let value = type.flatMap { AnswerValue(type: $0, code: valueCode, text: valueText) }
        let previous = type.flatMap { AnswerValue(type: $0, code: previousCode, text: previousText) }
        // A note's text is kept in value_text whatever the question's type.
        let noteValue = kind == .note ? valueText.map(AnswerValue.text) : nil
        return AnswerEvent(
            id: id, hearingID: hearingID, sequence: sequence, questionID: questionID, kind: kind,
            value: noteValue ?? value, previous: previous, reason: reason, shownAt: shownAt, recordedAt: recordedAt)
    }
}

/// The normalised form of an organisation's name, for spotting one respondent registered twice:
/// NFKC lower case without spaces or separators, legal forms (``CorporateForms/legal``) dropped at
/// either end, so 「株式会社 サンプル」, 「(株)サンプル」 and 「サンプル Co., Ltd.」 meet.
package enum OrganisationKey {
    private static let forms: [String] = CorporateForms.legal.map(fold).filter { !$0.isEmpty }.sorted { $0.count > $1.count }

    private static func fold(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.lowercased().filter { !$0.isWhitespace && $0 != "・" }
    }

    package static func make(_ name: String) -> String {
        var key = fold(name)
        var changed = true
        while changed {
            changed = false
            for form in forms where key.count > form.count {
                if key.hasPrefix(form) {
                    key.removeFirst(form.count)
                    changed = true
                } else if key.hasSuffix(form) {
                    key.removeLast(form.count)
                    changed = true
                }
            }
        }
        return key.filter { $0 != "." && $0 != "," }
    }
}
