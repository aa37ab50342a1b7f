import Foundation

/// Where the shell's input comes from: GNU readline on a terminal, plain lines from a pipe,
/// scripted lines in tests. The library defines the protocol; the shell target implements readline.
public protocol LineReader: AnyObject {
    /// Reads one line after `prompt`; nil at end of input (Ctrl-D). `completions` feed Tab.
    func readLine(prompt: String, completions: Completions) -> String?

    /// Adds a command line to the persistent history. Answers are never passed here.
    func remember(_ line: String)

    /// What to say when the interviewer presses Ctrl-C while a command runs (not at a prompt).
    func setBusyNotice(_ text: String)
}

extension LineReader {
    public func setBusyNotice(_ text: String) {}
}

/// Lines given in advance, for tests and scripted input.
public final class ScriptedLineReader: LineReader {
    private var lines: [String]
    public private(set) var prompts: [String] = []
    public private(set) var remembered: [String] = []

    public init(_ lines: [String]) {
        self.lines = lines
    }

    public func readLine(prompt: String, completions: Completions) -> String? {
        prompts.append(prompt)
        return lines.isEmpty ? nil : lines.removeFirst()
    }

    public func remember(_ line: String) {
        remembered.append(line)
    }
}

/// What Tab offers: words for the first word of a line, and words after a given first word
/// (question ids after `:jump`, hearing ids after `resume`).
public struct Completions: Sendable {
    public var words: [String]
    public var after: [String: [String]]
    /// Readings in hiragana by word: `さっぽ` or `サッポ` then offers 札幌市.
    public var readings: [String: String]

    public init(words: [String] = [], after: [String: [String]] = [:], readings: [String: String] = [:]) {
        self.words = words
        self.after = after
        self.readings = readings
    }

    public static let none = Completions()

    /// What Tab offers for `word` (the text readline handed over, after the last space or comma) on
    /// a line typed so far. A multiple choice's `、` is split here, not by readline: readline's word
    /// breaks are single bytes, and `、` (E3 80 81) shares its first byte with every kana. Each
    /// result keeps what came before the last `、`, so readline replaces the whole word. A candidate
    /// matches on its start or on the start of any of its words (`retail` → `Wholesale and retail`),
    /// compared after NFKC in lower case.
    public func matches(forLine line: String, word: String) -> [String] {
        let kept = word.lastIndex(of: "、").map { String(word[...$0]) } ?? ""
        let typed = String(word.dropFirst(kept.count))
        let key = typed.precomposedStringWithCompatibilityMapping.lowercased()
        let kana = Self.hiragana(key)
        return candidates(forLine: line).filter { candidate in
            let folded = candidate.precomposedStringWithCompatibilityMapping.lowercased()
            return folded.hasPrefix(key) || folded.split(separator: " ").dropFirst().contains { $0.hasPrefix(key) }
                || (!kana.isEmpty && readings[candidate]?.hasPrefix(kana) == true)
        }.map { kept + $0 }
    }

    /// Katakana as hiragana (ア → あ), everything else as it is.
    public static func hiragana(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append((0x30A1...0x30F6).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0x60) ?? scalar : scalar)
        }
        return String(scalars)
    }

    /// The candidates for a line typed so far (up to the cursor).
    public func candidates(forLine line: String) -> [String] {
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        let startsNewWord = line.hasSuffix(" ")
        if parts.count >= 2 || (parts.count == 1 && startsNewWord), let first = parts.first {
            return after[String(first)] ?? words
        }
        return words
    }
}
