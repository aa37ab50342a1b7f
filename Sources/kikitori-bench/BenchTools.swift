import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport

/// The measuring tools behind `make bench`, beside the real `kikitori` so that they never reach a
/// user's command list.
@main
struct KikitoriBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kikitori-bench",
        abstract: "Measuring tools for make bench: phrases, the matcher alone, keyword lists, text dumps, commit latency.",
        discussion: """
            Examples:
              kikitori-bench phrases --count 10000 --seed 1 > answers.txt
              kikitori-bench match-bench --input answers.txt
            """,
        subcommands: [DevPhrases.self, DevMatchBench.self, DevKeywords.self, DevDumpText.self, DevCommitBench.self])
}

extension KikitoriBench {
    /// `kikitori-bench match-bench`: the matcher alone over a file of answers, one per line.
    struct DevMatchBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "match-bench",
            abstract: "Time the theme matcher alone over a file of answers (one per line); prints JSON.",
            discussion: "Example:\n  kikitori-bench match-bench --input answers.txt")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var codebook: CodebookOptions

        @Option(help: "A UTF-8 file with one answer per line.", completion: .file())
        var input: String

        func run() throws {
            try options.guarded {
                let matcher = try ThemeMatcher(codebook: try codebook.load(options))
                let data = try Data(contentsOf: URL(fileURLWithPath: input))
                let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
                var scratch = matcher.makeScratch()
                var matched = 0
                let normalizeStart = Date()
                var normalizedBytes = 0
                for line in lines { normalizedBytes += NormalizedText(line).bytes.count }
                let normalizeSeconds = Date().timeIntervalSince(normalizeStart)
                let normalized = lines.map(NormalizedText.init)
                let rawStart = Date()
                var raw = 0
                for text in normalized { raw += matcher.countRawMatches(text.bytes) }
                let rawSeconds = Date().timeIntervalSince(rawStart)
                let scanStart = Date()
                var hits = 0
                for text in normalized { hits += matcher.countHits(text, scratch: &scratch) }
                let scanSeconds = Date().timeIntervalSince(scanStart)
                let start = Date()
                for line in lines where !matcher.match(NormalizedText(line), scratch: &scratch).isEmpty { matched += 1 }
                let seconds = Date().timeIntervalSince(start)
                let result: [String: Any] = [
                    "normalize_seconds": normalizeSeconds, "scan_seconds": scanSeconds, "automaton_seconds": rawSeconds, "raw_matches": raw, "keyword_hits": hits, "normalized_bytes": normalizedBytes,
                    "answers": lines.count, "bytes": data.count, "matched_answers": matched, "seconds": seconds,
                    "answers_per_second": Double(lines.count) / seconds, "mb_per_second": Double(data.count) / 1e6 / seconds,
                ]
                let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
                try StandardOutput.write(String(decoding: json, as: UTF8.self) + "\n")
            }
        }
    }

    /// `kikitori-bench keywords`: every normalised keyword of the codebook, for `grep -F -f`.
    struct DevKeywords: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keywords",
            abstract: "Print the codebook's keywords, normalised, one per line (for grep -F -f).",
            discussion: "Example:\n  kikitori-bench keywords > keywords.txt")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var codebook: CodebookOptions

        @Flag(help: "Print theme<TAB>keyword, one line per keyword of each theme.")
        var byTheme = false

        func run() throws {
            let matcher = try options.guarded { try ThemeMatcher(codebook: try codebook.load(options)) }
            if byTheme {
                var seen = Set<String>()
                let lines = matcher.keywordsByTheme.map { "\($0.theme)\t\($0.keyword)" }.filter { seen.insert($0).inserted }
                try StandardOutput.write(lines.joined(separator: "\n") + "\n")
            } else {
                try StandardOutput.write(matcher.keywordPatterns.joined(separator: "\n") + "\n")
            }
        }
    }

    /// `kikitori-bench dump-text`: the current text answers, one per line, for side-by-side baselines.
    struct DevDumpText: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dump-text",
            abstract: "Print every current free-text answer on its own line (line breaks become spaces).",
            discussion: "Example:\n  kikitori-bench dump-text --db bench.sqlite > answers.txt")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try options.guarded {
                let store = try database.open(options, readOnly: true)
                var output = LineOutput()
                try store.forEachCurrentText { text in try output.write(text.replacingOccurrences(of: "\n", with: " ")) }
                try output.flush()
            }
        }
    }
}

