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
              kikitori respondents edit 9c1e22 --organisation "株式会社オホーツク水産" --reason "名刺で確認"
            """,
        subcommands: [List.self, Duplicates.self, Link.self, Unlink.self, Distinct.self, Edit.self],
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

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", abstract: "Correct a respondent's details; each change is logged with the value before.",
            discussion: """
                An empty value clears an optional detail. Names in hearings already exported are not \
                changed in those files; every output made afterwards uses the corrected details.

                Examples:
                  kikitori respondents edit 9c1e22 --organisation "株式会社オホーツク水産" --reason "名刺で確認"
                  kikitori respondents edit 9c1e22 --person "" --role 課長 --reason "担当者の交代"
                """)

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The respondent: a unique prefix of its id.")
        var respondent: String

        @Option(help: "The organisation's name.")
        var organisation: String?

        @Option(help: "The person's name (empty clears it).")
        var person: String?

        @Option(help: "The person's role (empty clears it).")
        var role: String?

        @Option(help: "The industry (empty clears it).")
        var industry: String?

        @Option(help: "The municipality (empty clears it).")
        var municipality: String?

        @Option(help: "The region (振興局; empty clears it).")
        var region: String?

        @Option(help: "Why (kept with each change).")
        var reason: String

        func validate() throws {
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reason must say why the details changed") }
            if let organisation, organisation.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--organisation cannot be empty")
            }
            guard [organisation, person, role, industry, municipality, region].contains(where: { $0 != nil }) else {
                throw ValidationError("name at least one detail to change (--organisation, --person, --role, --industry, --municipality, --region)")
            }
        }

        func run() throws {
            let language = options.language()
            let text = try options.guarded {
                let store = try database.open(options)
                let found = try store.findRespondent(respondent)
                let clean = { (value: String?) -> String?? in
                    value.map { let trimmed = $0.trimmingCharacters(in: .whitespaces); return trimmed.isEmpty ? nil : trimmed }
                }
                var values: [RespondentField: String?] = [:]
                for (field, value) in [
                    (RespondentField.organisation, organisation), (.personName, person), (.personRole, role), (.industry, industry),
                    (.municipality, municipality), (.region, region),
                ] {
                    if let value = clean(value) { values[field] = value }
                }
                let edits = try store.editRespondent(found.id, set: values, reason: reason.trimmingCharacters(in: .whitespaces))
                return FieldDataFormatter(language: language).respondentEdits(edits, respondent: String(found.id.storageKey.prefix(8)))
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
