import Foundation
import GRDB
import KikitoriCore

extension HearingStore {
    /// One question's answer in a hearing and in the hearing it follows up.
    public struct AnswerChangeRow: Sendable {
        public var hearingID: String
        public var previousHearingID: String
        public var questionnaire: String
        public var previousQuestionnaire: String
        /// `kind`, code and text of the current answer (nil: not answered).
        public var before: (kind: String, code: String?, text: String?)?
        public var after: (kind: String, code: String?, text: String?)?
    }

    /// Every follow-up hearing of `filter` (the earlier hearing under the same audience rule) with
    /// its answer to `question` and the earlier hearing's: how answers moved between rounds.
    public func answerChanges(of question: String, filter: ReviewFilter) throws(StoreError) -> [AnswerChangeRow] {
        let conditions = filter.conditions
        let earlierShown: SQL = filter.audience == .public ? "p.consent != 'internal_only'" : "1 = 1"
        return try read { db in
            try SQLRequest<Row>(literal: """
                SELECT h.id, p.id, h.questionnaire, p.questionnaire, cb.kind, eb.value_code, eb.value_text, ca.kind, ea.value_code, ea.value_text
                FROM hearing h JOIN hearing p ON p.id = h.previous_hearing_id JOIN respondent r ON r.id = h.respondent_id
                LEFT JOIN current_answer cb ON cb.hearing_id = p.id AND cb.question_id = \(question)
                LEFT JOIN answer_event eb ON eb.number = cb.event
                LEFT JOIN current_answer ca ON ca.hearing_id = h.id AND ca.question_id = \(question)
                LEFT JOIN answer_event ea ON ea.number = ca.event
                WHERE \(conditions) AND \(earlierShown) AND (cb.kind IS NOT NULL OR ca.kind IS NOT NULL)
                ORDER BY h.started_at, h.id
                """).fetchAll(db).map { row in
                AnswerChangeRow(
                    hearingID: row[0], previousHearingID: row[1], questionnaire: row[2], previousQuestionnaire: row[3],
                    before: (row[4] as String?).map { ($0, row[5], row[6]) }, after: (row[7] as String?).map { ($0, row[8], row[9]) })
            }
        }
    }
}
