import Foundation

/// The rules of a hearing, without storage or terminal: which question comes next (skip logic),
/// whether an answer is valid, where `back` and `jump` may go, and whether the hearing can end.
///
/// The engine is a value: given a questionnaire and the answers so far it answers every question
/// about the interview; ``record(_:for:)`` updates it after the store has saved an event.
public struct InterviewEngine: Sendable {
    public let questionnaire: Questionnaire
    public private(set) var states: [String: AnswerState]
    /// The questions this hearing asks as it stands, repeat groups unrolled into their instances
    /// (`format[3]`); unrolled again whenever an answer changes what a group repeats over.
    private var questions: [Question]
    private var position: [String: Int]
    private let parser: AnswerParser
    /// The repeat group of each question asked in one, by plain id.
    private let groupOf: [String: RepeatGroup]
    /// Each group's instance indexes as last unrolled: an answer that leaves them as they are
    /// (most answers) does not unroll the questionnaire again.
    private var unrolledInstances: [[Int]] = []
    /// Whether any question is a calculation: most questionnaires have none, and pay nothing for them.
    private let hasCalculations: Bool

    public init(questionnaire: Questionnaire, states: [String: AnswerState] = [:]) {
        self.questionnaire = questionnaire
        self.states = states
        var groupOf: [String: RepeatGroup] = [:]
        for group in questionnaire.repeatGroups { for id in group.questions { groupOf[id] = group } }
        self.groupOf = groupOf
        // What groups repeat over is asked before them, outside any group: known before unrolling.
        questions = questionnaire.questions.filter { groupOf[$0.id] == nil }
        position = Self.positions(questions)
        parser = AnswerParser(questionnaire: questionnaire)
        hasCalculations = questionnaire.questions.contains { $0.type == .calculate }
        if !groupOf.isEmpty { unrollRepeats() }
    }

    private static func positions(_ questions: [Question]) -> [String: Int] {
        var position: [String: Int] = [:]
        for (index, question) in questions.enumerated() { position[question.id] = index }
        return position
    }

    // MARK: Repeat groups

    /// The instances `group` has given the answers so far: (index, label) in order.
    public func instances(of group: RepeatGroup) -> [(index: Int, label: LocalizedText?)] {
        switch group.source {
        case .choices(let source):
            guard case .choices(let chosen) = lookup(source, in: nil), let question = questionnaire.question(source) else { return [] }
            return (questionnaire.choices(for: question) ?? []).enumerated()
                .filter { chosen.contains($0.element.value) }.map { ($0.offset + 1, $0.element.label) }
        case .count(let expression):
            let count = expression.evaluate(lookup: { lookup($0, in: nil) }).asNumber
            guard count.isFinite, count >= 1 else { return [] }
            return (1...min(RepeatGroup.maximumInstances, Int(count))).map { ($0, nil) }
        case .open:
            var count = 1
            while count < RepeatGroup.maximumInstances,
                states[Questionnaire.instanceID(group.id, count)] == .answered(.yesNo(true))
            {
                count += 1
            }
            return (1...count).map { ($0, nil) }
        }
    }

    /// Replaces each group's questions by their instances' copies; an open-ended group's instance
    /// ends with its "another?" question, stored under the group's id (`datasets[2]`).
    private mutating func unrollRepeats() {
        let groups = questionnaire.repeatGroups
        let instancesByGroup = groups.map { instances(of: $0) }
        let current = instancesByGroup.map { $0.map(\.index) }
        guard current != unrolledInstances else { return }
        unrolledInstances = current
        var unrolled: [Question] = []
        var done: Set<String> = []
        for question in questionnaire.questions {
            guard let group = groupOf[question.id] else {
                unrolled.append(question)
                continue
            }
            guard done.insert(group.id).inserted, let place = groups.firstIndex(where: { $0.id == group.id }) else { continue }
            let instances = instancesByGroup[place]
            for (ordinal, instance) in instances.enumerated() {
                let context = RepeatInstance(group: group.id, index: instance.index, label: instance.label, ordinal: ordinal + 1, count: instances.count)
                for id in group.questions {
                    guard var copy = questionnaire.question(id) else { continue }
                    copy.id = Questionnaire.instanceID(id, instance.index)
                    copy.instance = context
                    unrolled.append(copy)
                }
                if case .open = group.source {
                    var another = Question(
                        id: Questionnaire.instanceID(group.id, instance.index), type: .yesNo, label: group.another ?? LocalizedText(),
                        required: .always, allowDontKnow: false, allowRefused: false)
                    another.instance = context
                    unrolled.append(another)
                }
            }
        }
        questions = unrolled
        position = Self.positions(unrolled)
    }

    // MARK: Reading the state

    /// A question asked in this hearing as it stands, by id (an instance's: `format[3]`).
    public func question(_ id: String) -> Question? {
        position[id].map { questions[$0] }
    }

