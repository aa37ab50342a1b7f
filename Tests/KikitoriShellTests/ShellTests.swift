import Foundation
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore
@testable import KikitoriShell

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A shell over a fresh database, fed scripted lines, writing into a string.
final class ShellHarness {
    let directory: URL
    let store: HearingStore
    var transcript = ""

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kikitori-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try HearingStore(path: directory.appendingPathComponent("h.sqlite").path)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The default codebook, for tests of coding in the shell.
    static func codebook() throws -> Codebook {
        try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path)
    }

    @discardableResult
    func run(_ lines: [String], language: Language = .en, codebook: Codebook? = nil) -> ScriptedLineReader {
        let reader = ScriptedLineReader(lines)
        let output = ShellOutput(style: .plain) { [unowned self] in transcript += $0 }
        let shell = Shell(
            store: store, library: QuestionnaireLibrary(root: repositoryRoot.appendingPathComponent("questionnaires").path),
            reader: reader, output: output, language: language, defaultInterviewer: "tester", codebook: codebook)
        shell.run()
        return reader
    }
}

@Suite("Hearing shell")
struct ShellTests {
    /// Set-up lines for a new private-firm respondent: (Enter for a new respondent,) kind,
    /// organisation, name, role, industry, municipality, region, interviewer, place, consent.
    static let newFirm = ["", "1", "株式会社北のデータ", "山田花子", "部長", "観光", "函館市", "", "", "本社", "2"]

    /// A whole hearing of each sample questionnaire, in Japanese, ends completed with its answers saved.
    @Test(arguments: [
        ("private-firm-data-use@1", [
            "", "6", "120", "1、3", "顧客の購買履歴", "", "3", "2", "1 4", "個人情報が心配", "", "メリットがあれば", "",
            "1", "観光統計", "", "2", "", "2", "", "y",
        ]),
        ("private-firm-data-use@2", [
            "", "6", "120", "1", "", "4", "5", "", "", "", "2", "", "", "2", "", "y",
        ]),
        ("municipality-head-open-data@1", [
            "1", "4800", "", "2", "はい", "3", "1,2", "人が足りない", "", "4", "training", "staff", "5", "within_year", "", "y",
        ]),
        ("digital-talent@1", ["1", "1", "3", "12.5", "4", "1 2", "採用に苦労", "", "3", "1", "1,2", "", "y"]),
    ])
    func fullHearing(reference: String, answers: [String]) throws {
        let harness = try ShellHarness()
        let kind = reference.hasPrefix("municipality") ? ["", "1", "ニセコ町", "", "", "ニセコ町", ""] : nil
        let setup = kind.map { $0 + ["", "", "1"] } ?? Self.newFirm
        harness.run(["new \(reference)"] + setup + answers + ["quit"], language: .ja)
        let summaries = try harness.store.hearings()
        #expect(summaries.count == 1)
        #expect(summaries.first?.hearing.status == .completed, "transcript:\n\(harness.transcript)")
        #expect(harness.transcript.contains("を完了しました"))
    }

    /// Invalid answers are explained and asked again; :back, :dk, :note and :pause work; history holds commands only.
    @Test func commandsAndErrors() throws {
        let harness = try ShellHarness()
        let reader = harness.run(
            ["new digital-talent@1"] + Self.newFirm + [
                "7", "1", ":back", "2", "yes", "many", "3", ":dk", ":note 社長は前向き", ":pause", "hearings", "quit",
            ])
        let transcript = harness.transcript
        #expect(transcript.contains("'7' is not one of the choices; type a number from 1 to 3, a value or a label."))
        #expect(transcript.contains("'many' is not a whole number."))
        #expect(transcript.contains("Note saved."))
        #expect(transcript.contains("paused; every answer is saved"))
        #expect(!reader.remembered.contains { $0.contains("社長") })
        #expect(reader.remembered.contains(":dk"))
        let hearing = try #require(try harness.store.hearings().first?.hearing)
        #expect(hearing.status == .paused)
        let questionnaire = try harness.store.snapshot(hearing.questionnaire)
        let states = AnswerState.current(from: try harness.store.events(of: hearing.id, questionnaire: questionnaire))
        #expect(states["organisation_type"] == .answered(.choice("municipality")))
        #expect(states["has_digital_staff"] == .answered(.yesNo(true)))
        #expect(states["digital_staff_count"] == .answered(.integer(3)))
        #expect(states["it_budget_share"] == .dontKnow)
    }

