import Foundation

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


/// Counts of one answer state and code of one question in one questionnaire version, as the store
/// aggregates them.
public struct AnswerCount: Sendable, Equatable {
    public var questionnaire: String
    public var question: String
    public var kind: String
    public var code: String?
    public var count: Int

    public init(questionnaire: String, question: String, kind: String, code: String?, count: Int) {
        self.questionnaire = questionnaire
        self.question = question
        self.kind = kind
        self.code = code
        self.count = count
    }
}

extension AnswerDistribution {
    /// The distribution of `question` from its counts in each version, labelled in `language`.
    /// `snapshots` holds every version named in `counts`; nil when the question is in none of them.
    public static func build(
        _ question: String, counts rows: [AnswerCount], snapshots: [String: Questionnaire], texts: [String],
        language: Language, words: ChoiceWords
    ) -> AnswerDistribution? {
        let references = Array(Set(rows.map(\.questionnaire))).sorted(by: QuestionnaireRef.versionOrder)
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
            let count = row.count
            switch row.kind {
            case "dont_know": result.dontKnow += count
            case "refused": result.refused += count
            case "answered", "changed":
                result.answered += count
                if definition.type != .text, let code = row.code {
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
