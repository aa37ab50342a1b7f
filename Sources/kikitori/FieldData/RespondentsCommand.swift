import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport

struct RespondentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "respondents",
        abstract: "List respondents, find ones registered twice, and link them.",
        discussion: """
            Linking says two registrations are one organisation: reports and exports then count and name \
            them once (one pseudonym). Hearings and answers are not changed; `unlink` undoes it.

            Examples:
              kikitori respondents
              kikitori respondents duplicates
              kikitori respondents link 9c1e22 4b7a10
              kikitori respondents distinct 9c1e22 77d0e1
            """,
        subcommands: [List.self, Duplicates.self, Link.self, Unlink.self, Distinct.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Every respondent, oldest first.", discussion: "Example:\n  kikitori respondents list")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let language = options.language()
            let text = try options.guarded {
                let respondents = try database.open(options, readOnly: true).respondents()
                var table = TextTable(headers: CommandPhrase.respondentColumns.text(language).components(separatedBy: "\t"))
                for respondent in respondents {
                    table.append([
                        String(respondent.id.uuidString.lowercased().prefix(8)), Phrase.respondentKindOne(respondent.kind).text(language),
                        respondent.organisation, respondent.personName ?? "", respondent.region ?? "",
                    ])
                }
                return table.render()
            }
            try StandardOutput.write(text)
        }
    }

    struct Duplicates: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "duplicates", abstract: "Unlinked respondents that look like one organisation (same kind, same normalised name).",
            discussion: "Example:\n  kikitori respondents duplicates")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let language = options.language()
            let text = try options.guarded { FieldDataFormatter(language: language).duplicates(try database.open(options, readOnly: true).possibleDuplicates()) }
            try StandardOutput.write(text)
        }
    }

    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "link", abstract: "Record that a respondent is the same organisation as another.",
            discussion: "Example:\n  kikitori respondents link 9c1e22 4b7a10   (9c1e22 is counted as 4b7a10)")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The respondent to link (a unique prefix of its id).")
        var respondent: String

        @Argument(help: "The respondent it is the same as.")
        var sameAs: String

        func run() throws {
            let language = options.language()
            let text = try options.guarded {
                let store = try database.open(options)
                let first = try store.findRespondent(respondent), second = try store.findRespondent(sameAs)
                try store.link(first.id, to: second.id)
                return CommandPhrase.linked(first: first.organisation, firstID: respondent, second: second.organisation, secondID: sameAs)
                    .text(language) + "\n"
            }
            try StandardOutput.write(text)
        }
    }

    struct Unlink: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unlink", abstract: "Undo a link.", discussion: "Example:\n  kikitori respondents unlink 9c1e22")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The linked respondent.")
        var respondent: String

        func run() throws {
            try options.guarded {
                let store = try database.open(options)
                try store.unlink(try store.findRespondent(respondent).id)
            }
        }
    }

    struct Distinct: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "distinct", abstract: "Record that two respondents offered as duplicates are different organisations.",
            discussion: "Example:\n  kikitori respondents distinct 9c1e22 77d0e1")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        @Argument(help: "One respondent (a unique prefix of its id).")
        var respondent: String

        @Argument(help: "The other.")
        var other: String

        func run() throws {
            try options.guarded {
                let store = try database.open(options)
                try store.markDistinct(try store.findRespondent(respondent).id, try store.findRespondent(other).id)
            }
        }
    }
}
