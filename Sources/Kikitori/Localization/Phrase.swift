import KikitoriCore
import KikitoriStore
/// Words and short phrases of Kikitori's own interface, rendered by ``text(_:)``.
public enum Phrase: Sendable {
    // Listing
    case columnID, columnVersions, columnAudience, columnQuestions, columnFingerprint, columnTitle
    // Show
    case audience, languages, fingerprint, section(Int, of: Int)
    case required, requiredIf, askedOnlyIf, constraint, hint, otherAllowed, multiline
    case dontKnowNotAccepted, refusedNotAccepted, scaleRange(Int, Int)
    case typeName(QuestionType)
    case respondentKind(RespondentKind)
    /// One respondent of a kind, for attributing a quote.
    case respondentKindOne(RespondentKind)
    // Expressions in words
    case theAnswer, and, or, not(String), includes(String, String), excludes(String, String), numberChosen(String), lengthOf(String)
    case yes, no
    case ifThenElse(String, String, String), concatenated([String]), rounded(String, places: String?), orIfEmpty(String, String)
    case choiceField(String)
    // Calculations and choices from registers
    case calculation, choiceFilter, choicesFromRegister(String), registerChoices(Int)
    // Diff
    case diffHeading(String, String), diffQuestions, diffSections, diffChoiceLists, diffRepeats, diffMetadata
    case repeatGroup, repeatForChoices(String, String), repeatCount(String), repeatOpen, repeatEnd(String)
    case diffNoChanges, diffChoices(Int), diffMoved(String, String)
    // Lint
    case lintSummary(files: Int, errors: Int, warnings: Int)
    case codebookUnusable(String)
    /// Standard output could not take the result (disk full, closed, broken pipe).
    case standardOutputFailed(String)
    /// The database can be read by others: a warning that names the fix.
    case loosePermissions(String, mode: String)

    public func text(_ language: Language) -> String {
        language == .ja ? japanese : english
    }

    private var english: String {
        switch self {
        case .columnID: return "id"
        case .columnVersions: return "versions"
        case .columnAudience: return "audience"
        case .columnQuestions: return "questions"
        case .columnFingerprint: return "fingerprint"
        case .columnTitle: return "title"
        case .audience: return "Audience"
        case .languages: return "Languages"
        case .fingerprint: return "Fingerprint"
        case .section(let n, let total): return "Section \(n) of \(total)"
        case .required: return "required"
        case .requiredIf: return "Required if"
        case .askedOnlyIf: return "Asked only if"
        case .constraint: return "Must satisfy"
        case .hint: return "Hint"
        case .otherAllowed: return "other answers allowed"
        case .multiline: return "several lines"
        case .dontKnowNotAccepted: return "no \"don't know\""
        case .refusedNotAccepted: return "no \"refused\""
        case .scaleRange(let min, let max): return "\(min) to \(max)"
        case .typeName(let type):
            switch type {
            case .text: return "text"
            case .integer: return "whole number"
            case .decimal: return "number"
            case .date: return "date"
            case .yesNo: return "yes/no"
            case .selectOne: return "one choice"
            case .selectMultiple: return "several choices"
            case .scale: return "scale"
            case .note: return "note"
            case .calculate: return "calculated"
            }
        case .respondentKind(let kind):
            switch kind {
            case .privateFirm: return "private firms"
            case .municipalityHead: return "municipal heads"
            case .municipalStaff: return "municipal staff"
            case .other: return "others"
            }
        case .respondentKindOne(let kind):
            switch kind {
            case .privateFirm: return "private firm"
            case .municipalityHead: return "municipal head"
            case .municipalStaff: return "municipal staff member"
            case .other: return "other"
            }
        case .theAnswer: return "the answer"
        case .and: return "and"
        case .or: return "or"
        case .not(let inner): return "not (\(inner))"
        case .includes(let question, let choice): return "\(question) includes \(choice)"
        case .excludes(let question, let choice): return "\(question) does not include \(choice)"
        case .numberChosen(let question): return "number chosen in \(question)"
        case .lengthOf(let value): return "length of \(value)"
        case .ifThenElse(let condition, let then, let otherwise): return "if \(condition) then \(then), else \(otherwise)"
        case .concatenated(let parts): return parts.joined(separator: " & ")
        case .rounded(let value, let places?): return "\(value) rounded to \(places) places"
        case .rounded(let value, nil): return "\(value) rounded"
        case .orIfEmpty(let value, let fallback): return "\(value), or \(fallback) when empty"
        case .choiceField(let name): return "the choice's \(name)"
        case .calculation: return "Value"
        case .choiceFilter: return "Choices offered"
        case .choicesFromRegister(let register): return "choices from the register '\(register)'"
        case .registerChoices(let count): return "\(count) choices"
        case .yes: return "Yes"
        case .no: return "No"
        case .diffHeading(let from, let to): return "Changes from \(from) to \(to)"
        case .diffQuestions: return "Questions"
        case .diffSections: return "Sections"
        case .diffChoiceLists: return "Choice lists"
        case .diffRepeats: return "Repeat groups"
        case .repeatGroup: return "Repeated"
        case .repeatForChoices(let id, let label): return "once for each item chosen in [\(id)] \(label); answers stored as question[n], n = the item's place in its list"
        case .repeatCount(let expression): return "as many times as \(expression); answers stored as question[1], question[2]…"
        case .repeatOpen: return "once, then again while the interviewer answers yes to \"another?\"; answers stored as question[1], question[2]…"
        case .repeatEnd(let id): return "end of repeat [\(id)]"
        case .diffMetadata: return "Questionnaire"
        case .diffNoChanges: return "No changes in meaning."
        case .diffChoices(let n): return "\(n) choice\(n == 1 ? "" : "s")"
        case .diffMoved(let from, let to): return "moved from section \(from) to \(to)"
        case .standardOutputFailed(let reason): return "cannot write to standard output: \(reason)"
        case .loosePermissions(let path, let mode):
            return "warning: \(path) can be read by other users (mode \(mode)); it holds personal data. Fix: chmod 600 \(path) (or add --fix-permissions)"
        case .codebookUnusable(let path):
            return "\(path): warning: the codebook has errors, so choice themes were not checked; run kikitori codebook lint"
        case .lintSummary(let files, let errors, let warnings):
            return "\(files) file\(files == 1 ? "" : "s") checked: \(errors) error\(errors == 1 ? "" : "s"), "
                + "\(warnings) warning\(warnings == 1 ? "" : "s")"
        }
    }

