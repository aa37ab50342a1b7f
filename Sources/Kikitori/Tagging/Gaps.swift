import Foundation
import KikitoriCore
import KikitoriStore

extension HearingStore {
    /// Text answers of `filter`'s hearings, and how many no counted theme covers: the report's
    /// measure of what the codebook misses.
    public func textCoverage(filter: ReviewFilter) throws(StoreError) -> (untagged: Int, total: Int) {
        let counted = Set(ThemeTag.State.counted(includingSuggested: filter.includeSuggested))
        var coverage = (untagged: 0, total: 0)
        do {
            try forEachTextAnswer(filter: filter) { answer in
                coverage.total += 1
                if !answer.tags.values.contains(where: { counted.contains($0.rawValue) }) { coverage.untagged += 1 }
            }
        } catch {
            throw error as? StoreError ?? .sqlite(String(describing: error))
        }
        return coverage
    }

    /// The text answers of `filter`'s hearings that no counted theme covers, grouped by the words
    /// (with a `lemmatizer`) or characters they share. Answers are masked as `publication` requires
    /// before they are read, so a name never becomes a word or a phrase.
    public func gaps(filter: ReviewFilter, publication: Publication, top: Int, lemmatizer: Lemmatizer? = nil) throws -> CodebookGaps {
        let counted = Set(ThemeTag.State.counted(includingSuggested: filter.includeSuggested))
        var untagged: [String] = []
        var total = 0
        try forEachTextAnswer(filter: filter) { answer in
            total += 1
            if !answer.tags.values.contains(where: { counted.contains($0.rawValue) }) { untagged.append(publication.text(answer.text)) }
        }
        return CodebookGaps(untaggedTexts: untagged, total: total, top: top, lemmatizer: lemmatizer)
    }
}
