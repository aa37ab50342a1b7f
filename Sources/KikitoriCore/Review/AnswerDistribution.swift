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
    /// A repeat group's question read over all its instances (`data_format[3]`, `[7]`…): their ids.
    public var pooledInstances: [String] = []
    public var dontKnowHidden = false
    public var refusedHidden = false
    /// The title of the section that asks the question (latest version), for headings.
    public var section: String?
    /// When the wording changed between versions: each wording with the versions that used it.
    /// The counts are pooled; an output must say so.
    public var wordings: [Wording] = []
    /// Scale, integer and decimal questions: n, mean, median and range of the answers.
    public var summary: NumericSummary?
    /// A scale's end labels, for reading its numbers.
    public var scaleLabels: (min: String?, max: String?) = (nil, nil)
    /// Integer and decimal questions: how many answers fall in each of a few equal bins.
    public var histogram: [(lower: Double, upper: Double, count: Int)] = []

    public struct Wording: Sendable, Equatable {
        public var label: String
        public var versions: [String]
    }

    public struct NumericSummary: Sendable, Equatable {
        public var n: Int
        public var mean: Double
        public var median: Double
        public var minimum: Double
        public var maximum: Double
        /// A public output must not show it (fewer answers than the small-cell threshold).
        public var hidden = false

        /// From values with their counts.
        public init?(_ values: [(value: Double, count: Int)]) {
            let sorted = values.filter { $0.count > 0 }.sorted { $0.value < $1.value }
            let n = sorted.reduce(0) { $0 + $1.count }
            guard n > 0, let first = sorted.first, let last = sorted.last else { return nil }
            self.n = n
            mean = sorted.reduce(0) { $0 + $1.value * Double($1.count) } / Double(n)
            minimum = first.value
            maximum = last.value
            // The middle value, or the mean of the two middle ones.
            func at(_ position: Int) -> Double {
                var seen = 0
                for item in sorted {
                    seen += item.count
                    if seen > position { return item.value }
                }
                return last.value
            }
            median = n % 2 == 1 ? at(n / 2) : (at(n / 2 - 1) + at(n / 2)) / 2
        }
    }
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
            case "answered", "changed", "calculated":
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
        result.section = latest.sections.first { $0.questions.contains { $0.id == question } }?
            .title.text(language, fallback: latest.defaultLanguage)
        var wordings: [Wording] = []
        for reference in references {
            guard let questionnaire = snapshots[reference], let asked = questionnaire.question(question) else { continue }
            let label = asked.label.text(language, fallback: questionnaire.defaultLanguage)
            if let index = wordings.firstIndex(where: { $0.label == label }) {
                wordings[index].versions.append(reference)
            } else {
                wordings.append(Wording(label: label, versions: [reference]))
            }
        }
        result.wordings = wordings.count > 1 ? wordings : []
        // A calculation of numbers is summarised like a number question.
        let numeric = [.scale, .integer, .decimal].contains(definition.type)
            || (definition.type == .calculate && !counts.isEmpty && counts.keys.allSatisfy { Double($0) != nil })
        if numeric {
            let values = counts.compactMap { code, count in Double(code).map { (value: $0, count: count) } }
            result.summary = NumericSummary(values)
            if definition.type == .scale, let scale = definition.scale {
                result.scaleLabels = (scale.minLabel?.text(language, fallback: latest.defaultLanguage), scale.maxLabel?.text(language, fallback: latest.defaultLanguage))
            }
            if definition.type != .scale, let summary = result.summary, summary.maximum > summary.minimum {
                let bins = 6
                let width = (summary.maximum - summary.minimum) / Double(bins)
                var histogram = (0..<bins).map { (lower: summary.minimum + Double($0) * width, upper: summary.minimum + Double($0 + 1) * width, count: 0) }
                for (value, count) in values {
                    let index = min(bins - 1, Int((value - summary.minimum) / width))
                    histogram[index].count += count
                }
                result.histogram = histogram
            }
        }
        return result
    }
}
