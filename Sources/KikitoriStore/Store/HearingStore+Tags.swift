import KikitoriCore
import Foundation
import GRDB

extension HearingStore {
    /// What a tagging run needs to know before it reads an answer, read in one go.
    private struct TagRunContext {
        var full: Bool
        var highWater: Int64
        /// The last event when the run began: events written during the run are the next run's.
        var bound: Int64
        var total: Int
        var plans: QuestionPlans
        var human: Set<String>
        var questionnaireOf: [String: String]
        var current: Set<String>
    }

    /// How long one tagging transaction may hold the write lock before it commits and lets an
    /// interviewer's answer through.
    package static let tagSliceSeconds: TimeInterval = 0.3

    /// The tags a run will write, sorted by event: the events scanned (whose automatic tags are
    /// replaced) and the new tags.
    private struct PendingTags {
        struct Tag {
            var event: String
            var theme: String
            var hearing: String
            var question: String
            var source: ThemeTag.Source
            var rule: Int?
            var spans: [Range<Int>]
        }
        var events: [String]
        var tags: [Tag]
    }

    /// Tags every current answer not yet tagged with this codebook (all of them with `retag`, or when
    /// the codebook changed). Human decisions are never overwritten.
    ///
    /// Every answer is matched in one read transaction, holding no lock; the tags are then written
    /// in short transactions (``tagSliceSeconds`` each) in key order, so an interviewer's answer never
    /// waits long behind a run. The high-water mark moves when the last is written: a run stopped
    /// midway is simply done again.
    ///
    /// - Parameter progress: called now and then with (answers done, answers in scope).
    public func tag(
        with matcher: ThemeMatcher, retag: Bool = false, dryRun: Bool = false,
        progress: ((Int, Int) -> Void)? = nil
    ) throws(StoreError) -> TagReport {
        let started = Date()
        let codebook = matcher.codebook
        if dryRun {
            var report = try read { db in try Self.dryRun(matcher, retag: retag, in: db, progress: progress) }
            report.seconds = Date().timeIntervalSince(started)
            return report
        }
        // The run's start is one short transaction: the codebook, and a new codebook's high-water
        // mark back to zero, so that a run stopped midway carries on with this codebook.
        let context = try write { db in
            let context = try Self.tagRunContext(codebook, retag: retag, in: db)
            try Self.storeCodebook(codebook, in: db)
            try Self.setHighWater(context.highWater, codebook: codebook, in: db, restart: context.full)
            return context
        }
        var report = TagReport(codebook: codebook.reference, full: context.full, dryRun: false)
        // Matching needs no lock: every answer is read and matched in one read transaction first.
        var done = 0
        let pending = try read { db in try Self.matchAll(matcher, context: context, report: &report, done: &done, in: db, progress: progress) }
        // Then written in short transactions in key order, so that each touches its own stretch of
        // the tag table and an interviewer's answer never waits long.
        var position = 0
        var tagPosition = 0
        let now = Date().databaseValue
        // The slices rewrite the same index pages: checkpointing the WAL after each would copy them
        // into the file again and again. One checkpoint at the end does it once.
        try? queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        defer {
            try? queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 1000")
                _ = try? Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
            }
        }
        while position < pending.events.count {
            try write { db in
                try Self.writeSlice(pending, codebook: codebook, from: &position, tags: &tagPosition, now: now, in: db)
            }
        }
        try write { db in try db.execute(sql: "UPDATE tagging_state SET high_water = ? WHERE id = 1", arguments: [context.bound]) }
        progress?(done, context.total)
        try read { db in
            try Self.countUntagged(db, plans: context.plans, current: context.current, questionnaireOf: context.questionnaireOf, into: &report)
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    private static func tagRunContext(_ codebook: Codebook, retag: Bool, in db: Database) throws -> TagRunContext {
        let state = try Row.fetchOne(db, sql: "SELECT codebook_fingerprint, high_water FROM tagging_state WHERE id = 1")
        let full = retag || state == nil || (state?["codebook_fingerprint"] as String?) != codebook.fingerprint
        let highWater: Int64 = full ? 0 : (state?["high_water"] ?? 0)
        let bound = try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM answer_event") ?? 0
        let total = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM answer_event WHERE rowid > ? AND rowid <= ? AND kind IN ('answered', 'changed')",
            arguments: [highWater, bound]) ?? 0
        var questionnaireOf: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, questionnaire FROM hearing") { questionnaireOf[row[0]] = row[1] }
        var current: Set<String> = []
        let events = try String.fetchCursor(db, sql: "SELECT event_id FROM current_answer WHERE kind IN ('answered', 'changed')")
        while let event = try events.next() { current.insert(event) }
        return TagRunContext(
            full: full, highWater: highWater, bound: bound, total: total, plans: try QuestionPlans(db: db), human: try humanDecisions(db),
            questionnaireOf: questionnaireOf, current: current)
    }

