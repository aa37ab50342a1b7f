import ArgumentParser
import Foundation
import Kikitori

#if canImport(Glibc)
import Glibc
#endif

/// Standard output, where results go: every byte written or a clear failure (exit 74), never a
/// crash and never a silent exit 0 with the output lost (a full disk, a closed stream, a broken
/// pipe while SIGPIPE is ignored). With SIGPIPE at its default, `| head` ends the program quietly,
/// as it does every Unix tool.
package enum StandardOutput {
    package static func write(_ text: String) throws {
        try write(Data(text.utf8))
    }

    package static func write(_ data: Data) throws {
        guard let failure = descriptorWrite(STDOUT_FILENO, data) else { return }
        StandardError.write("kikitori: " + Phrase.standardOutputFailed(String(cString: strerror(failure))).text(language))
        throw ExitStatus.ioError
    }

    /// `--lang` as given on the command line, else the locale's: this is said outside any command's options.
    private static var language: Language {
        let arguments = CommandLine.arguments
        if let index = arguments.firstIndex(of: "--lang"), index + 1 < arguments.count, let language = Language(rawValue: arguments[index + 1]) {
            return language
        }
        if let option = arguments.first(where: { $0.hasPrefix("--lang=") }), let language = Language(rawValue: String(option.dropFirst(7))) {
            return language
        }
        return Language.fromEnvironment() ?? .ja
    }
}

/// Standard error, where every diagnostic goes so that standard output stays clean for pipes.
/// A closed standard error loses the message, never the program.
package enum StandardError {
    package static func write(_ line: String) {
        _ = descriptorWrite(STDERR_FILENO, Data((line + "\n").utf8))
    }

    /// Progress drawing: no newline.
    package static func draw(_ text: String) {
        _ = descriptorWrite(STDERR_FILENO, Data(text.utf8))
    }
}

/// Writes all of `data`; the errno on failure.
private func descriptorWrite(_ descriptor: Int32, _ data: Data) -> Int32? {
    data.withUnsafeBytes { raw -> Int32? in
        guard let base = raw.baseAddress else { return nil }
        var written = 0
        while written < raw.count {
            let result = Glibc.write(descriptor, base + written, raw.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += result
        }
        return nil
    }
}
