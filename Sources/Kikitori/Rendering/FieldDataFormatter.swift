import KikitoriCore
import KikitoriStore
import Foundation

/// What merge, conflicts and respondent linking print: counts per source, conflicts side by side,
/// and the respondents that may be one organisation.
public struct FieldDataFormatter {
    public let language: Language
    private var ja: Bool { language == .ja }

    public init(language: Language) {
        self.language = language
    }

    public func merge(_ report: HearingStore.MergeReport) -> String {
        var table = TextTable(
            headers: ja
                ? ["取り込み元", "回答者", "ヒアリング", "更新", "回答記録", "タグ", "食い違い", "調査票"]
                : ["source", "respondents", "hearings", "updated", "events", "tags", "conflicts", "questionnaires"],
            alignments: [.left] + Array(repeating: .right, count: 7))
        for source in report.sources {
            table.append([
                source.path, String(source.respondents), String(source.hearings), String(source.hearingsUpdated), String(source.events),
                String(source.tags), String(source.conflicts), String(source.questionnaires),
            ])
        }
        var lines = [report.dryRun
            ? (ja ? "試行（何も書き込んでいません）:" : "Dry run (nothing written):")
            : (ja ? "取り込みました:" : "Merged:")]
        lines.append(table.render().trimmingCharacters(in: .newlines))
        if report.sources.allSatisfy(\.isEmpty) {
            lines.append(ja ? "新しいものはありません（すべて取り込み済み）。" : "Nothing new: everything was already here.")
        }
        if report.openConflicts > 0 {
            lines.append(ja
                ? "未解決の食い違いが \(report.openConflicts) 件あります。kikitori conflicts で確認してください。"
                : "\(report.openConflicts) unresolved conflict\(report.openConflicts == 1 ? "" : "s"): see kikitori conflicts.")
        }
        if !report.possibleDuplicates.isEmpty {
            lines.append(ja
                ? "同じ団体かもしれない回答者が \(report.possibleDuplicates.count) 組あります。kikitori respondents duplicates で確認し、同じなら link してください。"
                : "\(report.possibleDuplicates.count) pair\(report.possibleDuplicates.count == 1 ? "" : "s") of respondents may be one organisation: see kikitori respondents duplicates, and link them if so.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Each conflict with both answers, numbered 1 and 2 for `conflicts resolve --keep`.
    public func conflicts(_ conflicts: [AnswerConflict], questionnaires: [String: Questionnaire]) -> String {
        guard !conflicts.isEmpty else { return ja ? "未解決の食い違いはありません。\n" : "No unresolved conflicts.\n" }
        var lines: [String] = []
        for conflict in conflicts {
            let questionnaire = questionnaires[conflict.questionnaire]
            let question = questionnaire?.question(conflict.questionID)
            let label = question.map { $0.label.text(language, fallback: questionnaire?.defaultLanguage) } ?? ""
            lines.append("\(conflict.hearingID.prefix(8))  \(conflict.organisation)  \(conflict.questionID)  \(DisplayWidth.truncate(label, to: 40))"
                + (conflict.resolvedBy == nil ? "" : (ja ? "（解決済み）" : " (resolved)")))
            for (index, side) in conflict.sides.enumerated() {
                lines.append("  \(index + 1). \(describe(side, question: question, in: questionnaire))  [\(JapanTime.timestamp(side.recordedAt))]")
            }
            lines.append("")
        }
        lines.append(ja
            ? "解決するには: kikitori conflicts resolve <ヒアリング> <質問> --keep 1（または --value \"回答\"）"
            : "To resolve: kikitori conflicts resolve <hearing> <question> --keep 1 (or --value \"answer\")")
        return lines.joined(separator: "\n") + "\n"
    }

    public func duplicates(_ pairs: [RespondentPair]) -> String {
        guard !pairs.isEmpty else { return ja ? "同じ団体と思われる未リンクの回答者はいません。\n" : "No unlinked respondents look like the same organisation.\n" }
        var table = TextTable(headers: ja ? ["回答者 1", "回答者 2", "種別", "団体", "担当者"] : ["respondent 1", "respondent 2", "kind", "organisation", "person"])
        for pair in pairs {
            let people = Set([pair.first.personName, pair.second.personName].compactMap { $0 }).sorted().joined(separator: " / ")
            table.append([
                String(pair.first.id.uuidString.lowercased().prefix(8)), String(pair.second.id.uuidString.lowercased().prefix(8)),
                Phrase.respondentKindOne(pair.first.kind).text(language),
                pair.first.organisation == pair.second.organisation ? pair.first.organisation : "\(pair.first.organisation) / \(pair.second.organisation)",
                people,
            ])
        }
        return table.render() + (ja
            ? "同じなら: kikitori respondents link <回答者 2> <回答者 1>、別の団体なら: kikitori respondents distinct <回答者 1> <回答者 2>\n"
            : "If they are one: kikitori respondents link <respondent 2> <respondent 1>; if not: kikitori respondents distinct <respondent 1> <respondent 2>\n")
    }

    private func describe(_ side: AnswerConflict.Side, question: Question?, in questionnaire: Questionnaire?) -> String {
        switch side.kind {
        case .dontKnow: return ja ? "わからない" : "don't know"
        case .refused: return ja ? "回答拒否" : "refused"
        case .skipped: return ja ? "（飛ばした）" : "(skipped)"
        default:
            if let question, let questionnaire, let value = AnswerValue(type: question.type, code: side.code, text: side.text) {
                return AnswerFormatter(questionnaire: questionnaire, language: language).text(value, for: question)
            }
            return [side.code, side.text].compactMap { $0 }.joined(separator: " ")
        }
    }
}
