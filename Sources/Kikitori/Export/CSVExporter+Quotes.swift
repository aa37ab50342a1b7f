import Foundation
import KikitoriCore
import KikitoriStore

extension CSVExporter {
    /// Quotes per theme, attributed as far as consent allows.
    func exportQuotes(_ run: ExportRun) throws -> [String] {
        let codebook = run.codebook
        let writer = run.writer
        let check = run.check
        let language = run.options.labels ?? .ja
        let filter = run.options.filter
        let write = run.write
        try writer.writeHeader(["theme", "theme_label", "respondent", "quote", "hearing_date"])
        for theme in codebook.themes {
            for found in try store.quotes(theme: theme.id, filter: filter, limit: run.options.quoteLimit) {
                let quote = publication.quote(found)
                check.wasMasked(quote.text)
                let who = [Phrase.respondentKindOne(quote.kind).text(language), quote.industry, quote.region, quote.organisation]
                    .compactMap { $0 }.joined(separator: Catalogue.listSeparator(language))
                try write([theme.id, theme.label.text(language), who, quote.text, JapanTime.day(quote.date)])
            }
        }
        return []
    }
}
