import Foundation
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

@Suite("Loading questionnaires")
struct QuestionnaireLoaderTests {
    /// Every sample questionnaire loads without errors or warnings.
    @Test(arguments: [
        "private-firm-data-use@1", "private-firm-data-use@2", "municipality-head-open-data@1", "digital-talent@1",
        "data-inventory@1",
    ])
    func samplesAreClean(reference: String) throws {
        let path = try sampleLibrary.path(for: reference)
        let result = QuestionnaireLoader.inspect(path: path, checkFileName: true)
        #expect(result.diagnostics.map { $0.message(.en) } == [])
        let questionnaire = try #require(result.questionnaire)
        #expect(questionnaire.reference == reference)
        #expect(questionnaire.languages == [.ja, .en])
        // Each sample uses skip logic, required answers, constraints and choice lists.
        #expect(questionnaire.questions.contains { $0.relevant != nil })
        #expect(questionnaire.questions.contains { $0.required != .never })
        #expect(questionnaire.questions.contains { $0.constraint != nil })
        #expect(!questionnaire.choiceLists.isEmpty)
    }

    /// The loaded model holds what the file says: types, requirements, expressions, choices with themes.
    @Test func modelMatchesTheFile() throws {
        let q = try sampleLibrary.load("private-firm-data-use@1")
        #expect(q.title[.en] == "Hearing with private firms on data use")
        #expect(q.audience == [.privateFirm])
        let barriers = try #require(q.question("barriers"))
        #expect(barriers.type == .selectMultiple(list: "barriers"))
        #expect(barriers.allowOther)
        #expect(barriers.required == .when(.comparison(.lessOrEqual, .reference("willingness"), .number(3))))
        let willingness = try #require(q.question("willingness"))
        #expect(willingness.scale?.min == 1 && willingness.scale?.max == 5)
        #expect(willingness.scale?.maxLabel?[.ja] == "強くそう思う")
        #expect(q.choiceList("barriers")?.choice("privacy")?.theme == "privacy")
        #expect(q.question("comments")?.allowDontKnow == false)
        #expect(q.question("intro")?.type == .note)
    }

    /// Latest version by bare id, exact version by id@N, and clear errors otherwise.
    @Test func references() throws {
        #expect(try sampleLibrary.load("private-firm-data-use").version == 2)
        #expect(try sampleLibrary.load("private-firm-data-use@1").version == 1)
        #expect(throws: LibraryError.unknownVersion("private-firm-data-use", 9, known: [1, 2])) {
            try sampleLibrary.load("private-firm-data-use@9")
        }
        #expect(throws: LibraryError.badReference("private-firm-data-use@x")) {
            try sampleLibrary.load("private-firm-data-use@x")
        }
        #expect(throws: LibraryError.self) { try sampleLibrary.load("no-such-thing") }
    }

    /// A file in the questionnaires folder must be named after its id and version.
    @Test func fileNameMustMatch() throws {
        let directory = try TemporaryDirectory()
        let yaml = questionnaireYAML(questions: MalformedQuestionnaireTests.integerA)
        let path = try directory.write(yaml, to: "t/v2.yaml")
        let library = QuestionnaireLibrary(root: directory.url.path)
        #expect(throws: InputError.self) { try library.load("t@2") }
        let result = QuestionnaireLoader.inspect(path: path, checkFileName: true)
        #expect(result.diagnostics.map { $0.message(.en) } == [
            "\(path):1:1: the file should be named 't/v1.yaml' to match its id and version (found 't/v2.yaml')"
        ])
    }

    /// A missing file and a directory are reported as such, not as YAML errors.
    @Test func unreadableFiles() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.url.appendingPathComponent("missing.yaml").path
        #expect(QuestionnaireLoader.inspect(path: missing).diagnostics.map { $0.message(.en) } == [
            "\(missing):1:1: cannot read the file: No such file or directory"
        ])
        #expect(QuestionnaireLoader.inspect(path: directory.url.path).diagnostics.map { $0.message(.en) } == [
            "\(directory.url.path):1:1: cannot read the file: Is a directory"
        ])
    }
}

@Suite("Fingerprints")
struct FingerprintTests {
    static let original = questionnaireYAML(
        questions: """
                  - id: a
                    type: integer
                    label: {en: How many?}
                    constraint: . >= 1 and . <= 10
            """)

    func fingerprint(_ yaml: String) throws -> String {
        try #require(QuestionnaireLoader.inspect(data: Data(yaml.utf8), path: "t.yaml").questionnaire).fingerprint
    }

    /// Comments, key order, quoting, flow style and expression spacing do not change the fingerprint.
    @Test func layoutDoesNotMatter() throws {
        let reformatted = """
            # A comment that changes nothing
            version: 1
            id: "t"
            audience:
              - other
            languages: [en]
            title: 'T'
            sections:
              - title: S
                id: s
                questions:
                  - constraint: '.>=1   and .<=10'
                    label:
                      en: "How many?"
                    type: integer
                    id: a
            """
        #expect(try fingerprint(Self.original) == fingerprint(reformatted))
        #expect(try fingerprint(Self.original).count == 64)
    }

    /// Any change of meaning changes the fingerprint.
    @Test(arguments: [
        ("How many?", "How many people?"),
        (". <= 10", ". <= 11"),
        ("type: integer", "type: decimal"),
        ("version: 1", "version: 2"),
    ])
    func meaningMatters(before: String, after: String) throws {
        let changed = Self.original.replacingOccurrences(of: before, with: after)
        #expect(changed != Self.original)
        #expect(try fingerprint(Self.original) != fingerprint(changed))
    }

    /// The canonical JSON restores the same questionnaire, so a stored snapshot replays exactly.
    @Test func canonicalFormRoundTrips() throws {
        for reference in ["private-firm-data-use@2", "municipality-head-open-data@1", "digital-talent@1"] {
            let q = try sampleLibrary.load(reference)
            let restored = try Questionnaire.fromCanonicalJSON(q.canonicalJSON)
            #expect(restored == q)
            #expect(restored.fingerprint == q.fingerprint)
        }
    }
}
