import KikitoriCore
import Foundation
import GRDB

/// What a tagging run needs to know before it reads an answer, read in one go.
package struct TagRunContext: Sendable {
    package var full: Bool
    package var highWater: Int64
    /// The last event when the run began: events written during the run are the next run's.
    package var bound: Int64
    package var total: Int
    package var plans: QuestionPlans
    package var human: Set<TagKey>
    /// Each hearing's number and questionnaire, by hearing id.
    package var hearings: [String: (number: Int64, questionnaire: String)]
    /// The current answers, by their event's number: an integer set, not 36-character ids.
    package var current: EventSet
    /// Events that have automatic tags or suggestions now: only these have anything to replace
    /// (none on a first run, so that run only inserts).
    package var automatic: EventSet
}

/// A set of event numbers as a bitmap: numbers are dense from 1, so a million events take 128 KB
/// and an insert or lookup is a shift and a mask (a Set<Int64> of the same spent a fifth of a
/// tagging run hashing).
package struct EventSet: Sendable {
    private var words: [UInt64] = []

    package init() {}

    package init<Numbers: Sequence>(_ numbers: Numbers) where Numbers.Element == Int64 {
        for number in numbers { insert(number) }
    }

    package mutating func insert(_ number: Int64) {
        guard number >= 0 else { return }
        let word = Int(number >> 6)
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: max(word + 1 - words.count, words.count))) }
        words[word] |= 1 << UInt64(number & 63)
    }

    package func contains(_ number: Int64) -> Bool {
        guard number >= 0 else { return false }
        let word = Int(number >> 6)
        return word < words.count && words[word] & (1 << UInt64(number & 63)) != 0
    }
}

/// A tag's key: the event's number and the theme.
package struct TagKey: Hashable, Sendable {
    package var event: Int64
    package var theme: String

    package init(event: Int64, theme: String) {
        self.event = event
        self.theme = theme
    }
}

/// A current answer as a tagging run reads it.
package struct AnswerToTag {
    package var event: Int64
    package var hearingID: String
    package var questionID: String
    package var code: String?
    package var text: String?
}

/// The tags a run will write, sorted by event: the scanned events whose automatic tags are
/// replaced, and the new tags.
package struct PendingTags: Sendable {
    package struct Tag: Sendable {
        package var event: Int64
        package var theme: String
        package var hearing: Int64
        package var source: ThemeTag.Source
        package var rule: Int?
        package var spans: [Range<Int>]

        package var key: TagKey { TagKey(event: event, theme: theme) }

        package init(event: Int64, theme: String, hearing: Int64, source: ThemeTag.Source, rule: Int?, spans: [Range<Int>]) {
            self.event = event
            self.theme = theme
            self.hearing = hearing
            self.source = source
            self.rule = rule
            self.spans = spans
        }
    }
    package var events: [Int64] = []
    package var tags: [Tag] = []

    package init() {}

    /// Whether everything from these positions on has been written.
    package func isWritten(events position: Int, tags tagPosition: Int) -> Bool {
        position >= events.count && tagPosition >= tags.count
    }
}

/// The storage side of tagging: what a run reads, and the short transactions it writes in. What
/// to tag and with which themes is the run's (`TaggingRun.swift` in the Kikitori target).
extension HearingStore {
    /// How long one tagging transaction may hold the write lock before it commits and lets an
    /// interviewer's answer through. Each commit writes every index page it touched to the WAL; with
    /// integer keys a run appends, so a slice touches few pages.
    package static let tagSliceSeconds: TimeInterval = 0.9

    /// Starts a run in one short transaction: the codebook stored, and a new codebook's high-water
    /// mark back to zero, so that a run stopped midway carries on with this codebook. Checkpoints
    /// are held back until ``finishTagging(_:)``: the slices rewrite the same index pages, and
    /// copying them into the file after each would do it again and again.
    package func beginTagging(_ codebook: Codebook, retag: Bool) throws(StoreError) -> TagRunContext {
        let context = try write { db in
            let context = try Self.tagRunContext(codebook, retag: retag, in: db)
            try Self.storeCodebook(codebook, in: db)
            try Self.setHighWater(context.highWater, codebook: codebook, in: db, restart: context.full)
            return context
        }
        try? queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        return context
    }

