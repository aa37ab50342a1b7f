import KikitoriCore
import Foundation
import GRDB

/// The rows exports are made of, streamed from SQLite cursors in a stable order. The store only
/// reads them; what may be shown of them is the export's ``Publication``'s decision.
///
/// Cursors here read columns by position, in the order of their SELECT: this is the hot path of
/// every export, and GRDB's index access skips a name lookup per column per row.
extension HearingStore {
    /// One current answer with its hearing and respondent.
    public struct AnswerRow: Sendable {
        public var hearingID: String
        public var questionnaire: String
        public var respondentKind: String
        public var respondentID: String
        public var organisation: String
        public var consent: ConsentLevel
        public var questionID: String
        public var kind: String
        public var code: String?
        public var text: String?
        public var recordedAt: Date?
    }

    /// One tag on a current answer, with the answer's text.
    public struct TagRow: Sendable {
        public var hearingID: String
        public var questionID: String
        public var theme: String
        public var state: String
        public var source: String
        public var rule: String?
        public var codebook: String?
        public var spans: [Range<Int>]
        public var answer: String?
    }

    /// One hearing's metadata for the wide table.
    public struct HearingRow: Sendable {
        public var hearingID: String
        public var questionnaire: String
        public var respondentKind: String
        public var respondentID: String
        public var organisation: String
        public var industry: String?
        public var region: String?
        public var interviewer: String
        public var startedAt: Date?
        public var endedAt: Date?
        public var status: String
        public var consent: ConsentLevel
        /// The hearing this one follows up, if any, and that hearing's consent.
        public var previousHearingID: String?
        public var previousHearingConsent: ConsentLevel?
    }

    /// One event of the append-only log, with its hearing and respondent: the audit trail.
    public struct EventRow: Sendable {
        public var hearingID: String
        public var questionnaire: String
        public var respondentKind: String
        public var respondentID: String
        public var organisation: String
        public var questionID: String?
        public var kind: String
        public var code: String?
        public var text: String?
        public var previousCode: String?
        public var previousText: String?
        public var reason: String?
        public var shownAt: Date?
        public var recordedAt: Date
        public var startedAt: Date
        public var endedAt: Date?
    }

    /// Every event of `filter`'s hearings, hearing by hearing in the order they started, each
    /// hearing's events in the order they were written.
    /// `kind`: only events of this kind (notes, for the readers of interviewers' remarks).
    public func forEachEvent(filter: ReviewFilter, kind: AnswerEvent.Kind? = nil, _ body: (EventRow) throws -> Void) throws {
        var conditions = filter.conditions
        if let kind { conditions = "\(conditions) AND e.kind = \(kind.rawValue)" }
        try readPassingErrors { db in
            let cursor = try SQLRequest<Row>(literal: """
                SELECT h.id, h.questionnaire, r.kind, r.id, r.organisation, e.question_id, e.kind, e.value_code, e.value_text,
                       e.previous_code, e.previous_text, e.reason, e.shown_at, e.recorded_at, h.started_at, h.ended_at
                FROM answer_event e JOIN hearing h ON h.id = e.hearing_id JOIN respondent r ON r.id = h.respondent_id
                WHERE \(conditions) ORDER BY h.started_at, h.id, e.sequence
                """).fetchCursor(db)
            while let row = try cursor.next() {
                try body(EventRow(
                    hearingID: row[0], questionnaire: row[1], respondentKind: row[2], respondentID: row[3], organisation: row[4],
                    questionID: row[5], kind: row[6], code: row[7], text: row[8], previousCode: row[9], previousText: row[10],
                    reason: row[11], shownAt: row[12], recordedAt: row[13], startedAt: row[14], endedAt: row[15]))
            }
        }
    }

    /// A current answer in the wide table: its kind, code and text.
    public struct WideAnswer: Sendable {
        public var kind: String
        public var code: String?
        public var text: String?
    }