    private static func setHighWater(_ highWater: Int64, codebook: Codebook, in db: Database, restart: Bool) throws {
        try db.execute(
            sql: """
                INSERT INTO tagging_state (id, codebook_fingerprint, high_water) VALUES (1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET codebook_fingerprint = excluded.codebook_fingerprint,
                    high_water = CASE WHEN ? THEN excluded.high_water
                                      ELSE MAX(excluded.high_water, CASE WHEN tagging_state.codebook_fingerprint = excluded.codebook_fingerprint THEN tagging_state.high_water ELSE 0 END) END
                """, arguments: [codebook.fingerprint, highWater, restart])
    }

    /// The themes one answer gets from its text and its themed choices.
    private static func themes(
        of row: Row, plan: QuestionPlans.Plan, matcher: ThemeMatcher, scratch: inout ThemeMatcher.Scratch, report: inout TagReport
    ) -> [(theme: String, source: ThemeTag.Source, rule: Int?, spans: [Range<Int>])] {
        var found: [(theme: String, source: ThemeTag.Source, rule: Int?, spans: [Range<Int>])] = []
        if plan.isText, let text = row[5] as String? {
            report.textAnswers += 1
            for match in matcher.match(NormalizedText(text), scratch: &scratch) {
                found.append((match.theme, .rule, match.rule, match.spans))
            }
        }
        if !plan.choiceThemes.isEmpty, let code = row[4] as String? {
            for value in code.split(separator: " ") {
                if let theme = plan.choiceThemes[String(value)], !found.contains(where: { $0.theme == theme }) {
                    found.append((theme, .choice, nil, []))
                }
            }
        }
        return found
    }

