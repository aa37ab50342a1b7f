import Foundation
import GRDB

// Row types of the store. They mirror the tables; the public models live in `Hearing/`.

struct SnapshotRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "questionnaire_snapshot"
    var reference: String
    var questionnaire_id: String
    var version: Int
    var fingerprint: String
    var canonical_json: String
    var stored_at: Date
}

struct RespondentRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "respondent"
    var id: String
    var kind: String
    var organisation: String
    var organisation_key: String
    var person_name: String?
    var person_role: String?
    var industry: String?
    var municipality: String?
    var region: String?
    var created_at: Date

    init(_ respondent: Respondent) {
        id = respondent.id.uuidString.lowercased()
        kind = respondent.kind.rawValue
        organisation = respondent.organisation
        organisation_key = OrganisationKey.make(respondent.organisation)
        person_name = respondent.personName
        person_role = respondent.personRole
        industry = respondent.industry
        municipality = respondent.municipality
        region = respondent.region
        created_at = respondent.createdAt
    }

    var model: Respondent? {
        guard let uuid = UUID(uuidString: id), let kind = RespondentKind(rawValue: kind) else { return nil }
        return Respondent(
            id: uuid, kind: kind, organisation: organisation, personName: person_name, personRole: person_role,
            industry: industry, municipality: municipality, region: region, createdAt: created_at)
    }
}

struct HearingRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "hearing"
    var id: String
    var respondent_id: String
    var questionnaire: String
    var interviewer: String
    var place: String?
    var started_at: Date
    var ended_at: Date?
    var status: String
    var consent: String
    var language: String
    var notes: String?

    init(_ hearing: Hearing) {
        id = hearing.id.uuidString.lowercased()
        respondent_id = hearing.respondentID.uuidString.lowercased()
        questionnaire = hearing.questionnaire
        interviewer = hearing.interviewer
        place = hearing.place
        started_at = hearing.startedAt
        ended_at = hearing.endedAt
        status = hearing.status.rawValue
        consent = hearing.consent.rawValue
        language = hearing.language.rawValue
        notes = hearing.notes
    }

    var model: Hearing? {
        guard let uuid = UUID(uuidString: id), let respondent = UUID(uuidString: respondent_id),
            let status = HearingStatus(rawValue: status), let consent = ConsentLevel(rawValue: consent)
        else { return nil }
        return Hearing(
            id: uuid, respondentID: respondent, questionnaire: questionnaire, interviewer: interviewer, place: place,
            startedAt: started_at, endedAt: ended_at, status: status, consent: consent,
            language: Language(rawValue: language) ?? .ja, notes: notes)
    }
}

struct AnswerEventRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "answer_event"
    var id: String
    var hearing_id: String
    var sequence: Int
    var question_id: String?
    var kind: String
    var value_code: String?
    var value_text: String?
    var previous_code: String?
    var previous_text: String?
    var reason: String?
    var shown_at: Date?
    var recorded_at: Date

    init(_ event: AnswerEvent) {
        id = event.id.uuidString.lowercased()
        hearing_id = event.hearingID.uuidString.lowercased()
        sequence = event.sequence
        question_id = event.questionID
        kind = event.kind.rawValue
        (value_code, value_text) = event.value?.storage ?? (nil, nil)
        (previous_code, previous_text) = event.previous?.storage ?? (nil, nil)
        reason = event.reason
        shown_at = event.shownAt
        recorded_at = event.recordedAt
    }

    /// The event, with values typed by the questionnaire the hearing used.
    func model(in questionnaire: Questionnaire) -> AnswerEvent? {
        guard let uuid = UUID(uuidString: id), let hearing = UUID(uuidString: hearing_id),
            let kind = AnswerEvent.Kind(rawValue: kind)
        else { return nil }
        let type = question_id.flatMap { questionnaire.question($0)?.type }
        let value = type.flatMap { AnswerValue(type: $0, code: value_code, text: value_text) }
        let previous = type.flatMap { AnswerValue(type: $0, code: previous_code, text: previous_text) }
        // A note's text is kept in value_text whatever the question's type.
        let noteValue = kind == .note ? value_text.map(AnswerValue.text) : nil
        return AnswerEvent(
            id: uuid, hearingID: hearing, sequence: sequence, questionID: question_id, kind: kind,
            value: noteValue ?? value, previous: previous, reason: reason, shownAt: shown_at, recordedAt: recorded_at)
    }
}

/// The normalised form of an organisation's name, for spotting one respondent registered twice.
enum OrganisationKey {
    static func make(_ name: String) -> String {
        var key = name.precomposedStringWithCompatibilityMapping.lowercased()
        for noise in ["株式会社", "(株)", "有限会社", "(有)", "合同会社", "一般社団法人", "公益社団法人", "co.,ltd.", "co., ltd.", "inc.", "ltd."] {
            key = key.replacingOccurrences(of: noise, with: "")
        }
        return key.filter { !$0.isWhitespace && $0 != "・" && $0 != "." && $0 != "," }
    }
}