    /// The same, for a dry run: read only.
    package func taggingContext(_ codebook: Codebook, retag: Bool) throws(StoreError) -> TagRunContext {
        try read { db in try Self.tagRunContext(codebook, retag: retag, in: db) }
    }

    /// Every current answer of the run that may carry a theme (free text, or a question whose
    /// choices name themes), in event order (one sequential scan), in one read transaction.
    /// Returns how many current answers the run read in all. Other answers cost an integer each:
    /// their ids are never made into strings. `rows` narrows the run's events to a stretch of rowids.
    package func forEachAnswerToTag(
        _ context: TagRunContext, rows: ClosedRange<Int64>? = nil, _ body: (AnswerToTag) throws -> Void
    ) throws -> Int {
        let lower = max(context.highWater + 1, rows?.lowerBound ?? 0)
        let upper = min(context.bound, rows?.upperBound ?? .max)
        return try readPassingErrors { db in
            // Positional reads: this cursor is the tagger's hot path.
            let cursor = try SQLRequest<Row>("""
                SELECT number, value_text IS NOT NULL OR question_id IN \(context.plans.questionsWithChoiceThemes),
                    hearing_id, question_id, value_code, value_text FROM answer_event
                WHERE number BETWEEN \(lower) AND \(upper) AND kind IN ('answered', 'changed') ORDER BY number
                """).fetchCursor(db)
            var current = 0
            while let row = try cursor.next() {
                let event: Int64 = row[0]
                guard context.current.contains(event) else { continue }
                current += 1
                guard row[1] as Bool else { continue }
                try body(AnswerToTag(event: event, hearingID: row[2], questionID: row[3], code: row[4], text: row[5]))
            }
            return current
        }
    }

    /// Every automatic tag on a current answer: what a dry run compares with.
    package func automaticTagKeys() throws(StoreError) -> Set<TagKey> {
        try read { db in
            Set(try Row.fetchAll(db, sql: "SELECT t.event, t.theme FROM tag t \(Self.onCurrentAnswer) WHERE t.state = 'auto'")
                .map { TagKey(event: $0[0], theme: $0[1]) })
        }
    }

    package func answerText(event: Int64) throws(StoreError) -> String? {
        try read { db in try SQLRequest<String>("SELECT value_text FROM answer_event WHERE number = \(event)").fetchOne(db) }
    }

    /// Joins a tag `t` to its event `e`, keeping only tags on current answers (`c`).
    package static let onCurrentAnswer = """
        JOIN answer_event e ON e.number = t.event
        JOIN current_answer c ON c.hearing_id = e.hearing_id AND c.question_id = e.question_id AND c.event = e.number
        """

    /// One write transaction: the automatic tags of the next events replaced by the new ones, until
    /// ``tagSliceSeconds`` have passed. Moves `position` and `tagPosition` on.
    package func writeAutomaticTags(
        _ pending: PendingTags, codebook: Codebook, position: inout Int, tagPosition: inout Int, now: Date
    ) throws(StoreError) {
        let stamp = now.databaseValue
        try bulkWrite(keepingSettings: true) { db in
            try Self.writeSlice(pending, codebook: codebook, from: &position, tags: &tagPosition, now: stamp, in: db)
        }
    }

    /// Ends a run: the high-water mark moved to where it began reading up to, and one checkpoint.
    package func finishTagging(_ context: TagRunContext) throws(StoreError) {
        try write { db in try db.execute(literal: "UPDATE tagging_state SET high_water = \(context.bound) WHERE id = 1") }
        restoreCheckpoints()
    }