    /// `hearings` filters by status, questionnaire and respondent.
    @Test func hearingsFilters() throws {
        let harness = try ShellHarness()
        harness.run(["new digital-talent@1"] + Self.newFirm + ["1", ":pause", "quit"])
        harness.transcript = ""
        harness.run(["hearings paused", "hearings completed", "hearings digital-talent 北のデータ", "hearings 南の会社", "quit"])
        let blocks = harness.transcript.components(separatedBy: "\n")
        #expect(blocks.filter { $0.contains("株式会社北のデータ") }.count == 2)
        #expect(harness.transcript.components(separatedBy: "No hearings.").count - 1 == 2)
    }

    /// End of input during set-up cancels without saving anything.
    @Test func cancelledSetupSavesNothing() throws {
        let harness = try ShellHarness()
        harness.run(["new digital-talent", "", "1", "株式会社途中"])
        #expect(try harness.store.hearings().isEmpty)
        #expect(try harness.store.respondents().isEmpty)
        #expect(harness.transcript.contains("Cancelled; nothing was saved."))
    }

    /// Unknown commands and questionnaires get one clear line each.
    @Test func unknownThings() throws {
        let harness = try ShellHarness()
        harness.run(["frobnicate", "new nope", "resume zzzz", "quit"])
        #expect(harness.transcript.contains("Unknown command 'frobnicate'."))
        #expect(harness.transcript.contains("no questionnaire 'nope'"))
        #expect(harness.transcript.contains("no hearing 'zzzz'"))
    }
}

@Suite("Coding in the shell")
struct ShellTaggingTests {
    /// `tag review` states the theme's definition, then shows the model's suggestions first, most
    /// likely first with their clues; a confirmation counts and is a decision the model learns from.
    @Test func reviewShowsSuggestionsFirst() throws {
        let harness = try ShellHarness()
        let codebook = try ShellHarness.codebook()
        harness.run(
            ["new digital-talent@1"] + ShellTests.newFirm + ["1", "1", "3", "12", "4", "1", "書類仕事がかさむ", "", ":pause", "quit"],
            codebook: codebook)
        let workload = ["書類仕事に追われて", "書類仕事が山積みで", "書類仕事ばかりで", "書類仕事で手一杯で", "毎日の書類仕事が"]
        let none = ["駅前の賑わいが戻った", "祭りの来場者が増えた", "駅前の商店が元気だ", "新しい店が開いた", "観光客が戻ってきた"]
        let examples = workload.map { SuggestionModel.Example(text: $0 + "とても取り組めない。", labels: ["workload"]) }
            + none.map { SuggestionModel.Example(text: $0 + "。", labels: []) }
        let report = try harness.store.suggest(codebook: codebook, examples: examples, threshold: 0.9)
        #expect(report.suggested["workload"] == 1)
        harness.transcript = ""
        harness.run(["tag review workload", "高橋", "y", "quit"], codebook: codebook)
        #expect(harness.transcript.contains("More work, no spare hands"))
        #expect(harness.transcript.contains("suggested by the learned model (probability 0."))
        #expect(harness.transcript.contains("1 confirmed, 0 rejected"))
        let confirmed = try harness.store.tags(theme: "workload", state: .confirmed)
        #expect(confirmed.count == 1 && confirmed.first?.tag.source == .model)
        #expect(try harness.store.decisionExamples().count == 1)
        #expect(try harness.store.codings(theme: "workload").map(\.coder) == ["高橋"])
    }

    /// `:tag` and `:untag` record a person's decision on the answer just given.
    @Test func tagAndUntag() throws {
        let harness = try ShellHarness()
        harness.run(
            ["new digital-talent@1"] + ShellTests.newFirm + [
                "1", "1", "3", "12", "4", "1", "採用に苦労している", "", ":tag merit", ":untag cost", ":tag nonsense", ":pause", "quit",
            ], codebook: try ShellHarness.codebook())
        #expect(harness.transcript.contains("+ merit [hiring_detail]"))
        #expect(harness.transcript.contains("- cost [hiring_detail]"))
        #expect(harness.transcript.contains("theme 'nonsense' is not in the codebook"))
        let tags = try harness.store.tags()
        #expect(Set(tags.map { "\($0.tag.theme) \($0.tag.state.rawValue)" }) == ["merit manual", "cost rejected"])
    }

