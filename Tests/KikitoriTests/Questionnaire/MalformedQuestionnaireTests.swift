import Foundation
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

/// Each broken questionnaire gets exactly the message a user needs, at the line and column of the mistake.
@Suite("Malformed questionnaires")
struct MalformedQuestionnaireTests {
    static let integerA = """
              - id: a
                type: integer
                label: A
        """

    @Test func unknownType() {
        let yaml = questionnaireYAML(questions: """
                  - id: a
                    type: integr
                    label: A
            """)
        #expect(messages(yaml) == [
            "t.yaml:11:15: question 'a': unknown type 'integr'; use text, integer, decimal, date, yes_no, "
                + "select_one <list>, select_multiple <list>, scale, note or calculate"
        ])
    }

    @Test func unknownFieldSuggestsTheRightOne() {
        let yaml = questionnaireYAML(questions: Self.integerA + "\n        relevent: ${a} > 1")
        #expect(messages(yaml) == ["t.yaml:13:9: unknown field 'relevent'; did you mean 'relevant'?"])
    }

    @Test func missingLabel() {
        let yaml = questionnaireYAML(questions: """
                  - id: a
                    type: text
            """)
        #expect(messages(yaml) == ["t.yaml:10:9: question 'a': missing required field 'label'"])
    }

    @Test func duplicateQuestionID() {
        let yaml = questionnaireYAML(questions: Self.integerA + "\n" + Self.integerA)
        #expect(messages(yaml) == ["t.yaml:13:13: question 'a': question id 'a' is already used on line 10"])
    }

    @Test func invalidQuestionID() {
        let yaml = questionnaireYAML(questions: """
                  - id: Bad-Id
                    type: text
                    label: A
            """)
        #expect(messages(yaml) == [
            "t.yaml:10:13: 'id' must be snake_case (a-z, 0-9, _; starting with a letter), not 'Bad-Id'"
        ])
    }

    @Test func unknownQuestionInRelevant() {
        let yaml = questionnaireYAML(questions: Self.integerA + "\n        relevant: ${nope} = 1")
        #expect(messages(yaml) == ["t.yaml:13:19: question 'a': '${nope}' refers to no question of this questionnaire"])
    }

    @Test func referenceToLaterQuestion() {
        let yaml = questionnaireYAML(questions: Self.integerA + """

                    relevant: ${b} > 1
                  - id: b
                    type: integer
                    label: B
            """)
        #expect(messages(yaml) == ["t.yaml:13:19: question 'a': '${b}' refers to a question that comes later"])
    }

    @Test func selfReferenceInRelevant() {
        let yaml = questionnaireYAML(questions: Self.integerA + "\n        relevant: ${a} > 1")
        #expect(messages(yaml) == [
            "t.yaml:13:19: question 'a': '${a}' refers to the question itself; use '.' in a constraint"
        ])
    }

    @Test func comparingNumberWithText() {
        let yaml = questionnaireYAML(questions: Self.integerA + """

                  - id: b
                    type: text
                    label: B
                    relevant: ${a} = 'many'
            """)
        #expect(messages(yaml) == ["t.yaml:16:19: question 'b': cannot compare number with text"])
    }

    static let barrierLists = """
        choice_lists:
          barriers:
            - {value: privacy, label: Privacy}
            - {value: cost, label: Cost}
        """

    @Test func unknownChoiceValue() {
        let yaml = questionnaireYAML(
            questions: """
                      - id: barriers
                        type: select_multiple barriers
                        label: B
                      - id: detail
                        type: text
                        label: D
                        relevant: selected(${barriers}, 'prviacy')
                """, choiceLists: Self.barrierLists)
        #expect(messages(yaml) == ["t.yaml:16:19: question 'detail': 'prviacy' is not a value of choice list 'barriers'"])
    }

    @Test func unknownChoiceList() {
        let yaml = questionnaireYAML(questions: """
                  - id: a
                    type: select_one industries
                    label: A
            """)
        #expect(messages(yaml) == [
            "t.yaml:11:15: question 'a': choice list 'industries' is not defined under 'choice_lists'"
        ])
    }

    @Test func syntaxErrorPointsAtTheColumn() {
        let yaml = questionnaireYAML(questions: Self.integerA + "\n        constraint: . >= 1 and")
        #expect(messages(yaml) == ["t.yaml:13:31: question 'a': the expression ends too early"])
    }

    @Test func syntaxErrorInsideQuotesCountsTheQuote() {
        let yaml = questionnaireYAML(questions: Self.integerA + "\n        constraint: '. >= 1 & . < 5'")
        #expect(messages(yaml) == ["t.yaml:13:29: question 'a': unexpected character '&' in expression"])
    }

    @Test func unterminatedString() {
        let yaml = questionnaireYAML(questions: """
                  - id: a
                    type: text
                    label: A
                    constraint: ". != 'x"
            """)
        #expect(messages(yaml) == ["t.yaml:13:27: question 'a': a quoted string in the expression is not closed"])
    }

    @Test func dotOutsideConstraint() {
        let yaml = questionnaireYAML(questions: Self.integerA + "\n        relevant: . > 1")
        #expect(messages(yaml) == ["t.yaml:13:19: question 'a': '.' can only be used in a constraint, not in 'relevant'"])
    }

    @Test func conditionMustBeBoolean() {
        let yaml = questionnaireYAML(questions: Self.integerA + "\n        constraint: string-length(.)")
        #expect(messages(yaml) == [
            "t.yaml:13:21: question 'a': string-length() needs text, not a number",
            "t.yaml:13:21: question 'a': the expression must be a condition, but it is a number",
        ])
    }

    @Test func invalidBoolean() {
        let yaml = questionnaireYAML(questions: """
                  - id: a
                    type: text
                    label: A
                    multiline: sometimes
            """)
        #expect(messages(yaml) == ["t.yaml:13:20: question 'a': 'multiline' must be true or false, not 'sometimes'"])
    }

    @Test func scaleWithoutRange() {
        let yaml = questionnaireYAML(questions: """
                  - id: a
                    type: scale
                    label: A
            """)
        #expect(messages(yaml) == ["t.yaml:11:15: question 'a': a scale question needs 'scale: {min: …, max: …}'"])
    }

    @Test func scaleRangeBackwards() {
        let yaml = questionnaireYAML(questions: """
                  - id: a
                    type: scale
                    label: A
                    scale: {min: 5, max: 1}
            """)
        #expect(messages(yaml) == ["t.yaml:13:16: question 'a': scale min (5) must be less than max (1), at most 100 steps apart"])
    }

    @Test func requiredNote() {
        let yaml = questionnaireYAML(questions: """
                  - id: a
                    type: note
                    label: A
                    required: true
            """)
        #expect(messages(yaml) == [
            "t.yaml:13:19: question 'a': a note is shown, not answered, so it cannot be required"
        ])
    }

    @Test func multilineOnInteger() {
        let yaml = questionnaireYAML(questions: Self.integerA + "\n        multiline: true")
        #expect(messages(yaml) == ["t.yaml:13:20: question 'a': 'multiline' does not apply to a question of type 'integer'"])
    }

    @Test func comparingSelectMultiple() {
        let yaml = questionnaireYAML(
            questions: """
                      - id: barriers
                        type: select_multiple barriers
                        label: B
                      - id: detail
                        type: text
                        label: D
                        relevant: ${barriers} = 'cost'
                """, choiceLists: Self.barrierLists)
        #expect(messages(yaml) == [
            "t.yaml:16:19: question 'detail': a select_multiple answer cannot be compared; use selected() or count-selected()"
        ])
    }

    @Test func chainedComparison() {
        let yaml = questionnaireYAML(questions: Self.integerA + "\n        constraint: 1 < . < 5")
        #expect(messages(yaml) == [
            "t.yaml:13:27: question 'a': comparisons cannot be chained ('<' then '<'); join them with 'and'"
        ])
    }

    @Test func invalidDateLiteral() {
        let yaml = questionnaireYAML(questions: """
                  - id: a
                    type: date
                    label: A
                    constraint: . >= '2022-02-30'
            """)
        #expect(messages(yaml) == ["t.yaml:13:21: question 'a': '2022-02-30' is not a date; write YYYY-MM-DD"])
    }

    @Test func deeplyNestedExpression() {
        let deep = String(repeating: "(", count: 100) + ". > 1" + String(repeating: ")", count: 100)
        let yaml = questionnaireYAML(questions: Self.integerA + "\n        constraint: \(deep)")
        #expect(messages(yaml) == ["t.yaml:13:86: question 'a': the expression nests more than 64 levels deep"])
    }

    @Test func duplicateChoiceValue() {
        let yaml = questionnaireYAML(
            questions: """
                      - id: barriers
                        type: select_one barriers
                        label: B
                """,
            choiceLists: """
                choice_lists:
                  barriers:
                    - {value: cost, label: Cost}
                    - {value: cost, label: Money}
                """)
        #expect(messages(yaml) == ["t.yaml:16:7: choice list 'barriers': choice id 'cost' is already used on line 15"])
    }

    // MARK: The file and the document

    @Test func yamlSyntaxError() {
        let yaml = "id: t\nversion: 1\ntitle: [unclosed\n"
        #expect(messages(yaml) == [
            "t.yaml:4:1: YAML syntax error: did not find expected ',' or ']' while parsing a flow sequence"
        ])
    }

    @Test func notUTF8() {
        var data = Data("id: t\ntitle: ab".utf8)
        data.append(contentsOf: [0x82, 0xA0])  // Shift_JIS あ
        let result = QuestionnaireLoader.inspect(data: data, path: "t.yaml")
        #expect(result.diagnostics.map { $0.message(.en) } == ["t.yaml:2:10: the file is not valid UTF-8; save it as UTF-8"])
    }

    @Test func emptyFile() {
        #expect(messages("") == ["t.yaml:1:1: the file is empty"])
        #expect(messages("# only a comment\n") == ["t.yaml:1:1: the file is empty"])
    }

    @Test func documentIsNotAMapping() {
        #expect(messages("- a\n- b\n") == ["t.yaml:1:1: '(document)' must be a mapping (key: value)"])
    }

    @Test func aliasBombIsRefused() {
        let yaml = questionnaireYAML(questions: """
                  - &q
                    id: a
                    type: text
                    label: A
                  - *q
            """)
        #expect(messages(yaml).first == "t.yaml:10:9: YAML anchors and aliases are not supported; write the value out")
    }

    @Test func invalidVersion() {
        let yaml = questionnaireYAML(questions: Self.integerA).replacingOccurrences(of: "version: 1", with: "version: 0")
        #expect(messages(yaml) == ["t.yaml:2:10: 'version' must be a positive whole number, not '0'"])
    }

    @Test func unknownAudienceAndLanguage() {
        let yaml = questionnaireYAML(questions: Self.integerA, languages: "[en, fr]")
            .replacingOccurrences(of: "audience: [other]", with: "audience: [firms]")
        #expect(messages(yaml) == [
            "t.yaml:4:17: unknown language 'fr'; use ja or en",
            "t.yaml:5:12: unknown audience 'firms'; use private_firm, municipality_head, municipal_staff or other",
        ])
    }

    @Test func defaultLanguageNotDeclared() {
        let yaml = questionnaireYAML(questions: Self.integerA) + "default_language: ja\n"
        #expect(messages(yaml) == ["t.yaml:13:19: default_language 'ja' is not among 'languages'"])
    }

    @Test func duplicateKey() {
        let yaml = questionnaireYAML(questions: Self.integerA) + "title: Again\n"
        #expect(messages(yaml) == ["t.yaml:3:1: key 'title' appears more than once"])
    }

    @Test func tooLarge() {
        let data = Data(repeating: UInt8(ascii: "#"), count: YAMLReader.maximumFileSize + 1)
        let result = QuestionnaireLoader.inspect(data: data, path: "big.yaml")
        #expect(result.diagnostics.map { $0.message(.en) } == [
            "big.yaml:1:1: the file is too large (1048577 bytes; the limit is 1048576 bytes)"
        ])
    }

    /// Every error is reported at once, not only the first.
    @Test func reportsAllErrors() {
        let yaml = questionnaireYAML(questions: """
                  - id: a
                    type: integr
                    label: A
                  - id: b
                    type: text
                    relevant: ${zzz} = 'x'
            """)
        #expect(messages(yaml).count == 3)
    }

    /// Warnings do not stop a load, and name the missing translation.
    @Test func missingTranslationIsAWarning() throws {
        let yaml = questionnaireYAML(
            questions: """
                      - id: a
                        type: text
                        label: {ja: 質問}
                """, languages: "[ja, en]")
        let result = QuestionnaireLoader.inspect(data: Data(yaml.utf8), path: "t.yaml")
        #expect(result.questionnaire != nil)
        #expect(result.diagnostics.map { $0.message(.en) }.contains("t.yaml:12:16: warning: question 'a': 'label' has no text in 'en'"))
        #expect(result.diagnostics.map { $0.message(.ja) }.contains("t.yaml:12:16: 警告: 質問 'a': 'label' に 'en' の文言がありません"))
    }
}
