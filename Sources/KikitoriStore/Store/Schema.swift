import KikitoriCore
import GRDB

/// The database schema as an append-only list of migrations.
///
/// Rules: a migration's identifier and body never change once released; new needs get a new
/// migration at the end. Migrations use SQL only, never the app's record types.
package enum Schema {
    /// Written to `PRAGMA application_id` so that Kikitori recognises its own files ("KKTR").
    package static let applicationID: Int32 = 0x4B4B_5452

    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-29 hearings") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(
                sql: """
                    CREATE TABLE questionnaire_snapshot (
                        reference TEXT PRIMARY KEY,
                        questionnaire_id TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        fingerprint TEXT NOT NULL,
                        canonical_json TEXT NOT NULL,
                        stored_at TEXT NOT NULL
                    );
                    CREATE TABLE respondent (
                        id TEXT PRIMARY KEY,
                        kind TEXT NOT NULL
                            CHECK (kind IN ('private_firm', 'municipality_head', 'municipal_staff', 'other')),
                        organisation TEXT NOT NULL,
                        organisation_key TEXT NOT NULL,
                        person_name TEXT,
                        person_role TEXT,
                        industry TEXT,
                        municipality TEXT,
                        region TEXT,
                        created_at TEXT NOT NULL
                    );
                    CREATE INDEX respondent_organisation ON respondent(organisation_key);
                    CREATE TABLE hearing (
                        id TEXT PRIMARY KEY,
                        respondent_id TEXT NOT NULL REFERENCES respondent(id),
                        questionnaire TEXT NOT NULL REFERENCES questionnaire_snapshot(reference),
                        interviewer TEXT NOT NULL,
                        place TEXT,
                        started_at TEXT NOT NULL,
                        ended_at TEXT,
                        status TEXT NOT NULL CHECK (status IN ('in_progress', 'paused', 'completed', 'abandoned')),
                        consent TEXT NOT NULL CHECK (consent IN ('public_named', 'public_anonymous', 'internal_only')),
                        language TEXT NOT NULL,
                        notes TEXT
                    );
                    CREATE INDEX hearing_status ON hearing(status, started_at);
                    CREATE INDEX hearing_respondent ON hearing(respondent_id);
                    CREATE TABLE answer_event (
                        id TEXT PRIMARY KEY,
                        hearing_id TEXT NOT NULL REFERENCES hearing(id),
                        sequence INTEGER NOT NULL,
                        question_id TEXT,
                        kind TEXT NOT NULL
                            CHECK (kind IN ('answered', 'changed', 'skipped', 'dont_know', 'refused', 'note')),
                        value_code TEXT,
                        value_text TEXT,
                        previous_code TEXT,
                        previous_text TEXT,
                        reason TEXT,
                        shown_at TEXT,
                        recorded_at TEXT NOT NULL,
                        UNIQUE (hearing_id, sequence)
                    );
                    CREATE INDEX answer_event_question ON answer_event(hearing_id, question_id, sequence);
                    CREATE TRIGGER answer_event_no_update BEFORE UPDATE ON answer_event
                    BEGIN SELECT RAISE(ABORT, 'answer events are append-only'); END;
                    CREATE TRIGGER answer_event_no_delete BEFORE DELETE ON answer_event
                    BEGIN SELECT RAISE(ABORT, 'answer events are append-only'); END;
                    """)
        }
        migrator.registerMigration("2026-11-29 tags") { db in
            try db.execute(
                sql: """
                    CREATE TABLE codebook_snapshot (
                        reference TEXT PRIMARY KEY,
                        codebook_id TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        fingerprint TEXT NOT NULL,
                        canonical_json TEXT NOT NULL,
                        stored_at TEXT NOT NULL
                    );
                    CREATE TABLE current_answer (
                        hearing_id TEXT NOT NULL,
                        question_id TEXT NOT NULL,
                        event_id TEXT NOT NULL,
                        sequence INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        PRIMARY KEY (hearing_id, question_id)
                    ) WITHOUT ROWID;
                    INSERT INTO current_answer (hearing_id, question_id, event_id, sequence, kind)
                        SELECT e.hearing_id, e.question_id, e.id, e.sequence, e.kind FROM answer_event e
                        WHERE e.kind != 'note' AND e.question_id IS NOT NULL AND e.sequence = (
                            SELECT MAX(x.sequence) FROM answer_event x
                            WHERE x.hearing_id = e.hearing_id AND x.question_id = e.question_id AND x.kind != 'note');
                    CREATE TRIGGER answer_event_current AFTER INSERT ON answer_event
                    WHEN NEW.kind != 'note' AND NEW.question_id IS NOT NULL
                    BEGIN
                        INSERT INTO current_answer (hearing_id, question_id, event_id, sequence, kind)
                        VALUES (NEW.hearing_id, NEW.question_id, NEW.id, NEW.sequence, NEW.kind)
                        ON CONFLICT (hearing_id, question_id) DO UPDATE
                            SET event_id = excluded.event_id, sequence = excluded.sequence, kind = excluded.kind
                            WHERE excluded.sequence >= current_answer.sequence;
                    END;
                    CREATE TABLE tag (
                        event_id TEXT NOT NULL REFERENCES answer_event(id),
                        theme TEXT NOT NULL,
                        hearing_id TEXT NOT NULL REFERENCES hearing(id),
                        question_id TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('auto', 'confirmed', 'rejected', 'manual')),
                        source TEXT NOT NULL CHECK (source IN ('rule', 'choice', 'human')),
                        codebook TEXT,
                        rule INTEGER,
                        rule_source TEXT,
                        spans TEXT,
                        updated_at TEXT NOT NULL,
                        PRIMARY KEY (event_id, theme)
                    ) WITHOUT ROWID;
                    CREATE INDEX tag_theme ON tag(theme, state);
                    CREATE INDEX tag_hearing ON tag(hearing_id);
                    CREATE TABLE tagging_state (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        codebook_fingerprint TEXT NOT NULL,
                        high_water INTEGER NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("2026-11-29 review indexes") { db in
            // Distributions read one question across every hearing.
            try db.execute(sql: "CREATE INDEX current_answer_question ON current_answer(question_id, hearing_id)")
        }
        migrator.registerMigration("2026-11-30 field data") { db in
            // Two laptops continuing one hearing both write sequence n+1: sequences may now repeat
            // within a hearing, and (sequence, id) orders events the same way in every database.
            // The table is rebuilt (SQLite cannot drop a constraint) keeping rowids, which tagging
            // uses as its high-water mark.
            try db.execute(
                sql: """
                    CREATE TABLE answer_event_new (
                        id TEXT PRIMARY KEY,
                        hearing_id TEXT NOT NULL REFERENCES hearing(id),
                        sequence INTEGER NOT NULL,
                        question_id TEXT,
                        kind TEXT NOT NULL
                            CHECK (kind IN ('answered', 'changed', 'skipped', 'dont_know', 'refused', 'note')),
                        value_code TEXT,
                        value_text TEXT,
                        previous_code TEXT,
                        previous_text TEXT,
                        reason TEXT,
                        shown_at TEXT,
                        recorded_at TEXT NOT NULL
                    );
                    INSERT INTO answer_event_new (rowid, id, hearing_id, sequence, question_id, kind, value_code, value_text,
                        previous_code, previous_text, reason, shown_at, recorded_at)
                        SELECT rowid, id, hearing_id, sequence, question_id, kind, value_code, value_text,
                            previous_code, previous_text, reason, shown_at, recorded_at FROM answer_event;
                    DROP TABLE answer_event;
                    ALTER TABLE answer_event_new RENAME TO answer_event;
                    CREATE INDEX answer_event_order ON answer_event(hearing_id, sequence);
                    CREATE INDEX answer_event_question ON answer_event(hearing_id, question_id, sequence);
                    CREATE TRIGGER answer_event_no_update BEFORE UPDATE ON answer_event
                    BEGIN SELECT RAISE(ABORT, 'answer events are append-only'); END;
                    CREATE TRIGGER answer_event_no_delete BEFORE DELETE ON answer_event
                    BEGIN SELECT RAISE(ABORT, 'answer events are append-only'); END;
                    CREATE TRIGGER answer_event_current AFTER INSERT ON answer_event
                    WHEN NEW.kind != 'note' AND NEW.question_id IS NOT NULL
                    BEGIN
                        INSERT INTO current_answer (hearing_id, question_id, event_id, sequence, kind)
                        VALUES (NEW.hearing_id, NEW.question_id, NEW.id, NEW.sequence, NEW.kind)
                        ON CONFLICT (hearing_id, question_id) DO UPDATE
                            SET event_id = excluded.event_id, sequence = excluded.sequence, kind = excluded.kind
                            WHERE (excluded.sequence, excluded.event_id) > (current_answer.sequence, current_answer.event_id);
                    END;

                    -- Where two databases ended the same answer differently; resolving appends an event.
                    CREATE TABLE answer_conflict (
                        hearing_id TEXT NOT NULL REFERENCES hearing(id),
                        question_id TEXT NOT NULL,
                        first_event TEXT NOT NULL REFERENCES answer_event(id),
                        second_event TEXT NOT NULL REFERENCES answer_event(id),
                        detected_at TEXT NOT NULL,
                        resolved_by TEXT REFERENCES answer_event(id),
                        PRIMARY KEY (hearing_id, question_id, first_event, second_event),
                        CHECK (first_event < second_event)
                    ) WITHOUT ROWID;

                    -- The same organisation registered twice, linked by a person: `respondent_id` is
                    -- counted as `same_as` in reports and exports.
                    CREATE TABLE respondent_link (
                        respondent_id TEXT PRIMARY KEY REFERENCES respondent(id),
                        same_as TEXT NOT NULL REFERENCES respondent(id),
                        linked_at TEXT NOT NULL,
                        CHECK (respondent_id != same_as)
                    ) WITHOUT ROWID;

                    -- Pairs a person has looked at and found to be different organisations: never offered again.
                    CREATE TABLE respondent_distinct (
                        first_id TEXT NOT NULL REFERENCES respondent(id),
                        second_id TEXT NOT NULL REFERENCES respondent(id),
                        decided_at TEXT NOT NULL,
                        PRIMARY KEY (first_id, second_id),
                        CHECK (first_id < second_id)
                    ) WITHOUT ROWID;

                    -- Answer and note text, normalised (NFKC, lower case) for search; rowid = answer_event rowid.
                    CREATE VIRTUAL TABLE answer_search USING fts5(text, tokenize = 'trigram');
                    INSERT INTO answer_search (rowid, text)
                        SELECT rowid, \(SearchIndex.normalizeFunction)(value_text) FROM answer_event WHERE value_text IS NOT NULL;
                    CREATE TRIGGER answer_event_search AFTER INSERT ON answer_event
                    WHEN NEW.value_text IS NOT NULL
                    BEGIN
                        INSERT INTO answer_search (rowid, text) VALUES (NEW.rowid, \(SearchIndex.normalizeFunction)(NEW.value_text));
                    END;
                    """)
        }
        migrator.registerMigration("2026-12-02 privacy") { db in
            try db.execute(
                sql: """
                    -- A consent given again after the hearing (withdrawn, widened): outputs use the latest;
                    -- hearing.consent always holds it, these rows say who changed it, when and why.
                    CREATE TABLE consent_event (
                        id TEXT PRIMARY KEY,
                        hearing_id TEXT NOT NULL REFERENCES hearing(id),
                        consent TEXT NOT NULL CHECK (consent IN ('public_named', 'public_anonymous', 'internal_only')),
                        previous TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        recorded_at TEXT NOT NULL
                    );
                    CREATE INDEX consent_event_hearing ON consent_event(hearing_id, recorded_at);
                    CREATE TRIGGER consent_event_no_update BEFORE UPDATE ON consent_event
                    BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END;
                    CREATE TRIGGER consent_event_no_delete BEFORE DELETE ON consent_event
                    BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END;

                    -- Words a hearing asked to keep out of public outputs (a colleague named in passing).
                    CREATE TABLE mask_term (
                        hearing_id TEXT NOT NULL REFERENCES hearing(id),
                        term TEXT NOT NULL,
                        added_at TEXT NOT NULL,
                        PRIMARY KEY (hearing_id, term)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("2026-12-02 import fingerprints") { db in
            try db.execute(
                sql: """
                    -- Rows imported from paper notes, by the fingerprint of their contents: a file sent twice
                    -- is not imported twice.
                    CREATE TABLE imported_row (
                        fingerprint TEXT PRIMARY KEY,
                        hearing_id TEXT NOT NULL REFERENCES hearing(id),
                        imported_at TEXT NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("2026-12-02 organisation keys") { db in
            // One list of legal forms for duplicates and masking (CorporateForms): keys made by the
            // older, shorter list are made again.
            try db.execute(sql: "UPDATE respondent SET organisation_key = \(OrganisationKeyFunction.name)(organisation)")
        }
        migrator.registerMigration("2026-12-02 session claims") { db in
            try db.execute(
                sql: """
                    -- Which process has a hearing open: one session per hearing (see HearingStore+SessionClaims).
                    CREATE TABLE hearing_session (
                        hearing_id TEXT PRIMARY KEY REFERENCES hearing(id),
                        pid INTEGER NOT NULL,
                        host TEXT NOT NULL,
                        claimed_at TEXT NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("2026-12-02 respondent edits") { db in
            try db.execute(
                sql: """
                    -- Corrections of a respondent's details, with the value before: append-only.
                    CREATE TABLE respondent_edit (
                        id TEXT PRIMARY KEY,
                        respondent_id TEXT NOT NULL REFERENCES respondent(id),
                        field TEXT NOT NULL,
                        previous TEXT,
                        value TEXT,
                        reason TEXT NOT NULL,
                        edited_at TEXT NOT NULL
                    );
                    CREATE INDEX respondent_edit_respondent ON respondent_edit(respondent_id, edited_at);
                    CREATE TRIGGER respondent_edit_no_update BEFORE UPDATE ON respondent_edit
                    BEGIN SELECT RAISE(ABORT, 'respondent edits are append-only'); END;
                    CREATE TRIGGER respondent_edit_no_delete BEFORE DELETE ON respondent_edit
                    BEGIN SELECT RAISE(ABORT, 'respondent edits are append-only'); END;
                    """)
        }
        migrator.registerMigration("2026-12-02 suggestions") { db in
            try db.execute(
                sql: """
                    -- The learned model's suggestions live beside rule and human tags, as state 'suggested'
                    -- and source 'model' with a score; they count only when a person confirms them.
                    CREATE TABLE tag_new (
                        event_id TEXT NOT NULL REFERENCES answer_event(id),
                        theme TEXT NOT NULL,
                        hearing_id TEXT NOT NULL REFERENCES hearing(id),
                        question_id TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('auto', 'confirmed', 'rejected', 'manual', 'suggested')),
                        source TEXT NOT NULL CHECK (source IN ('rule', 'choice', 'human', 'model')),
                        codebook TEXT,
                        rule INTEGER,
                        rule_source TEXT,
                        spans TEXT,
                        updated_at TEXT NOT NULL,
                        score REAL,
                        PRIMARY KEY (event_id, theme)
                    ) WITHOUT ROWID;
                    INSERT INTO tag_new (event_id, theme, hearing_id, question_id, state, source, codebook, rule, rule_source, spans, updated_at)
                        SELECT event_id, theme, hearing_id, question_id, state, source, codebook, rule, rule_source, spans, updated_at FROM tag;
                    DROP TABLE tag;
                    ALTER TABLE tag_new RENAME TO tag;
                    CREATE INDEX tag_theme ON tag(theme, state);
                    CREATE INDEX tag_hearing ON tag(hearing_id);

                    -- The suggestion model each `tag suggest` trained: with its codebook and the
                    -- fingerprint of the examples it learned from, so a suggestion can be traced.
                    CREATE TABLE tag_model (
                        fingerprint TEXT PRIMARY KEY,
                        codebook TEXT NOT NULL,
                        examples INTEGER NOT NULL,
                        threshold REAL NOT NULL,
                        model_json TEXT NOT NULL,
                        trained_at TEXT NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("2026-12-03 integer keys") { db in
            try db.execute(
                sql: """
                    -- Hearings and answer events get integer keys of their own (their UUIDs stay, unique,
                    -- for merges and every external reference). An explicit INTEGER PRIMARY KEY is the
                    -- rowid that VACUUM may not renumber: the search index and tagging's high-water mark
                    -- point at it. Numbers are the old rowids.
                    CREATE TABLE hearing_new (
                        number INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE,
                        respondent_id TEXT NOT NULL REFERENCES respondent(id),
                        questionnaire TEXT NOT NULL REFERENCES questionnaire_snapshot(reference),
                        interviewer TEXT NOT NULL,
                        place TEXT,
                        started_at TEXT NOT NULL,
                        ended_at TEXT,
                        status TEXT NOT NULL CHECK (status IN ('in_progress', 'paused', 'completed', 'abandoned')),
                        consent TEXT NOT NULL CHECK (consent IN ('public_named', 'public_anonymous', 'internal_only')),
                        language TEXT NOT NULL,
                        notes TEXT
                    );
                    INSERT INTO hearing_new (number, id, respondent_id, questionnaire, interviewer, place, started_at, ended_at,
                        status, consent, language, notes)
                        SELECT rowid, id, respondent_id, questionnaire, interviewer, place, started_at, ended_at,
                            status, consent, language, notes FROM hearing;
                    DROP TABLE hearing;
                    ALTER TABLE hearing_new RENAME TO hearing;
                    CREATE INDEX hearing_status ON hearing(status, started_at);
                    CREATE INDEX hearing_respondent ON hearing(respondent_id);

                    CREATE TABLE answer_event_new (
                        number INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE,
                        hearing_id TEXT NOT NULL REFERENCES hearing(id),
                        sequence INTEGER NOT NULL,
                        question_id TEXT,
                        kind TEXT NOT NULL
                            CHECK (kind IN ('answered', 'changed', 'skipped', 'dont_know', 'refused', 'note')),
                        value_code TEXT,
                        value_text TEXT,
                        previous_code TEXT,
                        previous_text TEXT,
                        reason TEXT,
                        shown_at TEXT,
                        recorded_at TEXT NOT NULL
                    );
                    INSERT INTO answer_event_new (number, id, hearing_id, sequence, question_id, kind, value_code, value_text,
                        previous_code, previous_text, reason, shown_at, recorded_at)
                        SELECT rowid, id, hearing_id, sequence, question_id, kind, value_code, value_text,
                            previous_code, previous_text, reason, shown_at, recorded_at FROM answer_event;

                    -- Tags keyed by (event number, theme) with the hearing's number: a run appends to
                    -- the table and its indexes in key order instead of writing all over three indexes
                    -- of random 36-character ids. The question is the event's.
                    CREATE TABLE tag_new (
                        event INTEGER NOT NULL REFERENCES answer_event(number),
                        theme TEXT NOT NULL,
                        hearing INTEGER NOT NULL REFERENCES hearing(number),
                        state TEXT NOT NULL CHECK (state IN ('auto', 'confirmed', 'rejected', 'manual', 'suggested')),
                        source TEXT NOT NULL CHECK (source IN ('rule', 'choice', 'human', 'model')),
                        codebook TEXT,
                        rule INTEGER,
                        rule_source TEXT,
                        spans TEXT,
                        updated_at TEXT NOT NULL,
                        score REAL,
                        PRIMARY KEY (event, theme)
                    ) WITHOUT ROWID;
                    INSERT INTO tag_new (event, theme, hearing, state, source, codebook, rule, rule_source, spans, updated_at, score)
                        SELECT e.number, t.theme, h.number, t.state, t.source, t.codebook, t.rule, t.rule_source, t.spans,
                            t.updated_at, t.score
                        FROM tag t JOIN answer_event_new e ON e.id = t.event_id JOIN hearing h ON h.id = t.hearing_id
                        ORDER BY e.number, t.theme;
                    DROP TABLE tag;
                    ALTER TABLE tag_new RENAME TO tag;
                    CREATE INDEX tag_theme ON tag(theme, state);
                    CREATE INDEX tag_hearing ON tag(hearing);

                    DROP TABLE answer_event;
                    ALTER TABLE answer_event_new RENAME TO answer_event;
                    CREATE INDEX answer_event_order ON answer_event(hearing_id, sequence);
                    CREATE INDEX answer_event_question ON answer_event(hearing_id, question_id, sequence);
                    CREATE TRIGGER answer_event_no_update BEFORE UPDATE ON answer_event
                    BEGIN SELECT RAISE(ABORT, 'answer events are append-only'); END;
                    CREATE TRIGGER answer_event_no_delete BEFORE DELETE ON answer_event
                    BEGIN SELECT RAISE(ABORT, 'answer events are append-only'); END;
                    CREATE TRIGGER answer_event_current AFTER INSERT ON answer_event
                    WHEN NEW.kind != 'note' AND NEW.question_id IS NOT NULL
                    BEGIN
                        INSERT INTO current_answer (hearing_id, question_id, event_id, sequence, kind)
                        VALUES (NEW.hearing_id, NEW.question_id, NEW.id, NEW.sequence, NEW.kind)
                        ON CONFLICT (hearing_id, question_id) DO UPDATE
                            SET event_id = excluded.event_id, sequence = excluded.sequence, kind = excluded.kind
                            WHERE (excluded.sequence, excluded.event_id) > (current_answer.sequence, current_answer.event_id);
                    END;
                    CREATE TRIGGER answer_event_search AFTER INSERT ON answer_event
                    WHEN NEW.value_text IS NOT NULL
                    BEGIN
                        INSERT INTO answer_search (rowid, text) VALUES (NEW.number, \(SearchIndex.normalizeFunction)(NEW.value_text));
                    END;
                    """)
        }
        migrator.registerMigration("2026-12-03 current answer numbers") { db in
            try db.execute(
                sql: """
                    -- The current answer's event by number as well as by id: readers of current answers
                    -- reach the event in one step of the rowid tree instead of two through the id index.
                    ALTER TABLE current_answer ADD COLUMN event INTEGER NOT NULL DEFAULT 0;
                    UPDATE current_answer SET event = (SELECT e.number FROM answer_event e WHERE e.id = current_answer.event_id);
                    DROP TRIGGER answer_event_current;
                    CREATE TRIGGER answer_event_current AFTER INSERT ON answer_event
                    WHEN NEW.kind != 'note' AND NEW.question_id IS NOT NULL
                    BEGIN
                        INSERT INTO current_answer (hearing_id, question_id, event_id, sequence, kind, event)
                        VALUES (NEW.hearing_id, NEW.question_id, NEW.id, NEW.sequence, NEW.kind, NEW.number)
                        ON CONFLICT (hearing_id, question_id) DO UPDATE
                            SET event_id = excluded.event_id, sequence = excluded.sequence, kind = excluded.kind, event = excluded.event
                            WHERE (excluded.sequence, excluded.event_id) > (current_answer.sequence, current_answer.event_id);
                    END;
                    """)
        }
        migrator.registerMigration("2026-12-03 review status") { db in
            try db.execute(
                sql: """
                    -- The working group's review of each hearing: the current status on the hearing
                    -- (what filters read), every change as an append-only event (who, when, why).
                    ALTER TABLE hearing ADD COLUMN review TEXT NOT NULL DEFAULT 'received'
                        CHECK (review IN ('received', 'has_issues', 'approved', 'rejected'));
                    CREATE TABLE review_event (
                        id TEXT PRIMARY KEY,
                        hearing_id TEXT NOT NULL REFERENCES hearing(id),
                        status TEXT NOT NULL CHECK (status IN ('received', 'has_issues', 'approved', 'rejected')),
                        previous TEXT NOT NULL,
                        comment TEXT,
                        reviewer TEXT NOT NULL,
                        recorded_at TEXT NOT NULL
                    );
                    CREATE INDEX review_event_hearing ON review_event(hearing_id, recorded_at);
                    CREATE TRIGGER review_event_no_update BEFORE UPDATE ON review_event
                    BEGIN SELECT RAISE(ABORT, 'review events are append-only'); END;
                    CREATE TRIGGER review_event_no_delete BEFORE DELETE ON review_event
                    BEGIN SELECT RAISE(ABORT, 'review events are append-only'); END;
                    """)
        }
        migrator.registerMigration("2026-12-03 follow-up hearings") { db in
            // A hearing of the same respondent a year on names the one it follows.
            try db.execute(sql: "ALTER TABLE hearing ADD COLUMN previous_hearing_id TEXT REFERENCES hearing(id)")
        }
        migrator.registerMigration("2026-12-03 note index") { db in
            // Interviewers' notes by hearing: a partial index, so readers of notes (reports, word
            // counts, concordances) do not walk every event of every hearing to find the few notes.
            try db.execute(sql: "CREATE INDEX answer_event_note ON answer_event(hearing_id, sequence) WHERE kind = 'note'")
        }
        migrator.registerMigration("2026-12-04 calculated answers") { db in
            try db.execute(
                sql: """
                    -- A calculate question's value is an event of its own kind, worked out by the engine,
                    -- never typed. SQLite cannot widen a CHECK in place: the log is copied into a table
                    -- that allows 'calculated', numbers kept (the search index and tags point at them).
                    CREATE TABLE answer_event_new (
                        number INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE,
                        hearing_id TEXT NOT NULL REFERENCES hearing(id),
                        sequence INTEGER NOT NULL,
                        question_id TEXT,
                        kind TEXT NOT NULL
                            CHECK (kind IN ('answered', 'changed', 'skipped', 'dont_know', 'refused', 'note', 'calculated')),
                        value_code TEXT,
                        value_text TEXT,
                        previous_code TEXT,
                        previous_text TEXT,
                        reason TEXT,
                        shown_at TEXT,
                        recorded_at TEXT NOT NULL
                    );
                    INSERT INTO answer_event_new SELECT number, id, hearing_id, sequence, question_id, kind, value_code, value_text,
                        previous_code, previous_text, reason, shown_at, recorded_at FROM answer_event ORDER BY number;
                    DROP TABLE answer_event;
                    ALTER TABLE answer_event_new RENAME TO answer_event;
                    CREATE INDEX answer_event_order ON answer_event(hearing_id, sequence);
                    CREATE INDEX answer_event_question ON answer_event(hearing_id, question_id, sequence);
                    CREATE INDEX answer_event_note ON answer_event(hearing_id, sequence) WHERE kind = 'note';
                    CREATE TRIGGER answer_event_no_update BEFORE UPDATE ON answer_event
                    BEGIN SELECT RAISE(ABORT, 'answer events are append-only'); END;
                    CREATE TRIGGER answer_event_no_delete BEFORE DELETE ON answer_event
                    BEGIN SELECT RAISE(ABORT, 'answer events are append-only'); END;
                    CREATE TRIGGER answer_event_current AFTER INSERT ON answer_event
                    WHEN NEW.kind != 'note' AND NEW.question_id IS NOT NULL
                    BEGIN
                        INSERT INTO current_answer (hearing_id, question_id, event_id, sequence, kind, event)
                        VALUES (NEW.hearing_id, NEW.question_id, NEW.id, NEW.sequence, NEW.kind, NEW.number)
                        ON CONFLICT (hearing_id, question_id) DO UPDATE
                            SET event_id = excluded.event_id, sequence = excluded.sequence, kind = excluded.kind, event = excluded.event
                            WHERE (excluded.sequence, excluded.event_id) > (current_answer.sequence, current_answer.event_id);
                    END;
                    CREATE TRIGGER answer_event_search AFTER INSERT ON answer_event
                    WHEN NEW.value_text IS NOT NULL
                    BEGIN
                        INSERT INTO answer_search (rowid, text) VALUES (NEW.number, \(SearchIndex.normalizeFunction)(NEW.value_text));
                    END;
                    """)
        }
        migrator.registerMigration("2026-12-04 coders and memos") { db in
            try db.execute(
                sql: """
                    -- Every person's decision on a theme for an answer, by coder: the tag table keeps the
                    -- working state (the latest decision), this log keeps each coder's, for agreement,
                    -- disagreements and merges that never resolve two coders by time. `applies` is the
                    -- coder's yes or no; `blind` a decision made without the automatic tags in view.
                    CREATE TABLE coding (
                        id TEXT PRIMARY KEY,
                        event_id TEXT NOT NULL REFERENCES answer_event(id),
                        theme TEXT NOT NULL,
                        coder TEXT NOT NULL,
                        applies INTEGER NOT NULL CHECK (applies IN (0, 1)),
                        blind INTEGER NOT NULL DEFAULT 0 CHECK (blind IN (0, 1)),
                        decided_at TEXT NOT NULL
                    );
                    CREATE INDEX coding_answer ON coding(event_id, theme, coder, decided_at);
                    CREATE INDEX coding_theme ON coding(theme, coder);
                    CREATE TRIGGER coding_no_update BEFORE UPDATE ON coding
                    BEGIN SELECT RAISE(ABORT, 'codings are append-only'); END;
                    CREATE TRIGGER coding_no_delete BEFORE DELETE ON coding
                    BEGIN SELECT RAISE(ABORT, 'codings are append-only'); END;
                    -- Memos: on a theme (how it is being applied, open questions) or on a hearing,
                    -- dated and signed, beside the interviewers' notes.
                    CREATE TABLE memo (
                        id TEXT PRIMARY KEY,
                        subject TEXT NOT NULL CHECK (subject IN ('theme', 'hearing')),
                        target TEXT NOT NULL,
                        coder TEXT NOT NULL,
                        text TEXT NOT NULL,
                        written_at TEXT NOT NULL
                    );
                    CREATE INDEX memo_target ON memo(subject, target, written_at);
                    """)
        }
        return migrator
    }
}
