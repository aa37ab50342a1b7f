import KikitoriCore
import Foundation
import GRDB

extension HearingStore {
    /// Questionnaire ids (not versions) whose hearings in `filter` answered any of `questions`.
    public func questionnairesAnswering(_ questions: [String], filter: ReviewFilter) throws(StoreError) -> [String] {
        try read { db in
            try SQLRequest<String>(literal: """
                SELECT DISTINCT substr(h.questionnaire, 1, instr(h.questionnaire, '@') - 1) FROM current_answer c
                JOIN hearing h ON h.id = c.hearing_id WHERE c.question_id IN \(questions) AND \(filter.conditions) ORDER BY 1
                """).fetchAll(db)
        }
    }

    /// The instances (`data_format[3]`, `data_format[7]`…) `filter`'s hearings answered of a question
    /// asked in a repeat group, in index order.
    public func instanceIDs(of question: String, filter: ReviewFilter) throws(StoreError) -> [String] {
        let ids = try read { db in
            try SQLRequest<String>(literal: """
                SELECT DISTINCT c.question_id FROM current_answer c JOIN hearing h ON h.id = c.hearing_id
                WHERE c.question_id GLOB \(question + "[[]*]") AND \(filter.conditions)
                """).fetchAll(db)
        }
        return ids.compactMap { id in Questionnaire.splitInstanceID(id).map { (id, $0.index) } }.sorted { $0.1 < $1.1 }.map(\.0)
    }

    /// Current answers of `questions` counted by version, question, state and code in one aggregating query.
    public func answerCounts(of questions: [String], filter: ReviewFilter) throws(StoreError) -> [AnswerCount] {
        guard !questions.isEmpty else { return [] }
        return try read { db in
            try SQLRequest<Row>(literal: """
                SELECT h.questionnaire, c.question_id, c.kind, e.value_code, COUNT(*) AS n FROM current_answer c
                JOIN answer_event e ON e.number = c.event JOIN hearing h ON h.id = c.hearing_id
                WHERE c.question_id IN \(questions) AND \(filter.conditions)
                GROUP BY 1, 2, 3, 4
                """).fetchAll(db).map { row in
                AnswerCount(
                    questionnaire: row["questionnaire"], question: row["question_id"], kind: row["kind"], code: row["value_code"],
                    count: row["n"])
            }
        }
    }

    /// The current text answers of `question` in `filter`, earliest hearing first.
    public func answerTexts(of question: String, filter: ReviewFilter) throws(StoreError) -> [String] {
        try read { db in
            try SQLRequest<String>(literal: """
                SELECT e.value_text FROM current_answer c JOIN answer_event e ON e.number = c.event
                JOIN hearing h ON h.id = c.hearing_id
                WHERE c.question_id = \(question) AND c.kind IN ('answered', 'changed') AND e.value_text IS NOT NULL
                  AND \(filter.conditions)
                ORDER BY h.started_at
                """).fetchAll(db)
        }
    }
}
