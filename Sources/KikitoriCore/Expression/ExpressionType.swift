/// The static type of an expression, known from the questions it reads.
public enum ExpressionType: Equatable, Sendable {
    case boolean
    case number
    case text
    /// A `date` answer; compared with `'YYYY-MM-DD'` literals.
    case date
    /// A `yes_no` answer; compared with `'yes'` or `'no'`.
    case yesNo
    /// A `select_one` answer; compared with values of the list.
    case choice(list: String)
    /// A `select_multiple` answer; read with `selected()` and `count-selected()`.
    case choices(list: String)

    /// The type of `${q}` for a question of this type; nil for notes, which hold no answer.
    public init?(_ questionType: QuestionType) {
        switch questionType {
        case .text: self = .text
        case .integer, .decimal, .scale: self = .number
        case .date: self = .date
        case .yesNo: self = .yesNo
        case .selectOne(let list): self = .choice(list: list)
        case .selectMultiple(let list): self = .choices(list: list)
        case .note, .calculate: return nil
        }
    }

    /// A word for messages, the same in both languages (it names XLSForm types).
    public var name: String {
        switch self {
        case .boolean: return "boolean"
        case .number: return "number"
        case .text: return "text"
        case .date: return "date"
        case .yesNo: return "yes_no"
        case .choice(let list): return "select_one \(list)"
        case .choices(let list): return "select_multiple \(list)"
        }
    }
}
