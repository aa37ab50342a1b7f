import KikitoriCore
import KikitoriStore
extension ImportProblem {
    /// `file.csv:12: column 'employees' ('abc'): not a whole number` — one line, what to fix and where.
    public func message(path: String, language: Language, questionnaire: Questionnaire? = nil) -> String {
        let ja = language == .ja
        var location = "\(path):\(line):"
        if let column {
            location += ja ? " 列 '\(column)'" : " column '\(column)'"
            if let value {
                // Free text may name people: an error that could be pasted into a ticket shows its length only.
                let isFreeText = column.hasSuffix("_other") || ["respondent", "organisation", "person_name"].contains(column)
                    || questionnaire?.question(column)?.type == .text
                location += isFreeText
                    ? (ja ? "（文章 \(value.count) 文字）" : " (text, \(value.count) characters)")
                    : " ('\(DisplayWidth.truncate(value.replacingOccurrences(of: "\n", with: " "), to: 40))')"
            }
            location += ":"
        }
        return location + " " + reasonText(language, questionnaire: questionnaire)
    }

    private func reasonText(_ language: Language, questionnaire: Questionnaire?) -> String {
        let ja = language == .ja
        switch reason {
        case .undecodable(let offset):
            return ja ? "UTF-8 でも CP932 でもない文字があります（\(offset) バイト目）。Excel で「CSV UTF-8」として保存し直してください" : "neither UTF-8 nor CP932 (byte \(offset)); save it from Excel as \"CSV UTF-8\""
        case .unterminatedQuote: return ja ? "この行で始まる \" が閉じていません" : "a quote (\") opened on this line is never closed"
        case .textAfterQuote: return ja ? "\" で囲んだ値の後に文字があります" : "characters after a closing quote (\")"
        case .empty: return ja ? "空のファイルです。1 行目に列名が必要です" : "the file is empty; the first line must name the columns"
        case .ragged(let fields, let expected):
            return ja ? "値が \(fields) 個あります（見出しは \(expected) 列）" : "\(fields) fields, but the header has \(expected)"
        case .unknownColumn(let suggestion):
            let hint = suggestion.map { ja ? "。'\($0)' ではありませんか" : "; did you mean '\($0)'?" } ?? ""
            guard questionnaire != nil else { return (ja ? "知らない列です" : "unknown column") + hint }
            return (ja ? "この調査票にない列です" : "not a column of this questionnaire") + hint
        case .duplicateColumn: return ja ? "列名が重複しています" : "the column appears twice"
        case .missingColumn: return ja ? "この列が必要です" : "this column is required"
        case .required: return ja ? "値が必要です" : "a value is required"
        case .outsideAudience(let allowed):
            return ja
                ? "この調査票の対象ではない回答者の種別です（対象: \(allowed.joined(separator: "、"))）"
                : "this questionnaire is not for this kind of respondent (it is for \(allowed.joined(separator: ", ")))"
        case .invalid(let allowed):
            return ja ? "使える値は \(allowed.joined(separator: "、")) です" : "must be one of \(allowed.joined(separator: ", "))"
        case .badID: return ja ? "UUID ではありません（空欄なら新しく付けます）" : "not a UUID (leave it empty for a new hearing)"
        case .duplicateID(let first): return ja ? "\(first) 行目と同じ hearing_id です" : "the same hearing_id as line \(first)"
        case .alreadyInDatabase:
            return ja ? "このヒアリングは既にデータベースにあります。行を除くか hearing_id を空にしてください" : "this hearing is already in the database; remove the row, or empty its hearing_id to add it as new"
        case .unknownPreviousHearing:
            return ja
                ? "前回のヒアリングがデータベースにも、この行より前にもありません（空欄なら続きではない扱い）"
                : "no such hearing in the database or on an earlier line (leave it empty if this hearing follows none)"
        case .wrongVersion(let expected): return ja ? "--questionnaire の版 \(expected) と違います" : "not version \(expected), which --questionnaire names"
        case .unknownVersion(let known):
            return ja ? "調査票にない版です（\(known.map(String.init).joined(separator: "、"))）" : "no such version (known: \(known.map(String.init).joined(separator: ", ")))"
        case .badTime: return ja ? "日時ではありません。2024-05-01 10:30 のように書いてください" : "not a date and time; write it like 2024-05-01 10:30"
        case .answer(let problem): return problem.text(language, questionnaire: questionnaire)
        case .notAsked:
            let question = column.flatMap { questionnaire?.question($0) }
            let condition = question.flatMap { question in
                question.relevant.flatMap { relevant in
                    questionnaire.map { ExpressionDescriber(questionnaire: $0, language: language).describe(relevant, owner: question.id) }
                }
            } ?? ""
            return ja ? "この質問は他の回答からは聞かれないはずです（条件: \(condition)）" : "this question is not asked given the row's other answers (asked only if \(condition))"
        case .choiceColumnsDisagree(let marked):
            return ja ? "0/1 の列（\(marked.isEmpty ? "なし" : marked)）と一致しません" : "does not match the 0/1 columns (\(marked.isEmpty ? "none" : marked))"
        case .incomplete(let ids):
            return ja ? "status が completed ですが必須の質問が空です: \(ids.joined(separator: "、"))" : "status is completed but required questions are empty: \(ids.joined(separator: ", "))"
        case .badInstance(let maximum):
            return ja ? "繰り返しの番号は 1〜\(maximum) の整数です" : "the instance must be a whole number from 1 to \(maximum)"
        case .instanceValueDisagrees(let expected):
            return ja ? "この番号の項目は '\(expected)' です" : "this instance number stands for '\(expected)'"
        case .duplicateInstance(let first):
            return ja ? "\(first) 行目と同じヒアリング・グループ・番号です" : "the same hearing, group and instance as line \(first)"
        case .notInGroup(let group):
            return ja ? "この列は繰り返しグループ '\(group)' の質問ではありません" : "this column is not a question of repeat group '\(group)'"
        case .unmatchedHearing:
            return ja ? "このヒアリングは hearings のファイルにありません（hearing_id で結び付けます）" : "no row of the hearings file has this hearing_id, which joins the two"
        case .repeatsDisagree(let long):
            return ja ? "繰り返しのファイルの値（\(long)）と違います" : "the repeats file holds another value (\(long))"
        }
    }
}
