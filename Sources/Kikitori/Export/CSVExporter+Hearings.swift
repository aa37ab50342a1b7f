import Foundation
import KikitoriCore
import KikitoriStore

extension CSVExporter {
    /// One row per hearing of one questionnaire (the wide table).
    func exportHearings(_ run: ExportRun) throws -> [String] {
        let options = run.options
        let writer = run.writer
        let write = run.write
        let text = run.text
        return try exportWide(options: options, writer: writer, text: text, write: write)
    }
}
