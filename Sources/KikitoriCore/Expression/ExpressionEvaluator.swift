import Foundation

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
    /// Evaluates the expression; `lookup` gives the current answer of a question, `current` is `.`,
    /// `field` a field of the choice a `choice_filter` is deciding on.
    ///
    /// Checked expressions cannot fail at run time, so evaluation never throws: comparisons
    /// with an unanswered question are false (and `!=` true), as in ODK Collect; arithmetic with
    /// one is not a number, which a calculation stores as no value.
    public func evaluate(
        current: ExpressionValue = .empty, field: (String) -> ExpressionValue = { _ in .empty },
        lookup: (String) -> ExpressionValue
    ) -> ExpressionValue {
        func evaluate(_ inner: Expression) -> ExpressionValue { inner.evaluate(current: current, field: field, lookup: lookup) }
        func holds(_ inner: Expression) -> Bool { evaluate(inner).asBoolean }
        switch self {
        case .reference(let name): return lookup(name)
        case .current: return current
        case .string(let text): return .text(text)
        case .number(let value): return .number(value)
        case .and(let lhs, let rhs):
            return .boolean(holds(lhs) && holds(rhs))
        case .or(let lhs, let rhs):
            return .boolean(holds(lhs) || holds(rhs))
        case .not(let inner):
            return .boolean(!holds(inner))
        case .comparison(let op, let lhs, let rhs):
            let left = evaluate(lhs)
            let right = evaluate(rhs)
            return .boolean(Self.compare(op, left, right))
        case .selected(let question, let value):
            let answer = evaluate(question)
            let wanted = evaluate(value).asText
            switch answer {
            case .choices(let values): return .boolean(values.contains(wanted))
            case .text(let text): return .boolean(text == wanted)
            default: return .boolean(false)
            }
        case .countSelected(let inner):
            if case .choices(let values) = evaluate(inner) {
                return .number(Double(values.count))
            }
            return .number(0)
        case .stringLength(let inner):
            return .number(Double(evaluate(inner).asText.count))
        case .choiceField(let name):
            return field(name)
        case .arithmetic(let op, let lhs, let rhs):
            let a = evaluate(lhs).asNumber
            let b = evaluate(rhs).asNumber
            switch op {
            case .add: return .number(a + b)
            case .subtract: return .number(a - b)
            case .multiply: return .number(a * b)
            // XPath: division by zero is infinite; stored, like NaN, as no value.
            case .divide: return .number(a / b)
            case .modulo: return .number(a.truncatingRemainder(dividingBy: b))
            }
        case .call(let function, let arguments):
            switch function {
            case .if: return holds(arguments[0]) ? evaluate(arguments[1]) : evaluate(arguments[2])
            case .concat: return .text(arguments.map { evaluate($0).asText }.joined())
            case .coalesce:
                let first = evaluate(arguments[0])
                return first.asText.isEmpty ? evaluate(arguments[1]) : first
            case .round:
                let value = evaluate(arguments[0]).asNumber
                let places = arguments.count > 1 ? evaluate(arguments[1]).asNumber : 0
                guard places.isFinite, abs(places) <= 15 else { return .number(.nan) }
                let scale = pow(10, places.rounded())
                // XPath rounds halves up (towards positive infinity).
                return .number((value * scale + 0.5).rounded(.down) / scale)
            }
        }
    }

    /// Evaluates as a condition.
    public func holds(
        current: ExpressionValue = .empty, field: (String) -> ExpressionValue = { _ in .empty },
        lookup: (String) -> ExpressionValue
    ) -> Bool {
        evaluate(current: current, field: field, lookup: lookup).asBoolean
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
