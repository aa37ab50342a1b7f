import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add hearings from a CSV in the `export hearings` layout (paper notes typed into Excel).",
        discussion: """
            One row per hearing: hearing_id (empty for a new one), questionnaire_version, respondent_kind, \
            respondent, respondent_industry, respondent_region, interviewer, started_at, ended_at, status \
            (default completed), consent, then a column per question holding the value as the shell \
            accepts it (choice value, number or label; dont_know, refused, skipped). select_multiple \
            may use its 0/1 columns instead; <q>_other holds "other" text; <q>_label columns are ignored. \
            `--template` prints the header row for a questionnaire version, to type paper notes under.
            Repeat groups come as the wide layout's question[n] columns, or in a second file in the long \
            layout of `export repeats` (one row per instance: hearing_id, repeat, instance, then the \
            group's questions), given with --repeats and joined to the rows by hearing_id.

            The file may be UTF-8 (with or without BOM) or CP932; it is detected. Every row is checked \
            by the interview engine (types, constraints, skip logic, required answers) before anything \
            is written: one problem per line with row, column, value and reason, and nothing is imported.

            Examples:
              kikitori import --template --questionnaire private-firm-data-use@2 > paper-2024-06.csv
              kikitori import paper-2024-06.csv --questionnaire private-firm-data-use@2
              kikitori import exports/hearings-private-firm-data-use.csv --questionnaire private-firm-data-use --db wg.sqlite --dry-run
              kikitori import inventory.csv --repeats inventory-repeats.csv --questionnaire data-inventory@2
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The CSV file.", completion: .file(extensions: ["csv"]))
    var file: String?

    @Flag(help: "Print the header row to fill in (UTF-8 with BOM, for Excel) instead of importing.")
    var template = false

    @Option(help: "id@N (every row that version), or id (each row's questionnaire_version).", completion: DynamicCompletion.questionnaires)
    var questionnaire: String

    @Option(help: "A CSV in the long layout of `export repeats`: repeat-group instances of the file's hearings.", completion: .file(extensions: ["csv"]))
    var repeats: String?

    @Flag(help: "Check the file and show what would be imported, writing nothing.")
    var dryRun = false

    @Flag(help: "Import rows whose contents were imported before (by default they are skipped and listed).")
    var allowDuplicates = false

    /// Larger than any hearing appendix; a bigger file is a mistake, not a week of paper notes.
    static let maximumBytes = 200 * 1024 * 1024

    func validate() throws {
        if file == nil && !template { throw ValidationError(ArgumentPhrase.fileOrTemplate.text(options.language())) }
    }

    func run() throws {
        let language = options.language()
        if template {
            try options.guarded {
                let versions = try loadVersions().sorted { $0.key < $1.key }.map(\.value)
                let writer = try CSVWriter(encoding: .utf8BOM) { try StandardOutput.write($0) }
                try writer.writeHeader(HearingsLayout.metadata + HearingsLayout.columns(versions: versions, labels: false).map(\.name))
                try writer.flush()
            }
            return
        }
        guard let file else { return }
        let text = try options.guarded {
            let versions = try loadVersions()
            let fixed = QuestionnaireRef(questionnaire)?.version
            let bytes = try InputFile.read(file, limit: Self.maximumBytes)
            let store = try database.open(options)
            let imported = try store.importedRows()
            var importer = HearingImporter(
                versions: versions, fixedVersion: fixed, existingHearings: try store.hearingIDs(),
                importedRows: imported.mapValues(\.hearing), allowDuplicates: allowDuplicates)
            let result: HearingImporter.Result
            do {
                if let repeats { try importer.readRepeats(try InputFile.read(repeats, limit: Self.maximumBytes), path: repeats) }
                let progress = Progress(CommandPhrase.progressChecking.text(language))
                defer { progress.finish() }
                result = try importer.read(bytes, path: file, progress: progress.enabled ? progress.update : nil)
            } catch let error as ImportFailure {
                // Problems are named by the file they are in: the hearings file or the repeats file.
                for problem in error.problems {
                    StandardError.write(problem.message(path: error.path, language: language, questionnaire: versions.values.first))
                }
                if let hint = otherVersions(of: error) { StandardError.write(hint.text(language)) }
                if let more = error.more, more > 0 {
                    StandardError.write(CommandPhrase.importMoreProblems(path: error.path, count: more).text(language))
                } else if error.more == nil {
                    StandardError.write(CommandPhrase.importStopped(path: error.path, limit: HearingImporter.problemLimit).text(language))
                }
                StandardError.write(CommandPhrase.importNothing(path: file).text(language))
                throw ExitStatus.dataError
            }
            for (line, hearing) in result.skipped {
                let when = imported.first { $0.value.hearing == hearing }.map { JapanTime.day($0.value.at) } ?? ""
                StandardError.write((hearing.isEmpty
                    ? CommandPhrase.importRepeatedRow(path: file, line: line)
                    : .importAlreadyImported(path: file, line: line, date: when, hearing: String(hearing.prefix(8)))).text(language))
            }
            let used = Set(result.sets.map(\.hearing.questionnaire))
            if !dryRun { try store.insert(result.sets, snapshots: versions.values.filter { used.contains($0.reference) }) }
            let respondents = result.sets.filter(\.isNewRespondent).count
            return CommandPhrase.imported(
                path: file, encoding: result.encoding.rawValue, hearings: result.sets.count, answers: result.answers, respondents: respondents,
                dryRun: dryRun).text(language) + "\n"
        }
        try StandardOutput.write(text)
    }

    /// With `id@N`, unknown columns that are another version's questions (an export spanning
    /// versions keeps every version's columns): the hint to import with the bare id.
    private func otherVersions(of failure: ImportFailure) -> CommandPhrase? {
        guard let reference = QuestionnaireRef(questionnaire), let fixed = reference.version else { return nil }
        let unknown = Set(failure.problems.compactMap { problem -> String? in
            if case .unknownColumn = problem.reason { return problem.column }
            return nil
        })
        guard !unknown.isEmpty, let entries = try? options.library.entries().filter({ $0.id == reference.id && $0.version != fixed }) else { return nil }
        let owners = entries.filter { entry in
            guard let version = try? options.library.load("\(entry.id)@\(entry.version)") else { return false }
            return !unknown.isDisjoint(with: HearingsLayout.columns(versions: [version], labels: true).map(\.name))
        }.map(\.version).sorted()
        return owners.isEmpty ? nil : .importOtherVersions(id: reference.id, versions: owners)
    }

    private func loadVersions() throws -> [Int: Questionnaire] {
        if questionnaire.contains("@") {
            let loaded = try options.library.load(questionnaire)
            return [loaded.version: loaded]
        }
        let entries = try options.library.entries().filter { $0.id == questionnaire }
        if entries.isEmpty { _ = try options.library.path(for: questionnaire) }  // names what is missing
        var versions: [Int: Questionnaire] = [:]
        for entry in entries { versions[entry.version] = try options.library.load("\(entry.id)@\(entry.version)") }
        return versions
    }

}
