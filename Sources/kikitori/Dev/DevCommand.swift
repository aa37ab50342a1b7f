import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport

struct DevCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Synthetic data for demonstrations and benchmarks (measuring tools: kikitori-bench).",
        discussion: "Example:\n  kikitori dev generate --hearings 200 --seed 7 --db demo.sqlite",
        subcommands: [DevGenerate.self])
}

extension DevCommand {
    struct DevGenerate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Write a realistic synthetic database; the same seed gives the same database.",
            discussion: """
                Respondents of every kind across Hokkaido, every questionnaire and version in the \
                questionnaires folder, answers that follow skip logic and constraints, Japanese free text, \
                and some paused and abandoned hearings. The database must not exist yet, so that \
                synthetic hearings never mix with real ones. --long writes text answers of three or four \
                sentences (≈250 bytes), the shape of real hearing notes, for measuring on long text.

                Examples:
                  kikitori dev generate --hearings 300 --seed 1 --db bench.sqlite
                  kikitori dev generate --hearings 300 --long --db long.sqlite
                """)

        @OptionGroup var options: GlobalOptions

        @Option(help: "How many hearings to write.")
        var hearings: Int = 1000

        @Option(help: "The seed: the same seed gives the same database.")
        var seed: UInt64 = 1

        @Option(help: "The database to create (must not exist).", completion: .file())
        var db: String

        @Flag(help: "Text answers of three or four sentences (≈250 bytes) instead of one to three clauses.")
        var long = false

        func validate() throws {
            guard hearings > 0 else { throw ValidationError(ArgumentPhrase.hearingsAtLeastOne.text(options.language())) }
            if FileManager.default.fileExists(atPath: db) {
                throw ValidationError(ArgumentPhrase.syntheticNeedsNewDatabase(db).text(options.language()))
            }
        }

        func run() throws {
            let language = options.language()
            let started = Date()
            try options.guarded {
                let library = options.library
                let questionnaires = try library.entries().map { try library.load("\($0.id)@\($0.version)") }
                let store = try HearingStore(path: db)
                let progress = Progress(CommandPhrase.progressGenerating.text(language))
                defer { progress.finish() }
                try SyntheticHearings(questionnaires: questionnaires, seed: seed, longAnswers: long)
                    .write(hearings: hearings, to: store) { progress.update($0, of: $1) }
            }
            let seconds = Date().timeIntervalSince(started)
            StandardError.write(String(format: "%d hearings in %.1f s (%.0f hearings/s)", hearings, seconds, Double(hearings) / seconds))
        }
    }
}
