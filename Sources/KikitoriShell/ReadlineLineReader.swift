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
    /// Whether readline is waiting for a line: Ctrl-C then clears it; otherwise a command is running.
    nonisolated(unsafe) static var reading: sig_atomic_t = 0
    /// Said on Ctrl-C while a command runs, as bytes ready for write(2) in the signal handler.
    nonisolated(unsafe) static var busyNotice: UnsafeMutablePointer<CChar>? = strdup("\n")
    nonisolated(unsafe) static var busyNoticeLength = 1

    public init(historyPath: String?) {
        self.historyPath = historyPath
        rl_readline_name = UnsafePointer(strdup("kikitori"))
        rl_attempted_completion_function = { text, _, _ in
            rl_attempted_completion_over = 1
            return rl_completion_matches(text) { text, state in
                if state == 0 {
                    let word = text.map { String(cString: $0) } ?? ""
                    // rl_point counts bytes, so the line up to the cursor is cut as UTF-8.
                    let bytes = UnsafeRawBufferPointer(start: rl_line_buffer, count: Int(rl_point))
                    let line = String(decoding: bytes, as: UTF8.self)
                    ReadlineLineReader.matches = ReadlineLineReader.completions.matches(forLine: line, word: word)
                    ReadlineLineReader.matchIndex = 0
                }
                guard ReadlineLineReader.matchIndex < ReadlineLineReader.matches.count else { return nil }
                defer { ReadlineLineReader.matchIndex += 1 }
                return strdup(ReadlineLineReader.matches[ReadlineLineReader.matchIndex])
            }
        }
        // Spaces and commas end words; ':' is part of commands. Not 、: readline compares break
        // characters byte by byte, and its first byte starts every kana (Completions.matches splits it).
        rl_completer_word_break_characters = UnsafePointer(strdup(" \t\n,"))
        // Ctrl-C at a prompt clears the line being typed and prompts again. While a command runs
        // (tag, merge) nothing is cancelled — every command is one transaction or resumable — and the
        // interviewer is told so, without a prompt that would not take input.
        signal(SIGINT) { _ in
            guard ReadlineLineReader.reading != 0 else {
                if let notice = ReadlineLineReader.busyNotice { Glibc.write(STDERR_FILENO, notice, ReadlineLineReader.busyNoticeLength) }
                return
            }
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
        ReadlineLineReader.reading = 1
        let line = readline(prompt)
        ReadlineLineReader.reading = 0
        guard let raw = line else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    public func setBusyNotice(_ text: String) {
        let bytes = "\n" + text + "\n"
        let copy = strdup(bytes)
        let old = ReadlineLineReader.busyNotice
        ReadlineLineReader.busyNoticeLength = bytes.utf8.count
        ReadlineLineReader.busyNotice = copy
        free(old)
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
