import Foundation
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

@Suite("Tagging answers in the store")
struct TaggingStoreTests {
    let directory: TemporaryDirectory
    let store: HearingStore
    let matcher: ThemeMatcher
    let codebook: Codebook

    init() throws {
        directory = try TemporaryDirectory()
        store = try HearingStore(path: directory.url.appendingPathComponent("t.sqlite").path)
        codebook = try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path)
        matcher = try ThemeMatcher(codebook: codebook)
    }

    /// A municipality hearing with two barrier choices (linked to themes) and a free-text detail.
    @discardableResult
    func hearing(detail: String) throws -> HearingSession {
        let session = try HearingSession.start(
            store: store, questionnaire: try sampleLibrary.load("municipality-head-open-data@1"),
            respondent: Respondent(kind: .municipalityHead, organisation: "テスト町"), isNewRespondent: true,
            interviewer: "t", place: nil, consent: .publicAnonymous, language: .ja)
        for input in ["1", "", "2", "2", "3", "workload, privacy", detail, ""] {
            if session.current?.type == .note { session.acknowledgeNote() }
            try session.answer(input)
        }
        return session
    }

    func themes(_ session: HearingSession, question: String) throws -> [String: ThemeTag.State] {
        var result: [String: ThemeTag.State] = [:]
        for item in try store.tags() where item.tag.hearingID == session.hearing.id && item.tag.questionID == question {
            result[item.tag.theme] = item.tag.state
        }
        return result
    }

    /// Text is matched by rules, choices by their linked theme; a second run changes nothing.
    @Test func tagsTextAndChoices() throws {
        let session = try hearing(detail: "職員が少なく、予算もない。コストは問題ないという町もあるが。")
        let report = try store.tag(with: matcher)
        #expect(report.full)
        #expect(try themes(session, question: "barriers") == ["workload": .auto, "privacy": .auto])
        #expect(try themes(session, question: "barrier_detail") == ["staffing_skills": .auto, "cost": .auto])
        let tags = try store.tags(theme: "cost")
        let text = try #require(tags.first?.text)
        let bytes = Array(text.utf8)
        #expect(tags.first?.tag.spans.map { String(decoding: bytes[$0], as: UTF8.self) } == ["予算"])
        #expect(tags.first?.tag.codebook == "hokkaido-data-wg@3")

        let again = try store.tag(with: matcher)
        #expect(!again.full)
        #expect(again.answersScanned == 0)
        #expect(try store.tags().count == tags.count + 3)
    }

    /// Re-tagging a tagged database with an edited codebook leaves exactly the tags a first run of
    /// that codebook writes: old automatic tags are replaced in slices of 500 events and 500 tags,
    /// read in stretches of 700 events here, and none is left behind or lost at an edge; the run
    /// leaves the connection's settings as it found them.
    @Test func retagEqualsAFirstRun() throws {
        let questionnaires = try sampleLibrary.entries().map { try sampleLibrary.load("\($0.id)@\($0.version)") }
        try SyntheticHearings(questionnaires: questionnaires, seed: 11).write(hearings: 400, to: store)
        _ = try store.tag(with: matcher)
        var edited = codebook
        edited.version = codebook.version + 1
        let cost = try #require(edited.themes.firstIndex { $0.id == "cost" })
        edited.themes[cost].rules = ["コスト"]
        let editedMatcher = try ThemeMatcher(codebook: edited)
        let report = try store.tag(with: editedMatcher, chunkRows: 700)
        // The run's bulk settings (held across its slices) and checkpoints are SQLite's defaults again.
        #expect(try store.read { db in
            try ["temp_store", "cache_size", "wal_autocheckpoint"].map { try Int.fetchOne(db, sql: "PRAGMA \($0)") }
        } == [0, -2000, 1000])
        #expect(report.answersScanned == (try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM current_answer WHERE kind IN ('answered', 'changed')") }))

        let fresh = try HearingStore(path: directory.url.appendingPathComponent("fresh.sqlite").path)
        try SyntheticHearings(questionnaires: questionnaires, seed: 11).write(hearings: 400, to: fresh)
        _ = try fresh.tag(with: editedMatcher)
        func keys(_ store: HearingStore) throws -> Set<String> {
            Set(try store.tags().map { "\($0.tag.eventID) \($0.tag.theme) \($0.tag.state)" })
        }
        let retagged = try keys(store)
        #expect(retagged.count > 1_000)
        #expect(retagged == (try keys(fresh)))
        #expect(try store.tags(theme: "cost").allSatisfy { NormalizedText.normalize($0.text ?? "").contains("コスト") || $0.tag.source == .choice })
    }

    /// A person's decisions survive a re-tag; rejected tags are not added back.
    @Test func humanDecisionsSurvive() throws {
        let session = try hearing(detail: "予算がない")
        _ = try store.tag(with: matcher)
        let answer = try store.answerReference(AnswerRef(hearing: session.hearing.shortID, question: "barrier_detail"))
        try store.decide(event: answer.event, hearing: answer.hearing, question: answer.question, theme: "cost", add: false, coder: "tester")
        try store.decide(event: answer.event, hearing: answer.hearing, question: answer.question, theme: "merit", add: true, coder: "tester")
        _ = try store.tag(with: matcher, retag: true)
        #expect(try themes(session, question: "barrier_detail") == ["cost": .rejected, "merit": .manual])
    }

    /// Changing an answer tags the new value; the old value's tags no longer count.
    @Test func changedAnswersAreRetagged() throws {
        let session = try hearing(detail: "予算がない")
        _ = try store.tag(with: matcher)
        try session.jump(to: "barrier_detail")
        try session.answer("個人情報が心配")
        let report = try store.tag(with: matcher)
        #expect(report.answersScanned == 1)
        #expect(try themes(session, question: "barrier_detail") == ["privacy": .auto])
    }

    /// A dry run with an edited codebook reports additions and removals per theme and writes nothing.
    @Test func dryRunShowsTheEffectOfAnEdit() throws {
        try hearing(detail: "予算がない。人手も足りない")
        _ = try store.tag(with: matcher)
        var edited = codebook
        edited.version = 2
        let cost = try #require(edited.themes.firstIndex { $0.id == "cost" })
        edited.themes[cost].rules = ["コスト"]
        let before = try store.tags().count
        let report = try store.tag(with: try ThemeMatcher(codebook: edited), dryRun: true)
        #expect(report.dryRun && report.full)
        #expect(report.removed["cost"] == 1)
        #expect(report.removedExamples["cost"] == ["予算がない。人手も足りない"])
        #expect(try store.tags().count == before)
    }

    /// The share of text answers without any theme shows where the codebook has gaps.
    @Test func untaggedShare() throws {
        try hearing(detail: "予算がない")
        try hearing(detail: "特になし")
        let report = try store.tag(with: matcher)
        #expect(report.totalTextAnswers == 2)
        #expect(report.untaggedTextAnswers == 1)
    }
}

