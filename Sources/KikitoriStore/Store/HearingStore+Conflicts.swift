import KikitoriCore
import Foundation
import GRDB

/// One question of one hearing that two databases ended with different answers.
public struct AnswerConflict: Sendable {
    /// One database's last word on the question.
    public struct Side: Sendable {
        public var eventID: String
        public var kind: AnswerEvent.Kind
        public var code: String?
        public var text: String?
        public var recordedAt: Date
    }

    public var hearingID: String
    public var questionnaire: String
    public var organisation: String
    public var questionID: String
    public var sides: [Side]
    public var detectedAt: Date
    /// The event that settled it, once a person has.
    public var resolvedBy: String?
}

extension HearingStore {
    public func conflicts(includeResolved: Bool = false) throws(StoreError) -> [AnswerConflict] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.hearing_id, h.questionnaire, r.organisation, c.question_id, c.detected_at, c.resolved_by,
                       a.id, a.kind, a.value_code, a.value_text, a.recorded_at,
                       b.id, b.kind, b.value_code, b.value_text, b.recorded_at
                FROM answer_conflict c
                JOIN hearing h ON h.id = c.hearing_id JOIN respondent r ON r.id = h.respondent_id
                JOIN answer_event a ON a.id = c.first_event JOIN answer_event b ON b.id = c.second_event
                \(includeResolved ? "" : "WHERE c.resolved_by IS NULL")
                ORDER BY h.started_at, c.hearing_id, c.question_id, a.recorded_at
                """)
            return rows.map { row in
                let side = { (offset: Int) in
                    AnswerConflict.Side(
                        eventID: row[offset], kind: AnswerEvent.Kind(rawValue: row[offset + 1]) ?? .answered, code: row[offset + 2],
                        text: row[offset + 3], recordedAt: row[offset + 4])
                }
                // Earlier answer first, as people read a history.
                let sides = [side(6), side(11)].sorted { $0.recordedAt < $1.recordedAt }
                return AnswerConflict(
                    hearingID: row[0], questionnaire: row[1], organisation: row[2], questionID: row[3], sides: sides,
                    detectedAt: row[4], resolvedBy: row[5])
            }
        }
    }

    /// Settles every open conflict on one answer by appending an event with the chosen state; the
    /// conflicting events stay in the log. Returns the new event.
    @discardableResult
    public func resolveConflict(
        hearing hearingID: UUID, question questionID: String, with state: AnswerState, reason: String, at date: Date = Date()
    ) throws(StoreError) -> AnswerEvent {
        let hearingKey = hearingID.uuidString.lowercased()
        let hearing = try self.hearing(hearingID)
        let questionnaire = try snapshot(hearing.questionnaire)
        return try write { db in
            let open = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM answer_conflict WHERE hearing_id = ? AND question_id = ? AND resolved_by IS NULL",
                arguments: [hearingKey, questionID]) ?? 0
            guard open > 0 else { throw StoreError.unknownConflict(hearing: String(hearingKey.prefix(8)), question: questionID) }
            let current = try AnswerEventRecord.fetchOne(db, sql: """
                SELECT e.* FROM current_answer c JOIN answer_event e ON e.id = c.event_id
                WHERE c.hearing_id = ? AND c.question_id = ?
                """, arguments: [hearingKey, questionID])?.model(in: questionnaire)
            var event = AnswerEvent.recording(
                state, previous: current.flatMap { AnswerState.current(from: [$0])[questionID] }, hearing: hearingID, question: questionID)
            event.reason = reason
            event.recordedAt = date
            event = try Self.append(event, in: db)
            try db.execute(
                sql: "UPDATE answer_conflict SET resolved_by = ? WHERE hearing_id = ? AND question_id = ? AND resolved_by IS NULL",
                arguments: [event.id.uuidString.lowercased(), hearingKey, questionID])
            return event
        }
    }

    /// The state an event left its question in, typed by the hearing's questionnaire: for keeping one side.
    public func state(ofEvent eventID: String, in questionnaire: Questionnaire) throws(StoreError) -> AnswerState? {
        let record = try read { db in try AnswerEventRecord.fetchOne(db, key: eventID) }
        guard let event = record?.model(in: questionnaire) else { return nil }
        return AnswerState.current(from: [event])[event.questionID ?? ""]
    }
}
