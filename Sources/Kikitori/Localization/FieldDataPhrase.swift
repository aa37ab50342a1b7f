import KikitoriCore

/// What merge, conflicts and respondent linking say.
public enum FieldDataPhrase: Sendable {
    case mergeColumns, mergeDryRun, merged, nothingNew
    case openConflicts(Int), possibleDuplicates(Int)
    case noConflicts, resolved, howToResolve
    case noDuplicates, duplicateColumns, howToLink
    case skipped
    case respondentEdited(String, field: RespondentField, from: String?, to: String?), respondentUnchanged(String)

    public func text(_ language: Language) -> String {
        let ja = language == .ja
        switch self {
        case .mergeColumns:
            return ja
                ? "取り込み元\t回答者\tヒアリング\t更新\t回答記録\tタグ\t食い違い\t調査票"
                : "source\trespondents\thearings\tupdated\tevents\ttags\tconflicts\tquestionnaires"
        case .mergeDryRun: return ja ? "試行（何も書き込んでいません）:" : "Dry run (nothing written):"
        case .merged: return ja ? "取り込みました:" : "Merged:"
        case .nothingNew: return ja ? "新しいものはありません（すべて取り込み済み）。" : "Nothing new: everything was already here."
        case .openConflicts(let count):
            return ja
                ? "未解決の食い違いが \(count) 件あります。kikitori conflicts で確認してください。"
                : "\(count) unresolved conflict\(count == 1 ? "" : "s"): see kikitori conflicts."
        case .possibleDuplicates(let count):
            return ja
                ? "同じ団体かもしれない回答者が \(count) 組あります。kikitori respondents duplicates で確認し、同じなら link してください。"
                : "\(count) pair\(count == 1 ? "" : "s") of respondents may be one organisation: see kikitori respondents duplicates, and link them if so."
        case .noConflicts: return ja ? "未解決の食い違いはありません。" : "No unresolved conflicts."
        case .resolved: return ja ? "（解決済み）" : " (resolved)"
        case .howToResolve:
            return ja
                ? "解決するには: kikitori conflicts resolve <ヒアリング> <質問> --keep 1（または --value \"回答\"）"
                : "To resolve: kikitori conflicts resolve <hearing> <question> --keep 1 (or --value \"answer\")"
        case .respondentEdited(let id, let field, let from, let to):
            let names: [RespondentField: (String, String)] = [
                .organisation: ("組織名", "organisation"), .personName: ("氏名", "person"), .personRole: ("役職", "role"),
                .industry: ("業種", "industry"), .municipality: ("市町村", "municipality"), .region: ("地域", "region"),
            ]
            let name = names[field].map { ja ? $0.0 : $0.1 } ?? field.rawValue
            let old = from ?? "—", new = to ?? "—"
            return ja ? "回答者 \(id): \(name) 「\(old)」→「\(new)」" : "Respondent \(id): \(name) '\(old)' → '\(new)'"
        case .respondentUnchanged(let id): return ja ? "回答者 \(id): 変更はありません。" : "Respondent \(id): nothing changed."
        case .noDuplicates: return ja ? "同じ団体と思われる未リンクの回答者はいません。" : "No unlinked respondents look like the same organisation."
        case .duplicateColumns: return ja ? "回答者 1\t回答者 2\t種別\t団体\t担当者" : "respondent 1\trespondent 2\tkind\torganisation\tperson"
        case .howToLink:
            return ja
                ? "同じなら: kikitori respondents link <回答者 2> <回答者 1>、別の団体なら: kikitori respondents distinct <回答者 1> <回答者 2>"
                : "If they are one: kikitori respondents link <respondent 2> <respondent 1>; if not: kikitori respondents distinct <respondent 1> <respondent 2>"
        case .skipped: return ja ? "（飛ばした）" : "(skipped)"
        }
    }
}