    /// Refuses a questionnaire no hearing here used, naming those that are: a misspelt id must be an
    /// error, not a table of zeros.
    public func checkQuestionnaire(_ reference: QuestionnaireRef) throws(StoreError) {
        let stored = try snapshotReferences().compactMap(QuestionnaireRef.init)
        let known = reference.version == nil ? Set(stored.map(\.id)) : Set(stored.map(\.description))
        guard !known.contains(reference.description) else { return }
        throw .unknownQuestionnaire(reference.description, known: known.sorted())
    }

    /// Every stored questionnaire version's `id@N`.
    public func snapshotReferences() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT reference FROM questionnaire_snapshot ORDER BY reference") }
    }

    /// How many current answers `filter` counts (a second pass, only for a progress bar).
    public func countCurrentAnswers(filter: ReviewFilter) throws(StoreError) -> Int {
        try read { db in
            try SQLRequest<Int>(literal: "SELECT COUNT(*) FROM current_answer c JOIN hearing h ON h.id = c.hearing_id WHERE \(filter.conditions)").fetchOne(db)
        } ?? 0
    }

    /// Current answers of `filter`'s hearings, hearing by hearing in the order they started.
    public func forEachCurrentAnswer(filter: ReviewFilter, _ body: (AnswerRow) throws -> Void) throws {
        let conditions = filter.conditions
        try readPassingErrors { db in
            let cursor = try SQLRequest<Row>(literal: """
                    SELECT h.id, h.questionnaire, r.kind, r.id, r.organisation, h.consent, c.question_id, c.kind,
                           e.value_code, e.value_text, e.recorded_at
                    FROM current_answer c JOIN answer_event e ON e.number = c.event
                    JOIN hearing h ON h.id = c.hearing_id JOIN respondent r ON r.id = h.respondent_id
                    WHERE \(conditions) ORDER BY h.started_at, h.id
                    """).fetchCursor(db)
            while let row = try cursor.next() {
                try body(AnswerRow(
                    hearingID: row[0], questionnaire: row[1], respondentKind: row[2], respondentID: row[3], organisation: row[4],
                    consent: ConsentLevel(rawValue: row[5]) ?? .internalOnly, questionID: row[6], kind: row[7], code: row[8],
                    text: row[9], recordedAt: row[10]))
            }
        }
    }

    /// Tags on current answers of `filter`'s hearings.
    public func forEachTag(filter: ReviewFilter, _ body: (TagRow) throws -> Void) throws {
        let conditions = filter.conditions
        try readPassingErrors { db in
            let cursor = try SQLRequest<Row>(literal: """
                    SELECT h.id, e.question_id, t.theme, t.state, t.source, t.rule_source, t.codebook, t.spans, e.value_text
                    FROM tag t \(sql: Self.onCurrentAnswer)
                    JOIN hearing h ON h.number = t.hearing
                    WHERE \(conditions) AND (t.state != 'suggested' OR \(filter.includeSuggested))
                    ORDER BY h.started_at, h.id, e.question_id, t.theme
                    """).fetchCursor(db)
            while let row = try cursor.next() {
                try body(TagRow(
                    hearingID: row[0], questionID: row[1], theme: row[2], state: row[3], source: row[4], rule: row[5], codebook: row[6],
                    spans: ThemeTag.decode(row[7]), answer: row[8]))
            }
        }
    }

    /// The counted themes of each tagged current answer, or of every hearing of `filter` with
    /// `perHearing` (a hearing that raised none is a row of zeros, not left out).
    public func forEachThemeSet(
        filter: ReviewFilter, perHearing: Bool, _ body: (_ hearing: String, _ question: String, _ themes: Set<String>) throws -> Void
    ) throws {
        let conditions = filter.conditions
        let counted: SQL = """
            SELECT t.hearing, t.event, e.question_id, t.theme FROM tag t \(sql: Self.onCurrentAnswer)
            WHERE \(filter.countedTags)
            """
        let request: SQLRequest<Row> = perHearing
            ? """
                SELECT h.id, '', group_concat(t.theme, ' ')
                FROM hearing h LEFT JOIN (\(counted)) t ON t.hearing = h.number
                WHERE \(conditions) GROUP BY h.id ORDER BY MIN(h.started_at), h.id
                """
            : """
                SELECT h.id, t.question_id, group_concat(t.theme, ' ')
                FROM (\(counted)) t JOIN hearing h ON h.number = t.hearing
                WHERE \(conditions) GROUP BY t.event ORDER BY MIN(h.started_at), t.event
                """
        try readPassingErrors { db in
            let cursor = try request.fetchCursor(db)
            while let row = try cursor.next() {
                try body(row[0], row[1], Set(((row[2] as String?) ?? "").split(separator: " ").map(String.init)))
            }
        }
    }

    /// Every respondent with its hearing count, in registration order.
    public func forEachRespondent(_ body: (Respondent, _ hearings: Int) throws -> Void) throws {
        try readPassingErrors { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT r.*, (SELECT COUNT(*) FROM hearing h WHERE h.respondent_id = r.id) AS hearings
                FROM respondent r ORDER BY r.created_at, r.id
                """)
            while let row = try cursor.next() {
                guard let respondent = try RespondentRecord(row: row).model else { continue }
                try body(respondent, row["hearings"])
            }
        }
    }

    /// The distinct question ids of `filter`'s current answers given inside a repeat group's
    /// instance (`format[3]`): how many instance columns a wide table needs.
    public func instanceQuestionIDs(filter: ReviewFilter) throws -> [String] {
        try readPassingErrors { db in
            try SQLRequest<String>(literal: """
                SELECT DISTINCT c.question_id FROM current_answer c JOIN hearing h ON h.id = c.hearing_id
                JOIN respondent r ON r.id = h.respondent_id
                WHERE c.question_id GLOB '*[[]*]' AND \(filter.conditions)
                """).fetchAll(db)
        }
    }

    /// `filter`'s hearings, each with its current answers by question, in the order they started.
    public func forEachHearingWithAnswers(filter: ReviewFilter, _ body: (HearingRow, [String: WideAnswer]) throws -> Void) throws {
        let conditions = filter.conditions
        try readPassingErrors { db in
            let cursor = try SQLRequest<Row>(literal: """
                    SELECT h.id, h.questionnaire, r.kind, r.id, r.organisation, r.industry, r.region, h.interviewer,
                           h.started_at, h.ended_at, h.status, h.consent, c.question_id, c.kind, e.value_code, e.value_text,
                           h.previous_hearing_id, p.consent
                    FROM hearing h JOIN respondent r ON r.id = h.respondent_id LEFT JOIN hearing p ON p.id = h.previous_hearing_id
                    LEFT JOIN current_answer c ON c.hearing_id = h.id
                    LEFT JOIN answer_event e ON e.number = c.event
                    WHERE \(conditions) ORDER BY h.started_at, h.id
                    """).fetchCursor(db)
            var current: HearingRow?
            var answers: [String: WideAnswer] = [:]
            while let entry = try cursor.next() {
                let id: String = entry[0]
                if id != current?.hearingID {
                    if let current { try body(current, answers) }
                    answers = [:]
                    current = HearingRow(
                        hearingID: id, questionnaire: entry[1], respondentKind: entry[2], respondentID: entry[3], organisation: entry[4],
                        industry: entry[5], region: entry[6], interviewer: entry[7], startedAt: entry[8], endedAt: entry[9],
                        status: entry[10], consent: ConsentLevel(rawValue: entry[11]) ?? .internalOnly, previousHearingID: entry[16],
                        previousHearingConsent: (entry[17] as String?).flatMap(ConsentLevel.init(rawValue:)))
                }
                if let question = entry[12] as String? { answers[question] = WideAnswer(kind: entry[13], code: entry[14], text: entry[15]) }
            }
            if let current { try body(current, answers) }
        }
    }
}
