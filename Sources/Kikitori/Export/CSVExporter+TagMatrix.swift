import Foundation
import KikitoriCore
import KikitoriStore

extension CSVExporter {
    /// A 0/1 column per theme, per answer or per hearing.
    func exportTagMatrix(_ run: ExportRun) throws -> [String] {
        let options = run.options
        let codebook = run.codebook
        let writer = run.writer
        let filter = run.options.filter
        let themes = codebook.themes.map(\.id)
        let perHearing = options.unit == .hearing
        try writer.writeHeader((perHearing ? ["hearing_id"] : ["hearing_id", "question_id"]) + themes)
        try store.forEachThemeSet(filter: filter, perHearing: perHearing) { hearing, question, present in
            let flags = themes.map { present.contains($0) ? "1" : "0" }
            try writer.writeRow((perHearing ? [hearing] : [hearing, question]) + flags)
        }
        return []
    }
}