    /// Checkpoints and the bulk settings back to SQLite's defaults, and one checkpoint now (also
    /// when a run stops early).
    package func restoreCheckpoints() {
        restoreBulkSettings()
        try? queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 1000")
            _ = try? Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
        }
    }

    /// Text answers in the whole database, and those with no counting tag.
    package func untaggedTextAnswers(_ context: TagRunContext) throws(StoreError) -> (total: Int, untagged: Int) {
        try read { db in
            var report = TagReport(codebook: "", full: false, dryRun: false)
            try Self.countUntagged(db, plans: context.plans, current: context.current, hearings: context.hearings, into: &report)
            return (report.totalTextAnswers, report.untaggedTextAnswers)
        }
    }

    private static func tagRunContext(_ codebook: Codebook, retag: Bool, in db: Database) throws -> TagRunContext {
        let state = try Row.fetchOne(db, sql: "SELECT codebook_fingerprint, high_water FROM tagging_state WHERE id = 1")
        let full = retag || state == nil || (state?["codebook_fingerprint"] as String?) != codebook.fingerprint
        let highWater: Int64 = full ? 0 : (state?["high_water"] ?? 0)
        let bound = try Int64.fetchOne(db, sql: "SELECT MAX(number) FROM answer_event") ?? 0
        let total = try SQLRequest<Int>("""
            SELECT COUNT(*) FROM answer_event WHERE number > \(highWater) AND number <= \(bound) AND kind IN ('answered', 'changed')
            """).fetchOne(db) ?? 0
        var hearings: [String: (number: Int64, questionnaire: String)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, number, questionnaire FROM hearing") { hearings[row[0]] = (row[1], row[2]) }
        var current = EventSet()
        let events = try Int64.fetchCursor(db, sql: """
            SELECT event FROM current_answer WHERE kind IN ('answered', 'changed')
            """)
        while let event = try events.next() { current.insert(event) }
        let automatic = EventSet(try Int64.fetchAll(db, sql: "SELECT DISTINCT event FROM tag WHERE state IN ('auto', 'suggested')"))
        return TagRunContext(
            full: full, highWater: highWater, bound: bound, total: total, plans: try QuestionPlans(db: db), human: try humanDecisions(db),
            hearings: hearings, current: current, automatic: automatic)
    }


    private static func setHighWater(_ highWater: Int64, codebook: Codebook, in db: Database, restart: Bool) throws {
        try db.execute(literal: """
            INSERT INTO tagging_state (id, codebook_fingerprint, high_water) VALUES (1, \(codebook.fingerprint), \(highWater))
            ON CONFLICT (id) DO UPDATE SET codebook_fingerprint = excluded.codebook_fingerprint,
                high_water = CASE WHEN \(restart) THEN excluded.high_water
                                  ELSE MAX(excluded.high_water, CASE WHEN tagging_state.codebook_fingerprint = excluded.codebook_fingerprint THEN tagging_state.high_water ELSE 0 END) END
            """)
    }


    private static func writeSlice(
        _ pending: PendingTags, codebook: Codebook, from position: inout Int, tags tagPosition: inout Int, now: DatabaseValue, in db: Database
    ) throws {
        let started = Date()
        // Suggestions go too: the rules' verdict on an answer replaces the model's guess.
        let delete = try db.cachedStatement(sql: "DELETE FROM tag WHERE event = ? AND state IN ('auto', 'suggested')")
        // OR IGNORE: a person may have decided on one of these answers since the run began; their
        // decision stands.
        let insert = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO tag (event, theme, hearing, state, source, codebook, rule, rule_source, spans, updated_at)
            VALUES (?, ?, ?, 'auto', ?, ?, ?, ?, ?, ?)
            """)
        repeat {
            // Up to 500 events to clear and 500 tags, to the first of their last events: an event's
            // old tags go before its new ones are written, in the same transaction.
            let eventEnd = min(position + 500, pending.events.count)
            let tagEnd = min(tagPosition + 500, pending.tags.count)
            let last = [
                eventEnd < pending.events.count ? pending.events[eventEnd - 1] : nil,
                tagEnd < pending.tags.count ? pending.tags[tagEnd - 1].event : nil,
            ].compactMap { $0 }.min()
            while position < pending.events.count, last.map({ pending.events[position] <= $0 }) ?? true {
                try delete.execute(arguments: [pending.events[position]])
                position += 1
            }
            while tagPosition < pending.tags.count, last.map({ pending.tags[tagPosition].event <= $0 }) ?? true {
                let tag = pending.tags[tagPosition]
                let ruleSource = tag.rule.flatMap { codebook.theme(tag.theme)?.rules[$0] }
                try insert.execute(arguments: [
                    tag.event, tag.theme, tag.hearing, tag.source.rawValue, codebook.reference, tag.rule, ruleSource,
                    ThemeTag.encode(tag.spans), now,
                ])
                tagPosition += 1
            }
        } while !pending.isWritten(events: position, tags: tagPosition) && Date().timeIntervalSince(started) < tagSliceSeconds
    }

    /// (event, theme) pairs a person decided on: a re-run leaves them alone.
    package static func humanDecisions(_ db: Database) throws -> Set<TagKey> {
        Set(try Row.fetchAll(db, sql: "SELECT event, theme FROM tag WHERE state IN ('confirmed', 'rejected', 'manual')")
            .map { TagKey(event: $0[0], theme: $0[1]) })
    }

    package static func storeCodebook(_ codebook: Codebook, in db: Database) throws {
        if let stored = try SQLRequest<String>("SELECT fingerprint FROM codebook_snapshot WHERE reference = \(codebook.reference)").fetchOne(db) {
            guard stored == codebook.fingerprint else {
                throw StoreError.snapshotChanged(codebook.reference, stored: stored, file: codebook.fingerprint)
            }
            return
        }
        try db.execute(literal: """
            INSERT INTO codebook_snapshot (reference, codebook_id, version, fingerprint, canonical_json, stored_at)
            VALUES (\(codebook.reference), \(codebook.id), \(codebook.version), \(codebook.fingerprint),
                    \(String(decoding: codebook.canonicalJSON, as: UTF8.self)), \(Date()))
            """)
    }

    /// Text answers with no counting tag, over all current text answers; sequential scans only.
    private static func countUntagged(
        _ db: Database, plans: QuestionPlans, current: EventSet, hearings: [String: (number: Int64, questionnaire: String)],
        into report: inout TagReport
    ) throws {
        var tagged = EventSet()
        let tags = try Int64.fetchCursor(db, sql: """
            SELECT event FROM tag WHERE state IN ('auto', 'confirmed', 'manual')
            """)
        while let event = try tags.next() { tagged.insert(event) }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT number, hearing_id, question_id FROM answer_event
            WHERE kind IN ('answered', 'changed') AND value_text IS NOT NULL
            """)
        while let row = try rows.next() {
            let event: Int64 = row[0]
            guard current.contains(event), let questionnaire = hearings[row[1]]?.questionnaire,
                plans.plan(questionnaire: questionnaire, question: row[2])?.isText == true
            else { continue }
            report.totalTextAnswers += 1
            if !tagged.contains(event) { report.untaggedTextAnswers += 1 }
        }
    }

    // MARK: Human coding

    /// The current answer `reference` names, as `(event id, hearing id, question id)`.
    public func answerReference(_ reference: AnswerRef) throws(StoreError) -> (event: UUID, hearing: UUID, question: String) {
        let hearing = try findHearing(reference.hearing)
        let event = try read { db in
            try SQLRequest<UUID>("""
                SELECT event_id FROM current_answer
                WHERE hearing_id = \(id: hearing.id) AND question_id = \(reference.question) AND kind IN ('answered', 'changed')
                """).fetchOne(db)
        }
        guard let event else { throw .unknownAnswer(reference.description) }
        return (event, hearing.id, reference.question)
    }

    /// A person's decision: `add` confirms or adds the theme, otherwise rejects it. The working tag
    /// takes it, and the coder's own record is appended (`blind`: made without the automatic tags in view).
    public func decide(
        event: UUID, hearing: UUID, question: String, theme: String, add: Bool, coder: String, blind: Bool = false,
        now: Date = Date()
    ) throws(StoreError) {
        try write { db in
            guard let numbers = try SQLRequest<Row>("""
                SELECT e.number, h.number FROM answer_event e JOIN hearing h ON h.id = e.hearing_id
                WHERE e.id = \(id: event) AND h.id = \(id: hearing) AND e.question_id = \(question)
                """).fetchOne(db)
            else { throw StoreError.unknownAnswer("\(hearing.storageKey):\(question)") }
            let (number, hearingNumber): (Int64, Int64) = (numbers[0], numbers[1])
            let existing = try SQLRequest<String>("SELECT state FROM tag WHERE event = \(number) AND theme = \(theme)").fetchOne(db)
            let state: ThemeTag.State
            switch (existing.flatMap(ThemeTag.State.init(rawValue:)), add) {
            case (nil, true): state = .manual
            case (.some, true): state = existing == ThemeTag.State.manual.rawValue ? .manual : .confirmed
            case (_, false): state = .rejected
            }
            if existing == nil {
                try db.execute(literal: """
                    INSERT INTO tag (event, theme, hearing, state, source, updated_at)
                    VALUES (\(number), \(theme), \(hearingNumber), \(state.rawValue), 'human', \(now))
                    """)
            } else {
                try db.execute(literal: "UPDATE tag SET state = \(state.rawValue), updated_at = \(now) WHERE event = \(number) AND theme = \(theme)")
            }
            try db.execute(literal: """
                INSERT INTO coding (id, event_id, theme, coder, applies, blind, decided_at)
                VALUES (\(id: UUID()), \(id: event), \(theme), \(coder), \(add ? 1 : 0), \(blind ? 1 : 0), \(now))
                """)
        }
    }

    /// Tags on current answers, optionally of one theme and state, with the answer text.
    public func tags(theme: String? = nil, state: ThemeTag.State? = nil) throws(StoreError) -> [(tag: ThemeTag, text: String?)] {
        try read { db in
            var sql: SQL = """
                SELECT t.*, e.id AS event_id, e.hearing_id, e.question_id, e.value_text FROM tag t \(sql: Self.onCurrentAnswer) WHERE 1 = 1
                """
            if let theme { sql += " AND t.theme = \(theme)" }
            if let state { sql += " AND t.state = \(state.rawValue)" }
            sql += " ORDER BY e.hearing_id, e.question_id"
            return try SQLRequest<Row>(literal: sql).fetchAll(db).compactMap { row in
                guard let event = UUID(uuidString: row["event_id"]), let hearing = UUID(uuidString: row["hearing_id"]),
                    let state = ThemeTag.State(rawValue: row["state"]), let source = ThemeTag.Source(rawValue: row["source"])
                else { return nil }
                let tag = ThemeTag(
                    eventID: event, theme: row["theme"], hearingID: hearing, questionID: row["question_id"], state: state,
                    source: source, codebook: row["codebook"], rule: row["rule"], ruleSource: row["rule_source"],
                    spans: ThemeTag.decode(row["spans"]), score: row["score"])
                return (tag, row["value_text"])
            }
        }
    }
}