    /// `:mask` and `:consent` typed with the input method on (full-width) record a masked word and a
    /// consent change for the hearing on screen; a bad level gets the usage line and changes nothing.
    @Test func maskAndConsentFullWidth() throws {
        let harness = try ShellHarness()
        harness.run(
            ["new digital-talent@1"] + ShellTests.newFirm + [
                "：ｍａｓｋ　佐藤課長", ":mask 佐藤課長", "：ｃｏｎｓｅｎｔ　ｉｎｔｅｒｎａｌ＿ｏｎｌｙ　電話で撤回", ":consent nobody 理由",
                ":consent public_named", ":pause", "quit",
            ])
        #expect(harness.transcript.contains("'佐藤課長' is now masked in every public output"))
        #expect(harness.transcript.contains("'佐藤課長' is already masked"))
        #expect(harness.transcript.contains("now has consent 'internal only'"))
        #expect(harness.transcript.components(separatedBy: "Usage: :consent").count == 3)
        #expect(try harness.store.maskTerms().map(\.term) == ["佐藤課長"])
        let hearing = try #require(try harness.store.hearings().first).hearing
        #expect(hearing.consent == .internalOnly)
        #expect(try harness.store.consentHistory(hearing: hearing.id).map(\.reason) == ["電話で撤回"])
    }

    /// A note that cannot be saved says why and never "saved".
    @Test func noteSavedOnlyWhenSaved() throws {
        let harness = try ShellHarness()
        harness.run(["new digital-talent@1"] + ShellTests.newFirm + [":note 壊れた\u{0}メモ", ":note 普通のメモ", ":pause", "quit"])
        #expect(harness.transcript.components(separatedBy: "Note saved").count == 2)
        #expect(harness.transcript.contains("control character"))
    }

    /// `search` finds a two-character word in an answer just given, marking it in the snippet.
    @Test func searchInTheShell() throws {
        let harness = try ShellHarness()
        harness.run(
            ["new digital-talent@1"] + ShellTests.newFirm + [
                "1", "1", "3", "12", "4", "1", "採用の費用が負担", "", ":pause", "search 費用", "search 予算", "search", "quit",
            ])
        #expect(harness.transcript.contains("'費用': 1 match\n\n"))
        #expect(harness.transcript.contains("株式会社北のデータ  digital-talent@1  hiring_detail\n  採用の【費用】が負担\n"))
        #expect(harness.transcript.contains("No answers or notes contain '予算'."))
        #expect(harness.transcript.contains("search <words>"))
    }

    /// `tag`, `tag review` and `tag eval` work from the shell as from the command line.
    @Test func taggingCommands() throws {
        let harness = try ShellHarness()
        let eval = repositoryRoot.appendingPathComponent("Tests/KikitoriTests/Fixtures/labelled-statements.tsv").path
        harness.run(
            ["new digital-talent@1"] + ShellTests.newFirm + ["1", "1", "3", "12", "4", "1", "採用の費用が高い", "", ":pause",
            "tag", "tag", "coder ｓａｔｏ", "tag review cost", "y", "tag review cost --sample 2 --seed 3", "y", "q", "tag eval \(eval)",
            "tag nonsense", "quit"], codebook: try ShellHarness.codebook())
        #expect(harness.transcript.contains("Tagged with hokkaido-data-wg@3:"))
        #expect(harness.transcript.contains("0 new answers"))
        #expect(harness.transcript.contains("採用の【費用】が高い"))
        #expect(harness.transcript.contains("1 confirmed, 0 rejected"))
        #expect(harness.transcript.contains("160 statements"))
        #expect(harness.transcript.contains("Usage: tag [retag | dry-run | review <theme> [--sample N --seed S] | eval <labelled.tsv>]"))
        #expect(harness.transcript.contains("Coder: sato") && harness.transcript.contains("Blind coding: "))
        #expect(try harness.store.tags(theme: "cost", state: .confirmed).count == 1)
        let codings = try harness.store.codings(theme: "cost")
        #expect(!codings.isEmpty && codings.allSatisfy { $0.coder == "sato" } && codings.contains(where: \.blind))
    }
}
