import KikitoriCore
import KikitoriStore

// Messages about files a command reads or writes.

extension OutputFile.Failure {
    public func text(_ language: Language) -> String {
        let ja = language == .ja
        switch self {
        case .exists(let path):
            return ja ? "\(path) は既にあります。上書きするには --force を付けてください" : "\(path) already exists; add --force to replace it"
        case .notRegularFile(let path):
            return ja
                ? "\(path) は通常のファイルではないため置き換えません（標準出力へは --out -）"
                : "\(path) is not a regular file; it is never replaced (for standard output use --out -)"
        case .cannotWrite(let path, let reason):
            return ja ? "\(path) に書き込めません: \(reason)" : "cannot write \(path): \(reason)"
        }
    }
}

extension InputFile.Failure {
    public func text(_ language: Language) -> String {
        let ja = language == .ja
        switch self {
        case .missing(let path): return ja ? "\(path): ファイルがありません" : "\(path): no such file"
        case .notRegularFile(let path):
            return ja ? "\(path): 通常のファイルではありません（FIFO・デバイス・フォルダは読みません）" : "\(path): not a regular file (FIFOs, devices and folders are not read)"
        case .tooLarge(let path, let bytes, let limit):
            return ja ? "\(path): 大きすぎます（\(bytes) バイト。上限は \(limit) バイト）" : "\(path): too large (\(bytes) bytes; the limit is \(limit))"
        case .unreadable(let path, let reason): return ja ? "\(path): 読めません: \(reason)" : "\(path): cannot read: \(reason)"
        }
    }
}

extension CSVWriter.Failure {
    public func text(_ language: Language) -> String {
        switch self {
        case .unconvertible(let character, let row, let column):
            return language == .ja
                ? "「\(character)」は CP932 で表せません（\(row) 行目、列 \(column)）。--replace で ? に置き換えるか --encoding utf-8-bom を使ってください"
                : "'\(character)' has no CP932 form (row \(row), column \(column)); use --replace to write ? or --encoding utf-8-bom"
        case .encodingUnavailable:
            return language == .ja ? "この環境の iconv は CP932 を扱えません" : "this system's iconv has no CP932 converter"
        }
    }
}

extension CSVExporter.Problem {
    public func text(_ language: Language) -> String {
        let ja = language == .ja
        switch self {
        case .chooseQuestionnaire(let ids):
            return ja
                ? "横長の表は調査票ごとに作ります。--questionnaire で指定してください（\(ids.joined(separator: "、"))）"
                : "the wide table is per questionnaire; choose one with --questionnaire (\(ids.joined(separator: ", ")))"
        case .noHearings(let id):
            return ja
                ? "\(id) のヒアリングはデータベースにありません（記入用の見出しは kikitori import --template --questionnaire \(id)）"
                : "no hearings of \(id) in the database (for a blank sheet to fill in: kikitori import --template --questionnaire \(id))"
        case .internalOnly(let kind):
            return ja ? "\(kind) は内部用です。--audience internal を指定してください" : "\(kind) is internal only; use --audience internal"
        }
    }
}

extension TagEvaluation.FormatError {
    public func text(_ language: Language) -> String {
        let ja = language == .ja
        switch problem {
        case .notUTF8: return ja ? "UTF-8 のファイルではありません" : "the file is not valid UTF-8"
        case .header: return ja ? "見出しの行には id、labels、text の列が必要です" : "the header must name the columns id, labels and text"
        case .columns(let expected, let found):
            return ja ? "列が \(found) 個あります（見出しは \(expected) 列）" : "expected \(expected) columns, found \(found)"
        case .unknownTheme(let theme): return ja ? "labels にコードブックにないテーマ '\(theme)' があります" : "unknown theme '\(theme)' in labels"
        }
    }
}