    /// What `${q}` reads; irrelevant questions read empty, as in ODK. Inside an instance, a
    /// question of the same group reads that instance's answer (XLSForm's `current()` context).
    private func lookup(_ id: String, in instance: RepeatInstance?) -> ExpressionValue {
        var key = id
        if let instance, groupOf[id]?.id == instance.group { key = Questionnaire.instanceID(id, instance.index) }
        guard let question = question(key), isRelevant(question) else { return .empty }
        return states[key]?.expressionValue ?? .empty
    }

    /// Whether the question is asked, given the answers so far.
    public func isRelevant(_ question: Question) -> Bool {
        guard let relevant = question.relevant else { return true }
        return relevant.holds(lookup: { lookup($0, in: question.instance) })
    }

    public func isRequired(_ question: Question) -> Bool {
        switch question.required {
        case .never: return false
        case .always: return true
        case .when(let condition): return condition.holds(lookup: { lookup($0, in: question.instance) })
        }
    }

    /// Every question of this hearing as it stands, relevant or not, repeat groups unrolled.
    public var unrolledQuestions: [Question] { questions }

    /// Questions asked in this hearing as it stands, notes included, in order.
    public var relevantQuestions: [Question] {
        questions.filter(isRelevant)
    }

    /// The first relevant question after `id` (or the first of all when `id` is nil) that is put to
    /// the respondent: calculations are never shown.
    public func next(after id: String?) -> Question? {
        let start = id.flatMap { position[$0] }.map { $0 + 1 } ?? 0
        return questions[start...].first { $0.type != .calculate && isRelevant($0) }
    }

    /// The choices a select question offers now: its list, narrowed by its `choice_filter` (the
    /// municipalities of the bureau chosen before, say).
    public func offeredChoices(for question: Question) -> [Choice] {
        let choices = questionnaire.choices(for: question) ?? []
        guard let filter = question.choiceFilter else { return choices }
        let language = questionnaire.defaultLanguage
        return choices.filter { choice in
            filter.holds(field: { choice.field($0, language: language) }, lookup: { lookup($0, in: question.instance) })
        }
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
            if question.type == .calculate { throw .calculatedNotAsked(question.id) }
            guard question.type.isAnswerable else { throw .noteTakesNoAnswer }
            if isRequired(question) { throw .required }
            return (.skipped, false)
        }
        let reading = try parser.read(input, for: question, offered: question.choiceFilter == nil ? nil : offeredChoices(for: question))
        try validate(reading.value, for: question)
        return (.answered(reading.value), reading.approximate)
    }

    /// Checks a typed value against the question's constraint.
    public func validate(_ value: AnswerValue, for question: Question) throws(AnswerProblem) {
        if case .other = value, !question.allowOther { throw .otherNotAllowed }
        if case .choices(_, let other?) = value, !other.isEmpty, !question.allowOther { throw .otherNotAllowed }
        if question.choiceFilter != nil {
            let offered = Set(offeredChoices(for: question).map(\.value))
            let chosen: [String]
            switch value {
            case .choice(let code): chosen = [code]
            case .choices(let codes, _): chosen = codes
            default: chosen = []
            }
            if let refused = chosen.first(where: { !offered.contains($0) }) { throw .choiceNotOffered(refused) }
        }
        guard let constraint = question.constraint else { return }
        if !constraint.holds(current: value.expressionValue, lookup: { lookup($0, in: question.instance) }) {
            throw .constraint(message: question.constraintMessage, expression: constraint, question: question.id)
        }
    }

    /// Checks a non-answer (`:dk`, `:refused`, `:skip`) against the question's rules.
    public func check(_ state: AnswerState, for question: Question) throws(AnswerProblem) {
        if question.type == .calculate { throw .calculatedNotAsked(question.id) }
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
        if !groupOf.isEmpty { unrollRepeats() }
    }

    // MARK: Calculations

    /// Brings every `calculate` question up to date with the answers so far, in questionnaire order
    /// (a calculation reads only earlier questions, so one pass settles them), and returns the
    /// `calculated` events that record each change, for the caller to save with the answer that
    /// caused them. A calculation that is not relevant, or comes to nothing, holds no value.
    public mutating func recalculate(hearing: UUID) -> [AnswerEvent] {
        guard hasCalculations else { return [] }
        var events: [AnswerEvent] = []
        // A calculation may change what a repeat group unrolls to: then the new instances' own
        // calculations need a pass of their own (bounded by the questionnaire's groups).
        for _ in 0...questionnaire.repeatGroups.count {
            let unrolled = unrolledInstances
            for question in questions where question.type == .calculate {
                let value = isRelevant(question)
                    ? question.calculation.flatMap { AnswerValue(calculated: $0.evaluate(lookup: { lookup($0, in: question.instance) })) }
                    : nil
                let state = value.map(AnswerState.answered)
                guard state != states[question.id] else { continue }
                events.append(AnswerEvent(hearingID: hearing, sequence: 0, questionID: question.id, kind: .calculated, value: value))
                states[question.id] = state
                if !groupOf.isEmpty { unrollRepeats() }
            }
            if unrolledInstances == unrolled { break }
        }
        return events
    }
}
