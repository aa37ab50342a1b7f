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
    /// `${a} + ${b}`, `-`, `*`, `div`, `mod`: numbers, for `calculation` and conditions alike.
    case arithmetic(ArithmeticOperator, Expression, Expression)
    /// `if(c, a, b)`, `concat(a, …)`, `round(x, n)`, `coalesce(a, b)`.
    case call(ExpressionFunction, [Expression])
    /// A bare name inside `choice_filter`: that field of the choice being filtered (`bureau`).
    case choiceField(String)

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
        case .reference, .current, .string, .number, .choiceField:
            break
        case .comparison(_, let lhs, let rhs), .and(let lhs, let rhs), .or(let lhs, let rhs),
            .selected(let lhs, let rhs), .arithmetic(_, let lhs, let rhs):
            lhs.visit(body)
            rhs.visit(body)
        case .not(let inner), .countSelected(let inner), .stringLength(let inner):
            inner.visit(body)
        case .call(_, let arguments):
            for argument in arguments { argument.visit(body) }
        }
    }

    /// Whether the expression reads a field of the choice being filtered.
    public var readsChoiceField: Bool {
        var found = false
        visit { if case .choiceField = $0 { found = true } }
        return found
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

/// XPath's arithmetic, as XLSForm writes it: `div` and `mod` are words, since `/` names paths there.
public enum ArithmeticOperator: String, CaseIterable, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "div"
    case modulo = "mod"

    package var isMultiplicative: Bool { self == .multiply || self == .divide || self == .modulo }
}

/// The functions of XLSForm a calculation needs most, beyond the conditions' own.
public enum ExpressionFunction: String, CaseIterable, Sendable {
    /// `if(condition, then, else)`
    case `if`
    /// `concat(a, b, …)`: the arguments as text, joined.
    case concat
    /// `round(x)` or `round(x, places)`
    case round
    /// `coalesce(a, b)`: `a` unless it is empty, else `b`.
    case coalesce

    /// How many arguments the function takes.
    package var arity: ClosedRange<Int> {
        switch self {
        case .if: return 3...3
        case .concat: return 1...ExpressionParser.maximumArguments
        case .round: return 1...2
        case .coalesce: return 2...2
        }
    }
}
