import KikitoriCore
import Foundation
import GRDB

// Row types of the store. They mirror the tables; the public models live in `Hearing/`.

package struct SnapshotRecord: Codable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "questionnaire_snapshot"
    package var reference: String
    package var questionnaire_id: String
    package var version: Int
    package var fingerprint: String
    package var canonical_json: String
    package var stored_at: Date
}

package struct RespondentRecord: Codable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "respondent"
    package var id: String
    package var kind: String
    package var organisation: String
    package var organisation_key: String
    package var person_name: String?
    package var person_role: String?
    package var industry: String?
    package var municipality: String?
    package var region: String?
    package var created_at: Date

    package init(_ respondent: Respondent) {
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

    package var model: Respondent? {
        guard let uuid = UUID(uuidString: id), let kind = RespondentKind(rawValue: kind) else { return nil }
        return Respondent(
            id: uuid, kind: kind, organisation: organisation, personName: person_name, personRole: person_role,
            industry: industry, municipality: municipality, region: region, createdAt: created_at)
    }
}

package struct HearingRecord: Codable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "hearing"
    package var id: String
    package var respondent_id: String
    package var questionnaire: String
    package var interviewer: String
    package var place: String?
    package var started_at: Date
    package var ended_at: Date?
    package var status: String
    package var consent: String
    package var language: String
    package var notes: String?

    package init(_ hearing: Hearing) {
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

    package var model: Hearing? {
        guard let uuid = UUID(uuidString: id), let respondent = UUID(uuidString: respondent_id),
            let status = HearingStatus(rawValue: status), let consent = ConsentLevel(rawValue: consent)
        else { return nil }
        return Hearing(
            id: uuid, respondentID: respondent, questionnaire: questionnaire, interviewer: interviewer, place: place,
            startedAt: started_at, endedAt: ended_at, status: status, consent: consent,
            language: Language(rawValue: language) ?? .ja, notes: notes)
    }
}

package struct AnswerEventRecord: Codable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "answer_event"
    package var id: String
    package var hearing_id: String
    package var sequence: Int
    package var question_id: String?
    package var kind: String
    package var value_code: String?
    package var value_text: String?
    package var previous_code: String?
    package var previous_text: String?
    package var reason: String?
    package var shown_at: Date?
    package var recorded_at: Date

    package init(_ event: AnswerEvent) {
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
    package func model(in questionnaire: Questionnaire) -> AnswerEvent? {
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
package enum OrganisationKey {
    package static func make(_ name: String) -> String {
        var key = name.precomposedStringWithCompatibilityMapping.lowercased()
        for noise in ["株式会社", "(株)", "有限会社", "(有)", "合同会社", "一般社団法人", "公益社団法人", "co.,ltd.", "co., ltd.", "inc.", "ltd."] {
            key = key.replacingOccurrences(of: noise, with: "")
        }
        return key.filter { !$0.isWhitespace && $0 != "・" && $0 != "." && $0 != "," }
    }
}
