import Foundation
import GRDB
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore
@testable import KikitoriText

/// The learned layer beside the rules: trained, stored, suggested, reviewed, never counted unasked.
@Suite("Learned suggestions")
struct SuggestionTests {
    let directory: TemporaryDirectory
    let store: HearingStore
    let codebook: Codebook

    init() throws {
        directory = try TemporaryDirectory()
        store = try HearingStore(path: directory.url.appendingPathComponent("s.sqlite").path)
        codebook = try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path)
    }

    static let examples: [SuggestionModel.Example] = {
        var examples: [SuggestionModel.Example] = []
        for phrase in ["書類仕事に追われて", "書類仕事が山積みで", "書類仕事ばかりで", "書類仕事で手一杯で", "毎日の書類仕事が"] {
            examples.append(.init(text: phrase + "とても取り組めない。", labels: ["workload"]))
        }
        for phrase in ["駅前の賑わいが戻った", "祭りの来場者が増えた", "駅前の商店が元気だ", "新しい店が開いた", "観光客が戻ってきた"] {
            examples.append(.init(text: phrase + "。", labels: []))
        }
        return examples
    }()

    /// Same examples, same model; a suggestion names the character sequences behind it.
    @Test func deterministicAndExplained() throws {
        let themes = codebook.themes.map(\.id)
        let first = SuggestionModel.train(Self.examples, themes: themes, codebook: codebook.reference, threshold: 0.9)
        let second = SuggestionModel.train(Self.examples, themes: themes, codebook: codebook.reference, threshold: 0.9)
        #expect(first == second)
        #expect(first.trainingFingerprint.count == 64)
        // Only workload has positive examples: no other theme gets a classifier.
        #expect(first.themes.map(\.theme) == ["workload"])
        let suggestion = try #require(first.suggest("今年も書類仕事が多くて困る。").first)
        #expect(suggestion.theme == "workload" && suggestion.probability >= 0.9)
        #expect(suggestion.features.contains { "書類仕事".contains($0) })
        #expect(first.suggest("駅前に新しい店が開いた。").isEmpty)
    }

    /// A hearing whose detail no rule covers.
    func hearing(_ detail: String) throws -> HearingSession {
        let session = try HearingSession.start(
            store: store, questionnaire: try sampleLibrary.load("municipality-head-open-data@1"),
            respondent: Respondent(kind: .municipalityHead, organisation: "テスト町"), isNewRespondent: true,
            interviewer: "t", place: nil, consent: .publicAnonymous, language: .ja)
        for input in ["1", "", "2", "2", "3", "1", detail, ""] {
            if session.current?.type == .note { session.acknowledgeNote() }
            try session.answer(input)
        }
        return session
    }

    /// Suggestions are written with their score, not counted until asked or confirmed, shown first
    /// in review order, and replaced by the rules' verdict on a re-run.
    @Test func suggestionsAreNotCountedUntilConfirmed() throws {
        let session = try hearing("書類仕事がかさんでしまう。")
        _ = try store.tag(with: try ThemeMatcher(codebook: codebook))
        let report = try store.suggest(codebook: codebook, examples: Self.examples, threshold: 0.9)
        #expect(report.fileExamples == 10 && report.decisionExamples == 0)
        #expect(report.suggested["workload"] == 1)
        let suggested = try store.tags(theme: "workload", state: .suggested)
        #expect(suggested.count == 1)
        #expect((suggested.first?.tag.score ?? 0) >= 0.9 && suggested.first?.tag.source == .model)
        let counted = { (include: Bool) -> Int in
            var filter = ReviewFilter(status: nil)
            filter.includeSuggested = include
            return try self.store.crossTab(themes: ["workload"], unit: .answers, filter: filter).total("workload")
        }
        // Only the unconfirmed suggestion tells the two counts apart.
        let without = try counted(false)
        #expect(try counted(true) == without + 1)
        let models = try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tag_model") }
        #expect(models == 1)
        // A person confirms it: counted, and a decision the next model learns from.
        let tag = try #require(suggested.first?.tag)
        try store.decide(event: tag.eventID, hearing: tag.hearingID, question: tag.questionID, theme: "workload", add: true, coder: "tester")
        #expect(try counted(false) == without + 1)
        #expect(try store.decisionExamples().map(\.labels) == [["workload"]])
        // Suggesting again leaves the person's decision alone.
        _ = try store.suggest(codebook: codebook, examples: Self.examples, threshold: 0.9)
        #expect(try store.tags(theme: "workload", state: .confirmed).count == 1)
        #expect(try store.tags(theme: "workload", state: .suggested).isEmpty)
        _ = session
    }

    /// A theme the respondent says is no concern is not suggested, however much its words weigh:
    /// the rules would have found workload in 「書類仕事の手間は問題ない」 but for the negation.
    @Test func negatedThemesAreNotSuggested() throws {
        _ = try hearing("書類仕事の手間は問題ない。")
        _ = try hearing("書類仕事の手間がかさむ。")
        _ = try store.tag(with: try ThemeMatcher(codebook: codebook))
        let model = SuggestionModel.train(Self.examples, themes: codebook.themes.map(\.id), codebook: codebook.reference, threshold: 0.9)
        #expect(model.suggest("書類仕事の手間は問題ない。").map(\.theme) == ["workload"])
        let matcher = try ThemeMatcher(codebook: codebook)
        var scratch = matcher.makeScratch()
        #expect(matcher.negatedThemes(NormalizedText("書類仕事の手間は問題ない。"), scratch: &scratch) == ["workload"])
        #expect(matcher.negatedThemes(NormalizedText("手間は問題ないが、書類仕事で手一杯だ。"), scratch: &scratch).isEmpty)
        _ = try store.suggest(codebook: codebook, examples: Self.examples, threshold: 0.9)
        let workload = try store.tags(theme: "workload").map(\.tag)
        #expect(workload.filter { $0.state == .suggested }.isEmpty)
        #expect(workload.contains { $0.state == .auto })
    }

    /// The rules' verdict replaces a suggestion on the same answer and theme.
    @Test func rulesReplaceSuggestions() throws {
        _ = try hearing("書類仕事で手が回らない。")
        _ = try store.suggest(codebook: codebook, examples: Self.examples, threshold: 0.9)
        let suggestion = try #require(try store.tags(theme: "workload", state: .suggested).first?.tag)
        _ = try store.tag(with: try ThemeMatcher(codebook: codebook), retag: true)
        #expect(try store.tags(theme: "workload", state: .suggested).isEmpty)
        #expect(try store.tags(theme: "workload", state: .auto).contains { $0.tag.eventID == suggestion.eventID })
    }

    /// Text answers no theme covers, grouped by the longest phrase they share; examples masked.
    @Test func gaps() throws {
        let texts = ["除雪の担当が足りない冬は厳しい", "除雪の担当が足りない年がある", "除雪の担当が足りない", "観光は好調"]
        let gaps = CodebookGaps(untaggedTexts: texts, total: 10, top: 5)
        #expect(gaps.untagged == 4 && gaps.total == 10)
        let first = try #require(gaps.groups.first)
        #expect(first.phrase == "除雪の担当が足り" || first.phrase.hasPrefix("除雪") || first.phrase.contains("担当"))
        #expect(first.answers == 3)
        // No phrase inside a longer one found in as many answers.
        #expect(!gaps.groups.contains { $0.phrase == "除雪" && $0.answers == 3 })
        #expect(gaps.groups.allSatisfy { $0.phrase.contains(where: CodebookGaps.isContent) })
    }

    /// With MeCab, answers are grouped by the word they share in any of its forms (回らない, 回って,
    /// 回った are 回る), which no run of characters finds; without, by characters as before.
    @Test func gapsByWords() throws {
        let texts = ["予約が回らない", "受付の手が回っていない", "窓口がなんとか回った", "除雪は順調"]
        let gaps = CodebookGaps(untaggedTexts: texts, total: 4, top: 10, lemmatizer: try MeCabTagger().lemmatizer)
        #expect(gaps.byWords)
        #expect(gaps.groups.first == CodebookGaps.Group(phrase: "回る", answers: 3, examples: Array(texts.prefix(3))))
        let characters = CodebookGaps(untaggedTexts: texts, total: 4, top: 10)
        #expect(!characters.byWords && !characters.groups.contains { $0.answers == 3 })
    }

    /// Word lemmas are features beside characters when an analyser is given: a conjugated form
    /// weighs as its dictionary form, the model says it used them, and models kept before lemmas
    /// existed still read (characters only).
    @Test func lemmasAsFeatures() throws {
        let lemmatizer = try MeCabTagger().lemmatizer
        let features = SuggestionModel.features(of: "仕事が増えた", lemmas: lemmatizer("仕事が増えた"))
        #expect(features["[増える]"] == 1 && features["[仕事]"] == 1 && features["増え"] == 1)
        let themes = codebook.themes.map(\.id)
        let model = SuggestionModel.train(Self.examples, themes: themes, codebook: codebook.reference, threshold: 0.9, lemmatizer: lemmatizer)
        #expect(model.usesLemmas && model.themes.first?.weights["[書類]"] != nil)
        #expect(model == SuggestionModel.train(Self.examples, themes: themes, codebook: codebook.reference, threshold: 0.9, lemmatizer: lemmatizer))
        let suggestion = try #require(model.suggest("今年も書類仕事が多くて困る。", lemmatizer: lemmatizer).first)
        #expect(suggestion.theme == "workload" && suggestion.features.contains("[書類]"))
        let kept = try JSONDecoder().decode(SuggestionModel.self, from: try JSONEncoder().encode(model))
        #expect(kept == model)
        var old = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(model)) as? [String: Any])
        old.removeValue(forKey: "usesLemmas")
        #expect(try JSONDecoder().decode(SuggestionModel.self, from: try JSONSerialization.data(withJSONObject: old)).usesLemmas == false)
    }

    /// Every theme has a definition people code by: what counts, what does not, examples.
    @Test func themeDefinitions() {
        for theme in codebook.themes {
            #expect(theme.description != nil && theme.excludes != nil, "\(theme.id)")
            #expect((theme.examples ?? []).count >= 1, "\(theme.id)")
        }
        let shown = CodebookFormatter(codebook: codebook, language: .en).render()
        #expect(shown.contains("Does not count: Positive remarks that the benefit is large"))
        let qdc = QDACodebook.xml(codebook, language: .ja)
        #expect(qdc.contains("含めないもの:"))
    }
}

