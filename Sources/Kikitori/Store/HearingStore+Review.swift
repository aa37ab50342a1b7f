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
                    JOIN current_answer c ON c.event_id = t.event_id
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

    /// For each theme, the share of hearings raising it in two groups, with Fisher's exact test.
    /// By default firms against municipalities (heads and staff together).
    public func differences(
        themes: [String], by dimension: ThemeCrossTab.Dimension = .kind,
        first: Set<String> = [RespondentKind.privateFirm.rawValue],
        second: Set<String> = [RespondentKind.municipalityHead.rawValue, RespondentKind.municipalStaff.rawValue],
        filter: ReviewFilter = ReviewFilter()
    ) throws(StoreError) -> [GroupDifference] {
        let table = try crossTab(themes: themes, by: dimension, filter: filter)
        let n1 = first.reduce(0) { $0 + (table.n[$1] ?? 0) }
        let n2 = second.reduce(0) { $0 + (table.n[$1] ?? 0) }
        return table.themes.map { theme in
            let a = first.reduce(0) { $0 + table.count(theme, $1) }
            let c = second.reduce(0) { $0 + table.count(theme, $1) }
            return GroupDifference(
                theme: theme, first: (a, n1), second: (c, n2), p: FisherExact.twoSided(a, n1 - a, c, n2 - c))
        }
    }

    /// Pairs of themes raised in the same hearing, with counts and Jaccard similarity.
    public func coOccurrence(filter: ReviewFilter = ReviewFilter()) throws(StoreError) -> [CoOccurrence] {
        let (conditions, arguments) = filter.conditions
        return try read { db in
            let perHearing = """
                SELECT DISTINCT h.id AS hearing, t.theme AS theme FROM tag t
                JOIN current_answer c ON c.event_id = t.event_id
                JOIN hearing h ON h.id = c.hearing_id
                WHERE t.state != 'rejected' AND \(conditions)
                """
            var hearingsWith: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT theme, COUNT(*) FROM (\(perHearing)) GROUP BY theme", arguments: StatementArguments(arguments)) {
                hearingsWith[row[0]] = row[1]
            }
            let pairs = try Row.fetchAll(
                db,
                sql: """
                    WITH ht AS (\(perHearing))
                    SELECT a.theme, b.theme, COUNT(*) FROM ht a JOIN ht b ON a.hearing = b.hearing AND a.theme < b.theme
                    GROUP BY a.theme, b.theme
                    """, arguments: StatementArguments(arguments))
            return pairs.map { row in
                let first: String = row[0]
                let second: String = row[1]
                let both: Int = row[2]
                let either = (hearingsWith[first] ?? 0) + (hearingsWith[second] ?? 0) - both
                return CoOccurrence(first: first, second: second, both: both, either: either)
            }.sorted { ($0.both, $1.first, $1.second) > ($1.both, $0.first, $0.second) }
        }
    }

    /// A respondent's words on a theme, with what may be shown of who said it.
    public struct Quote: Sendable {
        public var hearingID: UUID
        public var questionID: String
        public var text: String
        public var spans: [Range<Int>]
        public var kind: RespondentKind
        public var industry: String?
        public var region: String?
        /// Only when the hearing's consent is `public_named`.
        public var organisation: String?
        public var consent: ConsentLevel
        public var date: Date
        public var confirmed: Bool
    }

    /// Representative quotes: confirmed ones first, then medium-length ones, one per hearing.
    public func quotes(theme: String, filter: ReviewFilter = ReviewFilter(), limit: Int = 10) throws(StoreError) -> [Quote] {
        let (conditions, arguments) = filter.conditions
        return try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT t.hearing_id, t.question_id, t.state, t.spans, e.value_text, r.kind, r.industry, r.region,
                           r.organisation, h.consent, h.started_at
                    FROM tag t
                    JOIN current_answer c ON c.event_id = t.event_id
                    JOIN answer_event e ON e.id = t.event_id
                    JOIN hearing h ON h.id = c.hearing_id
                    JOIN respondent r ON r.id = h.respondent_id
                    WHERE t.theme = ? AND t.state != 'rejected' AND e.value_text IS NOT NULL AND \(conditions)
                    ORDER BY (t.state IN ('confirmed', 'manual')) DESC, abs(length(e.value_text) - 60), h.started_at
                    """, arguments: StatementArguments([theme] + arguments))
            var seen: Set<String> = []
            var quotes: [Quote] = []
            for row in rows where quotes.count < limit {
                let hearing: String = row[0]
                guard seen.insert(hearing).inserted, let id = UUID(uuidString: hearing),
                    let kind = RespondentKind(rawValue: row[5]), let consent = ConsentLevel(rawValue: row[9])
                else { continue }
                quotes.append(Quote(
                    hearingID: id, questionID: row[1], text: row[4], spans: ThemeTag.decode(row[3]), kind: kind,
                    industry: row[6], region: row[7], organisation: consent == .publicNamed ? row[8] : nil,
                    consent: consent, date: row[10], confirmed: (row[2] as String) != "auto"))
            }
            return quotes
        }
    }
}

extension HearingStore {
    /// Hearings by kind, version and period (for `filter`), and by status (for `everyStatus`).
    func overview(filter: ReviewFilter, everyStatus: ReviewFilter) throws(StoreError)
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
