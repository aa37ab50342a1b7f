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
        let (conditions, arguments) = filter.conditions
        let group = dimension.sql
        let counted = unit == .hearings ? "COUNT(DISTINCT h.id)" : "COUNT(DISTINCT t.event_id)"
        return try read { db in
            var counts: [String: [String: Int]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT \(group) AS g, t.theme, \(counted)
                    FROM tag t
                    JOIN current_answer c ON c.hearing_id = t.hearing_id AND c.question_id = t.question_id AND c.event_id = t.event_id
                    JOIN hearing h ON h.id = c.hearing_id
                    JOIN respondent r ON r.id = h.respondent_id
                    WHERE t.state != 'rejected' AND \(conditions)
                    GROUP BY g, t.theme
                    """, arguments: StatementArguments(arguments))
            while let row = try rows.next() {
                counts[row[1], default: [:]][row[0] ?? ""] = row[2]
            }
            let denominator = unit == .hearings
                ? "SELECT \(group) AS g, COUNT(*) FROM hearing h JOIN respondent r ON r.id = h.respondent_id WHERE \(conditions) GROUP BY g"
                : """
                    SELECT \(group) AS g, COUNT(*) FROM current_answer c JOIN hearing h ON h.id = c.hearing_id
                    JOIN respondent r ON r.id = h.respondent_id
                    WHERE c.kind IN ('answered', 'changed') AND \(conditions) GROUP BY g
                    """
            var n: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: denominator, arguments: StatementArguments(arguments)) {
                n[row[0] ?? ""] = row[1]
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
        let (conditions, arguments) = filter.conditions
        return try read { db in
            let perHearing = """
                SELECT DISTINCT h.id AS hearing, t.theme AS theme FROM tag t
                JOIN current_answer c ON c.hearing_id = t.hearing_id AND c.question_id = t.question_id AND c.event_id = t.event_id
                JOIN hearing h ON h.id = c.hearing_id
                WHERE t.state != 'rejected' AND \(conditions)
                """
            // One pass over each hearing's distinct themes; the pairs are counted as the rows stream by
            // (a self-join of the same set costs twice as much in SQLite).
            var hearingsWith: [String: Int] = [:]
            var both: [String: Int] = [:]
            var themes: [String] = []
            var hearing: String?
            func close() {
                for theme in themes { hearingsWith[theme, default: 0] += 1 }
                let sorted = themes.sorted()
                for i in sorted.indices { for j in sorted.indices where j > i { both[sorted[i] + " " + sorted[j], default: 0] += 1 } }
                themes.removeAll(keepingCapacity: true)
            }
            let rows = try Row.fetchCursor(db, sql: perHearing + " ORDER BY h.id", arguments: StatementArguments(arguments))
            while let row = try rows.next() {
                let id: String = row[0]
                if id != hearing {
                    close()
                    hearing = id
                }
                themes.append(row[1])
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
        let (conditions, arguments) = filter.conditions
        return try read { db in
            // Candidates first without touching answer text, then the texts of those few.
            let candidates = try Row.fetchAll(
                db,
                sql: """
                    SELECT t.hearing_id, t.question_id, t.state, t.spans, t.event_id, r.kind, r.industry, r.region,
                           r.organisation, h.consent, h.started_at, r.id
                    FROM tag t
                    JOIN current_answer c ON c.hearing_id = t.hearing_id AND c.question_id = t.question_id AND c.event_id = t.event_id
                    JOIN hearing h ON h.id = t.hearing_id
                    JOIN respondent r ON r.id = h.respondent_id
                    WHERE t.theme = ? AND t.state != 'rejected' AND t.source != 'choice' AND \(conditions)
                    ORDER BY (t.state IN ('confirmed', 'manual')) DESC, h.started_at
                    LIMIT ?
                    """, arguments: StatementArguments([theme] + arguments + [String(count)]))
            let text = try db.makeStatement(sql: "SELECT value_text FROM answer_event WHERE id = ?")
            var quotes: [Quote] = []
            for row in candidates {
                guard let value = try String.fetchOne(text, arguments: [row[4] as String]), let id = UUID(uuidString: row[0]),
                    let kind = RespondentKind(rawValue: row[5]), let consent = ConsentLevel(rawValue: row[9])
                else { continue }
                quotes.append(Quote(
                    hearingID: id, respondentID: row[11], questionID: row[1], text: value, spans: ThemeTag.decode(row[3]), kind: kind,
                    industry: row[6], region: row[7], organisation: row[8],
                    consent: consent, date: row[10], confirmed: (row[2] as String) != "auto"))
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
        let (conditions, arguments) = filter.conditions
        let (allConditions, allArguments) = everyStatus.conditions
        return try read { db in
            var byKind: [String: Int] = [:]
            var byVersion: [String: Int] = [:]
            var byStatus: [String: Int] = [:]
            let from = "FROM hearing h JOIN respondent r ON r.id = h.respondent_id"
            for row in try Row.fetchAll(db, sql: "SELECT r.kind, COUNT(*) \(from) WHERE \(conditions) GROUP BY 1", arguments: StatementArguments(arguments)) {
                byKind[row[0]] = row[1]
            }
            for row in try Row.fetchAll(db, sql: "SELECT h.questionnaire, COUNT(*) \(from) WHERE \(conditions) GROUP BY 1", arguments: StatementArguments(arguments)) {
                byVersion[row[0]] = row[1]
            }
            for row in try Row.fetchAll(db, sql: "SELECT h.status, COUNT(*) \(from) WHERE \(allConditions) GROUP BY 1", arguments: StatementArguments(allArguments)) {
                byStatus[row[0]] = row[1]
            }
            let range = try Row.fetchOne(db, sql: "SELECT MIN(h.started_at), MAX(h.started_at) \(from) WHERE \(conditions)", arguments: StatementArguments(arguments))
            let first: Date? = range?[0]
            let last: Date? = range?[1]
            let period = first.flatMap { f in last.map { (f, $0) } }
            return (byKind, byStatus, byVersion, period)
        }
    }
}
