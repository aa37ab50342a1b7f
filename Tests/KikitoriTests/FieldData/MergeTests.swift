import Foundation
import GRDB
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

/// Interviewers' databases coming together: lossless, order-independent, and refusing what would
/// mix two meanings under one name.
@Suite("Merge")
struct MergeTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    func path(_ name: String) -> String {
        directory.url.appendingPathComponent(name).path
    }

    func copy(_ from: String, to name: String) throws -> String {
        let target = path(name)
        try FileManager.default.copyItem(atPath: from, toPath: target)
        return target
    }

    func bytes(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Every table's rows, sorted, without the columns that record when this database learnt them.
    func content(_ path: String) throws -> [String] {
        let store = try HearingStore(path: path)
        defer { store.close() }
        let queries = [
            "SELECT reference, fingerprint, canonical_json FROM questionnaire_snapshot",
            "SELECT reference, fingerprint FROM codebook_snapshot",
            // Without the integer keys, which each database numbers in its own order.
            "SELECT * FROM respondent",
            "SELECT id, respondent_id, questionnaire, interviewer, place, started_at, ended_at, status, consent, language, notes FROM hearing",
            """
            SELECT id, hearing_id, sequence, question_id, kind, value_code, value_text, previous_code, previous_text, reason, shown_at,
                recorded_at FROM answer_event
            """,
            "SELECT hearing_id, question_id, event_id, sequence, kind FROM current_answer",
            // The current answer's event number always names the same event as its id.
            "SELECT COUNT(*) AS out_of_step FROM current_answer c JOIN answer_event e ON e.id = c.event_id WHERE e.number != c.event",
            """
            SELECT e.id AS event_id, t.theme, h.id AS hearing_id, t.state, t.source, t.codebook, t.rule, t.rule_source, t.spans,
                t.updated_at, t.score FROM tag t JOIN answer_event e ON e.number = t.event JOIN hearing h ON h.number = t.hearing
            """,
            "SELECT hearing_id, question_id, first_event, second_event, resolved_by FROM answer_conflict",
            "SELECT respondent_id, same_as FROM respondent_link", "SELECT text FROM answer_search",
        ]
        return try store.queue.read { db in
            try queries.flatMap { sql in
                try Row.fetchAll(db, sql: sql).map { sql.prefix(40) + ": " + $0.description }.sorted()
            }
        }
    }

    func synthetic(_ name: String, seed: UInt64, hearings: Int = 20) throws -> String {
        let questionnaires = try sampleLibrary.entries().map { try sampleLibrary.load("\($0.id)@\($0.version)") }
        let store = try HearingStore(path: path(name))
        try SyntheticHearings(questionnaires: questionnaires, seed: seed).write(hearings: hearings, to: store)
        store.close()
        return path(name)
    }

    /// A hearing started on one laptop, copied to a second, and continued on both.
    struct SharedHearing {
        var first: String
        var second: String
        var hearing: Hearing
    }

    func sharedHearing() throws -> SharedHearing {
        let questionnaire = try sampleLibrary.load("digital-talent@1")
        let base = try HearingStore(path: path("base.sqlite"))
        let hearing = try base.startHearing(
            questionnaire: questionnaire, respondent: Respondent(kind: .municipalStaff, organisation: "テスト町"), isNewRespondent: true,
            interviewer: "佐藤", place: nil, consent: .publicNamed, language: .ja)
        let answer = { (store: HearingStore, question: String, value: AnswerValue) in
            try store.append(AnswerEvent(hearingID: hearing.id, sequence: 0, questionID: question, kind: .answered, value: value))
        }
        try answer(base, "organisation_type", .choice("municipality"))
        try answer(base, "has_digital_staff", .yesNo(true))
        base.close()
        let first = try copy(path("base.sqlite"), to: "sato.sqlite")
        let second = try copy(path("base.sqlite"), to: "suzuki.sqlite")
        let a = try HearingStore(path: first), b = try HearingStore(path: second)
        // Both record the staff count, differently; each answers one question the other did not.
        try answer(a, "digital_staff_count", .integer(3))
        try answer(b, "digital_staff_count", .integer(5))
        try answer(a, "it_budget_share", .decimal(1.5))
        try answer(b, "shortage_level", .scale(4))
        try a.append(AnswerEvent(hearingID: hearing.id, sequence: 0, questionID: "comments", kind: .note, value: .text("費用の負担が大きいとのこと")))
        try b.setStatus(.paused, of: hearing.id)
        a.close()
        b.close()
        return SharedHearing(first: first, second: second, hearing: hearing)
    }

    /// Merging the same file twice adds nothing the second time.
    @Test func mergingTwiceAddsNothing() throws {
        let source = try synthetic("field.sqlite", seed: 1)
        let target = path("wg.sqlite")
        let store = try HearingStore(path: target)
        let first = try store.merge([source])
        #expect(first.sources[0].hearings == 20)
        #expect(first.sources[0].events > 100)
        let before = try content(target)
        let second = try store.merge([source])
        #expect(second.sources[0].isEmpty)
        #expect(try content(target) == before)
        #expect(try content(target).filter { $0.hasPrefix("SELECT * FROM answer_event") }.count
            == (try content(source).filter { $0.hasPrefix("SELECT * FROM answer_event") }.count))
    }

    /// A into B and B into A give the same rows, including a hearing continued on both sides.
    @Test func mergeIsCommutative() throws {
        let shared = try sharedHearing()
        let extraA = try synthetic("extra-a.sqlite", seed: 2, hearings: 8)
        let extraB = try synthetic("extra-b.sqlite", seed: 3, hearings: 8)
        _ = try HearingStore(path: shared.first).merge([extraA])
        _ = try HearingStore(path: shared.second).merge([extraB])
        let ab = try copy(shared.first, to: "ab.sqlite")
        let ba = try copy(shared.second, to: "ba.sqlite")
        _ = try HearingStore(path: ab).merge([shared.second])
        _ = try HearingStore(path: ba).merge([shared.first])
        let left = try content(ab), right = try content(ba)
        #expect(left.count == right.count)
        #expect(left == right)
    }

    /// A hearing continued on two laptops keeps both histories; the differing answer is a conflict.
    @Test func continuedHearingKeepsBothHistoriesAndListsConflict() throws {
        let shared = try sharedHearing()
        let store = try HearingStore(path: shared.first)
        let report = try store.merge([shared.second])
        #expect(report.sources[0].events == 2)  // staff count 5 and shortage level from the second laptop
        #expect(report.sources[0].conflicts == 1)
        #expect(report.sources[0].hearingsUpdated == 1)  // paused on the second laptop
        let questionnaire = try store.snapshot("digital-talent@1")
        let events = try store.events(of: shared.hearing.id, questionnaire: questionnaire)
        #expect(events.count == 7)
        let states = AnswerState.current(from: events)
        #expect(states["it_budget_share"] == .answered(.decimal(1.5)))
        #expect(states["shortage_level"] == .answered(.scale(4)))
        let conflicts = try store.conflicts()
        #expect(conflicts.count == 1)
        #expect(conflicts[0].questionID == "digital_staff_count")
        #expect(Set(conflicts[0].sides.map(\.code)) == ["3", "5"])
        #expect(try store.hearing(shared.hearing.id).status == .paused)
    }

    /// Resolving appends an event and closes the conflict; merging the other side again reopens nothing.
    @Test func resolvingIsAnEvent() throws {
        let shared = try sharedHearing()
        let store = try HearingStore(path: shared.first)
        _ = try store.merge([shared.second])
        let event = try store.resolveConflict(
            hearing: shared.hearing.id, question: "digital_staff_count", with: .answered(.integer(4)), reason: "電話で確認")
        #expect(event.kind == .changed)
        #expect(event.reason == "電話で確認")
        #expect(event.previous != nil)
        #expect(try store.conflicts().isEmpty)
        #expect(try store.conflicts(includeResolved: true).first?.resolvedBy == event.id.uuidString.lowercased())
        let questionnaire = try store.snapshot("digital-talent@1")
        #expect(AnswerState.current(from: try store.events(of: shared.hearing.id, questionnaire: questionnaire))["digital_staff_count"]
            == .answered(.integer(4)))
        let again = try store.merge([shared.second])
        #expect(again.sources[0].isEmpty)
        #expect(again.openConflicts == 0)
        #expect(throws: StoreError.self) {
            try store.resolveConflict(hearing: shared.hearing.id, question: "digital_staff_count", with: .dontKnow, reason: "x")
        }
    }

    /// Conflicts resolved on one laptop stay resolved when its database is merged elsewhere.
    @Test func resolutionTravelsWithTheDatabase() throws {
        let shared = try sharedHearing()
        let office = try copy(shared.first, to: "office.sqlite")
        let store = try HearingStore(path: shared.first)
        _ = try store.merge([shared.second])
        try store.resolveConflict(hearing: shared.hearing.id, question: "digital_staff_count", with: .answered(.integer(4)), reason: "確認")
        store.close()
        let officeStore = try HearingStore(path: office)
        _ = try officeStore.merge([shared.second, shared.first])
        #expect(try officeStore.conflicts().isEmpty)
        #expect(try officeStore.conflicts(includeResolved: true).count == 1)
    }

    /// The same organisation registered on two laptops is offered for linking, not merged; linked,
    /// it shares one pseudonym.
    @Test func sameOrganisationIsOfferedForLinking() throws {
        let a = try HearingStore(path: path("a.sqlite")), b = try HearingStore(path: path("b.sqlite"))
        let questionnaire = try sampleLibrary.load("digital-talent@1")
        let first = Respondent(kind: .privateFirm, organisation: "株式会社 オホーツク水産")
        let second = Respondent(kind: .privateFirm, organisation: "オホーツク水産（株）")
        _ = try a.startHearing(questionnaire: questionnaire, respondent: first, isNewRespondent: true, interviewer: "佐藤", place: nil,
            consent: .publicAnonymous, language: .ja)
        _ = try b.startHearing(questionnaire: questionnaire, respondent: second, isNewRespondent: true, interviewer: "鈴木", place: nil,
            consent: .publicAnonymous, language: .ja)
        b.close()
        let report = try a.merge([path("b.sqlite")])
        #expect(report.sources[0].respondents == 1)
        #expect(try a.respondents().count == 2)
        let pairs = try a.possibleDuplicates()
        #expect(pairs.count == 1)
        #expect(Set([pairs[0].first.id, pairs[0].second.id]) == [first.id, second.id])
        try a.link(second.id, to: first.id)
        #expect(try a.possibleDuplicates().isEmpty)
        let publication = try Publication(store: a, filter: ReviewFilter(), language: .ja)
        let label = publication.respondent(first.id.uuidString.lowercased(), organisation: "")
        #expect(label == publication.respondent(second.id.uuidString.lowercased(), organisation: ""))
        #expect(publication.text("オホーツク水産（株）の担当者") == label + "の担当者")
        try a.unlink(second.id)
        #expect(try a.possibleDuplicates().count == 1)
        // Found to be two organisations: no longer offered, here or where this database is merged.
        try a.markDistinct(second.id, first.id)
        #expect(try a.possibleDuplicates().isEmpty)
        a.close()
        let office = try HearingStore(path: path("office.sqlite"))
        _ = try office.merge([path("b.sqlite"), path("a.sqlite")])
        #expect(try office.possibleDuplicates().isEmpty)
    }

    /// One id@version with two contents is refused; neither file changes.
    @Test func refusesSnapshotWithOtherFingerprint() throws {
        let first = try synthetic("one.sqlite", seed: 4, hearings: 3)
        let second = path("two.sqlite")
        let store = try HearingStore(path: second)
        var edited = try sampleLibrary.load("digital-talent@1")
        edited.title = LocalizedText([.ja: "別の内容"])
        _ = try store.startHearing(
            questionnaire: edited, respondent: Respondent(kind: .other, organisation: "X"), isNewRespondent: true, interviewer: "i",
            place: nil, consent: .internalOnly, language: .ja)
        store.close()
        // The target is opened for writing, which touches its header (GRDB's WAL set-up): compare its rows.
        let before = (try bytes(first), try content(second))
        let target = try HearingStore(path: second)
        #expect {
            try target.merge([first])
        } throws: { error in
            guard case StoreError.snapshotMismatch(first, "digital-talent@1", _, _) = error else { return false }
            return StoreError.snapshotMismatch(first, reference: "digital-talent@1", ours: "a", theirs: "b").text(.en).contains("nothing was merged")
        }
        target.close()
        #expect(try bytes(first) == before.0)
        #expect(try content(second) == before.1)
    }

    /// A source from a newer Kikitori, or not Kikitori's, is refused and both files stay as they were.
    @Test func refusesNewerAndForeignSources() throws {
        let newer = try synthetic("newer.sqlite", seed: 5, hearings: 2)
        let queue = try DatabaseQueue(path: newer)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('2099-01-01 future')") }
        try queue.close()
        let foreign = path("foreign.sqlite")
        let other = try DatabaseQueue(path: foreign)
        try other.write { db in try db.execute(sql: "CREATE TABLE notes (x)") }
        try other.close()
        let target = try synthetic("target.sqlite", seed: 6, hearings: 2)
        let before = (try bytes(newer), try bytes(foreign), try content(target))
        let store = try HearingStore(path: target)
        #expect(throws: StoreError.newerSchema(newer, unknown: ["2099-01-01 future"])) { try store.merge([newer]) }
        #expect(throws: StoreError.notKikitori(foreign)) { try store.merge([foreign]) }
        #expect(throws: StoreError.missing(path("absent.sqlite"))) { try store.merge([path("absent.sqlite")]) }
        #expect(throws: StoreError.sameFile(target)) { try store.merge([target]) }
        #expect(throws: StoreError.tooManySources(11, limit: 10)) { try store.merge(Array(repeating: newer, count: 11)) }
        store.close()
        #expect(try bytes(newer) == before.0)
        #expect(try bytes(foreign) == before.1)
        #expect(try content(target) == before.2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.hasPrefix(".kikitori-merge") }.isEmpty)
        let temporary = directory.url.appendingPathComponent(OutputFile.temporaryFolderName).path
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []).isEmpty)
    }

    /// An older source is read through the migrations in a copy; the file itself is not modified.
    @Test func olderSourceIsUpgradedInACopy() throws {
        let old = path("old.sqlite")
        let queue = try DatabaseQueue(path: old)
        try Schema.migrator.migrate(queue, upTo: "2026-11-29 tags")
        try queue.close()
        let source = try synthetic("fresh.sqlite", seed: 7, hearings: 4)
        // Make an old-schema database holding real hearings: copy rows over with SQL.
        let oldQueue = try DatabaseQueue(path: old)
        try oldQueue.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS fresh", arguments: [source])
            try db.execute(sql: """
                INSERT INTO questionnaire_snapshot SELECT * FROM fresh.questionnaire_snapshot;
                INSERT INTO respondent SELECT * FROM fresh.respondent;
                INSERT INTO hearing SELECT id, respondent_id, questionnaire, interviewer, place, started_at, ended_at, status, consent,
                    language, notes FROM fresh.hearing;
                INSERT INTO answer_event (id, hearing_id, sequence, question_id, kind, value_code, value_text, previous_code, previous_text,
                    reason, shown_at, recorded_at)
                SELECT id, hearing_id, sequence, question_id, kind, value_code, value_text, previous_code, previous_text, reason, shown_at,
                    recorded_at FROM fresh.answer_event;
                """)
            try db.execute(sql: "DETACH DATABASE fresh")
        }
        try oldQueue.close()
        let before = try bytes(old)
        let store = try HearingStore(path: path("wg.sqlite"))
        let report = try store.merge([old])
        #expect(report.sources[0].hearings == 4)
        #expect(try bytes(old) == before)
        let identifiers = try DatabaseQueue(path: old).read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(!identifiers.contains("2026-11-30 field data"))
    }

    /// A person's decision on a tag outranks the tagger's in whichever direction the merge goes.
    @Test func humanTagDecisionsWin() throws {
        let base = try synthetic("base.sqlite", seed: 13, hearings: 10)
        let codebook = try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path)
        let matcher = try ThemeMatcher(codebook: codebook)
        _ = try HearingStore(path: base).tag(with: matcher)
        let office = try copy(base, to: "office.sqlite"), field = try copy(base, to: "field.sqlite")
        let fieldStore = try HearingStore(path: field)
        let tag = try #require(try fieldStore.tags(state: .auto).first?.tag)
        try fieldStore.decide(event: tag.eventID, hearing: tag.hearingID, question: tag.questionID, theme: tag.theme, add: false, coder: "tester")
        fieldStore.close()
        let state = { (path: String) in
            try HearingStore(path: path).tags(theme: tag.theme).first { $0.tag.eventID == tag.eventID }?.tag.state
        }
        let officeFirst = try copy(office, to: "office-first.sqlite")
        _ = try HearingStore(path: officeFirst).merge([field])
        _ = try HearingStore(path: field).merge([office])
        #expect(try state(officeFirst) == .rejected)
        #expect(try state(field) == .rejected)
        #expect(try content(officeFirst) == (try content(field)))
    }

    /// A dry run reports the counts and writes nothing.
    @Test func dryRunWritesNothing() throws {
        let source = try synthetic("field.sqlite", seed: 8, hearings: 5)
        let target = try synthetic("wg.sqlite", seed: 9, hearings: 5)
        let before = try content(target)
        let report = try HearingStore(path: target).merge([source], dryRun: true)
        #expect(report.dryRun)
        #expect(report.sources[0].hearings == 5)
        #expect(try content(target) == before)
    }

    /// Done-when: three interviewers' databases, one hearing continued by two of them, merge into
    /// one with every hearing and every event intact.
    @Test func threeFieldDatabasesMergeIntact() throws {
        let shared = try sharedHearing()
        let third = try synthetic("takahashi.sqlite", seed: 10, hearings: 15)
        _ = try HearingStore(path: shared.first).merge([try synthetic("sato-more.sqlite", seed: 11, hearings: 15)])
        _ = try HearingStore(path: shared.second).merge([try synthetic("suzuki-more.sqlite", seed: 12, hearings: 15)])
        let sources = [shared.first, shared.second, third]
        var expectedEvents: [String: Set<String>] = [:]
        for source in sources {
            let queue = try DatabaseQueue(path: source)
            try queue.read { db in
                for row in try Row.fetchAll(db, sql: "SELECT hearing_id, id FROM answer_event") {
                    expectedEvents[row[0], default: []].insert(row[1])
                }
            }
            try queue.close()
        }
        let wg = try HearingStore(path: path("wg.sqlite"))
        let report = try wg.merge(sources)
        #expect(report.sources.count == 3)
        #expect(report.openConflicts == 1)
        let merged = try wg.queue.read { db in
            Dictionary(grouping: try Row.fetchAll(db, sql: "SELECT hearing_id, id FROM answer_event"), by: { $0[0] as String })
                .mapValues { Set($0.map { $0[1] as String }) }
        }
        #expect(merged.count == 46)  // 15 + 15 + 15 + the shared one
        #expect(merged == expectedEvents)
        #expect(try wg.queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
        #expect(try wg.hearings(HearingStore.HearingFilter()).count == 46)
    }
}
