import KikitoriCore
import KikitoriStore
import Foundation

/// The summary of a tagging run, and of a dry run's additions and removals per theme.
public struct TagReportFormatter {
    public let report: TagReport
    public let language: Language

    public init(report: TagReport, language: Language) {
        self.report = report
        self.language = language
    }

    public func render() -> String {
        var lines: [String] = []
        let scope = (report.full ? ReviewPhrase.tagScopeAll : .tagScopeNew).text(language)
        lines.append(ReviewPhrase.tagSummary(
            dryRun: report.dryRun, codebook: report.codebook, scope: scope, scanned: report.answersScanned, text: report.textAnswers,
            seconds: String(format: "%.2f", report.seconds)).text(language))
        let themes = Set(report.added.keys).union(report.removed.keys).sorted()
        if !themes.isEmpty {
            var table = TextTable(headers: [ReviewPhrase.columnTheme.text(language), "+", "-"], alignments: [.left, .right, .right])
            for theme in themes {
                table.append([theme, String(report.added[theme] ?? 0), String(report.removed[theme] ?? 0)])
            }
            lines.append(table.render().trimmingCharacters(in: .newlines))
        }
        if report.dryRun {
            for theme in themes {
                for text in report.addedExamples[theme] ?? [] { lines.append("  + \(theme): \(DisplayWidth.truncate(text, to: 70))") }
                for text in report.removedExamples[theme] ?? [] { lines.append("  - \(theme): \(DisplayWidth.truncate(text, to: 70))") }
            }
        }
        let share = String(format: "%.1f", report.untaggedShare * 100)
        lines.append(ReviewPhrase.untagged(count: report.untaggedTextAnswers, total: report.totalTextAnswers, share: share).text(language))
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Precision, recall and F1 per theme, with micro and macro averages.
extension TagReportFormatter {
    /// What `tag suggest` did, theme by theme.
    public static func suggestions(_ report: SuggestionReport, language: Language) -> String {
        var lines = [
            ReviewPhrase.suggestSummary(
                files: report.fileExamples, decisions: report.decisionExamples, answers: report.textAnswers,
                fingerprint: String(report.model.trainingFingerprint.prefix(12)), threshold: String(format: "%.3f", report.model.threshold)
            ).text(language),
            ReviewPhrase.modelFeatures(lemmas: report.model.usesLemmas).text(language),
        ]
        var table = TextTable(headers: [ReviewPhrase.columnTheme.text(language), ReviewPhrase.columnCount.text(language)], alignments: [.left, .right])
        for theme in report.model.themes.map(\.theme) { table.append([theme, String(report.suggested[theme] ?? 0)]) }
        lines.append(table.render())
        lines.append(ReviewPhrase.suggestNext.text(language))
        return lines.joined(separator: "\n") + "\n"
    }
}

extension TagReportFormatter {
    /// `tag gaps`: the share of text answers no theme covers, and what they share.
    public static func gaps(_ gaps: CodebookGaps, language: Language, width: Int = 80) -> String {
        let share = gaps.total == 0 ? "0" : String(format: "%.0f", 100 * Double(gaps.untagged) / Double(gaps.total))
        var text = ReviewPhrase.untagged(count: gaps.untagged, total: gaps.total, share: share).text(language) + "\n"
        guard !gaps.groups.isEmpty else { return text }
        if !gaps.byWords { text += ReviewPhrase.gapsByCharacters.text(language) + "\n" }
        let first = gaps.byWords ? ExplorePhrase.columnWord.text(language) : ReviewPhrase.columnPhrase.text(language)
        var table = TextTable(
            headers: [first, ReviewPhrase.columnCount.text(language), ReviewPhrase.columnExample.text(language)], alignments: [.left, .right, .left])
        for group in gaps.groups {
            table.append([group.phrase, String(group.answers), group.examples.first.map { $0.replacingOccurrences(of: "\n", with: " ") } ?? ""])
        }
        text += table.render(maxWidth: width, shrinkable: [2])
        return text
    }
}

public struct TagEvaluationFormatter {
    public let evaluation: TagEvaluation
    public let language: Language

    public init(evaluation: TagEvaluation, language: Language) {
        self.evaluation = evaluation
        self.language = language
    }

    public func render(misses: Bool) -> String {
        let format = { (value: Double) in String(format: "%.2f", value) }
        var table = TextTable(
            headers: [ReviewPhrase.columnTheme.text(language), "TP", "FP", "FN", "precision", "recall", "F1"],
            alignments: [.left, .right, .right, .right, .right, .right, .right])
        for theme in evaluation.themes.keys.sorted() {
            guard let scores = evaluation.themes[theme] else { continue }
            table.append([
                theme, String(scores.truePositives), String(scores.falsePositives), String(scores.falseNegatives),
                format(scores.precision), format(scores.recall), format(scores.f1),
            ])
        }
        let micro = evaluation.micro
        table.append([
            "micro", String(micro.truePositives), String(micro.falsePositives), String(micro.falseNegatives),
            format(micro.precision), format(micro.recall), format(micro.f1),
        ])
        let macro = evaluation.macro
        table.append(["macro", "", "", "", format(macro.precision), format(macro.recall), format(macro.f1)])
        var text = ReviewPhrase.statements(evaluation.statements).text(language) + "\n" + table.render()
        if misses {
            for miss in evaluation.misses {
                text += "\(miss.falsePositive ? "FP" : "FN")  \(miss.id)  \(miss.theme)  \(miss.text)\n"
            }
        }
        return text
    }

    /// Rules, suggestions and both on the same statements; with `misses`, which layer missed what.
    public static func layers(
        _ layers: (rules: TagEvaluation, suggestions: TagEvaluation, both: TagEvaluation), model: SuggestionModel, language: Language,
        misses: Bool
    ) -> String {
        var text = ReviewPhrase.modelTrained(
            examples: (model.themes.first.map { $0.positives + $0.negatives }) ?? 0, fingerprint: String(model.trainingFingerprint.prefix(12)),
            threshold: model.threshold
        ).text(language) + "\n" + ReviewPhrase.modelFeatures(lemmas: model.usesLemmas).text(language) + "\n"
        for (name, evaluation) in [(ReviewPhrase.layerRules, layers.rules), (.layerSuggestions, layers.suggestions), (.layerBoth, layers.both)] {
            text += "\n" + name.text(language) + "\n" + TagEvaluationFormatter(evaluation: evaluation, language: language).render(misses: false)
        }
        if misses {
            // Which layer missed what: a statement's theme missed by both, or found by only one.
            let key = { (miss: TagEvaluation.Miss) in "\(miss.id) \(miss.theme) \(miss.falsePositive)" }
            let byRules = Set(layers.rules.misses.map(key)), bySuggestions = Set(layers.suggestions.misses.map(key))
            var listed = Set<String>()
            for miss in (layers.rules.misses + layers.suggestions.misses).sorted(by: { ($0.id, $0.theme) < ($1.id, $1.theme) })
            where listed.insert(key(miss)).inserted {
                let layer = byRules.contains(key(miss)) && bySuggestions.contains(key(miss))
                    ? ReviewPhrase.layerBoth : byRules.contains(key(miss)) ? .layerRules : .layerSuggestions
                text += "\(miss.falsePositive ? "FP" : "FN")  \(layer.text(language))  \(miss.id)  \(miss.theme)  \(miss.text)\n"
            }
        }
        return text
    }
}
