/// A parsed XLSForm-style expression, as used by `relevant`, `required` and `constraint`.
///
/// Expressions are parsed once when a questionnaire loads; the engine only evaluates trees.
public indirect enum Expression: Equatable, Hashable, Sendable {
    /// `${question}`: the current answer of another question.
    case reference(String)
    /// `.`: the answer being validated (only inside `constraint`).
    case current
    case string(String)
    case number(Double)
    case comparison(ComparisonOperator, Expression, Expression)
    case and(Expression, Expression)
    case or(Expression, Expression)
    case not(Expression)
    /// `selected(${q}, 'v')`: whether choice `v` is among the answer's choices.
    case selected(Expression, Expression)
    /// `count-selected(${q})`
    case countSelected(Expression)
    /// `string-length(.)`
    case stringLength(Expression)

    /// Every question this expression reads, in order of appearance, without repeats.
    public var references: [String] {
        var seen: [String] = []
        visit { if case .reference(let name) = $0, !seen.contains(name) { seen.append(name) } }
        return seen
    }

    /// Whether the expression reads `.`.
    public var readsCurrent: Bool {
        var found = false
        visit { if case .current = $0 { found = true } }
        return found
    }

    package func visit(_ body: (Expression) -> Void) {
        body(self)
        switch self {
        case .reference, .current, .string, .number:
            break
        case .comparison(_, let lhs, let rhs), .and(let lhs, let rhs), .or(let lhs, let rhs),
            .selected(let lhs, let rhs):
            lhs.visit(body)
            rhs.visit(body)
        case .not(let inner), .countSelected(let inner), .stringLength(let inner):
            inner.visit(body)
        }
    }
}

public enum ComparisonOperator: String, CaseIterable, Sendable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    package var isEquality: Bool { self == .equal || self == .notEqual }
}
