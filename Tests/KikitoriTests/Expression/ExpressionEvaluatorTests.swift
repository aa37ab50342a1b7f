import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

@Suite("Expression evaluation")
struct ExpressionEvaluatorTests {
    let answers: [String: ExpressionValue] = [
        "n": .number(3), "status": .text("open"), "barriers": .choices(["privacy", "cost"]),
        "when": .text("2022-05-01"), "empty": .empty,
    ]

    func holds(_ source: String, current: ExpressionValue = .empty) throws -> Bool {
        try ExpressionParser.parse(source).holds(current: current) { answers[$0] ?? .empty }
    }

    /// Comparisons, boolean operators and functions give the values a reader expects.
    @Test func values() throws {
        #expect(try holds("${n} = 3"))
        #expect(try holds("${n} >= 3 and ${n} < 4"))
        #expect(try !holds("${n} > 3"))
        #expect(try holds("${status} = 'open' or ${status} = 'partners'"))
        #expect(try holds("selected(${barriers}, 'cost')"))
        #expect(try !holds("selected(${barriers}, 'workload')"))
        #expect(try holds("count-selected(${barriers}) = 2"))
        #expect(try holds("not(selected(${barriers}, 'none'))"))
        #expect(try holds("${when} >= '2022-04-01'"))
        #expect(try holds("string-length(.) <= 5", current: .text("データ")))
        #expect(try !holds(". >= 1 and . <= 10", current: .number(11)))
    }

    /// An unanswered question makes comparisons false and `!=` true, as in ODK Collect.
    @Test func emptyAnswers() throws {
        #expect(try !holds("${empty} = 'yes'"))
        #expect(try holds("${empty} != 'yes'"))
        #expect(try !holds("${empty} > 2"))
        #expect(try !holds("${empty} <= 2"))
        #expect(try holds("count-selected(${empty}) = 0"))
        #expect(try !holds("${empty} < '2022-01-01'"))
    }
}