@Suite("Codebook")
struct CodebookTests {
    let path = repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path

    /// The default codebook is clean and has the themes reports and exports rely on.
    @Test func defaultCodebook() throws {
        let result = CodebookLoader.inspect(path: path)
        #expect(result.diagnostics.map { $0.message(.en) } == [])
        let ids = Set(try #require(result.codebook).themes.map(\.id))
        #expect(ids.isSuperset(of: [
            "privacy", "cost", "merit", "workload", "staffing_skills", "legal_rules", "discoverability",
            "data_quality_format", "security", "responsibility_accuracy", "leadership_understanding",
        ]))
    }

    /// Every theme a sample questionnaire's choices link to exists in the codebook.
    @Test func choicesLinkToKnownThemes() throws {
        let themes = Set(try CodebookLoader.load(path: path).themes.map(\.id))
        for entry in try sampleLibrary.entries() {
            let result = QuestionnaireLoader.inspect(path: entry.path, knownThemes: themes)
            #expect(result.diagnostics.isEmpty, "\(entry.path)")
        }
        let yaml = questionnaireYAML(
            questions: "      - id: a\n        type: select_one l\n        label: A",
            choiceLists: "choice_lists:\n  l:\n    - {value: x, label: X, theme: nonsense}")
        let result = QuestionnaireLoader.inspect(data: Data(yaml.utf8), path: "t.yaml")
        #expect(result.diagnostics.isEmpty)
        let directory = try TemporaryDirectory()
        let file = try directory.write(yaml, to: "t.yaml")
        #expect(QuestionnaireLoader.inspect(path: file, knownThemes: themes).diagnostics.map { $0.message(.en) } == [
            "\(file):15:35: choice 'x' of 'l': theme 'nonsense' is not in the codebook"
        ])
    }

    /// Bad rules are reported at the line and column of the mistake, with the theme named.
    @Test func badRules() {
        let yaml = """
            id: c
            version: 1
            themes:
              - id: cost
                label: Cost
                rules:
                  - 'コスト | (費用'
                  - '!特になし'
                  - '@nowhere'
              - id: loop_a
                label: A
                rules: ['@loop_b']
              - id: loop_b
                label: B
                colour: red
                rules: ['@loop_a']
            """
        let messages = CodebookLoader.inspect(data: Data(yaml.utf8), path: "c.yaml").diagnostics.map { $0.message(.en) }
        #expect(messages == [
            "c.yaml:7:19: theme 'cost': expected ')' to close",
            "c.yaml:8:9: theme 'cost': the rule would match answers that contain none of its keywords; add a keyword with '&'",
            "c.yaml:15:13: theme 'loop_b': colour must be written #rrggbb, not 'red'",
            "c.yaml:9:9: theme 'cost': '@nowhere' refers to no theme of this codebook",
            "c.yaml:12:13: theme 'loop_a': themes refer to each other in a circle: loop_a → loop_b → loop_a",
        ])
    }

    /// The labelled development set: the figures the README states, kept from regressing.
    @Test func evaluation() throws {
        let matcher = try ThemeMatcher(codebook: try CodebookLoader.load(path: path))
        let fixtures = repositoryRoot.appendingPathComponent("Tests/KikitoriTests/Fixtures")
        let development = try TagEvaluation(matcher: matcher, path: fixtures.appendingPathComponent("labelled-statements.tsv").path)
        #expect(development.statements >= 150)
        #expect(development.micro.f1 >= 0.95)
        let heldOut = try TagEvaluation(matcher: matcher, path: fixtures.appendingPathComponent("labelled-heldout.tsv").path)
        #expect(heldOut.statements == 60)
        #expect(heldOut.micro.precision >= 0.9)
    }
}

/// The bitmap of event numbers tagging reads current answers and tags into.
@Suite("Event sets")
struct EventSetTests {
    @Test func insertsAndFinds() {
        var set = EventSet([1, 63, 64, 65, 1_000_000])
        set.insert(127)
        for number: Int64 in [1, 63, 64, 65, 127, 1_000_000] { #expect(set.contains(number)) }
        for number: Int64 in [0, 2, 62, 66, 128, 999_999, 1_000_001, 5_000_000, -1] { #expect(!set.contains(number)) }
        #expect(!EventSet().contains(1))
    }
}
