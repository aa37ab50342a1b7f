import KikitoriCore
import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite  // the system SQLite as GRDB links it on Linux
#else
import SQLite3
#endif

extension HearingStore {
    /// What a merge brought in from one source database.
    public struct MergeCounts: Equatable, Sendable {
        public var path: String
        public var questionnaires = 0
        public var codebooks = 0
        public var respondents = 0
        public var hearings = 0
        /// Hearings already here whose status, consent, end or notes changed.
        public var hearingsUpdated = 0
        public var events = 0
        public var tags = 0
        public var conflicts = 0
        /// People's decisions on respondents: links, and pairs found to be different.
        public var links = 0

        public var isEmpty: Bool {
            questionnaires + codebooks + respondents + hearings + hearingsUpdated + events + tags + conflicts + links == 0
        }
    }

    public struct MergeReport: Sendable {
        public var sources: [MergeCounts]
        public var dryRun: Bool
        /// Unresolved conflicts in the database after the merge.
        public var openConflicts: Int
        /// Respondents that look like the same organisation and are not linked yet.
        public var possibleDuplicates: [RespondentPair]
    }

    /// Brings hearings, events, respondents, snapshots, tags, conflicts and links from other
    /// Kikitori databases into this one, in one transaction.
    ///
    /// Rows are keyed by UUID and events are only ever added, so the union loses nothing and is the
    /// same in whichever order databases meet. Where both sides ended one answer differently, the pair
    /// is recorded as a conflict for a person. Each source is first copied (SQLite's backup API)
    /// next to this database and brought to the current schema there, so the source file is
    /// never written, even when it is older.
    public func merge(_ sources: [String], dryRun: Bool = false, progress: ((Int, Int) -> Void)? = nil) throws -> MergeReport {
        // Every source stays attached for the one transaction, and SQLite attaches at most 10.
        let attachable = try read { db in Int(sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_ATTACHED, -1)) }
        guard sources.count <= attachable else { throw StoreError.tooManySources(sources.count, limit: attachable) }
        var copies: [String] = []
        defer {
            for copy in copies { Self.removeDatabaseFiles(copy) }
            if let copy = copies.first { rmdir((copy as NSString).deletingLastPathComponent) }
        }
        for source in sources {
            try Self.inspect(source, allowEmpty: false)
            if Self.sameFile(source, path) { throw StoreError.sameFile(source) }
            copies.append(try copyForMerge(source))
        }
        do {
            return try queue.writeWithoutTransaction { db -> MergeReport in
                var report = MergeReport(sources: [], dryRun: dryRun, openConflicts: 0, possibleDuplicates: [])
                for (index, copy) in copies.enumerated() {
                    try db.execute(sql: "ATTACH DATABASE ? AS source\(index)", arguments: [copy])
                }
                defer {
                    for index in copies.indices { try? db.execute(sql: "DETACH DATABASE source\(index)") }
                }
                try db.inTransaction {
                    for (index, source) in sources.enumerated() {
                        report.sources.append(try Self.merge(schema: "source\(index)", path: source, in: db))
                        progress?(index + 1, sources.count)
                    }
                    report.openConflicts = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answer_conflict WHERE resolved_by IS NULL") ?? 0
                    report.possibleDuplicates = try Self.possibleDuplicates(db)
                    return dryRun ? .rollback : .commit
                }
                return report
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }

    /// A private, migrated copy of `source` in the private folder beside this database (same disk, 0700).
    private func copyForMerge(_ source: String) throws -> String {
        let folder: String
        do {
            folder = try OutputFile.privateFolder(beside: path)
        } catch {
            throw StoreError.cannotCreate(path, reason: String(cString: strerror(EACCES)))
        }
        // The pid in the name lets the next run remove a copy that a killed merge left behind.
        let copy = folder + "/merge-\(UUID().uuidString.lowercased()).\(getpid()).sqlite"
        do {
            let reader = try Self.readOnlyQueue(source, busy: .timeout(Self.busyTimeout))
            defer { try? reader.close() }
            let copyQueue = try HearingStore(path: copy)
            defer { copyQueue.close() }
            // The copy starts as an empty Kikitori database; the backup replaces it page by page,
            // then the migrator brings an older source's schema up to date in the copy.
            try reader.backup(to: copyQueue.queue)
            try Schema.migrator.migrate(copyQueue.queue)
        } catch {
            Self.removeDatabaseFiles(copy)
            rmdir(folder)
            if case StoreError.diskFull = error { throw StoreError.diskFull(path) }
            if let error = error as? StoreError { throw error }
            // The copy is written beside this database: a full disk is this database's disk.
            if let error = error as? DatabaseError, error.resultCode == .SQLITE_FULL || error.extendedResultCode == .SQLITE_IOERR_WRITE {
                throw StoreError.diskFull(path)
            }
            throw Self.storeError(error, path: source)
        }
        return copy
    }


    private static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    // MARK: The union, table by table

    private static func merge(schema s: String, path: String, in db: Database) throws -> MergeCounts {
        var counts = MergeCounts(path: path)
        for (table, key) in [("questionnaire_snapshot", "questionnaires"), ("codebook_snapshot", "codebooks")] {
            if let row = try Row.fetchOne(db, sql: """
                SELECT t.reference, m.fingerprint, t.fingerprint FROM \(s).\(table) t JOIN main.\(table) m ON m.reference = t.reference
                WHERE m.fingerprint != t.fingerprint ORDER BY t.reference LIMIT 1
                """)
            {
                throw StoreError.snapshotMismatch(path, reference: row[0], ours: row[1], theirs: row[2])
            }
            try db.execute(sql: "INSERT OR IGNORE INTO main.\(table) SELECT * FROM \(s).\(table)")
            if key == "questionnaires" { counts.questionnaires = db.changesCount } else { counts.codebooks = db.changesCount }
        }

        try db.execute(sql: """
            INSERT OR IGNORE INTO main.respondent (id, kind, organisation, organisation_key, person_name, person_role, industry,
                municipality, region, created_at)
            SELECT id, kind, organisation, organisation_key, person_name, person_role, industry, municipality, region, created_at
            FROM \(s).respondent
            """)
        counts.respondents = db.changesCount

        // A hearing on both sides: the furthest status, the latest end, the strictest consent, both notes.
        try db.execute(sql: """
            UPDATE main.hearing AS h SET
                status = CASE WHEN \(statusRank("t.status")) > \(statusRank("h.status")) THEN t.status ELSE h.status END,
                ended_at = CASE WHEN h.ended_at IS NULL THEN t.ended_at WHEN t.ended_at IS NULL THEN h.ended_at
                                ELSE MAX(h.ended_at, t.ended_at) END,
                consent = CASE WHEN \(consentRank("t.consent")) > \(consentRank("h.consent")) THEN t.consent ELSE h.consent END,
                notes = \(mergedNotes("h.notes", "t.notes")),
                previous_hearing_id = COALESCE(h.previous_hearing_id, t.previous_hearing_id)
            FROM \(s).hearing AS t
            WHERE t.id = h.id AND (
                \(statusRank("t.status")) > \(statusRank("h.status"))
                OR (t.ended_at IS NOT NULL AND (h.ended_at IS NULL OR t.ended_at > h.ended_at))
                OR \(consentRank("t.consent")) > \(consentRank("h.consent"))
                OR \(mergedNotes("h.notes", "t.notes")) IS NOT h.notes
                OR (h.previous_hearing_id IS NULL AND t.previous_hearing_id IS NOT NULL))
            """)
        counts.hearingsUpdated = db.changesCount
        try db.execute(sql: """
            INSERT OR IGNORE INTO main.hearing (id, respondent_id, questionnaire, interviewer, place, started_at, ended_at, status,
                consent, language, notes, previous_hearing_id)
            SELECT id, respondent_id, questionnaire, interviewer, place, started_at, ended_at, status, consent, language, notes,
                previous_hearing_id
            FROM \(s).hearing ORDER BY started_at, id
            """)
        counts.hearings = db.changesCount

        // Conflicts are found against the answers as they stood before this source's events arrive,
        // and recorded once those events exist for the conflict rows to point at.
        try findConflicts(schema: s, in: db)

        try db.execute(sql: """
            INSERT INTO main.answer_event (id, hearing_id, sequence, question_id, kind, value_code, value_text, previous_code,
                previous_text, reason, shown_at, recorded_at)
            SELECT e.id, e.hearing_id, e.sequence, e.question_id, e.kind, e.value_code, e.value_text, e.previous_code,
                e.previous_text, e.reason, e.shown_at, e.recorded_at
            FROM \(s).answer_event e
            WHERE NOT EXISTS (SELECT 1 FROM main.answer_event m WHERE m.id = e.id)
            ORDER BY e.hearing_id, e.sequence, e.id
            """)
        counts.events = db.changesCount
        try db.execute(sql: "INSERT OR IGNORE INTO main.answer_conflict SELECT * FROM temp.merge_conflict; DROP TABLE temp.merge_conflict")
        counts.conflicts = db.changesCount

        // People's decisions outrank the rules, which outrank the model's suggestions; between two
        // of a kind the later one stands.
        let rank = { (side: String) in
            "CASE WHEN \(side).state IN ('confirmed', 'rejected', 'manual') THEN 2 WHEN \(side).state = 'auto' THEN 1 ELSE 0 END"
        }
        try db.execute(sql: """
            INSERT INTO main.tag (event, theme, hearing, state, source, codebook, rule, rule_source, spans, updated_at, score)
            SELECT me.number, t.theme, mh.number, t.state, t.source, t.codebook, t.rule, t.rule_source, t.spans, t.updated_at, t.score
            FROM \(s).tag t JOIN \(s).answer_event se ON se.number = t.event
            JOIN main.answer_event me ON me.id = se.id JOIN main.hearing mh ON mh.id = se.hearing_id
            WHERE true ORDER BY me.number, t.theme
            ON CONFLICT (event, theme) DO UPDATE SET
                state = excluded.state, source = excluded.source, codebook = excluded.codebook, rule = excluded.rule,
                rule_source = excluded.rule_source, spans = excluded.spans, updated_at = excluded.updated_at, score = excluded.score
            WHERE (\(rank("excluded")), excluded.updated_at, excluded.state) > (\(rank("tag")), tag.updated_at, tag.state)
            """)
        counts.tags = db.changesCount
        // Each coder's decisions and every memo travel as they are: two coders who decided differently
        // on one answer both stay on record (`tag disagreements`), whatever the times say.
        try db.execute(sql: """
            INSERT OR IGNORE INTO main.coding SELECT * FROM \(s).coding WHERE event_id IN (SELECT id FROM main.answer_event);
            INSERT OR IGNORE INTO main.memo SELECT * FROM \(s).memo
            """)

        try db.execute(sql: """
            INSERT INTO main.answer_conflict (hearing_id, question_id, first_event, second_event, detected_at, resolved_by)
            SELECT hearing_id, question_id, first_event, second_event, detected_at, resolved_by FROM \(s).answer_conflict WHERE true
            ON CONFLICT DO UPDATE SET
                resolved_by = COALESCE(MAX(answer_conflict.resolved_by, excluded.resolved_by), answer_conflict.resolved_by, excluded.resolved_by),
                detected_at = MIN(answer_conflict.detected_at, excluded.detected_at)
            WHERE excluded.resolved_by IS NOT answer_conflict.resolved_by OR excluded.detected_at < answer_conflict.detected_at
            """)
        counts.conflicts += db.changesCount

        // Consent given again travels with its hearing; the latest decision stands on both sides.
        try db.execute(sql: "INSERT OR IGNORE INTO main.consent_event SELECT * FROM \(s).consent_event")
        counts.hearingsUpdated += db.changesCount
        try db.execute(sql: """
            UPDATE main.hearing AS h SET consent = (
                SELECT c.consent FROM main.consent_event c WHERE c.hearing_id = h.id ORDER BY c.recorded_at DESC, c.id DESC LIMIT 1)
            WHERE h.id IN (SELECT hearing_id FROM \(s).consent_event)
            """)
        // Review decisions likewise: every one kept, the latest is the hearing's status.
        try db.execute(sql: "INSERT OR IGNORE INTO main.review_event SELECT * FROM \(s).review_event")
        counts.hearingsUpdated += db.changesCount
        try db.execute(sql: """
            UPDATE main.hearing AS h SET review = (
                SELECT r.status FROM main.review_event r WHERE r.hearing_id = h.id ORDER BY r.recorded_at DESC, r.id DESC LIMIT 1)
            WHERE h.id IN (SELECT hearing_id FROM \(s).review_event)
            """)
        try db.execute(sql: "INSERT OR IGNORE INTO main.mask_term SELECT * FROM \(s).mask_term")
        try db.execute(sql: "INSERT OR IGNORE INTO main.imported_row SELECT * FROM \(s).imported_row")
        try db.execute(sql: "INSERT OR IGNORE INTO main.respondent_link SELECT * FROM \(s).respondent_link")
        counts.links = db.changesCount
        try db.execute(sql: "INSERT OR IGNORE INTO main.respondent_distinct SELECT * FROM \(s).respondent_distinct")
        counts.links += db.changesCount
        return counts
    }

    private static func statusRank(_ column: String) -> String {
        "(CASE \(column) WHEN 'completed' THEN 3 WHEN 'abandoned' THEN 2 WHEN 'paused' THEN 1 ELSE 0 END)"
    }

    private static func consentRank(_ column: String) -> String {
        "(CASE \(column) WHEN 'internal_only' THEN 2 WHEN 'public_anonymous' THEN 1 ELSE 0 END)"
    }

    /// Both sides' notes, each once, in a fixed order: the same whichever side is merged into which.
    private static func mergedNotes(_ ours: String, _ theirs: String) -> String {
        """
        (CASE WHEN \(theirs) IS NULL OR instr(COALESCE(\(ours), ''), \(theirs)) > 0 THEN \(ours)
              WHEN \(ours) IS NULL OR instr(\(theirs), \(ours)) > 0 THEN \(theirs)
              WHEN \(ours) < \(theirs) THEN \(ours) || char(10) || \(theirs)
              ELSE \(theirs) || char(10) || \(ours) END)
        """
    }

    /// A conflict: both sides' current answers to one question are events the other side has never
    /// seen, and they say different things (calculations excepted). If one side has seen the other's answer, its own later
    /// event is a deliberate change, not a conflict.
    private static func findConflicts(schema s: String, in db: Database) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE merge_conflict AS
            SELECT m.hearing_id, m.question_id, MIN(m.event_id, t.event_id) AS first_event, MAX(m.event_id, t.event_id) AS second_event,
                   ? AS detected_at, NULL AS resolved_by
            FROM main.current_answer m
            JOIN \(s).current_answer t ON t.hearing_id = m.hearing_id AND t.question_id = m.question_id AND t.event_id != m.event_id
            JOIN main.answer_event me ON me.id = m.event_id
            JOIN \(s).answer_event te ON te.id = t.event_id
            WHERE NOT EXISTS (SELECT 1 FROM \(s).answer_event x WHERE x.id = m.event_id)
              AND NOT EXISTS (SELECT 1 FROM main.answer_event y WHERE y.id = t.event_id)
              -- Calculations follow the answers: differing answers are the conflict, and settling it
              -- works the calculations out again.
              AND me.kind != 'calculated' AND te.kind != 'calculated'
              AND (CASE me.kind WHEN 'changed' THEN 'answered' ELSE me.kind END IS NOT CASE te.kind WHEN 'changed' THEN 'answered' ELSE te.kind END
                   OR me.value_code IS NOT te.value_code OR me.value_text IS NOT te.value_text)
            """, arguments: [Date()])
    }
}