extension KikitoriBench {
    /// `kikitori-bench phrases`: synthetic free-text answers, one per line, for matcher benchmarks.
    struct DevPhrases: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "phrases",
            abstract: "Print synthetic Japanese answers from the phrase bank, one per line; the same seed gives the same text.",
            discussion: "Example:\n  kikitori-bench phrases --count 10000 --seed 1 > answers.txt")

        @Option(help: "How many answers.")
        var count: Int = 1000

        @Option(help: "The seed.")
        var seed: UInt64 = 1

        func run() throws {
            var rng = SeededGenerator(seed: seed)
            var output = LineOutput()
            for _ in 0..<count { try output.write(PhraseBank.answer(&rng)) }
            try output.flush()
        }
    }
}

extension KikitoriBench {
    /// `kikitori-bench commit-bench`: how long an interviewer waits for each answer to be saved.
    struct DevCommitBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "commit-bench",
            abstract: "Time each answer's durable commit through the interview engine; prints JSON with p50 and p99.",
            discussion: """
                Synthetic hearings of the largest questionnaire are replayed answer by answer through a \
                hearing session, as the shell saves them (engine check, then a synchronous=FULL commit), \
                into a new database at --db.

                Example:
                  kikitori-bench commit-bench --db commit.sqlite --hearings 40
                """)

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        @Option(help: "How many hearings to replay.")
        var hearings = 40

        func run() throws {
            try options.guarded {
                guard !FileManager.default.fileExists(atPath: database.path) else {
                    throw ValidationError("\(database.path) exists; commit-bench writes a new database")
                }
                let library = options.library
                let largest = try library.entries().map { try library.load("\($0.id)@\($0.version)") }
                    .max { $0.questions.count < $1.questions.count }
                guard let questionnaire = largest else { throw ValidationError("no questionnaires") }
                let sourcePath = database.path + ".source"
                defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: sourcePath + suffix) } }
                let source = try HearingStore(path: sourcePath)
                try SyntheticHearings(questionnaires: [questionnaire], seed: 1).write(hearings: hearings, to: source)
                let store = try database.open(options)
                var latencies: [Double] = []
                for summary in try source.hearings() {
                    let events = try source.events(of: summary.hearing.id, questionnaire: questionnaire)
                    let session = try HearingSession.start(
                        store: store, questionnaire: questionnaire, respondent: summary.respondent, isNewRespondent: true,
                        interviewer: "bench", place: nil, consent: .internalOnly, language: .ja)
                    for event in events {
                        guard let id = event.questionID, let question = questionnaire.question(id),
                            let state = AnswerState.current(from: [event])[id]
                        else { continue }
                        session.move(to: question)
                        let start = DispatchTime.now().uptimeNanoseconds
                        try session.mark(state)
                        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                    }
                }
                latencies.sort()
                let percentile = { (p: Double) in latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
                let result: [String: Any] = [
                    "questionnaire": questionnaire.reference, "questions": questionnaire.questions.count, "commits": latencies.count,
                    "p50_ms": percentile(0.5), "p99_ms": percentile(0.99), "max_ms": latencies.last ?? 0,
                ]
                let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
                try StandardOutput.write(String(decoding: json, as: UTF8.self) + "\n")
            }
        }
    }
}

/// Lines to standard output in megabyte blocks: the dumps run to millions of lines.
private struct LineOutput {
    private var buffer = Data()

    mutating func write(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count > 1 << 20 { try flush() }
    }

    mutating func flush() throws {
        try StandardOutput.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
