import Foundation
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

/// `calculate` questions (values the engine works out, saved as `calculated` events) and choice
/// lists from a shipped register narrowed by `choice_filter` (振興局 → 市町村).
@Suite("Calculations and registers")
struct CalculationRegisterTests {
    let directory: TemporaryDirectory
    let store: HearingStore
    let town = Respondent(kind: .other, organisation: "当別町")

    /// Staff counts and their total; a share of them; a bureau, then one of its municipalities.
    static let yaml = questionnaireYAML(questions: """
              - {id: bureau, type: select_one, choices_from: bureaus, label: Bureau}
              - {id: municipality, type: select_one, choices_from: municipalities, choice_filter: 'bureau = ${bureau}', label: Municipality}
              - {id: full_time, type: integer, label: Full-time staff}
              - {id: part_time, type: integer, label: Part-time staff}
              - {id: staff, type: calculate, calculation: '${full_time} + ${part_time}'}
              - {id: digital, type: integer, label: Digital staff, constraint: '. <= ${staff}'}
              - {id: share, type: calculate, calculation: 'round(${digital} * 100 div ${staff}, 1)', relevant: '${staff} > 0'}
              - {id: size, type: calculate, calculation: "if(${staff} >= 100, 'large', concat('small:', ${staff}))"}
              - {id: followup, type: text, label: Why so few?, relevant: '${share} < 5'}
        """)

    init() throws {
        directory = try TemporaryDirectory()
        store = try HearingStore(path: directory.url.appendingPathComponent("c.sqlite").path)
    }

    func load() throws -> Questionnaire {
        let result = QuestionnaireLoader.inspect(data: Data(Self.yaml.utf8), path: "t.yaml")
        #expect(result.diagnostics.map { $0.message(.en) } == [])
        return try #require(result.questionnaire)
    }

