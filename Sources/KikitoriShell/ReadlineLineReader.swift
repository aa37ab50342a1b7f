import CReadline
import Foundation
import Kikitori

#if canImport(Glibc)
import Glibc
#endif

/// GNU readline on a terminal: line editing, Tab completion of choices and commands, and a
/// persistent history that holds commands only (answers are personal data and never enter it).
public final class ReadlineLineReader: LineReader {
    private let historyPath: String?

    /// Candidates for the current prompt; readline's C callbacks read them.
    nonisolated(unsafe) static var completions = Completions.none
    nonisolated(unsafe) static var matches: [String] = []
    nonisolated(unsafe) static var matchIndex = 0

    public init(historyPath: String?) {
        self.historyPath = historyPath
        rl_readline_name = UnsafePointer(strdup("kikitori"))
        rl_attempted_completion_function = { text, _, _ in
            rl_attempted_completion_over = 1
            return rl_completion_matches(text) { text, state in
                if state == 0 {
                    let prefix = AnswerParser.normalise(text.map { String(cString: $0) } ?? "").lowercased()
                    // rl_point counts bytes, so the line up to the cursor is cut as UTF-8.
                    let bytes = UnsafeRawBufferPointer(start: rl_line_buffer, count: Int(rl_point))
                    let line = String(decoding: bytes, as: UTF8.self)
                    let candidates = ReadlineLineReader.completions.candidates(forLine: line)
                    ReadlineLineReader.matches = candidates.filter {
                        AnswerParser.normalise($0).lowercased().hasPrefix(prefix)
                    }
                    ReadlineLineReader.matchIndex = 0
                }
                guard ReadlineLineReader.matchIndex < ReadlineLineReader.matches.count else { return nil }
                defer { ReadlineLineReader.matchIndex += 1 }
                return strdup(ReadlineLineReader.matches[ReadlineLineReader.matchIndex])
            }
        }
        // Spaces and the separators of multiple choices end words; ':' is part of commands.
        rl_completer_word_break_characters = UnsafePointer(strdup(" \t\n,、"))
        // Ctrl-C clears the line being typed and prompts again; nothing else is cancelled.
        signal(SIGINT) { _ in
            Glibc.write(STDOUT_FILENO, "\n", 1)
            rl_on_new_line()
            rl_replace_line("", 0)
            rl_redisplay()
        }
        using_history()
        if let historyPath {
            // Created owner-only: even command history can name hearings.
            let descriptor = open(historyPath, O_CREAT | O_WRONLY | O_APPEND, 0o600)
            if descriptor >= 0 { close(descriptor) }
            read_history(historyPath)
        }
    }

    public func readLine(prompt: String, completions: Completions) -> String? {
        ReadlineLineReader.completions = completions
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    public func remember(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return }
        add_history(trimmed)
        if let historyPath {
            append_history(1, historyPath)
            history_truncate_file(historyPath, 1000)
        }
    }

    /// Puts the terminal back as it was, for a signal that ends the program mid-line.
    public static func restoreTerminal() {
        rl_cleanup_after_signal()
    }
}
