import KikitoriCore
import Foundation
import GRDB

/// The learned model's side of tagging: the text answers it reads, the decisions it learns from,
/// the models it trained and the suggestions it made. Which themes to suggest is the model's
/// decision (``SuggestionModel``); the store keeps what it is given.
extension HearingStore {
    /// A current free-text answer with the tags it carries, by theme.
    public struct TextAnswer: Sendable {
        public var eventID: String
        public var hearingID: String
        public var questionID: String
        public var text: String
        public var tags: [String: ThemeTag.State]
        /// The answer's group when asked for one (`by`): kind, region, industry…
        public var group: String?
    }

    /// Every current free-text answer (text questions and the "other" words of choices) of the
    /// hearings `filter` counts, in storage order, with its tags (unless `withTags` is false, for
    /// readers that do not look at them); one read transaction. Only the questions that can hold
    /// text are looked up in the event log.
    public func forEachTextAnswer(
        filter: ReviewFilter = ReviewFilter(status: nil, audience: .internal), by dimension: ThemeCrossTab.Dimension? = nil,
        withTags: Bool = true, _ body: (TextAnswer) throws -> Void
    ) throws {
        let conditions = filter.conditions
        let group: SQL = dimension?.sql ?? "NULL"
        try readPassingErrors { db in
            let plans = try QuestionPlans(db: db)
            var tags: [Int64: [String: ThemeTag.State]] = [:]
            if withTags {
                let tagRows = try Row.fetchCursor(db, sql: "SELECT event, theme, state FROM tag")
                while let row = try tagRows.next() {
                    if let state = ThemeTag.State(rawValue: row[2]) { tags[row[0], default: [:]][row[1]] = state }
                }
            }
            // Positional reads: one row per current answer. `+c.question_id`: walking the current
            // answers in order and skipping the other questions reads the event log in order too;
            // the question index (SQLite's choice without it) made each row a random lookup, 1.5 → 5 s
            // at a million answers.
            let rows = try SQLRequest<Row>(literal: """
                SELECT c.event_id, c.hearing_id, c.question_id, e.value_text, h.questionnaire, \(group), e.number
                FROM current_answer c JOIN answer_event e ON e.number = c.event JOIN hearing h ON h.id = c.hearing_id
                JOIN respondent r ON r.id = h.respondent_id
                WHERE c.kind IN ('answered', 'changed') AND +c.question_id IN \(plans.questionsWithText) AND e.value_text IS NOT NULL
                  AND \(conditions)
                """).fetchCursor(db)
            while let row = try rows.next() {
                let question: String = row[2]
                guard plans.plan(questionnaire: row[4], question: question)?.isText == true else { continue }
                let number: Int64 = row[6]
                try body(TextAnswer(eventID: row[0], hearingID: row[1], questionID: question, text: row[3], tags: tags[number] ?? [:], group: row[5]))
            }
        }
    }

    /// What people decided, as training examples: each answer a person coded, labelled with the
    /// themes they confirmed or added (any other theme, rejected ones included, counts against).
    public func decisionExamples() throws -> [SuggestionModel.Example] {
        var answers: [TextAnswer] = []
        try forEachTextAnswer { answers.append($0) }
        return Self.decisionExamples(answers)
    }

    /// The decision examples among `answers` already read.
    public static func decisionExamples(_ answers: [TextAnswer]) -> [SuggestionModel.Example] {
        answers.compactMap { answer in
            guard answer.tags.values.contains(where: \.isHuman) else { return nil }
            let labels = Set(answer.tags.filter { $0.value == .confirmed || $0.value == .manual }.keys)
            return SuggestionModel.Example(text: answer.text, labels: labels)
        }
    }

    /// Keeps the model with the fingerprint of what it learned from.
    public func saveModel(_ model: SuggestionModel, examples: Int, at date: Date = Date()) throws(StoreError) {
        let json = String(decoding: (try? JSONEncoder().encode(model)) ?? Data(), as: UTF8.self)
        try write { db in
            try db.execute(literal: """
                INSERT OR REPLACE INTO tag_model (fingerprint, codebook, examples, threshold, model_json, trained_at)
                VALUES (\(model.trainingFingerprint), \(model.codebook), \(examples), \(model.threshold), \(json), \(date))
                """)
        }
    }

    /// A suggestion to store: one theme on one answer, with its probability and why.
    public struct StoredSuggestion: Sendable {
        public var eventID: String
        public var hearingID: String
        public var questionID: String
        public var theme: String
        public var probability: Double
        public var features: [String]

        public init(eventID: String, hearingID: String, questionID: String, theme: String, probability: Double, features: [String]) {
            self.eventID = eventID
            self.hearingID = hearingID
            self.questionID = questionID
            self.theme = theme
            self.probability = probability
            self.features = features
        }
    }

    /// Replaces every earlier suggestion with `suggestions` in one transaction. A suggestion never
    /// replaces a tag: pairs that already carry one (a rule's, a person's) are left as they are.
    @discardableResult
    public func replaceSuggestions(_ suggestions: [StoredSuggestion], codebook: String, at date: Date = Date()) throws(StoreError) -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM tag WHERE state = 'suggested'")
            let insert = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO tag (event, theme, hearing, state, source, codebook, rule_source, updated_at, score)
                SELECT e.number, ?, h.number, 'suggested', 'model', ?, ?, ?, ?
                FROM answer_event e JOIN hearing h ON h.id = e.hearing_id WHERE e.id = ? AND h.id = ? AND e.question_id = ?
                """)
            var written = 0
            for suggestion in suggestions {
                try insert.execute(arguments: [
                    suggestion.theme, codebook, suggestion.features.joined(separator: " "), date, suggestion.probability,
                    suggestion.eventID, suggestion.hearingID, suggestion.questionID,
                ])
                written += db.changesCount
            }
            return written
        }
    }
}
