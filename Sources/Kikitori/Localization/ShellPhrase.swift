import Foundation
import KikitoriCore
import KikitoriStore
extension HearingStatus {
    /// A status as people type it: its code (`completed`), or the word listings show in either
    /// language (`完了`, `in progress`).
    public static func named(_ word: String) -> HearingStatus? {
        let key = word.precomposedStringWithCompatibilityMapping.lowercased().replacingOccurrences(of: "_", with: " ")
        return allCases.first { status in
            [status.rawValue.replacingOccurrences(of: "_", with: " "), ShellPhrase.status(status).text(.en), ShellPhrase.status(status).text(.ja)]
                .contains(key)
        }
    }
}

/// The hearing shell's own words.
public enum ShellPhrase: Sendable {
    case dontKnow, refused, skipped, other, otherHint, required, currentAnswer, hint, progress(Int, Int)
    case multilineHint, noteContinue
    case anotherInstance(String), reviewInstance(String, Int, Int)
    /// A multi-line answer left unfinished by a command, `:cancel` or Ctrl-D: nothing of it was saved.
    case unfinishedDiscarded(lines: Int), nothingToCancel
    /// An approximate number saved as the number, with the words as said kept as a note.
    case approximateKept(String)
    case welcome(String), shellHelp, interviewHelp
    /// A follow-up hearing: last time's answer beside the question, kept with Enter.
    case previousAnswer(String), followingUp(String, date: String), followsHearing(String)
    case unknownCommand(String), usage(String)
    case respondentPrompt, respondentKindPrompt, organisationPrompt, personNamePrompt, personRolePrompt
    case industryPrompt, municipalityPrompt, regionPrompt(String?), interviewerPrompt(String), placePrompt
    case consentPrompt, consentLevel(ConsentLevel), languagePrompt
    case mustNotBeEmpty, notAChoice(String)
    /// Respondents found for what was typed at the respondent prompt; confirm one, or pick by number.
    case respondentMatches(Int), confirmRespondent, chooseRespondent(Int), setupCommands
    case hearingStarted(String, String), hearingResumed(String, String), hearingPaused(String), hearingCompleted(String)
    case hearingAbandoned(String), historyHeading, linesRejected(Int), cannotInterrupt
    case reviewHeading, reviewMissing, confirmComplete, reasonPrompt, amending, amendingLeft(String)
    case noHearings, noRespondents, setupCancelled, languageSwitched(Language), noteSaved
    case columnHearing, columnStatus, columnQuestionnaire, columnRespondent, columnKind, columnStarted, columnAnswers
    case columnOrganisation, columnMunicipality, columnRegion, columnInterviewer, columnConsent
    case status(HearingStatus)
    case goodbye
    /// Another process holds the database's write lock; said once, after a second of waiting.
    case waitingForLock(String)

    public func text(_ language: Language) -> String {
        language == .ja ? japanese : english
    }

