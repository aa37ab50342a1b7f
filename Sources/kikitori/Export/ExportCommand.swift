import ArgumentParser
import Crypto
import Foundation
import Kikitori
import KikitoriCommandSupport
import KikitoriWorkbook

extension ExportKind: ExpressibleByArgument {}

/// What `export` writes: one table, or the workbook of the main ones.
enum ExportSubject: ExpressibleByArgument, Equatable {
    case table(ExportKind)
    case workbook
    /// A REFI-QDA project (.qdpx) for QualCoder, MAXQDA, ATLAS.ti or NVivo.
    case project

    init?(argument: String) {
        switch argument {
        case "workbook": self = .workbook
        case "project": self = .project
        default:
            guard let kind = ExportKind(rawValue: argument) else { return nil }
            self = .table(kind)
        }
    }

    static var allValueStrings: [String] { ExportKind.allCases.map(\.rawValue) + ["workbook", "project"] }

    var name: String {
        switch self {
        case .table(let kind): return kind.rawValue
        case .workbook: return "workbook"
        case .project: return "project"
        }
    }

    /// The sheets of the workbook: the tables a council appendix is made of.
    static let workbookKinds: [ExportKind] = [.hearings, .answers, .themes, .quotes, .codebook]
}
extension CSVEncoding: ExpressibleByArgument {}
extension ExportOptions.TagMatrixUnit: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a CSV appendix that opens cleanly in Japanese Excel and respects consent.",
        discussion: """
            Kinds: hearings (wide, one row per hearing), repeats (one row per instance of a repeat \
            group, joined to hearings by hearing_id), answers (long), tags, tag-matrix, themes (--by like \
            kikitori themes), quotes, codebook (also --format qdc for REFI-QDA), respondents, notes and \
            memos (both internal only), events (the audit trail: every answer, change with the value before and \
            reason, non-answer and note, with seconds on the question) and paradata (per hearing and \
            question: seconds, changes, don't-know, refusal, and the hearing's duration).
            And project: a REFI-QDA project (.qdpx) of every text answer with its codings by coder, the \
            codebook, respondents as cases and memos as notes, for QualCoder, MAXQDA, ATLAS.ti or NVivo.

            Every kind is public unless --audience internal is given: internal_only hearings are left \
            out, respondents who did not agree to be named appear as 企業A / 市町村B, their names in \
            any spelling, extra masked terms, telephone numbers and e-mail addresses are masked in \
            every text, and small counts are suppressed so that none can be worked out from a total. \
            A public file is checked for hidden names before it is written. Internal files carry \
            "internal" in their default name and are readable by their owner only (0600). The file is \
            written whole or not at all, with a .manifest.json beside it (audience, filters, \
            fingerprints, row count, SHA-256).

            Examples:
              kikitori export hearings --questionnaire private-firm-data-use
              kikitori export repeats --questionnaire data-inventory
              kikitori export answers --encoding cp932
              kikitori export respondents --audience internal
              kikitori export tag-matrix --unit hearing --out - | head
              kikitori export codebook --format qdc
              kikitori export project --format qdpx
              kikitori export memos --audience internal
              kikitori export project --audience internal --out wg-coding.qdpx
              kikitori export themes --by region
              kikitori export events --audience internal
              kikitori export paradata
              kikitori export notes --audience internal
              kikitori export workbook
              kikitori export answers --format xlsx --labels en
              kikitori export answers --review approved --out exports/approved-answers.csv

            A workbook (export workbook, or --format xlsx for one table) is a real .xlsx: one sheet per \
            table with headings in the --labels language, numbers as numbers, dates and times as Excel \
            dates, codes such as 012033 and answers such as 1-2 as text, a frozen and filtered header \
            row, widths fitted to Japanese text, and a sheet saying what was counted and what \
            suppressed. CSV stays the default: use it for other programs (R, Python, KH Coder), the \
            workbook for people opening the appendix in Excel.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv
        case qdc
        case qdpx
        case xlsx
    }

    enum Labels: String, ExpressibleByArgument, CaseIterable {
        case ja, en, codes
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var codebook: CodebookOptions

    @Argument(help: "What to export: \(ExportSubject.allValueStrings.joined(separator: ", ")).")
    var subject: ExportSubject

    @Option(help: "public (default) or internal.")
    var audience: ReviewFilter.Audience = .public

    @Option(help: "Only this questionnaire: id or id@N (hearings needs one when several exist).", completion: DynamicCompletion.questionnaires)
    var questionnaire: QuestionnaireRef?

    @Option(help: "Count hearings with this status; default: every status (themes and quotes: completed).")
    var status: HearingStatus?

    @Option(help: "Only hearings the review left in this status, e.g. approved (the manifest says which).")
    var review: ReviewStatus?

    @Option(help: "utf-8-bom (default, for Excel), utf-8 or cp932.")
    var encoding: CSVEncoding = .utf8BOM

    @Flag(help: "With cp932: write ? for characters that have no CP932 form instead of failing.")
    var replace = false

    @Option(help: "Label columns in ja, en, or codes only.")
    var labels: Labels = .ja

    @Flag(help: "Leave cells starting with = + - @ as they are (no formula neutralising).")
    var raw = false

    @Option(help: "tag-matrix: one row per answer or per hearing.")
    var unit: ExportOptions.TagMatrixUnit = .answer

    @Option(help: "quotes: at most this many per theme (default: every one that qualifies).")
    var limit: Int?

    @Option(help: "themes: break down by kind, industry, region, questionnaire, version, month or interviewer.")
    var by: ThemeCrossTab.Dimension = .kind

    @Option(help: "codebook: csv or qdc (REFI-QDA XML).")
    var format: Format = .csv

    @Option(name: .customLong("min-cell"), help: "Counts under this many hearings are suppressed in public output.")
    var minCell = 3

    @Option(name: .customLong("include"), help: "suggested: count the learned model's unconfirmed suggestions too (the manifest says so).")
    var include: [Inclusion] = []

    @Option(help: "Where to write (default: exports/YYYYMMDD-<kind>.csv, or -internal.csv); - for standard output.", completion: .file())
    var out: String?

    @Flag(help: "Replace an existing file.")
    var force = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError(ArgumentPhrase.limitAtLeastOne.text(options.language())) }
        if format == .qdc, subject != .table(.codebook) { throw ValidationError(ArgumentPhrase.qdcIsForCodebook.text(options.language())) }
        if format == .qdpx, subject != .project { throw ValidationError(ArgumentPhrase.qdpxIsForProject.text(options.language())) }
        if subject == .project, ![.csv, .qdpx].contains(format) { throw ValidationError(ArgumentPhrase.projectIsQdpx.text(options.language())) }
    }

    /// The one table, or the first sheet's kind for a workbook's defaults.
    private var kind: ExportKind {
        if case .table(let kind) = subject { return kind }
        return .hearings
    }

    private var isWorkbook: Bool { subject == .workbook || format == .xlsx }

    func run() throws {
        let language = options.language()
        let defaultStatus: HearingStatus? = subject == .table(.themes) || subject == .table(.quotes) ? .completed : nil
        var filter = ReviewFilter(status: status ?? defaultStatus, questionnaire: questionnaire, audience: audience, smallCell: minCell)
        filter.includeSuggested = include.contains(.suggested)
        filter.review = review
        var exportOptions = ExportOptions(
            filter: filter, labels: labels == .codes ? nil : Language(rawValue: labels.rawValue), unit: unit, quoteLimit: limit)
        exportOptions.by = by
        let stamp = DateFormatter.reportStamp.string(from: Date())
        let isXML = kind == .codebook && format == .qdc
        let suffix = audience == .internal && subject != .table(.codebook) ? "-internal" : ""
        let path = out ?? "exports/\(stamp)-\(subject.name)\(suffix).\(subject == .project ? "qdpx" : isXML ? "qdc" : isWorkbook ? "xlsx" : "csv")"
        let mode = audience.fileMode
        try options.guarded {
            let book = try codebook.load(options)
            if subject == .project {
                let store = try database.open(options, readOnly: true)
                let publication = try Publication(store: store, filter: filter, language: language)
                let project = try QDAProject(store: store, publication: publication, codebook: book, language: language).write()
                // The check every public output passes: the whole project text, after rendering.
                try publication.check(project.xml, output: "project")
                if path == "-" { try StandardOutput.write(project.archive); return }
                try OutputFile.write(project.archive, to: path, force: force, mode: mode)
                try writeManifest(for: path, data: project.archive, rows: project.sources, references: [], codebook: book, filter: filter, store: store)
                StandardError.write(CodingPhrase.qdpxWritten(path: path, sources: project.sources, codings: project.codings).text(language))
                return
            }
            if isXML {
                let xml = Data(QDACodebook.xml(book, language: language).utf8)
                if path == "-" { try StandardOutput.write(xml); return }
                try OutputFile.write(xml, to: path, force: force, mode: 0o644)
                try writeManifest(for: path, data: xml, rows: book.themes.count, references: [], codebook: book, filter: filter)
                StandardError.write(path)
                return
            }
            if isWorkbook {
                let store = try database.open(options, readOnly: true)
                let kinds = subject == .workbook ? ExportSubject.workbookKinds : [kind]
                let output = try WorkbookExport(
                    store: store, codebook: book, options: exportOptions, language: exportOptions.labels ?? language
                ).write(kinds, to: path == "-" ? nil : path)
                if path == "-" { try StandardOutput.write(output.data); return }
                try OutputFile.write(output.data, to: path, force: force, mode: mode)
                try writeManifest(for: path, data: output.data, rows: output.rows, references: output.references, codebook: book, filter: filter, store: store)
                StandardError.write("\(path) (\(output.rows) rows)")
                return
            }
            let store = try kind == .codebook ? nil : database.open(options, readOnly: true)
            let progress = Progress(CommandPhrase.progressExporting.text(language))
            defer { progress.finish() }
            var hasher = SHA256()
            var rows = 0
            var references: [String] = []
            let run = { (sink: @escaping (Data) throws -> Void) throws in
                let writer = try CSVWriter(encoding: encoding, replace: replace, raw: raw) { data in
                    hasher.update(data: data)
                    try sink(data)
                }
                if let store {
                    let publication = try Publication(store: store, filter: filter, language: language)
                    references = try CSVExporter(store: store, publication: publication)
                        .export(kind, options: exportOptions, codebook: book, writer: writer, progress: progress.enabled ? { progress.update($0, of: $1) } : nil)
                } else {
                    try CSVExporter.exportCodebook(book, writer: writer)
                }
                try writer.flush()
                rows = writer.rows
            }
            if path == "-" {
                try run { try StandardOutput.write($0) }
                return
            }
            try OutputFile.stream(to: path, force: force, mode: mode, run)
            let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
            try writeManifest(for: path, digest: digest, rows: rows, references: references, codebook: book, filter: filter, store: store)
            StandardError.write("\(path) (\(rows) rows)")
        }
    }

    private func writeManifest(
        for path: String, data: Data? = nil, digest: String? = nil, rows: Int, references: [String], codebook: Codebook,
        filter: ReviewFilter, store: HearingStore? = nil
    ) throws {
        var questionnaires: [String: String] = [:]
        for reference in references { questionnaires[reference] = try store?.snapshot(reference).fingerprint }
        let sha = digest ?? data.map { SHA256.hash(data: $0).map { String(format: "%02x", $0) }.joined() } ?? ""
        let manifest: [String: Any] = [
            "tool": "kikitori \(KikitoriVersion.current)",
            "kind": subject.name,
            "format": isWorkbook ? "xlsx" : format.rawValue,
            "created_at": ISO8601DateFormatter().string(from: Date()),
            "database": store.map { URL(fileURLWithPath: $0.path).lastPathComponent } ?? NSNull(),
            "filters": [
                "audience": filter.audience.rawValue, "status": filter.status?.rawValue ?? "any",
                "review": filter.review?.rawValue ?? "any",
                "questionnaire": filter.questionnaire?.description ?? "any", "min_cell": filter.smallCell,
                "include_suggested": filter.includeSuggested,
            ] as [String: Any],
            "encoding": encoding.rawValue,
            "labels": labels.rawValue,
            "questionnaires": questionnaires,
            "codebook": ["reference": codebook.reference, "fingerprint": codebook.fingerprint],
            "rows": rows,
            "sha256": sha,
        ]
        let json = try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try OutputFile.write(json, to: path + ".manifest.json", force: true, mode: filter.audience.fileMode)
    }
}
