import KikitoriCore
import KikitoriStore
extension AnswerProblem {
    /// The message the shell shows before asking again.
    public func text(_ language: Language, questionnaire: Questionnaire? = nil) -> String {
        let ja = language == .ja
        switch self {
        case .required: return ja ? "この質問は必須です。回答するか、:dk（わからない）か :refused（回答拒否）を入力してください。" : "This question is required: answer it, or type :dk (don't know) or :refused."
        case .emptyText: return ja ? "回答が空です。" : "The answer is empty."
        case .controlCharacter: return ja ? "制御文字（NUL など）を含む回答は保存できません。" : "The answer contains a control character (NUL or the like); it is not saved."
        case .tooLong(let count, let limit):
            return ja ? "回答が長すぎます（\(count) 文字。上限は \(limit) 文字）。" : "The answer is too long (\(count) characters; the limit is \(limit))."
        case .notInteger(let input): return ja ? "「\(input)」は整数ではありません。" : "'\(input)' is not a whole number."
        case .notNumber(let input): return ja ? "「\(input)」は数値ではありません。" : "'\(input)' is not a number."
        case .fusedNumbers(let input):
            return ja ? "「\(input)」は数字が空白で区切られています。数を一つだけ入力してください（例: 1020 または 10）。" : "'\(input)' has digits split by spaces; type one number (1020, or 10)."
        case .badSeparator(let input):
            return ja ? "「\(input)」のコンマの位置が桁区切りではありません。1,200 のように3桁ごとに区切るか、小数は 1.5 と入力してください。" : "'\(input)' has a comma that is not a thousands separator; write 1,200, or 1.5 for a decimal."
        case .numberMultiplier(let input):
            return ja ? "「\(input)」は「万」「千」などを含みます。読み違いを避けるため、数字だけで入力してください（例: 12000）。" : "'\(input)' uses a multiplier (k, million, 万…); type the digits (12000) so it cannot be misread."
        case .approximate(let input):
            return ja ? "「\(input)」は概数です。数だけを入力してください（シェルでは概数のまま入力すると、その言葉をメモに残して数を保存します）。" : "'\(input)' is approximate; give the number alone (in the shell, an approximate answer is saved as the number with its words kept as a note)."
        case .notDate(let input): return ja ? "「\(input)」は日付ではありません。2022-05-01 のように入力してください。" : "'\(input)' is not a date; type it like 2022-05-01."
        case .notYesNo(let input): return ja ? "「\(input)」は はい／いいえ ではありません。1（はい）か 2（いいえ）を入力してください。" : "'\(input)' is not yes or no; type 1 (yes) or 2 (no)."
        case .unknownChoice(let input, let count):
            return ja ? "「\(input)」は選択肢にありません。1〜\(count) の番号、値、または選択肢の文言を入力してください。" : "'\(input)' is not one of the choices; type a number from 1 to \(count), a value or a label."
        case .oneChoiceOnly: return ja ? "選択肢は一つだけ選んでください。" : "Choose only one."
        case .outOfScale(let input, let min, let max):
            return ja ? "「\(input)」は範囲外です。\(min)〜\(max) の整数を入力してください。" : "'\(input)' is out of range; type a whole number from \(min) to \(max)."
        case .constraint(let message, let expression, let question):
            if let message { return message.text(language, fallback: questionnaire?.defaultLanguage) }
            let condition = questionnaire.map { ExpressionDescriber(questionnaire: $0, language: language).describe(expression, owner: question) } ?? expression.description
            return ja ? "回答が条件を満たしていません: \(condition)" : "The answer does not meet the condition: \(condition)"
        case .otherNotAllowed: return ja ? "この質問では「その他」の回答はできません。" : "This question takes no 'other' answers."
        case .otherNeedsText: return ja ? "「その他」の内容を「その他: 内容」の形で入力してください。" : "Type the other answer as 'other: your words'."
        case .dontKnowNotAllowed: return ja ? "この質問では「わからない」は選べません。" : "This question does not accept 'don't know'."
        case .refusedNotAllowed: return ja ? "この質問では「回答拒否」は選べません。" : "This question does not accept 'refused'."
        case .requiredCannotBeSkipped: return ja ? "必須の質問は飛ばせません。:dk か :refused を使ってください。" : "A required question cannot be skipped; use :dk or :refused."
        case .noteTakesNoAnswer: return ja ? "これは説明です。Enter で次へ進みます。" : "This is a note; press Enter to go on."
        case .calculatedNotAsked(let id):
            return ja ? "'\(id)' は計算で求める値で、入力はできません。" : "'\(id)' is calculated from other answers; it takes no input."
        case .choiceNotOffered(let value):
            return ja ? "'\(value)' は、これまでの回答からは選べない選択肢です。" : "'\(value)' is not offered, given the answers so far."
        case .unknownQuestion(let id): return ja ? "質問 '\(id)' はありません。" : "There is no question '\(id)'."
        case .notRelevant(let id): return ja ? "質問 '\(id)' は、これまでの回答からは対象外です。" : "Question '\(id)' does not apply given the answers so far."
        case .noEarlierQuestion: return ja ? "これより前の質問はありません。" : "There is no earlier question."
        case .reasonRequired: return ja ? "完了したヒアリングの回答を変えるには理由が必要です。" : "Changing an answer of a completed hearing needs a reason."
        case .hearingClosed(let status): return ja ? "このヒアリングは \(status.rawValue) のため再開できません。" : "This hearing is \(status.rawValue) and cannot be resumed."
        case .incomplete(let ids):
            return ja ? "未回答の必須質問があります: \(ids.joined(separator: "、"))" : "Required questions are unanswered: \(ids.joined(separator: ", "))"
        case .outsideAudience(let kind, let allowed):
            let names = allowed.map { Phrase.respondentKind($0).text(language) }
            return ja
                ? "この調査票は\(Phrase.respondentKind(kind).text(language))向けではありません（対象: \(names.joined(separator: "、"))）。"
                : "This questionnaire is not for \(Phrase.respondentKind(kind).text(language)) respondents (it is for: \(names.joined(separator: ", ")))."
        }
    }
}

