import KikitoriCore
import Foundation
import GRDB

extension HearingStore {
    /// Theme counts by group, computed in SQL over the tag and answer tables.
    /// A hearing raised a theme when any of its current answers carries it (auto, confirmed or manual).
    public func crossTab(
        themes: [String], by dimension: ThemeCrossTab.Dimension = .kind, unit: ThemeCrossTab.Unit = .hearings,
        filter: ReviewFilter = ReviewFilter()
    ) throws(StoreError) -> ThemeCrossTab {
        let conditions = filter.conditions
        let group = dimension.sql
        let counted: SQL = unit == .hearings ? "COUNT(DISTINCT h.id)" : "COUNT(DISTINCT t.event)"
        return try read { db in
            var counts: [String: [String: Int]] = [:]
            let rows = try SQLRequest<Row>(literal: """
                    SELECT \(group) AS g, t.theme, \(counted) AS n
                    FROM tag t \(sql: Self.onCurrentAnswer)
                    JOIN hearing h ON h.number = t.hearing
                    JOIN respondent r ON r.id = h.respondent_id
                    WHERE \(filter.countedTags) AND \(conditions)
                    GROUP BY g, t.theme
                    """).fetchCursor(db)
            while let row = try rows.next() {
                counts[row["theme"], default: [:]][row["g"] ?? ""] = row["n"]
            }
            let denominator: SQL = unit == .hearings
                ? "SELECT \(group) AS g, COUNT(*) AS n FROM hearing h JOIN respondent r ON r.id = h.respondent_id WHERE \(conditions) GROUP BY g"
                : """
                    SELECT \(group) AS g, COUNT(*) AS n FROM current_answer c JOIN hearing h ON h.id = c.hearing_id
                    JOIN respondent r ON r.id = h.respondent_id
                    WHERE c.kind IN ('answered', 'changed') AND \(conditions) GROUP BY g
                    """
            var n: [String: Int] = [:]
            for row in try SQLRequest<Row>(literal: denominator).fetchAll(db) {
                n[row["g"] ?? ""] = row["n"]
            }
            var groups = n.keys.sorted()
            if dimension == .kind {
                groups = RespondentKind.allCases.map(\.rawValue).filter { n[$0] != nil }
            }
            let ordered = themes + counts.keys.filter { !themes.contains($0) }.sorted()
            return ThemeCrossTab(unit: unit, dimension: dimension, groups: groups, themes: ordered, counts: counts, n: n)
        }
    }

    /// Pairs of themes raised in the same hearing, with counts and Jaccard similarity.
    public func coOccurrence(filter: ReviewFilter = ReviewFilter()) throws(StoreError) -> [CoOccurrence] {
        let conditions = filter.conditions
        return try read { db in
            let perHearing: SQL = """
                SELECT DISTINCT h.number AS hearing, t.theme AS theme FROM tag t \(sql: Self.onCurrentAnswer)
                JOIN hearing h ON h.number = t.hearing
                WHERE \(filter.countedTags) AND \(conditions)
                """
            // One pass over each hearing's distinct themes; the pairs are counted as the rows stream by
            // (a self-join of the same set costs twice as much in SQLite).
            var hearingsWith: [String: Int] = [:]
            var both: [String: Int] = [:]
            var themes: [String] = []
            var hearing: Int64?
            func close() {
                for theme in themes { hearingsWith[theme, default: 0] += 1 }
                let sorted = themes.sorted()
                for i in sorted.indices { for j in sorted.indices where j > i { both[sorted[i] + " " + sorted[j], default: 0] += 1 } }
                themes.removeAll(keepingCapacity: true)
            }
            let rows = try SQLRequest<Row>(literal: perHearing + " ORDER BY h.number").fetchCursor(db)
            while let row = try rows.next() {
                let id: Int64 = row["hearing"]
                if id != hearing {
                    close()
                    hearing = id
                }
                themes.append(row["theme"])
            }
            close()
            return both.map { key, count in
                let parts = key.split(separator: " ").map(String.init)
                let either = (hearingsWith[parts[0]] ?? 0) + (hearingsWith[parts[1]] ?? 0) - count
                return CoOccurrence(first: parts[0], second: parts[1], both: count, either: either)
            }.sorted { ($0.both, $1.first, $1.second) > ($1.both, $0.first, $0.second) }
        }
    }