    private var english: String {
        switch self {
        case .dontKnow: return "don't know"
        case .refused: return "refused"
        case .skipped: return "skipped"
        case .other: return "Other"
        case .otherHint: return "Other (type 'other: your words')"
        case .required: return "required"
        case .currentAnswer: return "Current answer"
        case .previousAnswer(let answer): return "Last time: \(answer)  (Enter keeps it)"
        case .followsHearing(let id): return "Follows hearing \(id)"
        case .followingUp(let id, let date): return "Following up hearing \(id) of \(date): press Enter to keep an answer given then."
        case .hint: return "Hint"
        case .progress(let n, let m): return "\(n)/\(m)"
        case .multilineHint: return "(several lines; an empty line ends the answer, :cancel discards it)"
        case .anotherInstance(let group): return "Another one? (\(group))"
        case .reviewInstance(let name, let ordinal, let count): return "[\(name) (\(ordinal)/\(count))]"
        case .unfinishedDiscarded(let lines): return "The unfinished answer (\(lines) line\(lines == 1 ? "" : "s")) was not saved."
        case .nothingToCancel: return "Nothing to cancel: :cancel discards a multi-line answer being typed."
        case .approximateKept(let words): return "Saved the number; '\(words)' is kept as a note on the question."
        case .noteContinue: return "(press Enter to continue)"
        case .welcome(let path): return "Kikitori hearing shell on \(path). Type 'help' for commands, 'quit' to leave."
        case .shellHelp:
            return """
                Commands:
                  new <questionnaire>      start a hearing (id, id@N or a path)
                  new <questionnaire> --follow-up <hearing>   hear the same respondent again, last answers offered
                  resume <hearing>         continue a hearing (a short prefix of its id is enough)
                  hearings [status] [questionnaire] [respondent]   list hearings, newest first
                  show <hearing>           a hearing's answers
                  respondents              the respondents registered
                  questionnaires           the questionnaires available
                  search <words>           answers and notes containing every word (費用 負担)
                  tag [retag|dry-run]      tag new answers with the codebook's themes
                  tag review <theme>       confirm or reject a theme's automatic tags
                  tag eval <file.tsv>      score the codebook against labelled statements
                  lang ja|en               switch the interface language
                  help                     this list
                  quit                     leave (Ctrl-D too)
                """
        case .interviewHelp:
            return """
                Answer by number, value or label; several choices with commas or spaces.
                  :back          previous question       :jump <question>  another question
                  :skip          leave unanswered        :review           all answers so far
                  :dk            don't know              :refused          refused
                  :note <text>   a remark, saved at once :lang en|ja       switch language
                  :pause         pause (Ctrl-D too)      :help             this help
                  :tag <theme>   code with a theme       :untag <theme>    reject a theme
                  :consent <level> <reason>  a new consent (public_named …)
                  :mask <words>  keep words (a colleague's name) out of public outputs
                  :cancel        discard a multi-line answer being typed
                  :abandon <reason>  end the hearing without completing it (kept, not counted)
                Commands work with the input method on (：ｄｋ). Tab completes choices and commands.
                Ctrl-C clears the line.
                """
        case .unknownCommand(let command): return "Unknown command '\(command)'. Type 'help' (or ':help' in a hearing)."
        case .usage(let text): return "Usage: \(text)"
        case .respondentPrompt: return "Respondent: an existing id prefix or organisation, or Enter for a new one"
        case .respondentKindPrompt: return "Kind of respondent"
        case .organisationPrompt: return "Organisation"
        case .personNamePrompt: return "Person's name (optional)"
        case .personRolePrompt: return "Role (optional)"
        case .industryPrompt: return "Industry (optional)"
        case .municipalityPrompt: return "Municipality (optional; Tab completes Hokkaido's)"
        case .regionPrompt(let guess): return "Region / subprefecture" + (guess.map { " [\($0)]" } ?? " (optional)")
        case .interviewerPrompt(let name): return "Interviewer [\(name)]"
        case .placePrompt: return "Place (optional)"
        case .consentPrompt: return "Consent: what may be published?"
        case .consentLevel(let level):
            switch level {
            case .publicNamed: return "public, with names"
            case .publicAnonymous: return "public, without names"
            case .internalOnly: return "internal only"
            }
        case .languagePrompt: return "Language of the hearing"
        case .mustNotBeEmpty: return "This cannot be empty."
        case .notAChoice(let input): return "'\(input)' is not one of the choices."
        case .respondentMatches(let count): return count == 1 ? "Found:" : "Found \(count) respondents\(count > 10 ? " (the first 10)" : ""):"
        case .confirmRespondent: return "Is this the respondent? y to continue, Enter to search again"
        case .chooseRespondent(let count): return "Which one? 1–\(count), or Enter to search again"
        case .setupCommands: return "Answer the set-up question first (:cancel leaves without saving anything)."
        case .hearingStarted(let id, let title): return "Hearing \(id) started: \(title)"
        case .hearingResumed(let id, let title): return "Hearing \(id) resumed: \(title)"
        case .hearingPaused(let id): return "Hearing \(id) paused; every answer is saved. Resume with: resume \(id)"
        case .hearingCompleted(let id): return "Hearing \(id) completed. Thank you."
        case .reviewHeading: return "Review"
        case .reviewMissing: return "required, unanswered"
        case .confirmComplete: return "Complete the hearing? (y = complete, n = pause, or :back / :jump <question>)"
        case .reasonPrompt: return "Reason for the change"
        case .amending: return "This hearing was completed: each change needs a reason and keeps the history."
        case .amendingLeft(let id): return "Left hearing \(id); it stays completed, with the changes made saved."
        case .historyHeading: return "Changes"
        case .cannotInterrupt: return "(This command cannot be interrupted; it is finishing, and nothing will be half-saved.)"
        case .linesRejected(let count): return "\(count) line\(count == 1 ? " was" : "s were") refused (see above); everything accepted is saved"
        case .columnConsent: return "consent"
        case .hearingAbandoned(let id): return "Hearing \(id) abandoned: its answers stay in the log and it is left out of every count."
        case .noHearings: return "No hearings."
        case .noRespondents: return "No respondents."
        case .setupCancelled: return "Cancelled; nothing was saved."
        case .languageSwitched(let language): return "Language: \(language.rawValue)"
        case .noteSaved: return "Note saved."
        case .columnHearing: return "hearing"
        case .columnStatus: return "status"
        case .columnQuestionnaire: return "questionnaire"
        case .columnRespondent: return "respondent"
        case .columnKind: return "kind"
        case .columnStarted: return "started"
        case .columnAnswers: return "answers"
        case .columnOrganisation: return "organisation"
        case .columnMunicipality: return "municipality"
        case .columnRegion: return "region"
        case .columnInterviewer: return "interviewer"
        case .status(let status): return status.rawValue.replacingOccurrences(of: "_", with: " ")
        case .goodbye: return "Bye."
        case .waitingForLock(let path): return "Waiting for another program writing to \(path)… (nothing typed is lost)"
        }
    }

