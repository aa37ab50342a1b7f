import Foundation
import KikitoriCore
import KikitoriStore

extension HearingStore {
    /// Representative quotes for a theme: people's confirmed or manual tags first, then answers of
    /// a quotable length (about 60 characters), one per hearing. Shown as they are stored; a
    /// ``Publication`` decides what of them may be shown.
    public func quotes(theme: String, filter: ReviewFilter = ReviewFilter(), limit: Int = 10) throws(StoreError) -> [Quote] {
        var candidates = try quoteCandidates(theme: theme, filter: filter, count: limit * 10)
        candidates.sort { a, b in
            if a.confirmed != b.confirmed { return a.confirmed }
            return abs(a.text.count - 60) < abs(b.text.count - 60)
        }
        var seen: Set<UUID> = []
        var quotes: [Quote] = []
        for quote in candidates where quotes.count < limit && seen.insert(quote.hearingID).inserted {
            quotes.append(quote)
        }
        return quotes
    }
}
