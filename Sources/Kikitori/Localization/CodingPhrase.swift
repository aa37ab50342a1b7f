import KikitoriCore
import KikitoriStore

/// Words of team coding: coders, agreement, disagreements, blind reviews and memos.
public enum CodingPhrase: Sendable {
    case noCoder
    case invalidCoder(String)
    case coderPrompt
    case coderNow(String?)
    case blindHeading(theme: String, count: Int, seed: UInt64, coder: String)
    case blindQuestion(String)
    case agreementHeading(coders: [String])
    case agreementUnits
    case columnTheme, columnUnits, columnAgreement, columnKappa, columnAlpha, columnVersusRules(String)
    case overall
    case fewerThanTwoCoders([String])
    case noDisagreements
    case disagreementHeading(Int)
    case memoAdded(String)
    case noMemos
    case unknownMemoTarget(String)
    case codebookImported(path: String, themes: Int, groups: Int)
    case qdcUnreadable(String, String)
    case qdpxWritten(path: String, sources: Int, codings: Int)

    public func text(_ language: Language) -> String {
        let ja = language == .ja
        switch self {
        case .noCoder:
            return ja
                ? "誰の判断かを記録します。--coder 名前 か環境変数 KIKITORI_CODER で指定してください（シェルでは coder 名前）"
                : "decisions are recorded with their coder: name yours with --coder NAME or KIKITORI_CODER (in the shell: coder NAME)"
        case .invalidCoder(let name):
            return ja ? "コーダー名 '\(name)' は使えません（1〜64 文字、制御文字なし）" : "'\(name)' cannot be a coder's name (1 to 64 characters, no control characters)"
        case .coderPrompt: return ja ? "コーダー名（判断とともに記録します）: " : "Coder (recorded with each decision): "
        case .coderNow(let name?): return ja ? "コーダー: \(name)" : "Coder: \(name)"
        case .coderNow(nil): return ja ? "コーダーは未設定です（coder 名前）" : "No coder yet (coder NAME)"
        case .blindHeading(let theme, let count, let seed, let coder):
            return ja
                ? "ブラインド・コーディング: \(theme)、\(count) 件（seed \(seed)、コーダー \(coder)）。自動のタグは表示しません。"
                : "Blind coding: \(theme), \(count) answers (seed \(seed), coder \(coder)). Automatic tags are not shown."
        case .blindQuestion(let theme):
            return ja ? "「\(theme)」に当たりますか？ [y/n/Enter=保留/q] > " : "Does '\(theme)' apply? [y/n/Enter=skip/q] > "
        case .agreementHeading(let coders):
            return ja ? "コーダー間一致: \(coders.joined(separator: "、"))" : "Agreement between coders: \(coders.joined(separator: ", "))"
        case .agreementUnits:
            return ja
                ? "比べる単位: 比べるコーダーがそろって判断した「回答 × テーマ」（「当たらない」の判断も数える。誰かが見ていない回答は含めない）。"
                : "Units compared: answer × theme pairs every compared coder decided (a 'does not apply' counts; answers a coder never looked at do not)."
        case .columnTheme: return ja ? "テーマ" : "theme"
        case .columnUnits: return ja ? "単位" : "units"
        case .columnAgreement: return ja ? "一致率" : "agreement"
        case .columnKappa: return "κ"
        case .columnAlpha: return "α"
        case .columnVersusRules(let coder): return ja ? "\(coder)対ルール κ" : "\(coder) vs rules κ"
        case .overall: return ja ? "全体" : "overall"
        case .fewerThanTwoCoders(let found):
            return ja
                ? "一致を測るには 2 人以上のコーダーの判断が必要です（いまは \(found.isEmpty ? "なし" : found.joined(separator: "、"))）"
                : "agreement needs decisions by at least two coders (found: \(found.isEmpty ? "none" : found.joined(separator: ", ")))"
        case .noDisagreements: return ja ? "コーダー間で判断の分かれた回答はありません。" : "No answer on which coders decided differently."
        case .disagreementHeading(let count): return ja ? "判断の分かれた回答: \(count) 件" : "Answers coders decided differently: \(count)"
        case .memoAdded(let target): return ja ? "メモを記録しました（\(target)）。" : "Memo recorded (\(target))."
        case .noMemos: return ja ? "メモはありません。" : "No memos."
        case .unknownMemoTarget(let target):
            return ja ? "'\(target)' はテーマでもヒアリングでもありません" : "'\(target)' is neither a theme nor a hearing"
        case .codebookImported(let path, let themes, let groups):
            return ja
                ? "\(path) に下書きを書きました: テーマ \(themes)、グループ \(groups)。rules を書き足して kikitori codebook lint で確かめてください。"
                : "Draft written to \(path): \(themes) themes, \(groups) groups. Add rules, then check it with kikitori codebook lint."
        case .qdcUnreadable(let path, let reason):
            return ja ? "\(path): REFI-QDA のコードブックとして読めません（\(reason)）" : "\(path): not a REFI-QDA codebook (\(reason))"
        case .qdpxWritten(let path, let sources, let codings):
            return ja ? "\(path)（テキスト \(sources) 件、コーディング \(codings) 件）" : "\(path) (\(sources) text sources, \(codings) codings)"
        }
    }
}
