import Kikitori
import Foundation

/// Reads lines from standard input when it is not a terminal: no readline, no prompts, no history.
/// The same grammar as the interactive shell, so hearings can be scripted and paper notes typed in.
public final class PlainLineReader: LineReader {
    public init() {}

    public func readLine(prompt: String, completions: Completions) -> String? {
        guard let line = Swift.readLine(strippingNewline: true) else { return nil }
        return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }

    public func remember(_ line: String) {}
}
