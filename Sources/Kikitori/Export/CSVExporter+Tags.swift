import Foundation
import KikitoriCore
import KikitoriStore

extension CSVExporter {
    /// One row per tag on a current answer, with the matched words as shown.
    func exportTags(_ run: ExportRun) throws -> [String] {
        let writer = run.writer
        let check = run.check
        let filter = run.options.filter
        let write = run.write
        try writer.writeHeader([
            "hearing_id", "question_id", "theme", "state", "source", "rule", "codebook", "matched", "answer_text",
        ])
        try store.forEachTag(filter: filter) { row in
            // Matched words are cut from the text as shown, so a name inside one is masked too.
            let shown = row.answer.map { publication.text($0, spans: row.spans) }
            let matched = shown.map { shown in
                let bytes = Array(shown.text.utf8)
                return shown.spans.filter { $0.upperBound <= bytes.count }
                    .map { String(decoding: bytes[$0], as: UTF8.self) }.joined(separator: " | ")
            }
            check.wasMasked(shown?.text)
            try write([row.hearingID, row.questionID, row.theme, row.state, row.source, row.rule, row.codebook, matched, shown?.text])
        }
        return []
    }
}
