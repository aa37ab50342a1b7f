import KikitoriCore
import KikitoriStore
import Foundation

/// What merge, conflicts and respondent linking print: counts per source, conflicts side by side,
/// and the respondents that may be one organisation.
public struct FieldDataFormatter {
    public let language: Language
    private func t(_ phrase: FieldDataPhrase) -> String { phrase.text(language) }

    public init(language: Language) {
        self.language = language
    }

    public func merge(_ report: HearingStore.MergeReport) -> String {
        var table = TextTable(
            headers: t(.mergeColumns).components(separatedBy: "\t"),
            alignments: [.left] + Array(repeating: .right, count: 7))
        for source in report.sources {
            table.append([
                source.path, String(source.respondents), String(source.hearings), String(source.hearingsUpdated), String(source.events),
                String(source.tags), String(source.conflicts), String(source.questionnaires),
            ])
        }
        var lines = [report.dryRun
            ? t(.mergeDryRun)
            : t(.merged)]
        lines.append(table.render().trimmingCharacters(in: .newlines))
        if report.sources.allSatisfy(\.isEmpty) {
            lines.append(t(.nothingNew))
        }
        if report.openConflicts > 0 {
            lines.append(t(.openConflicts(report.openConflicts)))
        }
        if !report.possibleDuplicates.isEmpty {
            lines.append(t(.possibleDuplicates(report.possibleDuplicates.count)))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Each conflict with both answers, numbered 1 and 2 for `conflicts resolve --keep`.
    public func conflicts(_ conflicts: [AnswerConflict], questionnaires: [String: Questionnaire]) -> String {
        guard !conflicts.isEmpty else { return t(.noConflicts) + "\n" }
        var lines: [String] = []
        for conflict in conflicts {
            let questionnaire = questionnaires[conflict.questionnaire]
            let question = questionnaire?.question(conflict.questionID)
            let label = question.map { $0.label.text(language, fallback: questionnaire?.defaultLanguage) } ?? ""
            lines.append("\(conflict.hearingID.prefix(8))  \(conflict.organisation)  \(conflict.questionID)  \(DisplayWidth.truncate(label, to: 40))"
                + (conflict.resolvedBy == nil ? "" : t(.resolved)))
            for (index, side) in conflict.sides.enumerated() {
                lines.append("  \(index + 1). \(describe(side, question: question, in: questionnaire))  [\(JapanTime.timestamp(side.recordedAt))]")
            }
            lines.append("")
        }
        lines.append(t(.howToResolve))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The corrections just made, one line each.
    public func respondentEdits(_ edits: [RespondentEdit], respondent: String) -> String {
        guard !edits.isEmpty else { return FieldDataPhrase.respondentUnchanged(respondent).text(language) + "\n" }
        return edits.map { FieldDataPhrase.respondentEdited(respondent, field: $0.field, from: $0.previous, to: $0.value).text(language) }
            .joined(separator: "\n") + "\n"
    }

    public func duplicates(_ pairs: [RespondentPair]) -> String {
        guard !pairs.isEmpty else { return t(.noDuplicates) + "\n" }
        var table = TextTable(headers: t(.duplicateColumns).components(separatedBy: "\t"))
        for pair in pairs {
            let people = Set([pair.first.personName, pair.second.personName].compactMap { $0 }).sorted().joined(separator: " / ")
            table.append([
                String(pair.first.id.uuidString.lowercased().prefix(8)), String(pair.second.id.uuidString.lowercased().prefix(8)),
                Phrase.respondentKindOne(pair.first.kind).text(language),
                pair.first.organisation == pair.second.organisation ? pair.first.organisation : "\(pair.first.organisation) / \(pair.second.organisation)",
                people,
            ])
        }
        return table.render() + t(.howToLink) + "\n"
    }

    private func describe(_ side: AnswerConflict.Side, question: Question?, in questionnaire: Questionnaire?) -> String {
        switch side.kind {
        case .dontKnow: return ShellPhrase.dontKnow.text(language)
        case .refused: return ShellPhrase.refused.text(language)
        case .skipped: return t(.skipped)
        default:
            if let question, let questionnaire, let value = AnswerValue(type: question.type, code: side.code, text: side.text) {
                return AnswerFormatter(questionnaire: questionnaire, language: language).text(value, for: question)
            }
            return [side.code, side.text].compactMap { $0 }.joined(separator: " ")
        }
    }
}
