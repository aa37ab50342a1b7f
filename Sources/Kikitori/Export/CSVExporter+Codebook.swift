import Foundation
import KikitoriCore
import KikitoriStore

extension CSVExporter {
    /// Themes and rules.
    func exportCodebook(_ run: ExportRun) throws -> [String] {
        let codebook = run.codebook
        let writer = run.writer
        try Self.exportCodebook(codebook, writer: writer)
        return []
    }
}
