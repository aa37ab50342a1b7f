import KikitoriCore
import Foundation
import GRDB

/// The answers to one question across every version that asks it.
public struct AnswerDistribution: Sendable {
    public struct Row: Sendable, Equatable {
        public var value: String
        public var label: String
        public var count: Int
        /// Versions whose choice list has this value; empty when every version does.
        public var onlyIn: [String]
        /// A public output must not show this count (``DisclosureControl``).
        public var hidden = false
    }

    public var question: String
    public var label: String
    public var type: QuestionType
    public var versions: [String]
    /// Choice, yes/no and scale questions: counts per value, in list order.
    public var rows: [Row]
    /// Answers counted (a multiple choice answer counts once).
    public var answered: Int
    public var dontKnow: Int
    public var refused: Int
    /// Text questions: the answers.
    public var texts: [String]
    /// Don't-know and refused counts a public output must not show.
    public var dontKnowHidden = false
    public var refusedHidden = false
}

extension HearingStore {
    /// Counts of each value of `question` across the versions of each questionnaire that asks it
    /// (one distribution per questionnaire id: the same id in two questionnaires is two questions).
    public func distributions(of question: String, language: Language, words: ChoiceWords, filter: ReviewFilter = ReviewFilter())
        throws(StoreError) -> [AnswerDistribution]
    {
        let (conditions, arguments) = filter.conditions
        let ids = try read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT substr(h.questionnaire, 1, instr(h.questionnaire, '@') - 1) FROM current_answer c
                    JOIN hearing h ON h.id = c.hearing_id WHERE c.question_id = ? AND \(conditions) ORDER BY 1
                    """, arguments: StatementArguments([question] + arguments))
        }
        guard !ids.isEmpty else { throw .unknownAnswer(question) }
        var result: [AnswerDistribution] = []
        for id in ids {
            var narrowed = filter
            if !(narrowed.questionnaire ?? "").contains("@") { narrowed.questionnaire = id }
            if let distribution = try distribution(of: question, language: language, words: words, filter: narrowed) {
                result.append(distribution)
            }
        }
        return result
    }

    /// Counts of each value of `question` across versions (of one questionnaire, by `filter`), or its text answers.
    /// Nil when no hearing in `filter` answered it.
    package func distribution(of question: String, language: Language, words: ChoiceWords, filter: ReviewFilter) throws(StoreError) -> AnswerDistribution? {
        try distributions(of: [question], language: language, words: words, filter: filter, withTexts: true).first
    }

    /// Several questions of one questionnaire in one aggregating query (GROUP BY question, status and
    /// code), for the report; text answers are listed only when `withTexts`.
    public func distributions(of questions: [String], language: Language, words: ChoiceWords, filter: ReviewFilter, withTexts: Bool = false)
        throws(StoreError) -> [AnswerDistribution]
    {
        guard !questions.isEmpty else { return [] }
        let (conditions, arguments) = filter.conditions
        let placeholders = Array(repeating: "?", count: questions.count).joined(separator: ", ")
        let rows = try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT h.questionnaire, c.question_id, c.kind, e.value_code, COUNT(*) FROM current_answer c
                    JOIN answer_event e ON e.id = c.event_id JOIN hearing h ON h.id = c.hearing_id
                    WHERE c.question_id IN (\(placeholders)) AND \(conditions)
                    GROUP BY 1, 2, 3, 4
                    """, arguments: StatementArguments(questions + arguments))
        }
        var result: [AnswerDistribution] = []
        for question in questions {
            let mine = rows.filter { ($0[1] as String) == question }
            let texts = withTexts ? try self.texts(of: question, filter: filter) : []
            if let distribution = try build(question, rows: mine, texts: texts, language: language, words: words) {
                result.append(distribution)
            }
        }
        return result
    }

    private func texts(of question: String, filter: ReviewFilter) throws(StoreError) -> [String] {
        let (conditions, arguments) = filter.conditions
        return try read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT e.value_text FROM current_answer c JOIN answer_event e ON e.id = c.event_id
                    JOIN hearing h ON h.id = c.hearing_id
                    WHERE c.question_id = ? AND c.kind IN ('answered', 'changed') AND e.value_text IS NOT NULL AND \(conditions)
                    ORDER BY h.started_at
                    """, arguments: StatementArguments([question] + arguments))
        }
    }

    /// `id@2` before `id@10`.
    package static func versionOrder(_ a: String, _ b: String) -> Bool {
        let left = a.split(separator: "@")
        let right = b.split(separator: "@")
        let leftID = String(left.first ?? "")
        let rightID = String(right.first ?? "")
        if leftID != rightID { return leftID < rightID }
        let leftVersion = Int(left.last ?? "") ?? 0
        let rightVersion = Int(right.last ?? "") ?? 0
        return leftVersion < rightVersion
    }

    /// Rows are (questionnaire, question, status, code, count).
    private func build(_ question: String, rows: [Row], texts: [String], language: Language, words: ChoiceWords) throws(StoreError)
        -> AnswerDistribution?
    {
        let references = Array(Set(rows.map { $0[0] as String })).sorted(by: Self.versionOrder)
        var snapshots: [String: Questionnaire] = [:]
        for reference in references { snapshots[reference] = try snapshot(reference) }
        guard let latest = references.last.flatMap({ snapshots[$0] }), let definition = latest.question(question) else {
            return nil
        }
        var order: [(value: String, label: String)] = []
        var presence: [String: [String]] = [:]
        for reference in references {
            guard let questionnaire = snapshots[reference], let asked = questionnaire.question(question) else { continue }
            var values: [(String, String)] = []
            switch asked.type {
            case .yesNo: values = [("yes", words.yes), ("no", words.no)]
            case .scale:
                let scale = asked.scale ?? Scale(min: 1, max: 5)
                values = (scale.min...scale.max).map { (String($0), String($0)) }
            default:
                values = (questionnaire.choices(for: asked) ?? []).map { ($0.value, $0.label.text(language, fallback: questionnaire.defaultLanguage)) }
                if asked.allowOther { values.append((AnswerValue.otherCode, words.other)) }
            }
            for (value, label) in values {
                presence[value, default: []].append(reference)
                if !order.contains(where: { $0.value == value }) { order.append((value, label)) }
            }
        }
        var counts: [String: Int] = [:]
        var result = AnswerDistribution(
            question: question, label: definition.label.text(language, fallback: latest.defaultLanguage),
            type: definition.type, versions: references, rows: [], answered: 0, dontKnow: 0, refused: 0, texts: texts)
        for row in rows {
            let count: Int = row[4]
            switch row[2] as String {
            case "dont_know": result.dontKnow += count
            case "refused": result.refused += count
            case "answered", "changed":
                result.answered += count
                if definition.type != .text, let code = row[3] as String? {
                    // A multiple choice code "a b" counts once for each value it holds.
                    for value in code.split(separator: " ") { counts[String(value), default: 0] += count }
                }
            default: break
            }
        }
        result.rows = order.map { item in
            let versions = presence[item.value] ?? []
            return AnswerDistribution.Row(
                value: item.value, label: item.label, count: counts[item.value] ?? 0,
                onlyIn: versions.count == references.count ? [] : versions)
        }
        return result
    }
}
