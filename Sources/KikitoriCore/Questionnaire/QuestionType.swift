/// What kind of answer a question takes, in XLSForm's vocabulary (`select_one list`, …).
public enum QuestionType: Equatable, Hashable, Sendable {
    case text
    case integer
    case decimal
    case date
    case yesNo
    case selectOne(list: String)
    case selectMultiple(list: String)
    case scale
    case note
    /// Not asked: the engine works the value out from earlier answers (XLSForm's `calculate`).
    case calculate

    /// Parses `text`, `select_one barriers`, …; nil when the word is not a type.
    public init?(source: String) {
        let words = source.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        switch (words.first, words.count) {
        case ("text", 1): self = .text
        case ("integer", 1): self = .integer
        case ("decimal", 1): self = .decimal
        case ("date", 1): self = .date
        case ("yes_no", 1): self = .yesNo
        case ("scale", 1): self = .scale
        case ("note", 1): self = .note
        case ("calculate", 1): self = .calculate
        case ("select_one", 2): self = .selectOne(list: words[1])
        case ("select_multiple", 2): self = .selectMultiple(list: words[1])
        default: return nil
        }
    }

    public var source: String {
        switch self {
        case .text: return "text"
        case .integer: return "integer"
        case .decimal: return "decimal"
        case .date: return "date"
        case .yesNo: return "yes_no"
        case .scale: return "scale"
        case .note: return "note"
        case .calculate: return "calculate"
        case .selectOne(let list): return "select_one \(list)"
        case .selectMultiple(let list): return "select_multiple \(list)"
        }
    }

    /// The choice list a select question draws from.
    public var choiceList: String? {
        switch self {
        case .selectOne(let list), .selectMultiple(let list): return list
        default: return nil
        }
    }

    /// Whether the interviewer gives the answer: not a note (nothing to answer) nor a calculation.
    public var isAnswerable: Bool { self != .note && self != .calculate }

    /// Whether a hearing holds a value for it: every question but a note.
    public var holdsValue: Bool { self != .note }
}

extension QuestionType: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let source = try container.decode(String.self)
        guard let type = QuestionType(source: source) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown question type '\(source)'")
        }
        self = type
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(source)
    }
}
