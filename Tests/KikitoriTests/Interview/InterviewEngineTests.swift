import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

@Suite("Interview engine")
struct InterviewEngineTests {
    let questionnaire: Questionnaire

    init() throws {
        questionnaire = try sampleLibrary.load("private-firm-data-use@1")
    }

    func engine(_ answers: [String: AnswerState] = [:]) -> InterviewEngine {
        InterviewEngine(questionnaire: questionnaire, states: answers)
    }

    /// The hearing starts at the opening note, then goes to the first question.
    @Test func startsAtTheBeginning() {
        let engine = engine()
        #expect(engine.next(after: nil)?.id == "intro")
        #expect(engine.next(after: "intro")?.id == "industry")
        #expect(engine.resumePoint?.id == "industry")
    }

    /// Skip logic: `published_data` is asked only of firms that publish or share.
    @Test func skipLogic() {
        #expect(engine(["publish_status": .answered(.choice("internal"))]).next(after: "publish_status")?.id == "willingness")
        #expect(engine(["publish_status": .answered(.choice("open"))]).next(after: "publish_status")?.id == "published_data")
        #expect(engine(["publish_status": .answered(.choice("partners"))]).next(after: "publish_status")?.id == "published_data")
        // Don't know is not an answer: the follow-up is not asked.
        #expect(engine(["publish_status": .dontKnow]).next(after: "publish_status")?.id == "willingness")
    }

    /// `required` may depend on earlier answers: barriers are required when willingness is 3 or less.
    @Test func conditionalRequirement() throws {
        let barriers = try #require(questionnaire.question("barriers"))
        #expect(engine(["willingness": .answered(.scale(2))]).isRequired(barriers))
        #expect(!engine(["willingness": .answered(.scale(5))]).isRequired(barriers))
        #expect(throws: AnswerProblem.required) {
            try engine(["willingness": .answered(.scale(2))]).evaluate("", for: barriers)
        }
        #expect(try engine(["willingness": .answered(.scale(5))]).evaluate("", for: barriers) == .skipped)
    }

    /// Typed answers are checked against type and constraint, with the questionnaire's message.
    @Test func validation() throws {
        let engine = engine()
        let employees = try #require(questionnaire.question("employees"))
        #expect(try engine.evaluate("１２０", for: employees) == .answered(.integer(120)))
        #expect(try engine.evaluate("1,200", for: employees) == .answered(.integer(1200)))
        #expect(throws: AnswerProblem.notInteger("many")) { try engine.evaluate("many", for: employees) }
        do {
            _ = try engine.evaluate("0", for: employees)
            Issue.record("0 employees should fail the constraint")
        } catch {
            #expect(error.text(.en, questionnaire: questionnaire) == "Enter a number from 1 to 500000.")
            #expect(error.text(.ja, questionnaire: questionnaire) == "1 から 500000 の間で入力してください。")
        }
        let followup = try #require(questionnaire.question("followup_date"))
        #expect(try engine.evaluate("2023年4月1日", for: followup) == .answered(.date(CalendarDate("2023-04-01")!)))
        #expect(throws: AnswerProblem.self) { try engine.evaluate("2021-12-31", for: followup) }
        #expect(throws: AnswerProblem.notDate("tomorrow")) { try engine.evaluate("tomorrow", for: followup) }
    }

    /// `:back` goes to the previous relevant question, skipping notes and irrelevant ones.
    @Test func back() {
        let answered = engine(["publish_status": .answered(.choice("internal"))])
        #expect(answered.previous(before: "willingness")?.id == "publish_status")
        #expect(answered.previous(before: "industry") == nil)
        let open = engine(["publish_status": .answered(.choice("open"))])
        #expect(open.previous(before: "willingness")?.id == "published_data")
    }

    /// `:jump` only to questions that are relevant now.
    @Test func jump() throws {
        let engine = engine(["publish_status": .answered(.choice("internal"))])
        #expect(try engine.jumpTarget("willingness").id == "willingness")
        #expect(throws: AnswerProblem.notRelevant("published_data")) { try engine.jumpTarget("published_data") }
        #expect(throws: AnswerProblem.unknownQuestion("nope")) { try engine.jumpTarget("nope") }
    }

    /// Non-answers follow the question's rules.
    @Test func nonAnswers() throws {
        let engine = engine()
        let comments = try #require(questionnaire.question("comments"))
        #expect(throws: AnswerProblem.dontKnowNotAllowed) { try engine.check(.dontKnow, for: comments) }
        #expect(throws: Never.self) { try engine.check(.refused, for: comments) }
        let industry = try #require(questionnaire.question("industry"))
        #expect(throws: AnswerProblem.requiredCannotBeSkipped) { try engine.check(.skipped, for: industry) }
        #expect(throws: Never.self) { try engine.check(.dontKnow, for: industry) }
    }

    /// Completion needs every relevant required question; don't-know and refused count as dealt with.
    @Test func completion() {
        var engine = engine()
        #expect(throws: AnswerProblem.self) { try engine.checkComplete() }
        let required: [String: AnswerState] = [
            "industry": .answered(.choice("it")), "data_held": .answered(.choices(["sales"], other: nil)),
            "publish_status": .answered(.choice("internal")), "willingness": .answered(.scale(5)),
            "uses_gov_data": .refused,
        ]
        for (id, state) in required { engine.record(state, for: id) }
        #expect(throws: Never.self) { try engine.checkComplete() }
        engine.record(.answered(.scale(2)), for: "willingness")
        #expect(throws: AnswerProblem.incomplete(["barriers"])) { try engine.checkComplete() }
    }

    /// Progress counts relevant answerable questions, so it grows as follow-ups become relevant.
    @Test func progress() throws {
        let before = engine()
        let industry = try #require(questionnaire.question("industry"))
        let total = before.progress(of: industry).total
        #expect(before.progress(of: industry).number == 1)
        let after = engine(["publish_status": .answered(.choice("open"))])
        #expect(after.progress(of: industry).total == total + 1)
    }
}