    private var japanese: String {
        switch self {
        case .dontKnow: return "わからない"
        case .refused: return "回答拒否"
        case .skipped: return "未回答"
        case .other: return "その他"
        case .otherHint: return "その他（「その他: 内容」と入力）"
        case .required: return "必須"
        case .currentAnswer: return "現在の回答"
        case .previousAnswer(let answer): return "前回: \(answer)（Enter でそのまま）"
        case .followsHearing(let id): return "前回のヒアリング: \(id)"
        case .followingUp(let id, let date): return "\(date) のヒアリング \(id) の続きです。前回と同じ回答は Enter で残せます。"
        case .hint: return "補足"
        case .progress(let n, let m): return "\(n)/\(m)"
        case .multilineHint: return "（複数行。空行で回答を終え、:cancel で破棄します）"
        case .anotherInstance(let group): return "ほかにもありますか。（\(group)）"
        case .reviewInstance(let name, let ordinal, let count): return "〔\(name)（\(ordinal)/\(count)）〕"
        case .unfinishedDiscarded(let lines): return "入力途中の回答（\(lines) 行）は保存していません。"
        case .nothingToCancel: return "取り消すものはありません（:cancel は入力中の複数行の回答を破棄します）。"
        case .approximateKept(let words): return "数を保存し、「\(words)」を質問のメモとして残しました。"
        case .noteContinue: return "（Enter で次へ）"
        case .welcome(let path): return "Kikitori ヒアリングシェル（\(path)）。help でコマンド一覧、quit で終了。"
        case .shellHelp:
            return """
                コマンド:
                  new <調査票>             ヒアリングを始める（id、id@N またはパス）
                  new <調査票> --follow-up <ヒアリング>   同じ回答者に再び聞く（前回の回答を示す）
                  resume <ヒアリング>      ヒアリングを再開する（id の先頭数文字で可）
                  hearings [状態] [調査票] [回答者]  ヒアリングの一覧（新しい順）
                  show <ヒアリング>        ヒアリングの回答を表示
                  respondents              登録済みの回答者
                  questionnaires           使える調査票
                  search <語>              すべての語を含む回答とメモを探す（費用 負担）
                  tag [retag|dry-run]      新しい回答にテーマを付ける
                  tag review <テーマ>      自動で付いたテーマを確認・却下する
                  tag eval <file.tsv>      ラベル付きの文でコードブックを評価する
                  lang ja|en               表示言語の切り替え
                  help                     この一覧
                  quit                     終了（Ctrl-D でも可）
                """
        case .interviewHelp:
            return """
                番号・値・選択肢の文言で回答します。複数選択はカンマか空白で区切ります。
                  :back           前の質問へ                 :jump <質問>     指定の質問へ
                  :skip           回答せずに次へ             :review          これまでの回答
                  :dk             わからない                 :refused         回答拒否
                  :note <文>      メモ（すぐ保存）           :lang en|ja      表示言語の切替
                  :pause          中断（Ctrl-D でも可）      :help            このヘルプ
                  :tag <テーマ>   回答にテーマを付ける       :untag <テーマ>  テーマを外す
                  :consent <同意> <理由>  同意の変更（public_named など）
                  :mask <語>      同僚の名前などを公開用の出力すべてで伏せる
                  :cancel         入力中の複数行の回答を破棄
                  :abandon <理由> ヒアリングを中止（記録は残し、集計しない）
                コマンドは日本語入力のまま（：ｄｋ）でも使えます。Tab で選択肢とコマンドを補完、
                Ctrl-C で入力中の行を消去します。
                """
        case .unknownCommand(let command): return "不明なコマンド '\(command)'。help（ヒアリング中は :help）で一覧を表示します。"
        case .usage(let text): return "使い方: \(text)"
        case .respondentPrompt: return "回答者: 既存の id の先頭か組織名、または Enter で新規登録"
        case .respondentKindPrompt: return "回答者の種別"
        case .organisationPrompt: return "組織名"
        case .personNamePrompt: return "氏名（任意）"
        case .personRolePrompt: return "役職（任意）"
        case .industryPrompt: return "業種（任意）"
        case .municipalityPrompt: return "市町村（任意。Tab で道内市町村を補完）"
        case .regionPrompt(let guess): return "地域・振興局" + (guess.map { " [\($0)]" } ?? "（任意）")
        case .interviewerPrompt(let name): return "聞き手 [\(name)]"
        case .placePrompt: return "場所（任意）"
        case .consentPrompt: return "同意: 公開してよい範囲"
        case .consentLevel(let level):
            switch level {
            case .publicNamed: return "公開可（名前あり）"
            case .publicAnonymous: return "公開可（匿名）"
            case .internalOnly: return "内部限り"
            }
        case .languagePrompt: return "ヒアリングの言語"
        case .mustNotBeEmpty: return "空にはできません。"
        case .notAChoice(let input): return "「\(input)」は選択肢にありません。"
        case .respondentMatches(let count): return count == 1 ? "見つかりました:" : "\(count) 件見つかりました\(count > 10 ? "（最初の 10 件）" : ""):"
        case .confirmRespondent: return "この回答者でよいですか？ y で進む、Enter で探し直す"
        case .chooseRespondent(let count): return "どれですか？ 1〜\(count) の番号、Enter で探し直す"
        case .setupCommands: return "先に準備の質問に答えてください（:cancel で何も保存せずに終了します）。"
        case .hearingStarted(let id, let title): return "ヒアリング \(id) を開始: \(title)"
        case .hearingResumed(let id, let title): return "ヒアリング \(id) を再開: \(title)"
        case .hearingPaused(let id): return "ヒアリング \(id) を中断しました。回答はすべて保存済みです。再開: resume \(id)"
        case .hearingCompleted(let id): return "ヒアリング \(id) を完了しました。ありがとうございました。"
        case .reviewHeading: return "回答の確認"
        case .reviewMissing: return "必須・未回答"
        case .confirmComplete: return "ヒアリングを完了しますか？（y = 完了、n = 中断、または :back / :jump <質問>）"
        case .reasonPrompt: return "変更の理由"
        case .amending: return "このヒアリングは完了済みです。変更には理由が必要で、履歴が残ります。"
        case .amendingLeft(let id): return "ヒアリング \(id) の修正を終えました。状態は完了のままで、行った変更は保存済みです。"
        case .historyHeading: return "変更履歴"
        case .cannotInterrupt: return "（このコマンドは中断できません。処理を終えるまでお待ちください。途中までの保存にはなりません）"
        case .linesRejected(let count): return "\(count) 行を受け付けませんでした（上の表示を参照）。受け付けた内容は保存済みです"
        case .columnConsent: return "同意"
        case .hearingAbandoned(let id): return "ヒアリング \(id) を中止しました。回答は記録に残り、集計には含めません。"
        case .noHearings: return "ヒアリングはありません。"
        case .noRespondents: return "回答者はいません。"
        case .setupCancelled: return "取り消しました。何も保存していません。"
        case .languageSwitched(let language): return "表示言語: \(language.rawValue)"
        case .noteSaved: return "メモを保存しました。"
        case .columnHearing: return "ヒアリング"
        case .columnStatus: return "状態"
        case .columnQuestionnaire: return "調査票"
        case .columnRespondent: return "回答者"
        case .columnKind: return "種別"
        case .columnStarted: return "開始"
        case .columnAnswers: return "回答数"
        case .columnOrganisation: return "組織"
        case .columnMunicipality: return "市町村"
        case .columnRegion: return "地域"
        case .columnInterviewer: return "聞き手"
        case .status(let status):
            switch status {
            case .inProgress: return "実施中"
            case .paused: return "中断"
            case .completed: return "完了"
            case .abandoned: return "中止"
            }
        case .goodbye: return "終了します。"
        case .waitingForLock(let path): return "ほかのプログラムが \(path) に書き込み中のため待っています…（入力した内容は失われません）"
        }
    }
}
