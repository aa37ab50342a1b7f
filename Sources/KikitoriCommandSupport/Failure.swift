import ArgumentParser
import Foundation
import Kikitori

/// A theme named on the command line that the codebook does not have.
package enum TagProblem: Error {
    case unknownTheme(String)
    /// A decision without a coder, or with a name that cannot be one.
    case noCoder
    case invalidCoder(String)
}

/// A tool or data file the command needs is not installed (MeCab's dictionary): exit 69.
package struct Unavailable: Error {
    package let text: (Language) -> String

    package init(_ text: @escaping (Language) -> String) {
        self.text = text
    }
}

/// BSD sysexits codes, so scripts can tell a bad file from a bad command line.
package enum ExitStatus {
    package static let usage = ExitCode(64)
    package static let dataError = ExitCode(65)
    package static let noInput = ExitCode(66)
    package static let cannotCreate = ExitCode(73)
    package static let ioError = ExitCode(74)
    package static let temporaryFailure = ExitCode(75)
    package static let unavailable = ExitCode(69)
}


/// Prints a failure from the library as one line per problem and maps it to an exit code.
package func reportFailure(_ error: Error, language: Language) -> ExitCode {
    switch error {
    case let error as InputError:
        for diagnostic in error.diagnostics { StandardError.write(diagnostic.message(language)) }
        return ExitStatus.dataError
    case let error as TagEvaluation.FormatError:
        StandardError.write("\(error.path):\(error.line): " + error.text(language))
        return ExitStatus.dataError
    default:
        let (message, status) = failure(error, language: language)
        StandardError.write("kikitori: " + message)
        return status
    }
}

/// One line and an exit code for every error a command can meet.
private func failure(_ error: Error, language: Language) -> (message: String, status: ExitCode) {
    switch error {
    case let error as StoreError: return (error.text(language), exitStatus(error))
    case let error as AnswerProblem: return (error.text(language), ExitStatus.dataError)
    case let error as LibraryError:
        if case .badReference = error { return (error.text(language), ExitStatus.usage) }
        return (error.text(language), ExitStatus.noInput)
    case let error as OutputFile.Failure: return (error.text(language), ExitStatus.cannotCreate)
    case let error as InputFile.Failure:
        if case .tooLarge = error { return (error.text(language), ExitStatus.dataError) }
        return (error.text(language), ExitStatus.noInput)
    case let error as PrivacyProblem: return (error.text(language), ExitStatus.dataError)
    case let error as ReviewProblem: return (error.text(language), ExitStatus.usage)
    case let error as ExploreProblem:
        if case .unknownGroup = error { return (error.text(language), ExitStatus.usage) }
        return (error.text(language), ExitStatus.dataError)
    case let error as Unavailable: return (error.text(language), ExitStatus.unavailable)
    case let error as PDFPrinter.Failure:
        if case .chromiumMissing = error { return (error.text(language), ExitStatus.unavailable) }
        return (error.text(language), ExitStatus.ioError)
    case let error as CSVWriter.Failure: return (error.text(language), ExitStatus.dataError)
    case let error as CSVExporter.Problem:
        if case .noHearings = error { return (error.text(language), ExitStatus.noInput) }
        return (error.text(language), ExitStatus.usage)
    case TagProblem.unknownTheme(let theme): return (InputProblem.unknownTheme(theme).text(language), ExitStatus.usage)
    case TagProblem.noCoder: return (CodingPhrase.noCoder.text(language), ExitStatus.usage)
    case TagProblem.invalidCoder(let name): return (CodingPhrase.invalidCoder(name).text(language), ExitStatus.usage)
    case CodingProblem.fewerThanTwoCoders(let found): return (CodingPhrase.fewerThanTwoCoders(found).text(language), ExitStatus.noInput)
    case CodingProblem.unknownMemoTarget(let target): return (CodingPhrase.unknownMemoTarget(target).text(language), ExitStatus.usage)
    case let error as CocoaError where error.code == .fileReadNoSuchFile:
        return ("\(error.filePath ?? ""): " + String(cString: strerror(ENOENT)), ExitStatus.noInput)
    default: return ("\(error)", ExitCode.failure)
    }
}

private func exitStatus(_ error: StoreError) -> ExitCode {
    switch error {
    case .notKikitori, .newerSchema, .corrupt, .snapshotChanged, .snapshotMismatch: return ExitStatus.dataError
    case .cannotCreate, .readOnly, .isDirectory: return ExitStatus.cannotCreate
    case .unknownHearing, .unknownRespondent, .unknownSnapshot, .unknownAnswer, .ambiguousHearing, .ambiguousRespondent,
        .missing, .cannotRead, .unknownConflict, .unknownQuestionnaire:
        return ExitStatus.noInput
    case .sameFile, .alreadyLinked, .tooManySources, .followUpOfAnotherRespondent: return ExitStatus.usage
    case .hearingOpenElsewhere: return ExitStatus.temporaryFailure
    case .sqlite, .walNeedsRecovery, .diskFull: return ExitStatus.ioError
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
