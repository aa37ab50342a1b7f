import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

@Suite("Expression parser")
struct ExpressionParserTests {
    /// Precedence: `and` binds tighter than `or`, comparisons tighter than both.
    @Test func precedence() throws {
        let parsed = try ExpressionParser.parse("${a} = 'x' or ${b} > 2 and not(${c} != 'y')")
        #expect(
            parsed
                == .or(
                    .comparison(.equal, .reference("a"), .string("x")),
                    .and(
                        .comparison(.greater, .reference("b"), .number(2)),
                        .not(.comparison(.notEqual, .reference("c"), .string("y"))))))
    }

    /// Functions parse with their arguments; `.` and string-length work together.
    @Test func functions() throws {
        #expect(try ExpressionParser.parse("selected(${q}, 'v')") == .selected(.reference("q"), .string("v")))
        #expect(try ExpressionParser.parse("count-selected(${q}) >= 2")
            == .comparison(.greaterOrEqual, .countSelected(.reference("q")), .number(2)))
        #expect(try ExpressionParser.parse("string-length(.) <= 200")
            == .comparison(.lessOrEqual, .stringLength(.current), .number(200)))
    }

    /// Numbers: integers, decimals, negatives and a leading dot.
    @Test func numbers() throws {
        #expect(try ExpressionParser.parse(". >= -3.5") == .comparison(.greaterOrEqual, .current, .number(-3.5)))
        #expect(try ExpressionParser.parse(". < .5") == .comparison(.less, .current, .number(0.5)))
    }

    /// The canonical source is the same for any spacing or quote style, and parses back to the same tree.
    @Test func canonicalSourceRoundTrips() throws {
        let a = try ExpressionParser.parse("${a}='x'  and(${b}>1 or ${c}<=2)")
        let b = try ExpressionParser.parse("${a} = \"x\" and (${b} > 1 or ${c} <= 2)")
        #expect(a == b)
        #expect(a.description == "${a} = 'x' and (${b} > 1 or ${c} <= 2)")
        #expect(try ExpressionParser.parse(a.description) == a)
    }

    /// Syntax errors carry the offset of the offending character and a precise problem.
    @Test(arguments: [
        ("${a} >", 6, ExpressionSyntaxError.Problem.unexpectedEnd),
        ("${a} = 'x", 7, .unterminatedString),
        ("${a = 1", 0, .unterminatedReference),
        ("${A-b} = 1", 0, .invalidReferenceName("A-b")),
        ("${a} == 1", 6, .unexpectedToken("=")),
        ("${a} ! 1", 5, .unexpectedCharacter("!")),
        ("${a} # 1", 5, .unexpectedCharacter("#")),
        ("foo(${a})", 0, .unknownFunction("foo")),
        ("selected(${a})", 13, .wrongArgumentCount("selected", expected: 2...2, found: 1)),
        ("1 < ${a} < 3", 9, .chainedComparison("<", "<")),
        ("(${a} = 1", 9, .expected(")")),
        ("${a} = 1 2", 9, .unexpectedToken("2")),
        ("1.2.3 = ${a}", 0, .invalidNumber("1.2.3")),
    ])
    func syntaxErrors(source: String, offset: Int, problem: ExpressionSyntaxError.Problem) {
        #expect(throws: ExpressionSyntaxError(offset: offset, problem: problem)) {
            try ExpressionParser.parse(source)
        }
    }

    /// A hostile nesting depth is refused instead of overflowing the stack.
    @Test func depthIsBounded() {
        let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse(deep) }
        let fine = String(repeating: "(", count: 60) + "${a} = 1" + String(repeating: ")", count: 60)
        #expect(throws: Never.self) { try ExpressionParser.parse(fine) }
    }
}
