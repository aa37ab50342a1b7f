import KikitoriCore
import Foundation

/// A hearing being conducted: the engine's rules over the store's durable log.
///
/// Each accepted answer is committed before the session moves on, so the shell above it can be
/// killed at any moment without losing a confirmed answer. Errors are ``AnswerProblem`` (the
/// interviewer should try again) or ``StoreError`` (the database refused).
public final class HearingSession {
    public let store: HearingStore
    public private(set) var hearing: Hearing
    /// The questionnaire as stored for this hearing, not as the file may read today.
    public let questionnaire: Questionnaire
    public private(set) var engine: InterviewEngine
    /// The question on screen; nil once past the last question (time for review).
    public private(set) var current: Question?
    /// A follow-up's answers from the hearing it follows, by question: offered until answered here.
    public private(set) var carried: [String: AnswerState] = [:]
    private var shownAt: Date?
    private let clock: @Sendable () -> Date

    package init(store: HearingStore, hearing: Hearing, questionnaire: Questionnaire, engine: InterviewEngine,
         clock: @escaping @Sendable () -> Date) {
        self.store = store
        self.hearing = hearing
        self.questionnaire = questionnaire
        self.engine = engine
        self.clock = clock
    }

    /// Starts a new hearing and puts its first question on screen.
    public static func start(
        store: HearingStore, questionnaire: Questionnaire, respondent: Respondent, isNewRespondent: Bool,
        interviewer: String, place: String?, consent: ConsentLevel, language: Language, previous: UUID? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(StoreError) -> HearingSession {
        var carried: [String: AnswerState] = [:]
        if let previous { carried = try carriedAnswers(from: previous, store: store, into: questionnaire) }
        let hearing = try store.startHearing(
            questionnaire: questionnaire, respondent: respondent, isNewRespondent: isNewRespondent,
            interviewer: interviewer, place: place, consent: consent, language: language, previous: previous, now: clock())
        try store.claimSession(hearing.id, now: clock())
        let session = HearingSession(
            store: store, hearing: hearing, questionnaire: questionnaire,
            engine: InterviewEngine(questionnaire: questionnaire), clock: clock)
        session.carried = carried
        session.move(to: session.engine.next(after: nil))
        return session
    }

    /// The answers of hearing `previous` that this questionnaire can take as they are: same question
    /// id and type, a value its choices and constraints accept. Don't-knows and refusals are asked again.
    static func carriedAnswers(from previous: UUID, store: HearingStore, into questionnaire: Questionnaire) throws(StoreError)
        -> [String: AnswerState]
    {
        let earlier = try store.hearing(previous)
        let earlierQuestionnaire = try store.snapshot(earlier.questionnaire)
        let states = AnswerState.current(from: try store.events(of: previous, questionnaire: earlierQuestionnaire))
        let engine = InterviewEngine(questionnaire: questionnaire)
        return states.filter { id, state in
            guard case .answered(let value) = state, let question = questionnaire.question(id),
                question.type == earlierQuestionnaire.question(id)?.type, offers(value, question, in: questionnaire)
            else { return false }
            return (try? engine.check(state, for: question)) != nil
        }
    }

    /// Whether `question` of `questionnaire` still offers `value`: its choices and scale points.
    private static func offers(_ value: AnswerValue, _ question: Question, in questionnaire: Questionnaire) -> Bool {
        let codes = Set((questionnaire.choices(for: question) ?? []).map(\.value))
        switch value {
        case .choice(let code): return codes.contains(code)
        case .choices(let chosen, _): return chosen.allSatisfy(codes.contains)
        case .scale(let point): return question.scale.map { ($0.min...$0.max).contains(point) } ?? false
        default: return true
        }
    }

    /// Reopens a hearing from its log, at the first relevant question not yet dealt with.
    /// A completed hearing reopens for amendments, each of which needs a reason.
    public static func resume(
        store: HearingStore, hearingID: UUID, clock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> HearingSession {
        var hearing = try store.hearing(hearingID)
        if hearing.status == .abandoned { throw AnswerProblem.hearingClosed(.abandoned) }
        // Before anything else: a hearing open in another window is refused, not resumed twice.
        try store.claimSession(hearing.id, now: clock())
        let questionnaire = try store.snapshot(hearing.questionnaire)
        let events = try store.events(of: hearing.id, questionnaire: questionnaire)
        let engine = InterviewEngine(questionnaire: questionnaire, states: AnswerState.current(from: events))
        if hearing.status == .paused {
            try store.setStatus(.inProgress, of: hearing.id)
            hearing.status = .inProgress
        }
        let session = HearingSession(store: store, hearing: hearing, questionnaire: questionnaire, engine: engine, clock: clock)
        if let previous = hearing.previousHearingID {
            session.carried = try carriedAnswers(from: previous, store: store, into: questionnaire)
        }
        session.move(to: engine.resumePoint)
        return session
    }

    /// Ends this process's hold on the hearing, so that it can be resumed elsewhere.
    public func close() {
        store.releaseSession(hearing.id)
    }

    /// Whether changes now need a reason: the hearing was already completed.
    public var isAmending: Bool { hearing.status == .completed }

    /// Puts `question` on screen and notes when, for paradata.
    public func move(to question: Question?) {
        current = question
        shownAt = question == nil ? nil : clock()
    }

    // MARK: Answers

    /// Takes typed input for the current question; on success the next relevant question is current.
    /// Empty input on a question already dealt with keeps what is there, so revisiting is safe.
    /// Returns the words of an approximate number (`約120人`), which were kept as a note.
    @discardableResult
    public func answer(_ input: String, reason: String? = nil) throws -> String? {
        guard let question = current else { return nil }
        // A follow-up: Enter keeps last time's answer, saved as this hearing's answer.
        if input.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, let kept = previousAnswer(for: question) {
            try record(kept, for: question, reason: AnswerEvent.keptFromPreviousReason)
            return nil
        }
        // Enter keeps what is there, unless what is there is a skip of a question that has since
        // become required.
        if input.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, let state = engine.states[question.id],
            !(state == .skipped && engine.isRequired(question))
        {
            move(to: engine.next(after: question.id))
            return nil
        }
        let (state, approximate) = try engine.evaluateSpoken(input, for: question)
        // 「約120人」: the number is the answer; the words as said are a note on the question, saved
        // in the same transaction so neither is ever kept without the other.
        let words = approximate ? input.trimmingCharacters(in: .whitespacesAndNewlines) : nil
        try record(state, for: question, reason: reason, note: words)
        return words
    }

    /// Last time's answer to `question`, while this hearing has none.
    public func previousAnswer(for question: Question) -> AnswerState? {
        engine.states[question.id] == nil ? carried[question.id] : nil
    }

    /// `:dk`, `:refused`, `:skip`: first-class non-answers.
    public func mark(_ state: AnswerState, reason: String? = nil) throws {
        guard let question = current else { return }
        try engine.check(state, for: question)
        try record(state, for: question, reason: reason)
    }

    /// Moves past a note, which takes no answer.
    public func acknowledgeNote() {
        guard let question = current, question.type == .note else { return }
        move(to: engine.next(after: question.id))
    }

    private func record(_ state: AnswerState, for question: Question, reason: String?, note: String? = nil) throws {
        let previous = engine.states[question.id]
        if previous != state || note != nil {
            if isAmending, previous != nil, previous != state, (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw AnswerProblem.reasonRequired
            }
            var events: [AnswerEvent] = []
            if previous != state {
                var event = AnswerEvent.recording(state, previous: previous, hearing: hearing.id, question: question.id)
                event.reason = reason
                event.shownAt = shownAt
                event.recordedAt = clock()
                events.append(event)
            }
            if let note {
                events.append(AnswerEvent(
                    hearingID: hearing.id, sequence: 0, questionID: question.id, kind: .note, value: .text(note), recordedAt: clock()))
            }
            // Calculations the answer changes are saved in the same transaction, so a calculated
            // value never disagrees with the answers it was worked out from.
            var updated = engine
            updated.record(state, for: question.id)
            for var calculated in updated.recalculate(hearing: hearing.id) {
                calculated.recordedAt = clock()
                events.append(calculated)
            }
            try store.append(events)
            engine = updated
        }
        move(to: engine.next(after: question.id))
    }

    /// `:note`: a remark on the current question (or the hearing), saved at once.
    /// A remark, saved at once. Held to the same rules as a text answer (no control characters, at
    /// most ``AnswerParser/maximumCharacters``).
    public func note(_ text: String) throws {
        try AnswerParser.checkText(text)
        try store.append(
            AnswerEvent(
                hearingID: hearing.id, sequence: 0, questionID: current?.id, kind: .note, value: .text(text),
                recordedAt: clock()))
    }

    // MARK: Moving

    /// `:back`: the previous relevant question.
    public func back() throws(AnswerProblem) {
        guard let previous = engine.previous(before: current?.id) else { throw .noEarlierQuestion }
        move(to: previous)
    }

    /// `:jump <id>`: any question that is relevant now.
    public func jump(to id: String) throws(AnswerProblem) {
        move(to: try engine.jumpTarget(id))
    }

    // MARK: Ending

    /// `:pause` or Ctrl-D: everything is already saved; the status says it can be resumed.
    public func pause() throws(StoreError) {
        guard hearing.status == .inProgress else { return }
        try store.setStatus(.paused, of: hearing.id, at: clock())
        hearing.status = .paused
    }

    /// Completes the hearing once every relevant required question is dealt with.
    public func complete() throws {
        try engine.checkComplete()
        guard hearing.status != .completed else { return }
        let now = clock()
        try store.setStatus(.completed, of: hearing.id, at: now)
        hearing.status = .completed
        hearing.endedAt = now
    }
}
