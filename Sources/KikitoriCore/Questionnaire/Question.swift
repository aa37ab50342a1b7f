/// One question of a questionnaire. Its `id` is stable across versions and names export columns.
public struct Question: Codable, Equatable, Sendable {
    public var id: String
    public var type: QuestionType
    public var label: LocalizedText
    public var hint: LocalizedText?
    public var required: Requirement
    /// Skip logic: the question is asked only when this holds.
    public var relevant: Expression?
    /// Validation of the answer, read through `.`.
    public var constraint: Expression?
    public var constraintMessage: LocalizedText?
    public var multiline: Bool
    public var allowOther: Bool
    /// "Don't know" and "refused" are first-class non-answers, as in Blaise.
    public var allowDontKnow: Bool
    public var allowRefused: Bool
    public var scale: Scale?
    /// A `calculate` question's value, worked out from earlier answers.
    public var calculation: Expression? = nil
    /// Which of a select's choices are offered, given earlier answers (`bureau = ${bureau}`).
    public var choiceFilter: Expression? = nil
    /// Set on the copies an interview asks inside a repeat group (their `id` is the instance's);
    /// never part of the questionnaire's meaning.
    public var instance: RepeatInstance? = nil

    public init(
        id: String, type: QuestionType, label: LocalizedText, hint: LocalizedText? = nil,
        required: Requirement = .never, relevant: Expression? = nil, constraint: Expression? = nil,
        constraintMessage: LocalizedText? = nil, multiline: Bool = false, allowOther: Bool = false,
        allowDontKnow: Bool = true, allowRefused: Bool = true, scale: Scale? = nil
    ) {
        self.id = id
        self.type = type
        self.label = label
        self.hint = hint
        self.required = required
        self.relevant = relevant
        self.constraint = constraint
        self.constraintMessage = constraintMessage
        self.multiline = multiline
        self.allowOther = allowOther
        self.allowDontKnow = allowDontKnow
        self.allowRefused = allowRefused
        self.scale = scale
    }

    package enum CodingKeys: String, CodingKey {
        case id, type, label, hint, required, relevant, constraint, multiline, scale, calculation
        case choiceFilter = "choice_filter"
        case constraintMessage = "constraint_message"
        case allowOther = "allow_other"
        case allowDontKnow = "allow_dont_know"
        case allowRefused = "allow_refused"
    }
}

/// Whether a question must be answered: always, never, or when an expression holds.
public enum Requirement: Equatable, Hashable, Sendable, Codable {
    case never
    case always
    case when(Expression)

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = flag ? .always : .never
        } else {
            self = .when(try container.decode(Expression.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .never: try container.encode(false)
        case .always: try container.encode(true)
        case .when(let expression): try container.encode(expression)
        }
    }
}

/// A Likert scale: whole numbers from `min` to `max` with labels for the two ends.
public struct Scale: Codable, Equatable, Sendable {
    /// What a scale's ends may be, and how many steps apart: every step is a row of a distribution.
    public static let values = -1000...1000
    public static let maximumSteps = 100

    public var min: Int
    public var max: Int
    public var minLabel: LocalizedText?
    public var maxLabel: LocalizedText?

    public init(min: Int, max: Int, minLabel: LocalizedText? = nil, maxLabel: LocalizedText? = nil) {
        self.min = min
        self.max = max
        self.minLabel = minLabel
        self.maxLabel = maxLabel
    }

    package enum CodingKeys: String, CodingKey {
        case min, max
        case minLabel = "min_label"
        case maxLabel = "max_label"
    }
}

extension Expression: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let source = try container.decode(String.self)
        do {
            self = try ExpressionParser.parse(source)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "invalid expression '\(source)'")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
