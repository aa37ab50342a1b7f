import ArgumentParser
import Foundation
import Kikitori

/// BSD sysexits codes, so scripts can tell a bad file from a bad command line.
enum ExitStatus {
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    static let cannotCreate = ExitCode(73)
    static let ioError = ExitCode(74)
}


/// Prints a failure from the library as one line per problem and maps it to an exit code.
func reportFailure(_ error: Error, language: Language) -> ExitCode {
    switch error {
    case let error as InputError:
        for diagnostic in error.diagnostics { StandardError.write(diagnostic.message(language)) }
        return ExitStatus.dataError
    case let error as StoreError:
        StandardError.write("kikitori: " + error.text(language))
        switch error {
        case .notKikitori, .newerSchema, .corrupt, .snapshotChanged, .snapshotMismatch: return ExitStatus.dataError
        case .cannotCreate, .readOnly, .isDirectory: return ExitStatus.cannotCreate
        case .unknownHearing, .unknownRespondent, .unknownSnapshot, .unknownAnswer, .ambiguousHearing, .ambiguousRespondent,
            .missing, .cannotRead, .unknownConflict:
            return ExitStatus.noInput
        case .sameFile, .alreadyLinked, .tooManySources: return ExitStatus.usage
        case .sqlite, .walNeedsRecovery, .diskFull: return ExitStatus.ioError
        }
    case let error as AnswerProblem:
        StandardError.write("kikitori: " + error.text(language))
        return ExitStatus.dataError
    case let error as LibraryError:
        StandardError.write("kikitori: " + error.text(language))
        if case .badReference = error { return ExitStatus.usage }
        return ExitStatus.noInput
    case OutputFile.Failure.exists(let path):
        StandardError.write("kikitori: " + (language == .ja ? "\(path) は既にあります。上書きするには --force を付けてください" : "\(path) already exists; add --force to replace it"))
        return ExitStatus.cannotCreate
    case OutputFile.Failure.notRegularFile(let path):
        StandardError.write("kikitori: " + (language == .ja ? "\(path) は通常のファイルではないため置き換えません（標準出力へは --out -）" : "\(path) is not a regular file; it is never replaced (for standard output use --out -)"))
        return ExitStatus.cannotCreate
    case let error as InputFile.Failure:
        StandardError.write("kikitori: " + error.text(language))
        if case .tooLarge = error { return ExitStatus.dataError }
        return ExitStatus.noInput
    case let error as PrivacyProblem:
        StandardError.write("kikitori: " + error.text(language))
        return ExitStatus.dataError
    case OutputFile.Failure.cannotWrite(let path, let reason):
        StandardError.write("kikitori: " + (language == .ja ? "\(path) に書き込めません: \(reason)" : "cannot write \(path): \(reason)"))
        return ExitStatus.cannotCreate
    case CSVWriter.Failure.unconvertible(let character, let row, let column):
        StandardError.write("kikitori: " + (language == .ja
            ? "「\(character)」は CP932 で表せません（\(row) 行目、列 \(column)）。--replace で ? に置き換えるか --encoding utf-8-bom を使ってください"
            : "'\(character)' has no CP932 form (row \(row), column \(column)); use --replace to write ? or --encoding utf-8-bom"))
        return ExitStatus.dataError
    case CSVExporter.Problem.chooseQuestionnaire(let ids):
        StandardError.write("kikitori: " + (language == .ja
            ? "横長の表は調査票ごとに作ります。--questionnaire で指定してください（\(ids.joined(separator: "、"))）"
            : "the wide table is per questionnaire; choose one with --questionnaire (\(ids.joined(separator: ", ")))"))
        return ExitStatus.usage
    case CSVExporter.Problem.noHearings(let id):
        StandardError.write("kikitori: " + (language == .ja
            ? "\(id) のヒアリングはデータベースにありません（記入用の見出しは kikitori import --template --questionnaire \(id)）"
            : "no hearings of \(id) in the database (for a blank sheet to fill in: kikitori import --template --questionnaire \(id))"))
        return ExitStatus.noInput
    case CSVExporter.Problem.internalOnly(let kind):
        StandardError.write("kikitori: " + (language == .ja ? "\(kind) は内部用です。--audience internal を指定してください" : "\(kind) is internal only; use --audience internal"))
        return ExitStatus.usage
    case TagProblem.unknownTheme(let theme):
        StandardError.write("kikitori: " + InputProblem.unknownTheme(theme).text(language))
        return ExitStatus.usage
    case let error as TagEvaluation.FormatError:
        StandardError.write("\(error.path):\(error.line): \(error.message)")
        return ExitStatus.dataError
    case let error as CocoaError where error.code == .fileReadNoSuchFile:
        StandardError.write("kikitori: \(error.filePath ?? ""): " + String(cString: strerror(ENOENT)))
        return ExitStatus.noInput
    default:
        StandardError.write("kikitori: \(error)")
        return ExitCode.failure
    }
}

extension GlobalOptions {
    /// Runs `body`, turning library errors into one-line messages and exit codes.
    func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            throw reportFailure(error, language: language())
        }
    }
}