extension StoreError {
    public func text(_ language: Language) -> String {
        let ja = language == .ja
        switch self {
        case .isDirectory(let path): return ja ? "\(path): ディレクトリです。データベースファイルのパスを指定してください" : "\(path): is a directory, not a database file"
        case .notKikitori(let path): return ja ? "\(path): Kikitori のデータベースではありません（ファイルは変更していません）" : "\(path): not a Kikitori database (the file was not changed)"
        case .newerSchema(let path, let unknown):
            return ja ? "\(path): このデータベースは新しい版の Kikitori で作られています（\(unknown.joined(separator: ", "))）。Kikitori を更新してください（ファイルは変更していません）" : "\(path): made by a newer Kikitori (\(unknown.joined(separator: ", "))); upgrade Kikitori to open it (the file was not changed)"
        case .corrupt(let path, let detail): return ja ? "\(path): データベースが壊れています: \(detail)" : "\(path): the database is damaged: \(detail)"
        case .cannotCreate(let path, let reason): return ja ? "\(path): 作成できません: \(reason)" : "\(path): cannot create: \(reason)"
        case .readOnly(let path): return ja ? "\(path): 書き込みできません（読み取り専用か、権限がありません）" : "\(path): cannot write (read-only or no permission)"
        case .sqlite(let message): return ja ? "データベースのエラー: \(message)" : "database error: \(message)"
        case .unknownHearing(let prefix): return ja ? "ヒアリング '\(prefix)' はありません" : "no hearing '\(prefix)'"
        case .followUpOfAnotherRespondent(let id):
            return ja ? "ヒアリング \(id) は別の回答者のものです。続きは同じ回答者に聞きます" : "hearing \(id) heard another respondent; a follow-up hears the same one again"
        case .ambiguousHearing(let prefix, let matches):
            return ja ? "'\(prefix)' に当てはまるヒアリングが複数あります: \(matches.joined(separator: "、"))" : "'\(prefix)' matches several hearings: \(matches.joined(separator: ", "))"
        case .unknownRespondent(let prefix): return ja ? "回答者 '\(prefix)' はいません" : "no respondent '\(prefix)'"
        case .ambiguousRespondent(let prefix, let matches):
            return ja ? "'\(prefix)' に当てはまる回答者が複数います: \(matches.joined(separator: "、"))" : "'\(prefix)' matches several respondents: \(matches.joined(separator: ", "))"
        case .snapshotChanged(let reference, let stored, let file):
            return ja ? "\(reference) の内容が、保存済みの版（指紋 \(stored.prefix(12))）から変わっています（現在 \(file.prefix(12))）。内容を変えたときは version を上げて新しいファイルにしてください" : "\(reference) has changed since hearings used it (fingerprint \(stored.prefix(12)), now \(file.prefix(12))); bump its version into a new file instead of editing a released one"
        case .unknownAnswer(let reference):
            return ja ? "回答 '\(reference)' がありません（ヒアリング:質問id の形で指定します）" : "no answer '\(reference)'; name it as hearing:question_id"
        case .missing(let path): return ja ? "\(path): ファイルがありません" : "\(path): no such file"
        case .unknownQuestionnaire(let reference, let known):
            let list = known.isEmpty ? (ja ? "（まだヒアリングがありません）" : "(no hearings yet)") : known.joined(separator: ", ")
            return ja ? "調査票 '\(reference)' のヒアリングはありません。あるもの: \(list)" : "no hearings of questionnaire '\(reference)'; there are: \(list)"
        case .hearingOpenElsewhere(let id, let pid, let host, let since):
            let time = JapanTime.minute(since)
            return ja
                ? "ヒアリング \(id) はほかのプログラムで開かれています（\(host) のプロセス \(pid)、\(time) から）。そちらで :pause してから再開してください"
                : "hearing \(id) is open in another program (process \(pid) on \(host), since \(time)); :pause it there, then resume"
        case .diskFull(let path):
            return ja
                ? "\(path): ディスクがいっぱいです。何も変更していません。空きを作ってからもう一度実行してください"
                : "\(path): the disk is full; nothing was changed. Free some space and run it again"
        case .walNeedsRecovery(let path):
            return ja
                ? "\(path): 書き込めない場所にあり、\(path)-wal にまだ反映されていない回答があります。両方のファイルを書き込める場所にコピーしてから開いてください"
                : "\(path): on write-protected media with answers still in \(path)-wal; copy both files to a writable folder and open the copy"
        case .cannotRead(let path, let reason): return ja ? "\(path): 読めません: \(reason)" : "\(path): cannot read: \(reason)"
        case .snapshotMismatch(let path, let reference, let ours, let theirs):
            return ja
                ? "\(path): \(reference) の内容がこのデータベースのものと違います（こちら \(ours.prefix(12))、相手 \(theirs.prefix(12))）。同じ版番号で別の内容が使われています。どちらかの調査票の version を上げてから聞き取り直すか、担当者に確認してください（何も取り込んでいません）"
                : "\(path): \(reference) differs from this database's (ours \(ours.prefix(12)), theirs \(theirs.prefix(12))): one version number was used for two contents; find out which file is right before merging (nothing was merged)"
        case .tooManySources(let count, let limit):
            return ja ? "一度に取り込めるのは \(limit) 個までです（\(count) 個指定）。分けて実行してください" : "at most \(limit) databases can be merged at once (\(count) given); merge them in batches"
        case .sameFile(let path): return ja ? "\(path): 取り込み先と同じファイルです" : "\(path): is the database being merged into"
        case .unknownConflict(let hearing, let question):
            return ja ? "ヒアリング \(hearing) の質問 \(question) に未解決の食い違いはありません" : "no unresolved conflict for question \(question) of hearing \(hearing)"
        case .alreadyLinked(let a, let b): return ja ? "\(a.prefix(8)) と \(b.prefix(8)) は既に同じ回答者として結び付いています" : "\(a.prefix(8)) and \(b.prefix(8)) are already linked"
        case .unknownSnapshot(let reference): return ja ? "調査票 \(reference) がデータベースにありません" : "questionnaire \(reference) is not in the database"
        }
    }
}
