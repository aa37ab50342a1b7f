/// A runtime value inside an expression. Unanswered questions read as `.empty`, as in ODK.
public enum ExpressionValue: Equatable, Sendable {
    case empty
    case text(String)
    case number(Double)
    case boolean(Bool)
    case choices([String])

    package var asNumber: Double {
        switch self {
        case .number(let value): return value
        case .text(let text): return Double(text) ?? .nan
        case .boolean(let flag): return flag ? 1 : 0
        case .empty, .choices: return .nan
        }
    }

    package var asText: String {
        switch self {
        case .empty: return ""
        case .text(let text): return text
        case .number(let value): return Expression.format(value)
        case .boolean(let flag): return flag ? "true" : "false"
        case .choices(let values): return values.joined(separator: " ")
        }
    }

    package var asBoolean: Bool {
        switch self {
        case .empty: return false
        case .boolean(let flag): return flag
        case .number(let value): return value != 0 && !value.isNaN
        case .text(let text): return !text.isEmpty
        case .choices(let values): return !values.isEmpty
        }
    }
}

extension Expression {
    /// Evaluates the expression; `lookup` gives the current answer of a question, `current` is `.`.
    ///
    /// Checked expressions cannot fail at run time, so evaluation never throws: comparisons
    /// with an unanswered question are false (and `!=` true), as in ODK Collect.
    public func evaluate(current: ExpressionValue = .empty, lookup: (String) -> ExpressionValue) -> ExpressionValue {
        switch self {
        case .reference(let name): return lookup(name)
        case .current: return current
        case .string(let text): return .text(text)
        case .number(let value): return .number(value)
        case .and(let lhs, let rhs):
            return .boolean(lhs.holds(current: current, lookup: lookup) && rhs.holds(current: current, lookup: lookup))
        case .or(let lhs, let rhs):
            return .boolean(lhs.holds(current: current, lookup: lookup) || rhs.holds(current: current, lookup: lookup))
        case .not(let inner):
            return .boolean(!inner.holds(current: current, lookup: lookup))
        case .comparison(let op, let lhs, let rhs):
            let left = lhs.evaluate(current: current, lookup: lookup)
            let right = rhs.evaluate(current: current, lookup: lookup)
            return .boolean(Self.compare(op, left, right))
        case .selected(let question, let value):
            let answer = question.evaluate(current: current, lookup: lookup)
            let wanted = value.evaluate(current: current, lookup: lookup).asText
            switch answer {
            case .choices(let values): return .boolean(values.contains(wanted))
            case .text(let text): return .boolean(text == wanted)
            default: return .boolean(false)
            }
        case .countSelected(let inner):
            if case .choices(let values) = inner.evaluate(current: current, lookup: lookup) {
                return .number(Double(values.count))
            }
            return .number(0)
        case .stringLength(let inner):
            return .number(Double(inner.evaluate(current: current, lookup: lookup).asText.count))
        }
    }

    /// Evaluates as a condition.
    public func holds(current: ExpressionValue = .empty, lookup: (String) -> ExpressionValue) -> Bool {
        evaluate(current: current, lookup: lookup).asBoolean
    }

    private static func compare(_ op: ComparisonOperator, _ left: ExpressionValue, _ right: ExpressionValue) -> Bool {
        let numeric: Bool
        switch (left, right) {
        case (.number, _), (_, .number): numeric = true
        default: numeric = false
        }
        if numeric {
            let a = left.asNumber
            let b = right.asNumber
            switch op {
            case .equal: return a == b
            case .notEqual: return !(a == b)
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            }
        }
        let a = left.asText
        let b = right.asText
        switch op {
        case .equal: return a == b
        case .notEqual: return a != b
        // Ordering on text only arises for ISO dates, where string order is date order.
        case .less: return !a.isEmpty && !b.isEmpty && a < b
        case .lessOrEqual: return !a.isEmpty && !b.isEmpty && a <= b
        case .greater: return !a.isEmpty && !b.isEmpty && a > b
        case .greaterOrEqual: return !a.isEmpty && !b.isEmpty && a >= b
        }
    }
}
