import Foundation
import GRDB
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

/// Each test gets its own database in a fresh temporary directory.
@Suite("Hearing store")
struct HearingStoreTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.url.appendingPathComponent("hearings.sqlite").path
    }

    func sha(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    func startHearing(_ store: HearingStore, reference: String = "digital-talent@1") throws -> Hearing {
        let questionnaire = try sampleLibrary.load(reference)
        return try store.startHearing(
            questionnaire: questionnaire,
            respondent: Respondent(kind: .municipalStaff, organisation: "テスト町", region: "石狩振興局"),
            isNewRespondent: true, interviewer: "tester", place: nil, consent: .publicAnonymous, language: .ja)
    }

    /// A bulk write is all or nothing, and its in-memory journal and large cache end with it: the
    /// connection reads and sorts with SQLite's defaults afterwards, whether the write committed or not.
    @Test func bulkWritesAreWholeAndRestoreSettings() throws {
        let store = try HearingStore(path: path)
        let questionnaire = try sampleLibrary.load("digital-talent@1")
        func set(_ organisation: String, id: UUID = UUID()) -> HearingStore.HearingRecordSet {
            let respondent = Respondent(kind: .municipalStaff, organisation: organisation)
            let hearing = Hearing(
                id: id, respondentID: respondent.id, questionnaire: questionnaire.reference, interviewer: "t", place: nil,
                startedAt: Date(), status: .completed, consent: .internalOnly, language: .ja)
            let event = AnswerEvent(hearingID: hearing.id, sequence: 1, questionID: "role", kind: .answered, value: .text("担当"))
            return .init(respondent: respondent, isNewRespondent: true, hearing: hearing, events: [event])
        }
        func settings() throws -> [Int] {
            try store.read { db in [try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? -1, try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? 0] }
        }
        try store.insert([set("一町"), set("二町")], snapshots: [questionnaire])
        #expect(try settings() == [0, -2000])
        // The second hearing reuses the first's id: the whole batch is refused, the first not kept.
        let id = UUID()
        #expect(throws: StoreError.self) { try store.insert([set("三町", id: id), set("四町", id: id)], snapshots: [questionnaire]) }
        #expect(try settings() == [0, -2000])
        let organisations = try store.read { db in try String.fetchAll(db, sql: "SELECT organisation FROM respondent ORDER BY organisation") }
        #expect(organisations.sorted() == ["一町", "二町"].sorted())
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answer_event") } == 2)
    }

    /// `%` and `_` in a respondent filter are the characters typed, not wildcards.
    @Test func respondentFilterTakesWildcardsLiterally() throws {
        let store = try HearingStore(path: path)
        let questionnaire = try sampleLibrary.load("digital-talent@1")
        for name in ["100%データ町", "データ_町", "普通町"] {
            _ = try store.startHearing(
                questionnaire: questionnaire, respondent: Respondent(kind: .municipalStaff, organisation: name), isNewRespondent: true,
                interviewer: "t", place: nil, consent: .internalOnly, language: .ja)
        }
        let names = { (filter: String) in try store.hearings(HearingStore.HearingFilter(respondent: filter)).map(\.respondent.organisation) }
        #expect(try names("%") == ["100%データ町"])
        #expect(try names("_") == ["データ_町"])
        #expect(try names("町").count == 3)
    }

    /// A questionnaire id is matched as written: `_` in `digital_talent` is not a wildcard.
    @Test func questionnaireFilterTakesWildcardsLiterally() throws {
        let store = try HearingStore(path: path)
        _ = try startHearing(store)
        let count = { (text: String) in try store.hearings(HearingStore.HearingFilter(questionnaire: QuestionnaireRef(text))).count }
        #expect(try count("digital-talent") == 1)
        #expect(try count("digital-talent@1") == 1)
        #expect(try count("digital_talent") == 0)
        #expect(try count("digital%") == 0)
    }

    /// A respondent's details are corrected in one transaction, each change logged with the value
    /// before; the organisation key follows the new name; an unchanged value is not logged.
    @Test func respondentCorrections() throws {
        let store = try HearingStore(path: path)
        let hearing = try startHearing(store)
        let id = hearing.respondentID
        let edits = try store.editRespondent(id, set: [.organisation: "株式会社テスト町商事", .personName: "佐藤", .region: "石狩振興局"], reason: "名刺で確認")
        #expect(edits.map(\.field) == [.organisation, .personName])
        #expect(edits[0].previous == "テスト町" && edits[0].value == "株式会社テスト町商事")
        let respondent = try store.respondent(id)
        #expect(respondent.organisation == "株式会社テスト町商事" && respondent.personName == "佐藤")
        let clear: [RespondentField: String?] = [.personName: String?.none]
        try store.editRespondent(id, set: clear, reason: "担当交代")
        #expect(try store.respondent(id).personName == nil)
        #expect(try store.respondentEdits(id).map(\.reason) == ["名刺で確認", "名刺で確認", "担当交代"])
        let key = try store.queue.read { db in try String.fetchOne(db, sql: "SELECT organisation_key FROM respondent") }
        #expect(key == OrganisationKey.make("テスト町商事"))
        #expect(throws: DatabaseError.self) {
            try store.queue.write { db in try db.execute(sql: "DELETE FROM respondent_edit") }
        }
    }

    /// Legal forms are dropped at either end of a name, in any width, never from inside a word.
    @Test func organisationKeys() {
        let key = OrganisationKey.make
        #expect(key("株式会社 サンプル") == key("サンプル（株）"))
        #expect(key("サンプル株式会社") == key("(株)サンプル"))
        #expect(key("Sample Co., Ltd.") == key("ＳＡＭＰＬＥ"))
        #expect(key("Sample Inc.") == "sample")
        #expect(key("Lincoln Systems") == "lincolnsystems")
        #expect(key("一般社団法人 北海道データ協会") == key("北海道データ協会"))
        // Group words stay: a parent and its subsidiary are two respondents.
        #expect(key("サンプルホールディングス") != key("サンプル"))
    }

    /// Keys made by an older, shorter list of legal forms are made again when the database opens.
    @Test func organisationKeysAreRemadeByMigration() throws {
        var configuration = Configuration()
        configuration.prepareDatabase(HearingStore.addFunctions)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try Schema.migrator.migrate(queue, upTo: "2026-12-02 import fingerprints")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO respondent (id, kind, organisation, organisation_key, created_at)
                VALUES ('00000000-0000-0000-0000-000000000001', 'private_firm', '合名会社サンプル', '合名会社サンプル', '2026-12-01 00:00:00.000')
                """)
        }
        try queue.close()
        let store = try HearingStore(path: path)
        let stored = try store.queue.read { db in try String.fetchOne(db, sql: "SELECT organisation_key FROM respondent") }
        #expect(stored == "サンプル")
    }

    /// A new database is created owner-only, in WAL mode, with foreign keys on.
    @Test func createsPrivateWALDatabase() throws {
        let store = try HearingStore(path: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let pragmas = try store.queue.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
                try Int.fetchOne(db, sql: "PRAGMA synchronous"), try Int32.fetchOne(db, sql: "PRAGMA application_id")
            )
        }
        #expect(pragmas.0 == "wal")
        #expect(pragmas.1 == 1)
        #expect(pragmas.2 == 2)
        #expect(pragmas.3 == Schema.applicationID)
        store.close()
        // Opening again migrates nothing and keeps working.
        _ = try HearingStore(path: path)
    }

    /// A file that is not SQLite is refused and left byte for byte as it was.
    @Test func refusesNonDatabase() throws {
        try Data("これはデータベースではありません, just text\n".utf8).write(to: URL(fileURLWithPath: path))
        let before = try sha(path)
        #expect(throws: StoreError.notKikitori(path)) { try HearingStore(path: path) }
        #expect(try sha(path) == before)
    }

    /// Another application's SQLite database is refused untouched.
    @Test func refusesOtherApplicationsDatabase() throws {
        let other = try DatabaseQueue(path: path)
        try other.write { db in
            try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x')")
        }
        try other.close()
        let before = try sha(path)
        #expect(throws: StoreError.notKikitori(path)) { try HearingStore(path: path) }
        #expect(try sha(path) == before)
    }

    /// A database migrated by a newer Kikitori is refused with a clear error and left unchanged.
    @Test func refusesNewerSchema() throws {
        let store = try HearingStore(path: path)
        try store.queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('2099-01-01 future')")
        }
        store.close()
        let before = try sha(path)
        #expect(throws: StoreError.newerSchema(path, unknown: ["2099-01-01 future"])) { try HearingStore(path: path) }
        #expect(try sha(path) == before)
    }

    /// A directory where the file should be, and a folder that cannot be written.
    @Test func refusesDirectoriesAndUnwritableFolders() throws {
        #expect(throws: StoreError.isDirectory(directory.url.path)) { try HearingStore(path: directory.url.path) }
        let missing = directory.url.appendingPathComponent("no/such/folder/db.sqlite").path
        #expect(throws: StoreError.cannotCreate(missing, reason: "No such file or directory")) {
            try HearingStore(path: missing)
        }
    }

    /// Hearings are found by a unique prefix of their id; an ambiguous or unknown prefix is an error.
    @Test func findsHearingsByPrefix() throws {
        let store = try HearingStore(path: path)
        let hearing = try startHearing(store)
        #expect(try store.findHearing(hearing.shortID).id == hearing.id)
        #expect(try store.findHearing(hearing.shortID.uppercased()).id == hearing.id)
        #expect(throws: StoreError.unknownHearing("zzzz")) { try store.findHearing("zzzz") }
        #expect(throws: StoreError.unknownHearing("%")) { try store.findHearing("%") }
    }

    /// The snapshot is stored once and replayed as stored; an edited file with the same version is refused.
    @Test func snapshots() throws {
        let store = try HearingStore(path: path)
        var questionnaire = try sampleLibrary.load("digital-talent@1")
        try store.storeSnapshot(questionnaire)
        try store.storeSnapshot(questionnaire)
        #expect(try store.snapshot("digital-talent@1") == questionnaire)
        let stored = questionnaire.fingerprint
        questionnaire.sections[0].questions[0].label[.en] = "Organisation type (edited)"
        #expect(throws: StoreError.snapshotChanged("digital-talent@1", stored: stored, file: questionnaire.fingerprint)) {
            try store.storeSnapshot(questionnaire)
        }
    }

    /// Events are numbered in order and can be neither updated nor deleted.
    @Test func eventsAreAppendOnly() throws {
        let store = try HearingStore(path: path)
        let hearing = try startHearing(store)
        let questionnaire = try store.snapshot(hearing.questionnaire)
        let first = try store.append(
            AnswerEvent(hearingID: hearing.id, sequence: 0, questionID: "has_digital_staff", kind: .answered, value: .yesNo(true)))
        let second = try store.append(
            AnswerEvent(
                hearingID: hearing.id, sequence: 0, questionID: "has_digital_staff", kind: .changed, value: .yesNo(false),
                previous: .yesNo(true), reason: "聞き違い"))
        #expect(first.sequence == 1 && second.sequence == 2)
        let events = try store.events(of: hearing.id, questionnaire: questionnaire)
        #expect(events.map(\.kind) == [.answered, .changed])
        #expect(events[1].previous == .yesNo(true) && events[1].reason == "聞き違い")
        #expect(AnswerState.current(from: events)["has_digital_staff"] == .answered(.yesNo(false)))
        #expect(throws: (any Error).self) {
            try store.queue.write { db in try db.execute(sql: "UPDATE answer_event SET value_code = 'yes'") }
        }
        #expect(throws: (any Error).self) {
            try store.queue.write { db in try db.execute(sql: "DELETE FROM answer_event") }
        }
    }

    /// Two connections on one file wait for each other instead of failing with "database is locked".
    @Test func concurrentWritersWait() async throws {
        let first = try HearingStore(path: path)
        let second = try HearingStore(path: path)
        let a = try startHearing(first)
        let b = try startHearing(second)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (store, hearing) in [(first, a), (second, b)] {
                group.addTask {
                    for index in 0..<100 {
                        try store.append(
                            AnswerEvent(
                                hearingID: hearing.id, sequence: 0, questionID: "digital_staff_count", kind: .answered,
                                value: .integer(index)))
                    }
                }
            }
            try await group.waitForAll()
        }
        let questionnaire = try first.snapshot("digital-talent@1")
        #expect(try first.events(of: a.id, questionnaire: questionnaire).count == 100)
        #expect(try first.events(of: b.id, questionnaire: questionnaire).count == 100)
    }
}
