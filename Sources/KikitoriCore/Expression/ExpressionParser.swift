/// Parses the XLSForm expression subset into an ``Expression``.
///
/// Grammar, loosest first:
/// `or := and ("or" and)*`, `and := cmp ("and" cmp)*`, `cmp := sum (op sum)?`,
/// `sum := product (("+" | "-") product)*`, `product := unary (("*" | "div" | "mod") unary)*`,
/// `unary := "-" unary | primary`,
/// `primary := ${name} | . | 'text' | number | ( or ) | function(args) | name`, where a bare
/// `name` is a field of the choice being filtered (in `choice_filter` only; the checker says so).
public struct ExpressionParser {
    /// Expressions nest at most this deep, so a hostile file cannot exhaust the stack.
    public static let maximumDepth = 64
    /// Arguments one call may take (`concat`): far more than any label needs.
    public static let maximumArguments = 32
    /// Words with a meaning of their own, never a choice field.
    private static let keywords: Set<String> = ["and", "or", "div", "mod"]

    private var tokens: [ExpressionToken]
    private var index = 0
    private var depth = 0

    private init(tokens: [ExpressionToken]) {
        self.tokens = tokens
    }

    /// - Throws: ``ExpressionSyntaxError`` with the offset (in Unicode scalars) of the problem.
    public static func parse(_ source: String) throws(ExpressionSyntaxError) -> Expression {
        let tokens = try ExpressionLexer.tokens(of: source)
        var parser = ExpressionParser(tokens: tokens)
        let expression = try parser.parseOr()
        if let extra = parser.peek {
            throw ExpressionSyntaxError(offset: extra.offset, problem: .unexpectedToken(extra.kind.text))
        }
        return expression
    }

    private var peek: ExpressionToken? { index < tokens.count ? tokens[index] : nil }

    private var endOffset: Int { tokens.last.map { $0.offset + $0.length } ?? 0 }

    private mutating func advance() -> ExpressionToken? {
        defer { index += 1 }
        return peek
    }

    private mutating func parseOr() throws(ExpressionSyntaxError) -> Expression {
        var lhs = try parseAnd()
        while case .word("or")? = peek?.kind {
            index += 1
            lhs = .or(lhs, try parseAnd())
        }
        return lhs
    }

    private mutating func parseAnd() throws(ExpressionSyntaxError) -> Expression {
        var lhs = try parseComparison()
        while case .word("and")? = peek?.kind {
            index += 1
            lhs = .and(lhs, try parseComparison())
        }
        return lhs
    }

    private mutating func parseComparison() throws(ExpressionSyntaxError) -> Expression {
        let lhs = try parseSum()
        guard case .comparison(let op)? = peek?.kind else { return lhs }
        index += 1
        let rhs = try parseSum()
        if case .comparison(let second)? = peek?.kind, let token = peek {
            throw ExpressionSyntaxError(offset: token.offset, problem: .chainedComparison(op.rawValue, second.rawValue))
        }
        return .comparison(op, lhs, rhs)
    }

    private mutating func parseSum() throws(ExpressionSyntaxError) -> Expression {
        var lhs = try parseProduct()
        while case .arithmetic(let op)? = peek?.kind, !op.isMultiplicative {
            index += 1
            lhs = .arithmetic(op, lhs, try parseProduct())
        }
        return lhs
    }

    private mutating func parseProduct() throws(ExpressionSyntaxError) -> Expression {
        var lhs = try parseUnary()
        while let op = multiplicativeOperator {
            index += 1
            lhs = .arithmetic(op, lhs, try parseUnary())
        }
        return lhs
    }

    private var multiplicativeOperator: ArithmeticOperator? {
        switch peek?.kind {
        case .arithmetic(.multiply)?: return .multiply
        case .word("div")?: return .divide
        case .word("mod")?: return .modulo
        default: return nil
        }
    }

