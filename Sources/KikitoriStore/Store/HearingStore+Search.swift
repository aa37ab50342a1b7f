import KikitoriCore
import Foundation
import GRDB

extension HearingStore {
    /// What `search` looks for: every term must occur (after NFKC and lower-casing) in one answer or note.
    public struct SearchQuery: Sendable {
        public var terms: [String]
        public var theme: String?
        public var respondentKind: RespondentKind?
        /// `id` (every version) or `id@N`.
        public var questionnaire: QuestionnaireRef?
        public var limit: Int
        /// Public searches leave out `internal_only` hearings.
        public var audience: ReviewFilter.Audience

        public init(
            terms: [String], theme: String? = nil, respondentKind: RespondentKind? = nil, questionnaire: QuestionnaireRef? = nil, limit: Int = 20,
            audience: ReviewFilter.Audience = .public
        ) {
            self.audience = audience
            self.terms = terms
            self.theme = theme
            self.respondentKind = respondentKind
            self.questionnaire = questionnaire
            self.limit = limit
        }

        /// The terms as the index stores text; empty ones dropped.
        var normalizedTerms: [String] {
            terms.map(NormalizedText.normalize).filter { !$0.isEmpty }
        }
    }

    /// A current answer or a note containing every term, with where the terms are in its own words.
    public struct SearchHit: Sendable {
        public var hearingID: String
        public var questionnaire: String
        public var respondentKind: RespondentKind
        public var respondentID: String
        public var organisation: String
        public var questionID: String?
        public var isNote: Bool
        public var text: String
        /// UTF-8 ranges of the matched terms in `text`.
        public var spans: [Range<Int>]
    }

    public struct SearchResult: Sendable {
        public var hits: [SearchHit]
        /// Every match, including those beyond the limit.
        public var total: Int
    }

    /// Full-text search over current answers and notes: FTS5 trigram for terms of three characters
    /// or more, a scan of the normalised text for shorter ones, newest hearings first.
    public func search(_ query: SearchQuery) throws(StoreError) -> SearchResult {
        let terms = query.normalizedTerms
        guard !terms.isEmpty else { return SearchResult(hits: [], total: 0) }
        var conditions: [SQL] = []
        let indexed = terms.filter { $0.count >= SearchIndex.shortestIndexedTerm }
        if !indexed.isEmpty {
            let match = indexed.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " AND ")
            conditions.append("answer_search MATCH \(match)")
        }
        for term in terms where term.count < SearchIndex.shortestIndexedTerm { conditions.append("instr(s.text, \(term)) > 0") }
        if let theme = query.theme {
            conditions.append("EXISTS (SELECT 1 FROM tag t WHERE t.event = e.number AND t.theme = \(theme) AND t.state IN \(ThemeTag.State.counted(includingSuggested: false)))")
        }
        if let kind = query.respondentKind { conditions.append("r.kind = \(kind.rawValue)") }
        if let questionnaire = query.questionnaire { conditions.append(ReviewFilter.questionnaireCondition(questionnaire)) }
        if query.audience == .public { conditions.append("h.consent != 'internal_only'") }
        let request: SQLRequest<Row> = """
            SELECT e.hearing_id, h.questionnaire, r.kind, r.organisation, e.question_id, e.kind AS event_kind, e.value_text, r.id AS respondent_id
            FROM answer_search s
            JOIN answer_event e ON e.number = s.rowid
            JOIN hearing h ON h.id = e.hearing_id
            JOIN respondent r ON r.id = h.respondent_id
            WHERE \(conditions.joined(separator: " AND "))
              AND (e.kind = 'note' OR EXISTS (SELECT 1 FROM current_answer c
                   WHERE c.hearing_id = e.hearing_id AND c.question_id = e.question_id AND c.event = e.number))
            ORDER BY h.started_at DESC, e.sequence
            """
        return try read { db in
            var hits: [SearchHit] = []
            var total = 0
            let cursor = try request.fetchCursor(db)
            while let row = try cursor.next() {
                total += 1
                guard hits.count < query.limit else { continue }
                let text: String = row["value_text"]
                hits.append(SearchHit(
                    hearingID: row["hearing_id"], questionnaire: row["questionnaire"],
                    respondentKind: RespondentKind(rawValue: row["kind"]) ?? .other, respondentID: row["respondent_id"],
                    organisation: row["organisation"], questionID: row["question_id"],
                    isNote: (row["event_kind"] as String) == AnswerEvent.Kind.note.rawValue, text: text,
                    spans: Self.spans(of: terms, in: text)))
            }
            return SearchResult(hits: hits, total: total)
        }
    }

    /// Where each normalised term occurs in the original text, through the normaliser's origin map.
    package static func spans(of terms: [String], in text: String) -> [Range<Int>] {
        let normalized = NormalizedText(text)
        let haystack = normalized.bytes
        var spans: [Range<Int>] = []
        for term in terms {
            let needle = Array(term.utf8)
            guard !needle.isEmpty, needle.count <= haystack.count else { continue }
            var start = 0
            while start + needle.count <= haystack.count {
                if haystack[start] == needle[0], haystack[start..<start + needle.count].elementsEqual(needle) {
                    spans.append(normalized.originalRange(start, start + needle.count))
                    start += needle.count
                } else {
                    start += 1
                }
            }
        }
        // Overlapping terms become one span, so highlighting never nests.
        return ThemeMatcher.merge(spans)
    }
}