@Suite("Answer parsing")
struct AnswerParserTests {
    let questionnaire: Questionnaire
    let parser: AnswerParser

    init() throws {
        questionnaire = try sampleLibrary.load("private-firm-data-use@2")
        parser = AnswerParser(questionnaire: questionnaire)
    }

    func parse(_ input: String, _ question: String) throws -> AnswerValue {
        try parser.parse(input, for: #require(questionnaire.question(question)))
    }

    /// A choice by number, value, label in either language, or unique label prefix; NFKC-aware.
    @Test func selectOne() throws {
        #expect(try parse("3", "industry") == .choice("manufacturing"))
        #expect(try parse("３", "industry") == .choice("manufacturing"))
        #expect(try parse("tourism", "industry") == .choice("tourism"))
        #expect(try parse("情報通信", "industry") == .choice("it"))
        #expect(try parse("Construction", "industry") == .choice("construction"))
        #expect(try parse("医療", "industry") == .choice("medical"))
        #expect(try parse("その他: 林業コンサル", "industry") == .other("林業コンサル"))
        #expect(try parse("ｏｔｈｅｒ：観光DX", "industry") == .other("観光DX"))
        #expect(throws: AnswerProblem.otherNeedsText) { try parse("11", "industry") }
        #expect(throws: AnswerProblem.unknownChoice("99", count: 10)) { try parse("99", "industry") }
        #expect(throws: AnswerProblem.oneChoiceOnly) { try parse("1 2", "industry") }
        #expect(throws: AnswerProblem.otherNotAllowed) { try parse("other: x", "publish_status") }
    }

    /// Several choices with commas, 、 or spaces, kept in list order, with free text for other.
    @Test func selectMultiple() throws {
        #expect(try parse("4, 1", "barriers") == .choices(["privacy", "cost"], other: nil))
        #expect(try parse("cost、privacy", "barriers") == .choices(["privacy", "cost"], other: nil))
        #expect(try parse("Personal information and privacy, Security concerns", "barriers")
            == .choices(["privacy", "security"], other: nil))
        #expect(try parse("1 その他: 取引先との契約", "barriers") == .choices(["privacy"], other: "取引先との契約"))
        #expect(throws: AnswerProblem.unknownChoice("money", count: 11)) { try parse("1, money", "barriers") }
    }

    /// Yes/no, scales, decimals and dates in the forms people type.
    @Test func otherTypes() throws {
        #expect(try parse("はい", "uses_gov_data") == .yesNo(true))
        #expect(try parse("2", "uses_gov_data") == .yesNo(false))
        #expect(throws: AnswerProblem.notYesNo("maybe")) { try parse("maybe", "uses_gov_data") }
        #expect(try parse("４", "willingness") == .scale(4))
        #expect(throws: AnswerProblem.outOfScale("6", min: 1, max: 5)) { try parse("6", "willingness") }
        #expect(try parse("2024/5/1", "followup_date") == .date(CalendarDate("2024-05-01")!))
    }

    /// Stored answers come back exactly as given.
    @Test func storageRoundTrip() throws {
        let samples: [(String, AnswerValue)] = [
            ("industry", .choice("it")), ("industry", .other("林業")), ("employees", .integer(120)),
            ("barriers", .choices(["privacy", "cost"], other: "契約")), ("barriers", .choices(["cost"], other: nil)),
            ("willingness", .scale(3)), ("uses_gov_data", .yesNo(false)),
            ("followup_date", .date(CalendarDate("2024-05-01")!)), ("comments", .text("複数行\nの回答")),
        ]
        for (id, value) in samples {
            let question = try #require(questionnaire.question(id))
            let stored = value.storage
            #expect(AnswerValue(type: question.type, code: stored.code, text: stored.text) == value)
        }
    }
}