    /// `-x` reads as `0 - x`, so the canonical form and the evaluator need no case of their own.
    private mutating func parseUnary() throws(ExpressionSyntaxError) -> Expression {
        guard case .arithmetic(.subtract)? = peek?.kind else { return try parsePrimary() }
        index += 1
        let operand = try nested { (parser: inout ExpressionParser) throws(ExpressionSyntaxError) in try parser.parseUnary() }
        return .arithmetic(.subtract, .number(0), operand)
    }

    private mutating func parsePrimary() throws(ExpressionSyntaxError) -> Expression {
        guard let token = advance() else {
            throw ExpressionSyntaxError(offset: endOffset, problem: .unexpectedEnd)
        }
        switch token.kind {
        case .reference(let name): return .reference(name)
        case .dot: return .current
        case .string(let value): return .string(value)
        case .number(let value): return .number(value)
        case .open:
            let inner = try nested { (parser: inout ExpressionParser) throws(ExpressionSyntaxError) in try parser.parseOr() }
            try expect(.close)
            return inner
        case .word(let name):
            if case .open? = peek?.kind { return try parseFunction(name, at: token) }
            guard !Self.keywords.contains(name), Identifier.isValid(name) else {
                throw ExpressionSyntaxError(offset: token.offset, problem: .unexpectedToken(name))
            }
            return .choiceField(name)
        default:
            throw ExpressionSyntaxError(offset: token.offset, problem: .unexpectedToken(token.kind.text))
        }
    }

    private mutating func parseFunction(_ name: String, at token: ExpressionToken) throws(ExpressionSyntaxError)
        -> Expression
    {
        let arity: ClosedRange<Int>
        switch name {
        case "not", "count-selected", "string-length": arity = 1...1
        case "selected": arity = 2...2
        default:
            guard let function = ExpressionFunction(rawValue: name) else {
                throw ExpressionSyntaxError(offset: token.offset, problem: .unknownFunction(name))
            }
            arity = function.arity
        }
        try expect(.open)
        let arguments = try nested { (parser: inout ExpressionParser) throws(ExpressionSyntaxError) in
            var arguments = [try parser.parseOr()]
            while case .comma? = parser.peek?.kind {
                parser.index += 1
                arguments.append(try parser.parseOr())
            }
            return arguments
        }
        let close = peek
        try expect(.close)
        guard arity.contains(arguments.count) else {
            throw ExpressionSyntaxError(
                offset: close?.offset ?? token.offset,
                problem: .wrongArgumentCount(name, expected: arity, found: arguments.count))
        }
        switch name {
        case "not": return .not(arguments[0])
        case "count-selected": return .countSelected(arguments[0])
        case "string-length": return .stringLength(arguments[0])
        case "selected": return .selected(arguments[0], arguments[1])
        default: return .call(ExpressionFunction(rawValue: name) ?? .concat, arguments)
        }
    }

    private mutating func nested<T>(_ body: (inout ExpressionParser) throws(ExpressionSyntaxError) -> T)
        throws(ExpressionSyntaxError) -> T
    {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth {
            throw ExpressionSyntaxError(offset: peek?.offset ?? endOffset, problem: .tooDeep(Self.maximumDepth))
        }
        return try body(&self)
    }

    private mutating func expect(_ kind: ExpressionToken.Kind) throws(ExpressionSyntaxError) {
        guard let token = peek else {
            throw ExpressionSyntaxError(offset: endOffset, problem: .expected(kind.text))
        }
        guard token.kind == kind else {
            throw ExpressionSyntaxError(offset: token.offset, problem: .expected(kind.text))
        }
        index += 1
    }
}

/// A syntax error inside one expression; the loader turns `offset` into a file column.
public struct ExpressionSyntaxError: Error, Equatable, Sendable {
    public var offset: Int
    public var problem: Problem

    public enum Problem: Equatable, Sendable {
        case unexpectedCharacter(Character)
        case unterminatedString
        case unterminatedReference
        case invalidReferenceName(String)
        case invalidNumber(String)
        case unexpectedToken(String)
        case unexpectedEnd
        case expected(String)
        case unknownFunction(String)
        case wrongArgumentCount(String, expected: ClosedRange<Int>, found: Int)
        case chainedComparison(String, String)
        case tooDeep(Int)
    }
}
