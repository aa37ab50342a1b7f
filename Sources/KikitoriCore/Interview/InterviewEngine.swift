import Foundation

/// The rules of a hearing, without storage or terminal: which question comes next (skip logic),
/// whether an answer is valid, where `back` and `jump` may go, and whether the hearing can end.
///
/// The engine is a value: given a questionnaire and the answers so far it answers every question
/// about the interview; ``record(_:for:)`` updates it after the store has saved an event.
public struct InterviewEngine: Sendable {
    public let questionnaire: Questionnaire
    public private(set) var states: [String: AnswerState]
    private let questions: [Question]
    private let position: [String: Int]
    private let parser: AnswerParser

    public init(questionnaire: Questionnaire, states: [String: AnswerState] = [:]) {
        self.questionnaire = questionnaire
        self.states = states
        questions = questionnaire.questions
        var position: [String: Int] = [:]
        for (index, question) in questions.enumerated() { position[question.id] = index }
        self.position = position
        parser = AnswerParser(questionnaire: questionnaire)
    }

    // MARK: Reading the state

    public func question(_ id: String) -> Question? {
        position[id].map { questions[$0] }
    }

    /// What `${q}` reads for each question; irrelevant questions read empty, as in ODK.
    private func lookup(_ id: String) -> ExpressionValue {
        guard let question = question(id), isRelevant(question) else { return .empty }
        return states[id]?.expressionValue ?? .empty
    }

    /// Whether the question is asked, given the answers so far.
    public func isRelevant(_ question: Question) -> Bool {
        guard let relevant = question.relevant else { return true }
        return relevant.holds(lookup: lookup)
    }

    public func isRequired(_ question: Question) -> Bool {
        switch question.required {
        case .never: return false
        case .always: return true
        case .when(let condition): return condition.holds(lookup: lookup)
        }
    }

    /// Questions asked in this hearing as it stands, notes included, in order.
    public var relevantQuestions: [Question] {
        questions.filter(isRelevant)
    }

    /// The first relevant question after `id` (or the first of all when `id` is nil).
    public func next(after id: String?) -> Question? {
        let start = id.flatMap { position[$0] }.map { $0 + 1 } ?? 0
        return questions[start...].first(where: isRelevant)
    }

    /// The relevant answerable question before `id`, for `:back`.
    public func previous(before id: String?) -> Question? {
        let end = id.flatMap { position[$0] } ?? questions.count
        return questions[..<end].last { $0.type.isAnswerable && isRelevant($0) }
    }

    /// Where a resumed hearing continues: the first relevant question not yet dealt with.
    public var resumePoint: Question? {
        questions.first { $0.type.isAnswerable && isRelevant($0) && states[$0.id] == nil }
    }

    /// `n of m` among relevant answerable questions.
    public func progress(of question: Question) -> (number: Int, total: Int) {
        let asked = relevantQuestions.filter { $0.type.isAnswerable }
        let index = asked.firstIndex { $0.id == question.id } ?? asked.filter { (position[$0.id] ?? 0) < (position[question.id] ?? 0) }.count
        return (index + 1, asked.count)
    }

    /// Relevant required questions that have no answer, don't-know or refusal.
    public var missingRequired: [Question] {
        relevantQuestions.filter { question in
            guard question.type.isAnswerable, isRequired(question) else { return false }
            switch states[question.id] {
            case nil, .skipped?: return true
            default: return false
            }
        }
    }

    /// The review screen's content: each relevant answerable question with its state.
    public var review: [(question: Question, state: AnswerState?, missing: Bool)] {
        let missing = Set(missingRequired.map(\.id))
        return relevantQuestions.filter { $0.type.isAnswerable }.map { ($0, states[$0.id], missing.contains($0.id)) }
    }

    // MARK: Checking moves and answers

    /// Parses and validates typed input: type, then constraint. Empty input is a skip, unless required.
    /// An approximate number (`約120人`) is refused here; see ``evaluateSpoken(_:for:)``.
    public func evaluate(_ input: String, for question: Question) throws(AnswerProblem) -> AnswerState {
        let (state, approximate) = try evaluateSpoken(input, for: question)
        if approximate { throw .approximate(input.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return state
    }

    /// As ``evaluate(_:for:)`` for what a respondent said aloud: an approximate number is taken as
    /// the number, and `approximate` says the caller must keep the words beside it.
    public func evaluateSpoken(_ input: String, for question: Question) throws(AnswerProblem) -> (state: AnswerState, approximate: Bool) {
        if input.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            guard question.type.isAnswerable else { throw .noteTakesNoAnswer }
            if isRequired(question) { throw .required }
            return (.skipped, false)
        }
        let reading = try parser.read(input, for: question)
        try validate(reading.value, for: question)
        return (.answered(reading.value), reading.approximate)
    }

    /// Checks a typed value against the question's constraint.
    public func validate(_ value: AnswerValue, for question: Question) throws(AnswerProblem) {
        if case .other = value, !question.allowOther { throw .otherNotAllowed }
        if case .choices(_, let other?) = value, !other.isEmpty, !question.allowOther { throw .otherNotAllowed }
        guard let constraint = question.constraint else { return }
        if !constraint.holds(current: value.expressionValue, lookup: lookup) {
            throw .constraint(message: question.constraintMessage, expression: constraint, question: question.id)
        }
    }

    /// Checks a non-answer (`:dk`, `:refused`, `:skip`) against the question's rules.
    public func check(_ state: AnswerState, for question: Question) throws(AnswerProblem) {
        guard question.type.isAnswerable else { throw .noteTakesNoAnswer }
        switch state {
        case .dontKnow where !question.allowDontKnow: throw .dontKnowNotAllowed
        case .refused where !question.allowRefused: throw .refusedNotAllowed
        case .skipped where isRequired(question): throw .requiredCannotBeSkipped
        case .answered(let value): try validate(value, for: question)
        default: break
        }
    }

    /// Where `:jump` may go: a known question that is relevant now.
    /// Named by the number the screens show (`n/m`, review), its id, or a unique prefix of its id.
    public func jumpTarget(_ typed: String) throws(AnswerProblem) -> Question {
        let id = typed.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
        let asked = relevantQuestions.filter { $0.type.isAnswerable }
        if let number = Int(id) {
            guard (1...max(1, asked.count)).contains(number), number <= asked.count else { throw .unknownQuestion(typed) }
            return asked[number - 1]
        }
        if let question = question(id) {
            guard isRelevant(question) else { throw .notRelevant(id) }
            return question
        }
        let prefixed = asked.filter { $0.id.hasPrefix(id) }
        guard !id.isEmpty, prefixed.count == 1 else { throw .unknownQuestion(typed) }
        return prefixed[0]
    }

    /// Whether the hearing can be completed; otherwise the missing required questions.
    public func checkComplete() throws(AnswerProblem) {
        let missing = missingRequired
        if !missing.isEmpty { throw .incomplete(missing.map(\.id)) }
    }

    // MARK: Updating

    /// Takes a saved state into account for the questions that follow.
    public mutating func record(_ state: AnswerState, for questionID: String) {
        states[questionID] = state
    }
}