    /// Every answer of the run matched, in one read transaction (no lock held).
    private static func matchAll(
        _ matcher: ThemeMatcher, context: TagRunContext, report: inout TagReport, done: inout Int, in db: Database,
        progress: ((Int, Int) -> Void)?
    ) throws -> PendingTags {
        var scratch = matcher.makeScratch()
        var pending = PendingTags(events: [], tags: [])
        // Walk the event log in storage order, keeping only current answers: one sequential scan
        // instead of two index probes per answer.
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT rowid, id, hearing_id, question_id, value_code, value_text FROM answer_event
            WHERE rowid > ? AND rowid <= ? AND kind IN ('answered', 'changed')
            """, arguments: [context.highWater, context.bound])
        while let row = try cursor.next() {
            done += 1
            if done % 10_000 == 0 { progress?(done, context.total) }
            let eventID: String = row[1]
            guard context.current.contains(eventID) else { continue }
            report.answersScanned += 1
            // This codebook decides for every event it scans, including automatic tags another
            // codebook made (merged from another database, or before a retag).
            pending.events.append(eventID)
            let questionID: String = row[3]
            let hearingID: String = row[2]
            guard let questionnaire = context.questionnaireOf[hearingID],
                let plan = context.plans.plan(questionnaire: questionnaire, question: questionID)
            else { continue }
            for tag in themes(of: row, plan: plan, matcher: matcher, scratch: &scratch, report: &report)
            where !context.human.contains(eventID + " " + tag.theme) {
                report.added[tag.theme, default: 0] += 1
                pending.tags.append(.init(
                    event: eventID, theme: tag.theme, hearing: hearingID, question: questionID, source: tag.source, rule: tag.rule, spans: tag.spans))
            }
        }
        progress?(done, context.total)
        pending.events.sort()
        pending.tags.sort { ($0.event, $0.theme) < ($1.event, $1.theme) }
        return pending
    }

    /// One write transaction: the automatic tags of the next events replaced by the new ones, until
    /// ``tagSliceSeconds`` have passed.
    private static func writeSlice(
        _ pending: PendingTags, codebook: Codebook, from position: inout Int, tags tagPosition: inout Int, now: DatabaseValue, in db: Database
    ) throws {
        let started = Date()
        let delete = try db.cachedStatement(sql: "DELETE FROM tag WHERE event_id = ? AND state = 'auto'")
        // OR IGNORE: a person may have decided on one of these answers since the run began; their
        // decision stands.
        let insert = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO tag (event_id, theme, hearing_id, question_id, state, source, codebook, rule, rule_source, spans, updated_at)
            VALUES (?, ?, ?, ?, 'auto', ?, ?, ?, ?, ?, ?)
            """)
        repeat {
            let end = min(position + 500, pending.events.count)
            for event in pending.events[position..<end] { try delete.execute(arguments: [event]) }
            let last = pending.events[end - 1]
            while tagPosition < pending.tags.count, pending.tags[tagPosition].event <= last {
                let tag = pending.tags[tagPosition]
                let ruleSource = tag.rule.flatMap { codebook.theme(tag.theme)?.rules[$0] }
                try insert.execute(arguments: [
                    tag.event, tag.theme, tag.hearing, tag.question, tag.source.rawValue, codebook.reference, tag.rule, ruleSource,
                    ThemeTag.encode(tag.spans), now,
                ])
                tagPosition += 1
            }
            position = end
        } while position < pending.events.count && Date().timeIntervalSince(started) < tagSliceSeconds
    }

    /// What a run would add and remove, from one read transaction.
    private static func dryRun(
        _ matcher: ThemeMatcher, retag: Bool, in db: Database, progress: ((Int, Int) -> Void)?
    ) throws -> TagReport {
        let codebook = matcher.codebook
        let context = try tagRunContext(codebook, retag: retag, in: db)
        var report = TagReport(codebook: codebook.reference, full: context.full, dryRun: true)
        let previous = Set(try String.fetchAll(db, sql: """
            SELECT t.event_id || ' ' || t.theme FROM tag t JOIN current_answer c ON c.hearing_id = t.hearing_id AND c.question_id = t.question_id AND c.event_id = t.event_id
            WHERE t.state = 'auto'
            """))
        var scratch = matcher.makeScratch()
        var newTags: Set<String> = []
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT rowid, id, hearing_id, question_id, value_code, value_text FROM answer_event
            WHERE rowid > ? AND rowid <= ? AND kind IN ('answered', 'changed')
            """, arguments: [context.highWater, context.bound])
        var done = 0
        while let row = try cursor.next() {
            done += 1
            if done % 10_000 == 0 { progress?(done, context.total) }
            let eventID: String = row[1]
            guard context.current.contains(eventID) else { continue }
            report.answersScanned += 1
            guard let questionnaire = context.questionnaireOf[row[2]],
                let plan = context.plans.plan(questionnaire: questionnaire, question: row[3])
            else { continue }
            for tag in themes(of: row, plan: plan, matcher: matcher, scratch: &scratch, report: &report)
            where !context.human.contains(eventID + " " + tag.theme) {
                let key = eventID + " " + tag.theme
                newTags.insert(key)
                if !previous.contains(key) {
                    report.added[tag.theme, default: 0] += 1
                    if plan.isText, let text = row[5] as String?, report.addedExamples[tag.theme, default: []].count < 3 {
                        report.addedExamples[tag.theme, default: []].append(text)
                    }
                }
            }
        }
        if context.full {
            for key in previous where !newTags.contains(key) {
                let parts = key.split(separator: " ")
                report.removed[String(parts[1]), default: 0] += 1
                if report.removedExamples[String(parts[1]), default: []].count < 3,
                    let text = try String.fetchOne(db, sql: "SELECT value_text FROM answer_event WHERE id = ?", arguments: [String(parts[0])])
                {
                    report.removedExamples[String(parts[1]), default: []].append(text)
                }
            }
        }
        progress?(done, context.total)
        try countUntagged(db, plans: context.plans, current: context.current, questionnaireOf: context.questionnaireOf, into: &report)
        return report
    }

    /// (event, theme) pairs a person decided on: a re-run leaves them alone.
    package static func humanDecisions(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT event_id || ' ' || theme FROM tag WHERE state != 'auto'"))
    }

    package static func storeCodebook(_ codebook: Codebook, in db: Database) throws {
        if let stored = try String.fetchOne(
            db, sql: "SELECT fingerprint FROM codebook_snapshot WHERE reference = ?", arguments: [codebook.reference])
        {
            guard stored == codebook.fingerprint else {
                throw StoreError.snapshotChanged(codebook.reference, stored: stored, file: codebook.fingerprint)
            }
            return
        }
        try db.execute(
            sql: "INSERT INTO codebook_snapshot (reference, codebook_id, version, fingerprint, canonical_json, stored_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [codebook.reference, codebook.id, codebook.version, codebook.fingerprint,
                        String(decoding: codebook.canonicalJSON, as: UTF8.self), Date()])
    }

    /// Text answers with no counting tag, over all current text answers; sequential scans only.
    private static func countUntagged(
        _ db: Database, plans: QuestionPlans, current: Set<String>, questionnaireOf: [String: String],
        into report: inout TagReport
    ) throws {
        var tagged: Set<String> = []
        let tags = try String.fetchCursor(db, sql: "SELECT event_id FROM tag WHERE state != 'rejected'")
        while let event = try tags.next() { tagged.insert(event) }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, hearing_id, question_id FROM answer_event
            WHERE kind IN ('answered', 'changed') AND value_text IS NOT NULL
            """)
        while let row = try rows.next() {
            let event: String = row[0]
            guard current.contains(event), let questionnaire = questionnaireOf[row[1]],
                plans.plan(questionnaire: questionnaire, question: row[2])?.isText == true
            else { continue }
            report.totalTextAnswers += 1
            if !tagged.contains(event) { report.untaggedTextAnswers += 1 }
        }
    }

    // MARK: Human coding

    /// The current answer `hearing:question` names, as `(event id, hearing id, question id)`.
    public func answerReference(_ reference: String) throws(StoreError) -> (event: UUID, hearing: UUID, question: String) {
        let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw .unknownAnswer(reference) }
        let hearing = try findHearing(parts[0])
        let event = try read { db in
            try String.fetchOne(
                db, sql: "SELECT event_id FROM current_answer WHERE hearing_id = ? AND question_id = ? AND kind IN ('answered', 'changed')",
                arguments: [hearing.id.uuidString.lowercased(), parts[1]])
        }
        guard let event, let id = UUID(uuidString: event) else { throw .unknownAnswer(reference) }
        return (id, hearing.id, parts[1])
    }

    /// A person's decision: `add` confirms an auto tag or adds a manual one; `remove` rejects it.
    public func decide(event: UUID, hearing: UUID, question: String, theme: String, add: Bool) throws(StoreError) {
        try write { db in
            let key = event.uuidString.lowercased()
            let existing = try String.fetchOne(
                db, sql: "SELECT state FROM tag WHERE event_id = ? AND theme = ?", arguments: [key, theme])
            let state: ThemeTag.State
            switch (existing.flatMap(ThemeTag.State.init(rawValue:)), add) {
            case (nil, true): state = .manual
            case (.some, true): state = existing == ThemeTag.State.manual.rawValue ? .manual : .confirmed
            case (_, false): state = .rejected
            }
            if existing == nil {
                try db.execute(
                    sql: """
                        INSERT INTO tag (event_id, theme, hearing_id, question_id, state, source, updated_at)
                        VALUES (?, ?, ?, ?, ?, 'human', ?)
                        """,
                    arguments: [key, theme, hearing.uuidString.lowercased(), question, state.rawValue, Date()])
            } else {
                try db.execute(
                    sql: "UPDATE tag SET state = ?, updated_at = ? WHERE event_id = ? AND theme = ?",
                    arguments: [state.rawValue, Date(), key, theme])
            }
        }
    }

    /// Tags on current answers, optionally of one theme and state, with the answer text.
    public func tags(theme: String? = nil, state: ThemeTag.State? = nil) throws(StoreError) -> [(tag: ThemeTag, text: String?)] {
        try read { db in
            var sql = """
                SELECT t.*, e.value_text FROM tag t JOIN current_answer c ON c.hearing_id = t.hearing_id AND c.question_id = t.question_id AND c.event_id = t.event_id
                JOIN answer_event e ON e.id = t.event_id WHERE 1 = 1
                """
            var arguments: [any DatabaseValueConvertible] = []
            if let theme {
                sql += " AND t.theme = ?"
                arguments.append(theme)
            }
            if let state {
                sql += " AND t.state = ?"
                arguments.append(state.rawValue)
            }
            sql += " ORDER BY t.hearing_id, t.question_id"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).compactMap { row in
                guard let event = UUID(uuidString: row["event_id"]), let hearing = UUID(uuidString: row["hearing_id"]),
                    let state = ThemeTag.State(rawValue: row["state"]), let source = ThemeTag.Source(rawValue: row["source"])
                else { return nil }
                let tag = ThemeTag(
                    eventID: event, theme: row["theme"], hearingID: hearing, questionID: row["question_id"], state: state,
                    source: source, codebook: row["codebook"], rule: row["rule"], ruleSource: row["rule_source"],
                    spans: ThemeTag.decode(row["spans"]))
                return (tag, row["value_text"])
            }
        }
    }
}

/// For each questionnaire snapshot: which questions hold text to match, and which choices carry a theme.
package struct QuestionPlans {
    package struct Plan {
        var isText: Bool
        var choiceThemes: [String: String]
    }

    private var plans: [String: [String: Plan]] = [:]

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
                SELECT e.value_text FROM current_answer c JOIN answer_event e ON e.id = c.event_id
                WHERE c.kind IN ('answered', 'changed') AND e.value_text IS NOT NULL
                """)
            while let text = try cursor.next() { try body(text) }
        }
    }
}
