import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Bring hearings, answers, respondents, questionnaires and tags from interviewers' databases into this one.",
        discussion: """
            Everything is keyed by UUID and answers are only ever added, so merging the same file twice \
            adds nothing, and merging A into B or B into A gives the same content. The whole merge is one \
            transaction: on any error nothing changes. Source files are only read (an older one is \
            upgraded in a private copy beside the target, removed afterwards).

            A hearing continued on two laptops keeps both histories; where one answer ended differently \
            on the two sides, it is listed by `kikitori conflicts` for a person to resolve. Respondents \
            that look like the same organisation are offered for linking (`kikitori respondents \
            duplicates`), never joined silently. A questionnaire with the same id@version but another \
            content is refused.

            Examples:
              kikitori merge field-sato.sqlite field-suzuki.sqlite --dry-run
              kikitori merge field-*.sqlite --db wg.sqlite
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Kikitori databases to merge from.", completion: .file(extensions: ["sqlite"]))
    var sources: [String]

    @Flag(help: "Show what would come in, and write nothing.")
    var dryRun = false

    func run() throws {
        let language = options.language()
        let text = try options.guarded {
            let store = try database.open(options)
            let progress = Progress(CommandPhrase.progressMerging.text(language))
            defer { progress.finish() }
            let report = try store.merge(sources, dryRun: dryRun, progress: progress.update)
            return FieldDataFormatter(language: language).merge(report)
        }
        try StandardOutput.write(text)
    }
}