    private var japanese: String {
        switch self {
        case .columnID: return "id"
        case .columnVersions: return "版"
        case .columnAudience: return "対象"
        case .columnQuestions: return "質問数"
        case .columnFingerprint: return "指紋"
        case .columnTitle: return "題名"
        case .audience: return "対象"
        case .languages: return "言語"
        case .fingerprint: return "指紋"
        case .section(let n, let total): return "セクション \(n)/\(total)"
        case .required: return "必須"
        case .requiredIf: return "必須となる条件"
        case .askedOnlyIf: return "質問する条件"
        case .constraint: return "回答の条件"
        case .hint: return "補足"
        case .otherAllowed: return "その他の回答可"
        case .multiline: return "複数行"
        case .dontKnowNotAccepted: return "「わからない」不可"
        case .refusedNotAccepted: return "「回答拒否」不可"
        case .scaleRange(let min, let max): return "\(min)〜\(max)"
        case .typeName(let type):
            switch type {
            case .text: return "文章"
            case .integer: return "整数"
            case .decimal: return "数値"
            case .date: return "日付"
            case .yesNo: return "はい／いいえ"
            case .selectOne: return "単一選択"
            case .selectMultiple: return "複数選択"
            case .scale: return "尺度"
            case .note: return "説明"
            case .calculate: return "計算"
            }
        case .respondentKind(let kind):
            switch kind {
            case .privateFirm: return "民間企業"
            case .municipalityHead: return "市町村長・幹部"
            case .municipalStaff: return "市町村職員"
            case .other: return "その他"
            }
        case .respondentKindOne(let kind): return Phrase.respondentKind(kind).text(.ja)
        case .theAnswer: return "回答"
        case .and: return "かつ"
        case .or: return "または"
        case .not(let inner): return "「\(inner)」でない"
        case .includes(let question, let choice): return "\(question)に\(choice)を含む"
        case .excludes(let question, let choice): return "\(question)に\(choice)を含まない"
        case .numberChosen(let question): return "\(question)の選択数"
        case .lengthOf(let value): return "\(value)の文字数"
        case .ifThenElse(let condition, let then, let otherwise): return "\(condition)なら\(then)、そうでなければ\(otherwise)"
        case .concatenated(let parts): return parts.joined(separator: "＆")
        case .rounded(let value, let places?): return "\(value)を小数\(places)桁に丸めた値"
        case .rounded(let value, nil): return "\(value)を丸めた値"
        case .orIfEmpty(let value, let fallback): return "\(value)（空なら\(fallback)）"
        case .choiceField(let name): return "選択肢の\(name)"
        case .calculation: return "計算式"
        case .choiceFilter: return "選択肢の絞り込み"
        case .choicesFromRegister(let register): return "選択肢は名簿 '\(register)' から"
        case .registerChoices(let count): return "\(count) 件"
        case .yes: return "はい"
        case .no: return "いいえ"
        case .diffHeading(let from, let to): return "\(from) から \(to) への変更"
        case .diffQuestions: return "質問"
        case .diffSections: return "セクション"
        case .diffChoiceLists: return "選択肢リスト"
        case .diffRepeats: return "繰り返しグループ"
        case .repeatGroup: return "繰り返し"
        case .repeatForChoices(let id, let label): return "[\(id)]「\(label)」で選ばれた項目ごとに 1 回。回答は 質問[n]（n は選択肢リストでの順番）として保存"
        case .repeatCount(let expression): return "\(expression) の回数だけ。回答は 質問[1]、質問[2]… として保存"
        case .repeatOpen: return "まず 1 回、「ほかにもありますか」に「はい」と答える限り続けて。回答は 質問[1]、質問[2]… として保存"
        case .repeatEnd(let id): return "繰り返し [\(id)] ここまで"
        case .diffMetadata: return "調査票"
        case .diffNoChanges: return "意味の変更はありません。"
        case .diffChoices(let n): return "選択肢 \(n) 個"
        case .diffMoved(let from, let to): return "セクション \(from) から \(to) へ移動"
        case .standardOutputFailed(let reason): return "標準出力に書き込めません: \(reason)"
        case .loosePermissions(let path, let mode):
            return "警告: \(path) はほかの利用者も読めます（モード \(mode)）。個人情報を含むため chmod 600 \(path) を実行してください（または --fix-permissions）"
        case .codebookUnusable(let path):
            return "\(path): 警告: コードブックにエラーがあるため選択肢のテーマを検査していません。kikitori codebook lint を実行してください"
        case .lintSummary(let files, let errors, let warnings):
            return "\(files) ファイルを検査: エラー \(errors) 件、警告 \(warnings) 件"
        }
    }
}

extension ChoiceWords {
    /// The catalogue's words for `language`.
    public init(_ language: Language) {
        self.init(yes: Phrase.yes.text(language), no: Phrase.no.text(language), other: ShellPhrase.other.text(language))
    }
}
