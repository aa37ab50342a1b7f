import KikitoriCore

/// What an export says about itself (the workbook's about sheet).
public enum ExportPhrase: Sendable {
    case audience(ReviewFilter.Audience)
    case counted(status: String?, questionnaire: String?, references: [String])
    case codebook(String)
    case suppression(minCell: Int)
    case baseN
    case madeWith(String, String)
    /// A REFI-QDA project's name, and a question's heading inside a hearing's text.
    case projectName
    case projectQuestion(String)

    public func text(_ language: Language) -> String {
        let ja = language == .ja
        switch self {
        case .projectName: return ja ? "Kikitori ヒアリング" : "Kikitori hearings"
        case .projectQuestion(let label): return ja ? "【\(label)】" : "[\(label)]"
        case .audience(let audience):
            switch audience {
            case .public:
                return ja
                    ? "公開用: 内部利用のみの同意のヒアリングは含めず、名前の公開に同意していない回答者は 企業A などで示し、文章中の名前・電話番号・メールアドレスは伏せています。"
                    : "Public: internal-only hearings are left out; respondents who did not agree to be named appear as Firm A and the like; names, telephone numbers and e-mail addresses in texts are masked."
            case .internal:
                return ja ? "内部用: 記録のとおりのすべてを含みます。外部に配布しないでください。" : "Internal: everything as recorded. Do not distribute."
            }
        case .counted(let status, let questionnaire, let references):
            let scope = ja
                ? "対象: 状態 \(status ?? "すべて")、調査票 \(questionnaire ?? "すべて")"
                : "Counted: status \(status ?? "any"), questionnaire \(questionnaire ?? "any")"
            return scope + (references.isEmpty ? "" : (ja ? "（" : " (") + references.joined(separator: ", ") + (ja ? "）" : ")"))
        case .codebook(let reference): return ja ? "コードブック: \(reference)" : "Codebook: \(reference)"
        case .suppression(let minCell):
            return ja
                ? "\(minCell) 件未満のセルは「<\(minCell)」、合計から逆算できるセルは「x」として伏せています。"
                : "Cells under \(minCell) show <\(minCell); cells that could be worked out from a total show x."
        case .baseN:
            return ja
                ? "割合の分母（n）は各グループのヒアリング数です（テーマ表の n 行）。"
                : "Shares are of each group's hearings (the n row of the themes table)."
        case .madeWith(let version, let time): return ja ? "Kikitori \(version) で作成（\(time)）" : "Made with Kikitori \(version) (\(time))"
        }
    }
}
