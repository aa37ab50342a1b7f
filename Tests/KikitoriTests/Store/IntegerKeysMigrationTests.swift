import Foundation
import GRDB
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

/// The migration to integer keys, run on a database written by the schema before it.
@Suite("Integer keys migration")
struct IntegerKeysMigrationTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    func path(_ name: String) -> String { directory.url.appendingPathComponent(name).path }

    /// Tags by the ids that leave the database (event, theme, hearing, state, rule), sorted.
    func tagsByID(_ store: HearingStore) throws -> [String] {
        try store.queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT e.id || ' ' || t.theme || ' ' || h.id || ' ' || t.state || ' ' || t.source || ' ' || IFNULL(t.rule, '-') || ' '
                    || IFNULL(t.spans, '-')
                FROM tag t JOIN answer_event e ON e.number = t.event JOIN hearing h ON h.number = t.hearing ORDER BY 1
                """)
        }
    }

    @Test func previousSchemaKeepsTagsSearchAndRowids() throws {
        // A current database, tagged, with a person's decisions on top.
        let fresh = try HearingStore(path: path("fresh.sqlite"))
        let questionnaires = try sampleLibrary.entries().map { try sampleLibrary.load("\($0.id)@\($0.version)") }
        try SyntheticHearings(questionnaires: questionnaires, seed: 11).write(hearings: 30, to: fresh)
        let codebook = try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path)
        let matcher = try ThemeMatcher(codebook: codebook)
        _ = try fresh.tag(with: matcher)
        let first = try #require(try fresh.tags(theme: "cost").first?.tag)
        try fresh.decide(event: first.eventID, hearing: first.hearingID, question: first.questionID, theme: "cost", add: false, coder: "tester")
        let second = try #require(try fresh.tags(theme: "privacy").first?.tag)
        try fresh.decide(event: second.eventID, hearing: second.hearingID, question: second.questionID, theme: "merit", add: true, coder: "tester")
        let expected = try tagsByID(fresh)
        #expect(expected.count > 30)
        fresh.close()

        // The same rows in a database of the schema before integer keys, copied with SQL.
        let old = path("old.sqlite")
        var configuration = Configuration()
        configuration.prepareDatabase(HearingStore.addFunctions)
        let queue = try DatabaseQueue(path: old, configuration: configuration)
        try Schema.migrator.migrate(queue, upTo: "2026-12-02 suggestions")
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS fresh", arguments: [path("fresh.sqlite")])
            try db.execute(sql: """
                INSERT INTO questionnaire_snapshot SELECT * FROM fresh.questionnaire_snapshot;
                INSERT INTO codebook_snapshot SELECT * FROM fresh.codebook_snapshot;
                INSERT INTO respondent SELECT * FROM fresh.respondent;
                INSERT INTO hearing SELECT id, respondent_id, questionnaire, interviewer, place, started_at, ended_at, status, consent,
                    language, notes FROM fresh.hearing ORDER BY number DESC;
                INSERT INTO answer_event (id, hearing_id, sequence, question_id, kind, value_code, value_text, previous_code, previous_text,
                    reason, shown_at, recorded_at)
                SELECT id, hearing_id, sequence, question_id, kind, value_code, value_text, previous_code, previous_text, reason, shown_at,
                    recorded_at FROM fresh.answer_event ORDER BY number DESC;
                INSERT INTO tag (event_id, theme, hearing_id, question_id, state, source, codebook, rule, rule_source, spans, updated_at, score)
                SELECT e.id, t.theme, h.id, e.question_id, t.state, t.source, t.codebook, t.rule, t.rule_source, t.spans, t.updated_at, t.score
                FROM fresh.tag t JOIN fresh.answer_event e ON e.number = t.event JOIN fresh.hearing h ON h.number = t.hearing;
                INSERT INTO tagging_state SELECT * FROM fresh.tagging_state;
                """)
            try db.execute(sql: "DETACH DATABASE fresh")
        }
        // Events in reverse order, so that the old rowids are not the fresh database's numbers.
        let rowids = try queue.read { db in try Row.fetchAll(db, sql: "SELECT id, rowid FROM answer_event ORDER BY id") }
            .map { "\($0[0] as String) \($0[1] as Int64)" }
        try queue.close()

        let store = try HearingStore(path: old)
        #expect(try tagsByID(store) == expected)
        let numbers = try store.queue.read { db in try Row.fetchAll(db, sql: "SELECT id, number FROM answer_event ORDER BY id") }
            .map { "\($0[0] as String) \($0[1] as Int64)" }
        #expect(numbers == rowids)
        // Every current answer points at its event by number too.
        let mismatched = try store.queue.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM current_answer c JOIN answer_event e ON e.id = c.event_id WHERE e.number != c.event")
        }
        #expect(mismatched == 0)
        #expect(try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM current_answer WHERE event = 0") } == 0)
        // The search index still points at the right answers.
        let hits = try store.search(HearingStore.SearchQuery(terms: ["データ"], limit: 1000, audience: .internal)).hits
        #expect(hits.count > 10)
        #expect(hits.allSatisfy { $0.text.contains("データ") })
        // The people's decisions hold through a retag; a run with the same codebook finds nothing new.
        let again = try store.tag(with: matcher)
        #expect(again.answersScanned == 0)
        _ = try store.tag(with: matcher, retag: true)
        #expect(try tagsByID(store).filter { $0.contains(" rejected ") || $0.contains(" manual ") }.count == 2)
        #expect(try store.tags(theme: "cost").contains { $0.tag.eventID == first.eventID && $0.tag.state == .rejected })
        #expect(try store.tags(theme: "merit").contains { $0.tag.eventID == second.eventID && $0.tag.state == .manual })
    }
}
