extension Expression: CustomStringConvertible {
    /// The canonical source text: one space around operators, single-quoted strings, minimal
    /// parentheses. Two spellings of the same expression print alike, so fingerprints ignore layout.
    public var description: String { source(precedence: 0) }

    private var precedence: Int {
        switch self {
        case .or: return 1
        case .and: return 2
        case .comparison: return 3
        case .arithmetic(let op, _, _): return op.isMultiplicative ? 5 : 4
        default: return 6
        }
    }

    private func source(precedence outer: Int) -> String {
        let text: String
        switch self {
        case .reference(let name): text = "${\(name)}"
        case .current: text = "."
        case .string(let value): text = "'" + value + "'"
        case .number(let value): text = Expression.format(value)
        case .comparison(let op, let lhs, let rhs):
            text = "\(lhs.source(precedence: 4)) \(op.rawValue) \(rhs.source(precedence: 4))"
        case .and(let lhs, let rhs):
            text = "\(lhs.source(precedence: 2)) and \(rhs.source(precedence: 3))"
        case .or(let lhs, let rhs):
            text = "\(lhs.source(precedence: 1)) or \(rhs.source(precedence: 2))"
        case .not(let inner): text = "not(\(inner.source(precedence: 0)))"
        case .selected(let question, let value):
            text = "selected(\(question.source(precedence: 0)), \(value.source(precedence: 0)))"
        case .countSelected(let inner): text = "count-selected(\(inner.source(precedence: 0)))"
        case .stringLength(let inner): text = "string-length(\(inner.source(precedence: 0)))"
        case .arithmetic(let op, let lhs, let rhs):
            // Left-associative: the right operand of `a - b` needs parentheses when it is itself a sum.
            let level = op.isMultiplicative ? 5 : 4
            text = "\(lhs.source(precedence: level)) \(op.rawValue) \(rhs.source(precedence: level + 1))"
        case .call(let function, let arguments):
            text = "\(function.rawValue)(\(arguments.map { $0.source(precedence: 0) }.joined(separator: ", ")))"
        case .choiceField(let name): text = name
        }
        return precedence < outer ? "(\(text))" : text
    }

    /// Numbers print without a trailing `.0` when whole, so `3` and `3.0` read the same.
    package static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
