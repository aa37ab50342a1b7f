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
                       a.id AS a_id, a.kind AS a_kind, a.value_code AS a_code, a.value_text AS a_text, a.recorded_at AS a_at,
                       b.id AS b_id, b.kind AS b_kind, b.value_code AS b_code, b.value_text AS b_text, b.recorded_at AS b_at
                FROM answer_conflict c
                JOIN hearing h ON h.id = c.hearing_id JOIN respondent r ON r.id = h.respondent_id
                JOIN answer_event a ON a.id = c.first_event JOIN answer_event b ON b.id = c.second_event
                \(includeResolved ? "" : "WHERE c.resolved_by IS NULL")
                ORDER BY h.started_at, c.hearing_id, c.question_id, a.recorded_at
                """)
            return rows.map { row in
                let side = { (prefix: String) in
                    AnswerConflict.Side(
                        eventID: row[prefix + "_id"], kind: AnswerEvent.Kind(rawValue: row[prefix + "_kind"]) ?? .answered,
                        code: row[prefix + "_code"], text: row[prefix + "_text"], recordedAt: row[prefix + "_at"])
                }
                // Earlier answer first, as people read a history.
                let sides = [side("a"), side("b")].sorted { $0.recordedAt < $1.recordedAt }
                return AnswerConflict(
                    hearingID: row["hearing_id"], questionnaire: row["questionnaire"], organisation: row["organisation"],
                    questionID: row["question_id"], sides: sides, detectedAt: row["detected_at"], resolvedBy: row["resolved_by"])
            }
        }
    }

    /// Settles every open conflict on one answer by appending an event with the chosen state; the
    /// conflicting events stay in the log. Returns the new event.
    @discardableResult
    public func resolveConflict(
        hearing hearingID: UUID, question questionID: String, with state: AnswerState, reason: String, at date: Date = Date()
    ) throws(StoreError) -> AnswerEvent {
        let hearingKey = hearingID.storageKey
        let hearing = try self.hearing(hearingID)
        let questionnaire = try snapshot(hearing.questionnaire)
        return try write { db in
            let open = try SQLRequest<Int>("""
                SELECT COUNT(*) FROM answer_conflict WHERE hearing_id = \(hearingKey) AND question_id = \(questionID) AND resolved_by IS NULL
                """).fetchOne(db) ?? 0
            guard open > 0 else { throw StoreError.unknownConflict(hearing: String(hearingKey.prefix(8)), question: questionID) }
            let current = try SQLRequest<AnswerEventRecord>("""
                SELECT e.* FROM current_answer c JOIN answer_event e ON e.number = c.event
                WHERE c.hearing_id = \(hearingKey) AND c.question_id = \(questionID)
                """).fetchOne(db)?.model(in: questionnaire)
            var event = AnswerEvent.recording(
                state, previous: current.flatMap { AnswerState.current(from: [$0])[questionID] }, hearing: hearingID, question: questionID)
            event.reason = reason
            event.recordedAt = date
            event = try Self.append(event, in: db)
            try db.execute(literal: """
                UPDATE answer_conflict SET resolved_by = \(id: event.id)
                WHERE hearing_id = \(hearingKey) AND question_id = \(questionID) AND resolved_by IS NULL
                """)
            // The settled answer's calculations, worked out again in the same transaction.
            if questionnaire.questions.contains(where: { $0.type == .calculate }) {
                let events = try AnswerEventRecord.filter(AnswerEventRecord.Columns.hearingID == hearingKey)
                    .order(AnswerEventRecord.Columns.sequence, AnswerEventRecord.Columns.id).fetchAll(db).compactMap { $0.model(in: questionnaire) }
                var engine = InterviewEngine(questionnaire: questionnaire, states: AnswerState.current(from: events))
                for var calculated in engine.recalculate(hearing: hearingID) {
                    calculated.recordedAt = date
                    _ = try Self.append(calculated, in: db)
                }
            }
            return event
        }
    }

    /// The state an event left its question in, typed by the hearing's questionnaire: for keeping one side.
    public func state(ofEvent eventID: String, in questionnaire: Questionnaire) throws(StoreError) -> AnswerState? {
        let record = try read { db in try AnswerEventRecord.filter(AnswerEventRecord.Columns.id == eventID).fetchOne(db) }
        guard let event = record?.model(in: questionnaire) else { return nil }
        return AnswerState.current(from: [event])[event.questionID ?? ""]
    }
}