/// For each questionnaire snapshot: which questions hold text to match, and which choices carry a theme.
package struct QuestionPlans: Sendable {
    package struct Plan: Sendable {
        package var isText: Bool
        package var choiceThemes: [String: String]
    }

    private var plans: [String: [String: Plan]] = [:]
    /// Question ids (in any questionnaire) with a choice that names a theme.
    package private(set) var questionsWithChoiceThemes: [String] = []
    /// Question ids (in any questionnaire) that take free text: a text question, or "other" words.
    package private(set) var questionsWithText: [String] = []

    package init(db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT reference, canonical_json FROM questionnaire_snapshot") {
            let json: String = row["canonical_json"]
            guard let questionnaire = try? Questionnaire.fromCanonicalJSON(Data(json.utf8)) else { continue }
            var byQuestion: [String: Plan] = [:]
            for question in questionnaire.questions {
                var themes: [String: String] = [:]
                for choice in questionnaire.choices(for: question) ?? [] {
                    if let theme = choice.theme { themes[choice.value] = theme }
                }
                // Free text: text questions, and the "other" text of selects.
                byQuestion[question.id] = Plan(isText: question.type == .text || question.allowOther, choiceThemes: themes)
            }
            plans[row["reference"]] = byQuestion
        }
        questionsWithChoiceThemes = Set(plans.values.flatMap { $0.filter { !$0.value.choiceThemes.isEmpty }.keys }).sorted()
        questionsWithText = Set(plans.values.flatMap { $0.filter(\.value.isText).keys }).sorted()
    }

    package func plan(questionnaire: String, question: String) -> Plan? {
        plans[questionnaire]?[question]
    }
}

extension HearingStore {
    /// Calls `body` with the text of every current answer that has free text.
    public func forEachCurrentText(_ body: (String) throws -> Void) throws {
        try readPassingErrors { db in
            let cursor = try String.fetchCursor(db, sql: """
                SELECT e.value_text FROM current_answer c JOIN answer_event e ON e.number = c.event
                WHERE c.kind IN ('answered', 'changed') AND e.value_text IS NOT NULL
                """)
            while let text = try cursor.next() { try body(text) }
        }
    }
}