    /// Arithmetic binds tighter than comparison, `*`/`div`/`mod` tighter than `+`/`-`, left to right;
    /// `-` after an operand subtracts and before a number signs it; the canonical form round-trips.
    @Test func arithmeticSyntax() throws {
        let parsed = try ExpressionParser.parse("${a} + ${b} * 2 > 10")
        #expect(parsed == .comparison(.greater, .arithmetic(.add, .reference("a"), .arithmetic(.multiply, .reference("b"), .number(2))), .number(10)))
        #expect(try ExpressionParser.parse("${a}-1") == .arithmetic(.subtract, .reference("a"), .number(1)))
        #expect(try ExpressionParser.parse("${a} - -1") == .arithmetic(.subtract, .reference("a"), .number(-1)))
        #expect(try ExpressionParser.parse("-${a}") == .arithmetic(.subtract, .number(0), .reference("a")))
        let nested = try ExpressionParser.parse("${a} - (${b} - ${c}) div (${d} mod 3)")
        #expect(nested.description == "${a} - (${b} - ${c}) div (${d} mod 3)")
        #expect(try ExpressionParser.parse(nested.description) == nested)
        #expect(try ExpressionParser.parse("(${a} * 2) + 1").description == "${a} * 2 + 1")
        #expect(try ExpressionParser.parse("if(${a} > 1, 'x', concat('y', ${b}))").description == "if(${a} > 1, 'x', concat('y', ${b}))")
        #expect(try ExpressionParser.parse("bureau = ${b}") == .comparison(.equal, .choiceField("bureau"), .reference("b")))
        #expect(throws: ExpressionSyntaxError(offset: 13, problem: .wrongArgumentCount("round", expected: 1...2, found: 3))) {
            try ExpressionParser.parse("round(1, 2, 3)")
        }
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse("${a} + and") }
    }

    /// Evaluation: XPath arithmetic, halves rounded up, an unanswered operand is no number.
    @Test func arithmeticValues() throws {
        func value(_ source: String, _ answers: [String: ExpressionValue] = [:]) throws -> ExpressionValue {
            try ExpressionParser.parse(source).evaluate(lookup: { answers[$0] ?? .empty })
        }
        #expect(try value("7 div 2 + 10 mod 4 * 3") == .number(9.5))
        #expect(try value("round(2.345, 2)") == .number(2.35))
        #expect(try value("round(-2.5)") == .number(-2))
        #expect(try value("coalesce(${a}, 'none')") == .text("none"))
        #expect(try value("${a} + 1").asNumber.isNaN)
        #expect(AnswerValue(calculated: try value("1 div 0")) == nil)
        #expect(AnswerValue(calculated: try value("6 div 2")) == .integer(3))
        #expect(AnswerValue(calculated: try value("${a} * 2", ["a": .number(1.25)])) == .decimal(2.5))
    }

    /// Lint: what a calculation and a filter may be, with one-line errors naming the field.
    @Test func lint() {
        func lint(_ body: String, lists: String = "") -> [String] { messages(questionnaireYAML(questions: body, choiceLists: lists)) }
        #expect(lint("      - {id: c, type: calculate}\n").contains { $0.contains("'calculation'") })
        #expect(lint("      - {id: c, type: calculate, calculation: '${n} + 1'}\n      - {id: n, type: integer, label: N}\n")
            .contains { $0.contains("comes later") })
        #expect(lint("      - {id: t, type: text, label: T}\n      - {id: c, type: calculate, calculation: '${t} * 2'}\n")
            .contains { $0.contains("'*' needs numbers, not a text") })
        #expect(lint("      - {id: c, type: calculate, calculation: '1', required: true}\n")
            .contains { $0.contains("'required' does not apply to a question of type 'calculate'") })
        #expect(lint("      - {id: n, type: integer, label: N, choice_filter: 'x = 1'}\n")
            .contains { $0.contains("'choice_filter' does not apply") })
        #expect(lint("      - {id: n, type: integer, label: N, relevant: 'bureau = 1'}\n")
            .contains { $0.contains("only a choice_filter can read") })
        #expect(lint("      - {id: m, type: select_one, choices_from: municipalities, choice_filter: \"prefecture = 'x'\", label: M}\n")
            .contains { $0.contains("have no field 'prefecture'") })
        #expect(lint("      - {id: m, type: select_one, choices_from: municipality, label: M}\n")
            .contains { $0.contains("no register 'municipality'; did you mean 'municipalities'?") })
        #expect(lint("      - {id: m, type: select_one bureaus, choices_from: bureaus, label: M}\n")
            .contains { $0.contains("plain 'select_one'") })
        #expect(lint("      - {id: c, type: calculate, calculation: \"if(1 > 0, 1, 'x')\"}\n")
            .contains { $0.contains("one type, not number and text") })
        // A choice's own field: read by a filter, or warned about as a likely misspelling.
        let lists = "choice_lists:\n  l:\n    - {value: a, label: A, area: north}\n    - {value: b, label: B, area: south}\n"
        #expect(lint("      - {id: q, type: select_one l, label: Q, choice_filter: \"area = 'north'\"}\n", lists: lists).isEmpty)
        #expect(lint("      - {id: q, type: select_one l, label: Q}\n", lists: lists).contains { $0.contains("field 'area' that no choice_filter reads") })
        let misspelt = lint("      - {id: q, type: select_one l, label: Q}\n", lists: "choice_lists:\n  l:\n    - {value: a, lable: A}\n")
        #expect(misspelt.contains { $0.contains("unknown field 'lable'") }, "\(misspelt)")
    }

    /// The register's list is part of the questionnaire: canonical form, fingerprint, show.
    @Test func registerListIsPartOfTheQuestionnaire() throws {
        let questionnaire = try load()
        let municipalities = try #require(questionnaire.choiceList("municipalities"))
        #expect(municipalities.register == "municipalities" && municipalities.choices.count == 179)
        #expect(municipalities.choice("011002")?.label[.ja] == "札幌市" && municipalities.choice("011002")?.fields?["bureau"] == "ishikari")
        #expect(questionnaire.choiceList("bureaus")?.choices.count == 14)
        #expect(try Questionnaire.fromCanonicalJSON(questionnaire.canonicalJSON) == questionnaire)
        var edited = questionnaire
        edited.choiceLists[edited.choiceLists.firstIndex { $0.name == "municipalities" }!].choices.removeLast()
        #expect(edited.fingerprint != questionnaire.fingerprint)
        let shown = QuestionnaireFormatter(questionnaire: questionnaire, language: .ja).render()
        #expect(shown.contains("選択肢は名簿 'municipalities' から (179 件)") && !shown.contains("札幌市"))
        #expect(shown.contains("選択肢の絞り込み: 選択肢のbureau = [bureau]"))
        #expect(shown.contains("計算式: [full_time] + [part_time]"))
    }

    /// 振興局 → 市町村: the screen numbers the bureau's municipalities only, and the numbers,
    /// names and codes typed are read against that list.
    @Test func cascadingChoices() throws {
        var engine = InterviewEngine(questionnaire: try load())
        let municipality = try #require(engine.question("municipality"))
        engine.record(try engine.evaluate("石狩", for: try #require(engine.question("bureau"))), for: "bureau")
        #expect(engine.states["bureau"] == .answered(.choice("ishikari")))
        let offered = engine.offeredChoices(for: municipality)
        #expect(offered.map { $0.label[.ja] ?? "" } == ["札幌市", "江別市", "千歳市", "恵庭市", "北広島市", "石狩市", "当別町", "新篠津村"])
        let screen = QuestionScreen(engine: engine, language: .ja).render(municipality)
        #expect(screen.contains("7) 当別町") && !screen.contains("9)") && !screen.contains("函館市"))
        #expect(try engine.evaluate("2", for: municipality) == .answered(.choice("012173")))
        #expect(try engine.evaluate("当別町", for: municipality) == .answered(.choice("013030")))
        #expect(throws: AnswerProblem.unknownChoice("函館市", count: 8)) { try engine.evaluate("函館市", for: municipality) }
        // A value from elsewhere (an import, a script) is refused by name.
        #expect(throws: AnswerProblem.choiceNotOffered("012025")) { try engine.validate(.choice("012025"), for: municipality) }
    }

    /// Calculations follow the answers: saved as `calculated` events in the answer's transaction,
    /// cleared when they stop being relevant, read by later questions' logic and constraints.
    @Test func calculationsInAHearing() throws {
        let questionnaire = try load()
        let session = try HearingSession.start(
            store: store, questionnaire: questionnaire, respondent: town, isNewRespondent: true, interviewer: "tester", place: nil,
            consent: .publicAnonymous, language: .ja, previous: nil)
        for input in ["石狩", "7", "１２０", "30"] { _ = try session.answer(input) }
        #expect(session.engine.states["staff"] == .answered(.integer(150)))
        #expect(session.current?.id == "digital")
        #expect(throws: AnswerProblem.self) { try session.answer("151") }
        try session.answer("3")
        #expect(session.engine.states["share"] == .answered(.integer(2)))
        #expect(session.engine.states["size"] == .answered(.text("large")))
        #expect(session.current?.id == "followup")
        // Changing an answer recalculates; no calculation is ever put to the interviewer.
        try session.jump(to: "part_time")
        try session.answer("0")
        #expect(session.engine.states["staff"] == .answered(.integer(120)))
        #expect(session.engine.states["share"] == .answered(.decimal(2.5)))
        #expect(throws: AnswerProblem.calculatedNotAsked("staff")) { try session.engine.evaluate("3", for: try #require(session.engine.question("staff"))) }
        #expect(session.engine.relevantQuestions.filter { $0.type.isAnswerable }.count == 6)
        try session.jump(to: "full_time")
        try session.answer("0")
        try session.jump(to: "digital")
        try session.answer("0")
        try session.answer("0")
        session.close()

        let events = try store.events(of: session.hearing.id, questionnaire: questionnaire)
        let calculated = events.filter { $0.kind == .calculated }
        #expect(calculated.map(\.questionID) == ["size", "staff", "size", "share", "staff", "share", "staff", "share", "size"])
        // Staff 0: the share is not relevant and holds nothing; the log says when it was cleared.
        let stored = AnswerState.current(from: events)
        #expect(stored["staff"] == .answered(.integer(0)) && stored["share"] == nil && stored["size"] == .answered(.text("small:0")))
        #expect(calculated.last { $0.questionID == "share" }?.value == nil)

        // Exported with the answers; imported back, the calculations are worked out again.
        let wide = try readCSV(try exportCSV(.hearings, questionnaire: "t", from: store, into: directory))
        func value(_ column: String) -> String? { wide[0].firstIndex(of: column).map { wide[1][$0] } }
        #expect(value("staff") == "0" && value("share") == "" && value("size") == "small:0" && value("municipality") == "013030", "\(wide)")
        let path = try exportCSV(.hearings, questionnaire: "t", from: store, into: directory)
        let result = try HearingImporter(versions: [1: questionnaire], fixedVersion: 1, existingHearings: [])
            .read(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
        let imported = try HearingStore(path: directory.url.appendingPathComponent("imported.sqlite").path)
        try imported.insert(result.sets, snapshots: [questionnaire])
        #expect(AnswerState.current(from: try imported.events(of: session.hearing.id, questionnaire: questionnaire)) == stored)
    }

    /// A municipality chosen from the register names the municipal respondent who gave it when
    /// that respondent is hidden: public outputs show its value and label masked, leave its 0/1
    /// column empty and count it in one row with every other hidden choice; internal ones show it.
    @Test func hiddenRespondentsMunicipalityIsMasked() throws {
        let questionnaire = try load()
        let session = try HearingSession.start(
            store: store, questionnaire: questionnaire, respondent: town, isNewRespondent: true, interviewer: "tester", place: nil,
            consent: .publicAnonymous, language: .ja, previous: nil)
        for input in ["石狩", "当別町", "10", "0", "1", "少ない"] { _ = try session.answer(input) }
        try session.complete()
        session.close()

        let publicCSV = try String(contentsOfFile: try exportCSV(.hearings, questionnaire: "t", from: store, into: directory, audience: .public, labels: .ja), encoding: .utf8)
        #expect(!publicCSV.contains("当別") && !publicCSV.contains("013030") && !publicCSV.contains("とうべつ"))
        #expect(publicCSV.contains("ishikari,石狩振興局"))
        let internalCSV = try String(contentsOfFile: try exportCSV(.hearings, questionnaire: "t", from: store, into: directory, labels: .ja), encoding: .utf8)
        #expect(internalCSV.contains("013030,当別町"))

        let publication = try Publication(store: store, filter: ReviewFilter(status: nil, audience: .public), language: .ja)
        let shown = HearingFormatter(publication: publication).detail(
            hearing: session.hearing, respondent: town, questionnaire: questionnaire,
            events: try store.events(of: session.hearing.id, questionnaire: questionnaire), consents: [], review: .received, reviews: [])
        #expect(!shown.contains("当別") && shown.contains("石狩振興局"))
        try publication.check(shown, output: "show")

        let distribution = try #require(try store.distributions(of: "municipality", language: .ja, words: ChoiceWords(.ja), filter: publication.filter).first)
        let counted = publication.distribution(distribution)
        #expect(!counted.rows.contains { $0.label == "当別町" } && counted.rows.last?.label == "（伏せた選択肢）" && counted.rows.last?.count == 1)
        #expect(counted.rows.count == 179 - 1 + 1)
    }

    /// Two laptops change the same hearing's answer differently: the merge reports the answer, not
    /// the calculations derived from it, and settling the answer works them out again.
    @Test func mergeConflictRecalculates() throws {
        let questionnaire = try load()
        let session = try HearingSession.start(
            store: store, questionnaire: questionnaire, respondent: town, isNewRespondent: true, interviewer: "tester", place: nil,
            consent: .publicAnonymous, language: .ja, previous: nil)
        for input in ["石狩", "当別町", "10", "5", "1"] { _ = try session.answer(input) }
        session.close()
        store.close()
        let other = directory.url.appendingPathComponent("other.sqlite").path
        try FileManager.default.copyItem(atPath: store.path, toPath: other)
        let main = try HearingStore(path: store.path)
        for (copy, partTime) in [(main, "20"), (try HearingStore(path: other), "40")] {
            let resumed = try HearingSession.resume(store: copy, hearingID: session.hearing.id)
            try resumed.jump(to: "part_time")
            _ = try resumed.answer(partTime)
            resumed.close()
            if copy !== main { copy.close() }
        }
        _ = try main.merge([other])
        #expect(try main.conflicts().map(\.questionID) == ["part_time"])
        _ = try main.resolveConflict(hearing: session.hearing.id, question: "part_time", with: .answered(.integer(30)), reason: "聞き直し")
        let states = AnswerState.current(from: try main.events(of: session.hearing.id, questionnaire: questionnaire))
        #expect(states["part_time"] == .answered(.integer(30)) && states["staff"] == .answered(.integer(40)))
    }
}
