import Foundation
import Kikitori

/// Exports as a workbook: each table a sheet, through the same exporters, publication and checks
/// as the CSVs, and an "about" sheet saying who the figures cover and what was suppressed.
public struct WorkbookExport {
    public let store: HearingStore
    public let codebook: Codebook
    public let options: ExportOptions
    /// The language of headings and sheet names.
    public let language: Language

    public init(store: HearingStore, codebook: Codebook, options: ExportOptions, language: Language) {
        self.store = store
        self.codebook = codebook
        self.options = options
        self.language = language
    }

    public struct Output {
        public var data: Data
        public var rows: Int
        public var references: [String]
    }

    /// Writes `kinds` as sheets; `path` only names the private folder the workbook is made in (nil:
    /// the current folder, for standard output). A kind that needs more than the filter gives (the
    /// wide table with several questionnaires) becomes a line on the about sheet instead.
    public func write(_ kinds: [ExportKind], to path: String?) throws -> Output {
        let target = path ?? "./workbook.xlsx"
        // The folder the file goes to, as the CSVs make it; the workbook is made in a private one inside.
        try? FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: target).deletingLastPathComponent().path, withIntermediateDirectories: true)
        let folder = try OutputFile.privateFolder(beside: target)
        defer { rmdir(folder) }
        let temporary = folder + "/workbook.\(getpid()).xlsx"
        defer { unlink(temporary) }
        let workbook = try Workbook(path: temporary, temporaryFolder: folder)
        let publication = try Publication(store: store, filter: options.filter, language: language)
        let exporter = CSVExporter(store: store, publication: publication)
        var rows = 0
        var references: Set<String> = []
        var notes: [String] = []
        for kind in kinds {
            let sheet = workbook.addSheet(ColumnNames.sheet(kind.rawValue, language: language)) { ColumnNames.label($0, language: language) }
            do {
                references.formUnion(try exporter.export(kind, options: options, codebook: codebook, writer: sheet))
            } catch let problem as CSVExporter.Problem where kinds.count > 1 {
                notes.append(ColumnNames.sheet(kind.rawValue, language: language) + ": " + problem.text(language))
            }
            rows += sheet.rows
        }
        let about = workbook.addSheet(ColumnNames.sheet("about", language: language))
        try about.writeHeader([ColumnNames.sheet("about", language: language)])
        for line in aboutLines(references: references.sorted()) + notes { try about.writeRow([line]) }
        try workbook.close()
        return Output(data: try Data(contentsOf: URL(fileURLWithPath: temporary)), rows: rows, references: references.sorted())
    }

    private func aboutLines(references: [String]) -> [String] {
        let filter = options.filter
        var lines = [
            ExportPhrase.audience(filter.audience).text(language),
            ExportPhrase.counted(status: filter.status?.rawValue, questionnaire: filter.questionnaire?.description, references: references)
                .text(language),
            ExportPhrase.codebook(codebook.reference).text(language),
        ]
        if filter.audience == .public { lines.append(ExportPhrase.suppression(minCell: filter.smallCell).text(language)) }
        if filter.includeSuggested { lines.append(ReviewPhrase.includesSuggested.text(language)) }
        lines.append(ExportPhrase.baseN.text(language))
        lines.append(ExportPhrase.madeWith(KikitoriVersion.current, JapanTime.timestamp(Date())).text(language))
        return lines
    }
}
