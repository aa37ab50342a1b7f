import Foundation
import Kikitori

/// Where the shell writes: standard output in the program, a buffer in tests.
public final class ShellOutput: @unchecked Sendable {
    private let sink: (String) -> Void
    public let style: TextStyle

    public init(style: TextStyle, sink: @escaping (String) -> Void) {
        self.style = style
        self.sink = sink
    }

    /// Standard output, flushed at every write so a prompt never waits behind buffered text.
    public static func standardOutput(style: TextStyle) -> ShellOutput {
        ShellOutput(style: style) { text in
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    public func write(_ text: String) {
        sink(text)
    }

    public func line(_ text: String = "") {
        sink(text + "\n")
    }
}
