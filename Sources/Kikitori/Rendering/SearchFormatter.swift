import KikitoriCore
import KikitoriStore
/// Search results as people scan them: who said it, to which question, and the words around each match.
public struct SearchFormatter {
    public let language: Language
    /// Characters of context kept before the first match; the snippet is `width` characters in all.
    public var before = 20
    public var width = 70

    public init(language: Language) {
        self.language = language
    }

    public func render(_ result: HearingStore.SearchResult, terms: [String], style: TextStyle) -> String {
        let query = terms.joined(separator: " ")
        guard result.total > 0 else { return ReviewPhrase.searchNothing(query: query).text(language) + "\n" }
        var lines = [ReviewPhrase.searchHeader(query: query, total: result.total, shown: result.hits.count).text(language)]
        for hit in result.hits {
            let question = hit.isNote ? ReviewPhrase.note.text(language) + (hit.questionID.map { " (\($0))" } ?? "") : hit.questionID ?? ""
            let who = [Phrase.respondentKindOne(hit.respondentKind).text(language), hit.organisation].joined(separator: Catalogue.listSeparator(language))
            lines.append("")
            lines.append("\(hit.hearingID.prefix(8))  \(who)  \(hit.questionnaire)  \(question)")
            lines.append("  " + snippet(hit, style: style))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The text around the first match, matches highlighted, line breaks shown as ⏎.
    func snippet(_ hit: HearingStore.SearchHit, style: TextStyle) -> String {
        let text = hit.text
        let utf8 = text.utf8
        let first = hit.spans.first?.lowerBound ?? 0
        let anchor = utf8.index(utf8.startIndex, offsetBy: min(first, utf8.count))
        let start = text.index(anchor, offsetBy: -before, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(start, offsetBy: width, limitedBy: text.endIndex) ?? text.endIndex
        let offset = utf8.distance(from: utf8.startIndex, to: start)
        let length = utf8.distance(from: start, to: end)
        let spans = hit.spans.compactMap { span -> Range<Int>? in
            let lower = span.lowerBound - offset, upper = span.upperBound - offset
            return lower >= 0 && upper <= length ? lower..<upper : nil
        }
        let body = Highlighter.highlight(String(text[start..<end]), spans: spans, style: style)
            .replacingOccurrences(of: "\r\n", with: " ⏎ ").replacingOccurrences(of: "\n", with: " ⏎ ")
        return (start > text.startIndex ? "…" : "") + body + (end < text.endIndex ? "…" : "")
    }
}
