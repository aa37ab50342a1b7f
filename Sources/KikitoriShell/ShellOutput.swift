import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Kikitori

/// Where the shell writes: standard output in the program, a buffer in tests.
public final class ShellOutput: @unchecked Sendable {
    private let sink: (String) -> Void
    public let style: TextStyle

    public init(style: TextStyle, sink: @escaping (String) -> Void) {
        self.style = style
        self.sink = sink
    }

    /// Standard output, unbuffered so a prompt never waits behind buffered text. A terminal that
    /// went away loses the text, never the program (answers are already saved).
    public static func standardOutput(style: TextStyle) -> ShellOutput {
        ShellOutput(style: style) { text in
            var bytes = Array(text.utf8)
            var written = 0
            while written < bytes.count {
                let result = bytes.withUnsafeMutableBytes { raw -> Int in
                    guard let base = raw.baseAddress else { return 0 }
                    return Glibc.write(STDOUT_FILENO, base + written, raw.count - written)
                }
                if result < 0 && errno == EINTR { continue }
                guard result > 0 else { return }
                written += result
            }
        }
    }

    /// Everything the shell shows passes here, so stored text can never drive the terminal.
    public func write(_ text: String) {
        sink(TerminalText.safe(text))
    }

    public func line(_ text: String = "") {
        sink(TerminalText.safe(text) + "\n")
    }
}
