import Foundation
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

@Suite("Hearing session")
struct HearingSessionTests {
    let directory: TemporaryDirectory
    let store: HearingStore
    let questionnaire: Questionnaire

    init() throws {
        directory = try TemporaryDirectory()
        store = try HearingStore(path: directory.url.appendingPathComponent("h.sqlite").path)
        questionnaire = try sampleLibrary.load("municipality-head-open-data@1")
    }

    func start() throws -> HearingSession {
        try HearingSession.start(
            store: store, questionnaire: questionnaire,
            respondent: Respondent(kind: .municipalityHead, organisation: "ニセコ町", municipality: "ニセコ町", region: "後志総合振興局"),
            isNewRespondent: true, interviewer: "tester", place: "役場", consent: .publicNamed, language: .ja)
    }

    /// Enter keeps an earlier skip only while the question is optional: once a changed answer makes
    /// it required, Enter is refused.
    @Test func enterDoesNotPassANewlyRequiredQuestion() throws {
        let questionnaire = try sampleLibrary.load("private-firm-data-use@1")
        let session = try HearingSession.start(
            store: store, questionnaire: questionnaire, respondent: Respondent(kind: .privateFirm, organisation: "株式会社テスト"),
            isNewRespondent: true, interviewer: "tester", place: nil, consent: .publicAnonymous, language: .ja)
        try session.jump(to: "willingness")
        try session.answer("5")
        #expect(session.current?.id == "barriers")
        try session.answer("")
        #expect(session.engine.states["barriers"] == .skipped)
        try session.jump(to: "willingness")
        try session.answer("2", reason: nil)
        try session.jump(to: "barriers")
        #expect(throws: AnswerProblem.required) { try session.answer("") }
        #expect(session.current?.id == "barriers")
    }

    /// A second process cannot open a hearing another running process has open; a dead one's
    /// claim is taken over.
    @Test func oneOpenSessionPerHearing() throws {
        let session = try start()
        let other = try HearingStore(path: store.path)
        let host = HearingStore.hostName
        // A live process of this machine (pid 1) holds it.
        try other.queue.write { db in
            try db.execute(sql: "UPDATE hearing_session SET pid = 1, host = ? WHERE hearing_id = ?", arguments: [host, session.hearing.id.storageKey])
        }
        #expect {
            try HearingSession.resume(store: other, hearingID: session.hearing.id)
        } throws: { error in
            guard case StoreError.hearingOpenElsewhere(_, let pid, let claimedBy, _)? = error as? StoreError else { return false }
            return pid == 1 && claimedBy == host
        }
        // A process that has ended: taken over.
        try other.queue.write { db in
            try db.execute(sql: "UPDATE hearing_session SET pid = 999999 WHERE hearing_id = ?", arguments: [session.hearing.id.storageKey])
        }
        let resumed = try HearingSession.resume(store: other, hearingID: session.hearing.id)
        resumed.close()
        #expect(try other.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM hearing_session") } == 0)
    }

    /// An answer replacing one written by another process is logged as a change with the old value,
    /// judged from the log, not from what this process remembered.
    @Test func replacementIsAChangeWhoeverWroteFirst() throws {
        let session = try start()
        try session.answer("1")
        let stale = HearingSession(
            store: store, hearing: session.hearing, questionnaire: questionnaire, engine: InterviewEngine(questionnaire: questionnaire),
            clock: { Date() })
        stale.move(to: questionnaire.question("position"))
        try stale.answer("2")
        let events = try store.events(of: session.hearing.id, questionnaire: questionnaire)
        #expect(events.map(\.kind) == [.answered, .changed])
        #expect(events[1].previous == .choice("mayor"))
    }

    /// Each answer is in the database the moment it is accepted, with paradata.
    @Test func answersAreSavedAtOnce() throws {
        let session = try start()
        #expect(session.current?.id == "position")
        try session.answer("1")
        #expect(session.current?.id == "population")
        let events = try store.events(of: session.hearing.id, questionnaire: questionnaire)
        #expect(events.count == 1)
        #expect(events[0].kind == .answered && events[0].value == .choice("mayor"))
        #expect(events[0].shownAt != nil && events[0].shownAt! <= events[0].recordedAt)
    }

    /// An invalid answer is refused, nothing is written, and the question stays on screen.
    @Test func invalidAnswersChangeNothing() throws {
        let session = try start()
        #expect(throws: AnswerProblem.unknownChoice("9", count: 4)) { try session.answer("9") }
        #expect(session.current?.id == "position")
        #expect(try store.events(of: session.hearing.id, questionnaire: questionnaire).isEmpty)
    }

    /// Going back and answering differently records a change with the old value; the same answer writes nothing.
    @Test func changesKeepHistory() throws {
        let session = try start()
        try session.answer("1")
        try session.back()
        #expect(session.current?.id == "position")
        try session.answer("")  // Enter keeps the answer
        try session.back()
        try session.answer("2")
        let events = try store.events(of: session.hearing.id, questionnaire: questionnaire)
        #expect(events.map(\.kind) == [.answered, .changed])
        #expect(events[1].previous == .choice("mayor") && events[1].value == .choice("deputy_mayor"))
    }

    /// Pause and resume continue at the first relevant question not dealt with, with the same snapshot.
    @Test func pauseAndResume() throws {
        let session = try start()
        try session.answer("1")
        try session.answer("4800")
        session.acknowledgeNote()
        try session.answer("4")  // not_at_all: knows_legal_basis is skipped
        try session.pause()
        #expect(try store.hearing(session.hearing.id).status == .paused)
        let resumed = try HearingSession.resume(store: store, hearingID: session.hearing.id)
        #expect(resumed.current?.id == "priority")
        #expect(resumed.hearing.status == .inProgress)
        #expect(resumed.questionnaire == questionnaire)
    }

    /// Completion needs the required questions; a completed hearing is amended only with a reason.
    @Test func completionAndAmendment() throws {
        let session = try start()
        for input in ["1", "", "2", "2", "3", "workload, staff_shortage", "人が足りない", "", "", "4", "", ""] {
            if session.current?.type == .note { session.acknowledgeNote() }
            try session.answer(input)
        }
        #expect(session.current == nil)
        try session.complete()
        #expect(try store.hearing(session.hearing.id).status == .completed)
        #expect(try store.hearing(session.hearing.id).endedAt != nil)

        let amended = try HearingSession.resume(store: store, hearingID: session.hearing.id)
        #expect(amended.isAmending)
        try amended.jump(to: "priority")
        #expect(throws: AnswerProblem.reasonRequired) { try amended.answer("5") }
        try amended.answer("5", reason: "首長の発言を聞き直した")
        let last = try store.events(of: session.hearing.id, questionnaire: questionnaire).last
        #expect(last?.kind == .changed && last?.reason == "首長の発言を聞き直した" && last?.previous == .scale(3))
    }

    /// Notes are saved as events and do not change answers.
    @Test func notes() throws {
        let session = try start()
        try session.note("町長は前向き")
        let events = try store.events(of: session.hearing.id, questionnaire: questionnaire)
        #expect(events.first?.kind == .note && events.first?.value == .text("町長は前向き"))
        #expect(AnswerState.current(from: events).isEmpty)
    }
}
