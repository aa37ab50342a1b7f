import Foundation

/// One entry of a hearing's append-only answer log. Current answers are derived from these.
public struct AnswerEvent: Equatable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case answered
        /// A new value replacing an earlier one; `reason` says why when the hearing was completed.
        case changed
        case skipped
        case dontKnow = "dont_know"
        case refused
        /// A remark by the interviewer; does not change the answer.
        case note
        /// A `calculate` question's value, worked out by the engine from other answers; without a
        /// value when the calculation no longer yields one.
        case calculated
    }

    public var id: UUID
    public var hearingID: UUID
    /// Order within the hearing, from 1.
    public var sequence: Int
    public var questionID: String?
    public var kind: Kind
    public var value: AnswerValue?
    public var previous: AnswerValue?
    public var reason: String?
    /// Paradata: when the question was put to the respondent, and when the answer was recorded.
    public var shownAt: Date?
    public var recordedAt: Date

    public init(
        id: UUID = UUID(), hearingID: UUID, sequence: Int, questionID: String?, kind: Kind, value: AnswerValue? = nil,
        previous: AnswerValue? = nil, reason: String? = nil, shownAt: Date? = nil, recordedAt: Date = Date()
    ) {
        self.id = id
        self.hearingID = hearingID
        self.sequence = sequence
        self.questionID = questionID
        self.kind = kind
        self.value = value
        self.previous = previous
        self.reason = reason
        self.shownAt = shownAt
        self.recordedAt = recordedAt
    }
}

extension AnswerEvent {
    /// The event that takes a question from `previous` to `state`: a new value over an earlier one
    /// is `changed` and keeps the old value. Sequence and times are set by whoever saves it.
    /// The reason code of a change that settled a merge conflict when the person gave none.
    public static let mergeConflictReason = "merge_conflict"
    /// The reason code of an answer a follow-up hearing kept, unchanged, from the hearing it follows.
    public static let keptFromPreviousReason = "kept_from_previous"

    public static func recording(_ state: AnswerState, previous: AnswerState?, hearing: UUID, question: String) -> AnswerEvent {
        let kind: Kind
        var value: AnswerValue?
        switch state {
        case .answered(let given):
            value = given
            if case .answered = previous { kind = .changed } else { kind = .answered }
        case .dontKnow: kind = .dontKnow
        case .refused: kind = .refused
        case .skipped: kind = .skipped
        }
        var previousValue: AnswerValue?
        if case .answered(let old)? = previous { previousValue = old }
        return AnswerEvent(hearingID: hearing, sequence: 0, questionID: question, kind: kind, value: value, previous: previousValue)
    }
}

/// Where a question stands in a hearing, derived from its latest event.
public enum AnswerState: Equatable, Sendable {
    case answered(AnswerValue)
    case dontKnow
    case refused
    case skipped

    /// The value as `${q}` reads it: non-answers read as empty.
    public var expressionValue: ExpressionValue {
        if case .answered(let value) = self { return value.expressionValue }
        return .empty
    }

    /// Derives current states from a log, latest event winning; notes change nothing.
    public static func current(from events: [AnswerEvent]) -> [String: AnswerState] {
        var states: [String: AnswerState] = [:]
        // Two databases continuing one hearing can both write sequence n; the id breaks the tie as SQL does.
        let ordered = events.sorted { ($0.sequence, $0.id.uuidString.lowercased()) < ($1.sequence, $1.id.uuidString.lowercased()) }
        for event in ordered {
            guard let question = event.questionID else { continue }
            switch event.kind {
            case .answered, .changed: if let value = event.value { states[question] = .answered(value) }
            case .skipped: states[question] = .skipped
            case .dontKnow: states[question] = .dontKnow
            case .refused: states[question] = .refused
            case .calculated: states[question] = event.value.map(AnswerState.answered)
            case .note: break
            }
        }
        return states
    }
}