/// The real-statement corpus and the figures the README states, kept from regressing.
@Suite("Real-statement corpus")
struct CorpusTests {
    static let folder = repositoryRoot.appendingPathComponent("corpus")

    func rows(_ name: String) throws -> [[String: String]] {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    /// At least 400 statements, each with a source; split by source, never within one.
    @Test func splitBySource() throws {
        let development = try rows("real-dev.tsv"), heldOut = try rows("real-heldout.tsv")
        #expect(development.count + heldOut.count >= 400)
        #expect((development + heldOut).allSatisfy { !($0["source"] ?? "").isEmpty && !($0["text"] ?? "").isEmpty })
        #expect(Set(development.compactMap { $0["source"] }).isDisjoint(with: heldOut.compactMap { $0["source"] }))
        let none = (development + heldOut).filter { ($0["labels"] ?? "").isEmpty }.count
        #expect(Double(none) / Double(development.count + heldOut.count) >= 0.15)
    }

    /// The rules on both splits, as the README reports them; the held-out figures are the goal
    /// (macro F1 at least 0.80 with precision at least 0.85).
    @Test func rulesOnRealStatements() throws {
        let matcher = try ThemeMatcher(codebook: try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path))
        let development = try TagEvaluation(matcher: matcher, path: Self.folder.appendingPathComponent("real-dev.tsv").path)
        let heldOut = try TagEvaluation(matcher: matcher, path: Self.folder.appendingPathComponent("real-heldout.tsv").path)
        #expect(development.statements >= 430)
        #expect(development.macro.f1 >= 0.90 && development.macro.precision >= 0.88)
        #expect(heldOut.macro.f1 >= 0.80 && heldOut.macro.precision >= 0.85)
    }

    /// Rules, suggestions and both on the held-out split, the model trained on the development split:
    /// either layer finds more than the rules alone.
    @Test func layers() throws {
        let codebook = try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path)
        let themes = Set(codebook.themes.map(\.id))
        let training = try LabelledStatement.read(Self.folder.appendingPathComponent("real-dev.tsv").path, themes: themes)
        let model = SuggestionModel.train(
            training.map { .init(text: $0.text, labels: $0.labels) }, themes: codebook.themes.map(\.id), codebook: codebook.reference)
        let heldOut = try LabelledStatement.read(Self.folder.appendingPathComponent("real-heldout.tsv").path, themes: themes)
        let layers = TagEvaluation.layers(matcher: try ThemeMatcher(codebook: codebook), model: model, statements: heldOut)
        #expect(layers.both.micro.recall >= layers.rules.micro.recall)
        #expect(layers.suggestions.micro.truePositives > 0)
    }
}
