import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport

extension QuestionnaireCommand {
    struct QuestionnaireDiffCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Show added, removed and changed questions, choices and logic between two versions.",
            discussion: """
                Examples:
                  kikitori questionnaire diff private-firm-data-use@1 private-firm-data-use@2
                  kikitori questionnaire diff private-firm-data-use@1 private-firm-data-use@2 --json
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The older questionnaire (id@N or a path).")
        var old: String

        @Argument(help: "The newer questionnaire (id@N or a path).")
        var new: String

        @Flag(help: "Print the differences as JSON.")
        var json = false

        func run() throws {
            let output = try options.guarded {
                let before = try options.library.load(old)
                let after = try options.library.load(new)
                let diff = QuestionnaireDiff(from: before, to: after)
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    return String(decoding: try encoder.encode(diff), as: UTF8.self) + "\n"
                }
                let language = options.language(fallback: after.defaultLanguage)
                return DiffFormatter(diff: diff, old: before, new: after, language: language).render()
            }
            try StandardOutput.write(output)
        }
    }
}
