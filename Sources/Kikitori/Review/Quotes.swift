import Foundation
import KikitoriCore
import KikitoriStore

extension HearingStore {
    /// Representative quotes for a theme, `limit` at most (nil: every one that qualifies).
    ///
    /// Ranked by people's confirmations first, then by how close to a quotable length (about 60
    /// characters) a statement is; then taken in turns across groups of respondent kind and region,
    /// so the quotes spread over who said what instead of following the earliest hearings. One per
    /// respondent and no two identical statements. Shown as stored; a ``Publication`` decides what of
    /// them may be shown.
    public func quotes(theme: String, filter: ReviewFilter = ReviewFilter(), limit: Int? = 10) throws(StoreError) -> [Quote] {
        let pool = try quoteCandidates(theme: theme, filter: filter, count: limit.map { max($0 * 20, 200) } ?? Int.max)
        let ranked = pool.sorted { a, b in
            if a.confirmed != b.confirmed { return a.confirmed }
            let distance = (abs(a.text.count - Self.quotableLength), abs(b.text.count - Self.quotableLength))
            if distance.0 != distance.1 { return distance.0 < distance.1 }
            return (a.date, a.hearingID.uuidString) < (b.date, b.hearingID.uuidString)
        }
        // Groups in the order of their best statement; each keeps its own ranking.
        var order: [String] = []
        var groups: [String: [Quote]] = [:]
        for quote in ranked {
            let group = quote.kind.rawValue + "\u{1F}" + (quote.region ?? "")
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(quote)
        }
        var positions = [String: Int]()
        var respondents = Set<String>(), texts = Set<String>()
        var quotes: [Quote] = []
        let wanted = limit ?? Int.max
        var progressed = true
        while quotes.count < wanted && progressed {
            progressed = false
            for group in order where quotes.count < wanted {
                guard let members = groups[group] else { continue }
                var position = positions[group] ?? 0
                while position < members.count {
                    let quote = members[position]
                    position += 1
                    let text = NormalizedText.normalize(quote.text)
                    guard !respondents.contains(quote.respondentID), !texts.contains(text) else { continue }
                    respondents.insert(quote.respondentID)
                    texts.insert(text)
                    quotes.append(quote)
                    progressed = true
                    break
                }
                positions[group] = position
            }
        }
        return quotes
    }

    /// Characters of a statement that reads well as a quote.
    static let quotableLength = 60
}
