import KikitoriCore
import Foundation
import GRDB

extension HearingStore {
    /// A hearing with its respondent and answer log, written as a whole (import, synthetic data).
    public struct HearingRecordSet: Sendable {
        public var respondent: Respondent
        public var isNewRespondent: Bool
        public var hearing: Hearing
        public var events: [AnswerEvent]
        /// For an imported row, the fingerprint of its contents (see ``HearingImporter``).
        public var importFingerprint: String?

        public init(respondent: Respondent, isNewRespondent: Bool, hearing: Hearing, events: [AnswerEvent], importFingerprint: String? = nil) {
            self.respondent = respondent
            self.isNewRespondent = isNewRespondent
            self.hearing = hearing
            self.events = events
            self.importFingerprint = importFingerprint
        }
    }

    /// Writes many hearings in one transaction with prepared statements (positional arguments: this
    /// is the bulk path of import and synthetic data): all or nothing.
    public func insert(_ sets: [HearingRecordSet], snapshots: [Questionnaire]) throws(StoreError) {
        try bulkWrite { db in
            for questionnaire in snapshots { try Self.storeSnapshot(questionnaire, in: db) }
            let respondent = try db.makeStatement(sql: """
                INSERT INTO respondent (id, kind, organisation, organisation_key, person_name, person_role, industry,
                    municipality, region, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let hearing = try db.makeStatement(sql: """
                INSERT INTO hearing (id, respondent_id, questionnaire, interviewer, place, started_at, ended_at, status,
                    consent, language, notes, previous_hearing_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let event = try db.makeStatement(sql: """
                INSERT INTO answer_event (id, hearing_id, sequence, question_id, kind, value_code, value_text,
                    previous_code, previous_text, reason, shown_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let imported = try db.makeStatement(sql: "INSERT OR IGNORE INTO imported_row (fingerprint, hearing_id, imported_at) VALUES (?, ?, ?)")
            let now = Date()
            for set in sets {
                if set.isNewRespondent {
                    let r = RespondentRecord(set.respondent)
                    try respondent.execute(arguments: [
                        r.id.storageKey, r.kind, r.organisation, r.organisationKey, r.personName, r.personRole, r.industry,
                        r.municipality, r.region, r.createdAt,
                    ])
                }
                let h = HearingRecord(set.hearing)
                try hearing.execute(arguments: [
                    h.id.storageKey, h.respondentID.storageKey, h.questionnaire, h.interviewer, h.place, h.startedAt, h.endedAt, h.status,
                    h.consent, h.language, h.notes, h.previousHearingID?.storageKey,
                ])
                if let fingerprint = set.importFingerprint { try imported.execute(arguments: [fingerprint, h.id.storageKey, now]) }
                for answer in set.events {
                    let e = AnswerEventRecord(answer)
                    try event.execute(arguments: [
                        e.id.storageKey, e.hearingID.storageKey, e.sequence, e.questionID, e.kind, e.valueCode, e.valueText,
                        e.previousCode, e.previousText, e.reason, e.shownAt, e.recordedAt,
                    ])
                }
            }
        }
    }
}

extension HearingStore {
    /// Fingerprints of rows imported before → the hearing each became, and when.
    public func importedRows() throws(StoreError) -> [String: (hearing: String, at: Date)] {
        try read { db in
            var rows: [String: (hearing: String, at: Date)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT fingerprint, hearing_id, imported_at FROM imported_row") { rows[row["fingerprint"]] = (row["hearing_id"], row["imported_at"]) }
            return rows
        }
    }

    /// Every hearing id, for refusing imported rows that are already here.
    public func hearingIDs() throws(StoreError) -> Set<String> {
        Set(try read { db in try String.fetchAll(db, sql: "SELECT id FROM hearing") })
    }
}
