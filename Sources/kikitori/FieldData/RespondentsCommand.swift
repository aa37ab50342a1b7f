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
              kikitori respondents import --hokkaido-municipalities --kind municipality_head
            """,
        subcommands: [List.self, Duplicates.self, Link.self, Unlink.self, Distinct.self, Edit.self, Import.self],
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
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError(ArgumentPhrase.reasonForDetails.text(options.language())) }
            if let organisation, organisation.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError(ArgumentPhrase.organisationEmpty.text(options.language()))
            }
            guard [organisation, person, role, industry, municipality, region].contains(where: { $0 != nil }) else {
                throw ValidationError(ArgumentPhrase.detailToChange.text(options.language()))
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

extension RespondentsCommand {
    /// A register of respondents: a CSV file, or Hokkaido's municipalities as shipped.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Register respondents from a CSV file, or Hokkaido's 179 municipalities.",
            discussion: """
                The file has the columns `export respondents` writes (respondent_id, kind, organisation, \
                person_name, person_role, industry, municipality, region; pseudonym and hearings are not \
                read back) and needs kind (private_firm, municipality_head, municipal_staff, other) and \
                organisation. UTF-8 with or without BOM and CP932 are read. Every row is checked first: \
                any problem is printed as file:line: column (value): reason, and nothing is registered \
                (exit 65). An organisation already registered (same kind and name once legal forms \
                such as 株式会社 are set aside) is not registered again; the region is filled from a \
                Hokkaido municipality when empty.

                --hokkaido-municipalities registers each of Hokkaido's 179 municipalities with its \
                subprefecture (振興局) as region; its municipal code shows in export respondents.

                Examples:
                  kikitori respondents import --hokkaido-municipalities --kind municipality_head
                  kikitori respondents import exports/respondents-internal.csv --dry-run
                """)

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The CSV file.", completion: .file(extensions: ["csv"]))
        var file: String?

        @Flag(help: "Register Hokkaido's 179 municipalities.")
        var hokkaidoMunicipalities = false

        @Option(help: "With --hokkaido-municipalities: who is heard there (municipality_head or municipal_staff).")
        var kind: RespondentKind = .municipalStaff

        @Flag(help: "Check and count, writing nothing.")
        var dryRun = false

        func validate() throws {
            if (file == nil) == !hokkaidoMunicipalities {
                throw ValidationError(ArgumentPhrase.fileOrMunicipalities.text(options.language()))
            }
        }

        func run() throws {
            let language = options.language()
            let text = try options.guarded {
                let store = try database.open(options)
                let importer = RespondentImporter(existing: try store.respondents())
                let source: String
                let added: [Respondent]
                let known: Int
                if let file {
                    let result: RespondentImporter.Result
                    do {
                        result = try importer.read(try InputFile.read(file, limit: ImportCommand.maximumBytes), path: file)
                    } catch let error as ImportFailure {
                        for problem in error.problems { StandardError.write(problem.message(path: file, language: language, questionnaire: nil)) }
                        StandardError.write(CommandPhrase.importNothing(path: file).text(language))
                        throw ExitStatus.dataError
                    }
                    (source, added, known) = ("\(file) (\(result.encoding.rawValue))", result.respondents, result.known)
                } else {
                    let register = importer.newOnes(RespondentImporter.hokkaidoMunicipalities(kind: kind))
                    (source, added, known) = ("Hokkaido", register.new, register.known)
                }
                if !dryRun { try store.insertRespondents(added) }
                return CommandPhrase.respondentsRegistered(source: source, added: added.count, known: known, dryRun: dryRun).text(language) + "\n"
            }
            try StandardOutput.write(text)
        }
    }
}
