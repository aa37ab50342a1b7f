import ArgumentParser
import Foundation
import Kikitori

/// A theme named on the command line that the codebook does not have.
package enum TagProblem: Error {
    case unknownTheme(String)
}

/// BSD sysexits codes, so scripts can tell a bad file from a bad command line.
package enum ExitStatus {
    package static let usage = ExitCode(64)
    package static let dataError = ExitCode(65)
    package static let noInput = ExitCode(66)
    package static let cannotCreate = ExitCode(73)
    package static let ioError = ExitCode(74)
}


/// Prints a failure from the library as one line per problem and maps it to an exit code.
package func reportFailure(_ error: Error, language: Language) -> ExitCode {
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
    case let error as OutputFile.Failure:
        StandardError.write("kikitori: " + error.text(language))
        return ExitStatus.cannotCreate
    case let error as InputFile.Failure:
        StandardError.write("kikitori: " + error.text(language))
        if case .tooLarge = error { return ExitStatus.dataError }
        return ExitStatus.noInput
    case let error as PrivacyProblem:
        StandardError.write("kikitori: " + error.text(language))
        return ExitStatus.dataError
    case let error as CSVWriter.Failure:
        StandardError.write("kikitori: " + error.text(language))
        return ExitStatus.dataError
    case let error as CSVExporter.Problem:
        StandardError.write("kikitori: " + error.text(language))
        if case .noHearings = error { return ExitStatus.noInput }
        return ExitStatus.usage
    case TagProblem.unknownTheme(let theme):
        StandardError.write("kikitori: " + InputProblem.unknownTheme(theme).text(language))
        return ExitStatus.usage
    case let error as TagEvaluation.FormatError:
        StandardError.write("\(error.path):\(error.line): " + error.text(language))
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
    package func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            throw reportFailure(error, language: language())
        }
    }
}
