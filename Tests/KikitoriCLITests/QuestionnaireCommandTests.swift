import Foundation
import KikitoriTestSupport
import Testing

@Suite("kikitori questionnaire")
struct QuestionnaireCommandTests {
    /// `lint` passes on the samples and says so on standard error.
    @Test func lintSamples() throws {
        let result = try kikitori(["questionnaire", "lint", "--lang", "en"])
        #expect(result.status == 0)
        #expect(result.stderr == "6 files checked: 0 errors, 0 warnings\n")
    }

    /// A broken file gets `path:line:column` errors and exit 65 (EX_DATAERR).
    @Test func lintBrokenFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            """
            id: broken
            version: 1
            title: Broken
            languages: [en]
            audience: [other]
            sections:
              - id: s
                title: S
                questions:
                  - id: a
                    type: integr
                    label: A
                  - id: b
                    type: text
                    label: B
                    relevant: ${a} = 'x' and
            """, to: "broken.yaml")
        let result = try kikitori(["questionnaire", "lint", path, "--lang", "en"])
        #expect(result.status == 65)
        #expect(result.stderr == """
            \(path):11:15: question 'a': unknown type 'integr'; use text, integer, decimal, date, yes_no, \
            select_one <list>, select_multiple <list>, scale, note or calculate
            \(path):16:33: question 'b': the expression ends too early
            1 file checked: 2 errors, 0 warnings

            """)
        #expect(result.stdout == "")
    }

    /// A broken codebook is said, not silently skipped, when lint checks choice themes.
    @Test func lintWithBrokenCodebook() throws {
        let directory = try TemporaryDirectory()
        let codebook = try directory.write("id: c\nversion: 1\nthemes: [\n", to: "codebook.yaml")
        let result = try kikitori(["questionnaire", "lint", "--codebook", codebook, "--lang", "en"])
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("\(codebook): warning: the codebook has errors, so choice themes were not checked"))
        #expect(result.stderr.hasSuffix("6 files checked: 0 errors, 1 warning\n"))
    }

    /// Japanese messages when the locale or --lang asks for them.
    @Test func lintInJapanese() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("id: x\nversion: 1\n", to: "x.yaml")
        let result = try kikitori(["questionnaire", "lint", path], environment: ["LANG": "ja_JP.UTF-8"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(path):1:1: 必須の項目 'title' がありません\n"))
    }

    /// `list` shows one row per version with its question count and short fingerprint.
    @Test func list() throws {
        let result = try kikitori(["questionnaire", "list", "--lang", "en"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 8)
        #expect(lines[0].hasPrefix("id "))
        #expect(lines.contains { $0.hasPrefix("private-firm-data-use") && $0.contains(" v2 ") && $0.contains(" 19 ") })
    }

    /// `show` spells out skip logic with choice labels, in the chosen language.
    @Test func showInBothLanguages() throws {
        let english = try kikitori(["questionnaire", "show", "private-firm-data-use@1", "--lang", "en"])
        #expect(english.status == 0)
        #expect(english.stdout.hasPrefix("Hearing with private firms on data use  (private-firm-data-use@1)\n"))
        #expect(english.stdout.contains(
            "Asked only if: [publish_status] = \"Published as open data\" or [publish_status] = \"Shared with partners only\""))
        #expect(english.stdout.contains("Must satisfy: the answer ≥ 1 and the answer ≤ 500000 — Enter a number from 1 to 500000."))
        let japanese = try kikitori(["questionnaire", "show", "private-firm-data-use@1", "--lang", "ja"])
        #expect(japanese.stdout.contains("質問する条件: [uses_gov_data] = 「はい」"))
        #expect(japanese.stdout.contains("必須となる条件: [willingness] ≤ 3"))
    }

    /// `diff` as text and as JSON.
    @Test func diff() throws {
        let text = try kikitori(["questionnaire", "diff", "private-firm-data-use@1", "private-firm-data-use@2", "--lang", "en"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("  ~ willingness\n"))
        let json = try kikitori(["questionnaire", "diff", "private-firm-data-use@1", "private-firm-data-use@2", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let questions = object?["questions"] as? [String: Any]
        #expect(questions?["added"] as? [String] == ["preferred_arrangements"])
    }

    /// Unknown questionnaires exit 66 with one line naming what exists.
    @Test func unknownQuestionnaire() throws {
        let result = try kikitori(["questionnaire", "show", "nope", "--lang", "en"])
        #expect(result.status == 66)
        #expect(result.stderr == "kikitori: no questionnaire 'nope'; known: data-inventory, digital-talent, municipality-head-open-data, private-firm-data-use\n")
    }

    /// Every command's help has an example.
    @Test(arguments: [["questionnaire", "list"], ["questionnaire", "show"], ["questionnaire", "lint"], ["questionnaire", "diff"]])
    func helpHasExamples(command: [String]) throws {
        let result = try kikitori(command + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("kikitori " + command.joined(separator: " ")))
        #expect(result.stdout.contains("Example"))
    }
}