    /// A respondent's words on a theme, with what may be shown of who said it.
    public struct Quote: Sendable {
        public var hearingID: UUID
        public var respondentID: String
        public var questionID: String
        public var text: String
        public var spans: [Range<Int>]
        public var kind: RespondentKind
        public var industry: String?
        public var region: String?
        /// As registered; a ``Publication`` decides whether it may be shown.
        public var organisation: String?
        public var consent: ConsentLevel
        public var date: Date
        public var confirmed: Bool
    }

    /// Answers tagged with `theme` that a quote could come from, with their words: people's
    /// decisions first, then the earliest hearings, at most `count`. Which to quote is the review's
    /// choice (`Quotes.swift` in the Kikitori target).
    package func quoteCandidates(theme: String, filter: ReviewFilter, count: Int) throws(StoreError) -> [Quote] {
        let conditions = filter.conditions
        return try read { db in
            // Candidates first without touching answer text, then the texts of those few.
            let candidates = try SQLRequest<Row>(literal: """
                    SELECT h.id AS hearing_id, e.question_id, t.state, t.spans, t.event, r.kind, r.industry, r.region,
                           r.organisation, h.consent, h.started_at, r.id AS respondent_id
                    FROM tag t \(sql: Self.onCurrentAnswer)
                    JOIN hearing h ON h.number = t.hearing
                    JOIN respondent r ON r.id = h.respondent_id
                    WHERE t.theme = \(theme) AND \(filter.countedTags) AND t.source != 'choice' AND \(conditions)
                    ORDER BY (t.state IN ('confirmed', 'manual')) DESC, h.started_at
                    LIMIT \(count)
                    """).fetchAll(db)
            let text = try db.makeStatement(sql: "SELECT value_text FROM answer_event WHERE number = ?")
            var quotes: [Quote] = []
            for row in candidates {
                guard let value = try String.fetchOne(text, arguments: [row["event"] as Int64]),
                    let id = UUID(uuidString: row["hearing_id"]), let kind = RespondentKind(rawValue: row["kind"]),
                    let consent = ConsentLevel(rawValue: row["consent"])
                else { continue }
                quotes.append(Quote(
                    hearingID: id, respondentID: row["respondent_id"], questionID: row["question_id"], text: value,
                    spans: ThemeTag.decode(row["spans"]), kind: kind, industry: row["industry"], region: row["region"],
                    organisation: row["organisation"], consent: consent, date: row["started_at"],
                    confirmed: (row["state"] as String) != "auto"))
            }
            return quotes
        }
    }
}

extension HearingStore {
    /// Hearings by kind, version and period (for `filter`), and by status (for `everyStatus`).
    package func overview(filter: ReviewFilter, everyStatus: ReviewFilter) throws(StoreError)
        -> (byKind: [String: Int], byStatus: [String: Int], byVersion: [String: Int], period: (first: Date, last: Date)?)
    {
        let conditions = filter.conditions
        let allConditions = everyStatus.conditions
        return try read { db in
            let from: SQL = "FROM hearing h JOIN respondent r ON r.id = h.respondent_id"
            func counts(by column: SQL, where conditions: SQL) throws -> [String: Int] {
                let rows = try SQLRequest<Row>(literal: "SELECT \(column) AS g, COUNT(*) AS n \(from) WHERE \(conditions) GROUP BY 1").fetchAll(db)
                return Dictionary(uniqueKeysWithValues: rows.map { row -> (String, Int) in (row["g"], row["n"]) })
            }
            let byKind = try counts(by: "r.kind", where: conditions)
            let byVersion = try counts(by: "h.questionnaire", where: conditions)
            let byStatus = try counts(by: "h.status", where: allConditions)
            let range = try SQLRequest<Row>(literal: "SELECT MIN(h.started_at) AS first, MAX(h.started_at) AS last \(from) WHERE \(conditions)").fetchOne(db)
            let first: Date? = range?["first"]
            let last: Date? = range?["last"]
            let period = first.flatMap { f in last.map { (f, $0) } }
            return (byKind, byStatus, byVersion, period)
        }
    }
}
