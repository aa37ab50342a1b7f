import Foundation
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriText

/// MeCab words, characteristic words, concordances and the network, on sentences with known answers.
@Suite("Text exploration")
struct ExploreTests {
    let tagger: MeCabTagger

    init() throws {
        tagger = try MeCabTagger()
    }

    /// Lemmas, parts of speech and ranges back into the original (full-width) characters.
    @Test func lemmasAndRanges() throws {
        let text = "ＤＸで仕事が増えて、手が回らない。オープンデータの棚卸しも必要だ。"
        let tokens = tagger.tokens(text)
        let content = tokens.filter(MeCabTagger.isContent).map(\.lemma)
        #expect(content.contains("増える") && content.contains("回る") && content.contains("仕事"))
        #expect(content.contains("オープンデータ") && content.contains("棚卸し"))
        #expect(!content.contains("する") && !content.contains("ない"))
        let increase = try #require(tokens.first { $0.lemma == "増える" })
        #expect(increase.pos == "動詞" && increase.surface == "増え")
        let dx = try #require(tokens.first { $0.surface == "dx" })
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[dx.range], as: UTF8.self) == "ＤＸ")
        #expect(String(decoding: bytes[increase.range], as: UTF8.self) == "増え")
    }

    /// The counting path (word ids, no Strings per word) reads every real statement into the same
    /// words as the token path filtered by `isContent`, user words and unknown words included.
    @Test func contentWordsAgreeWithTokens() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("corpus/real-dev.tsv"), encoding: .utf8)
        let statements = text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            return fields.count > 2 ? String(fields[2]) : nil
        }
            + ["ＤＸで仕事が増えて、手が回らない。オープンデータの棚卸しも必要だ。", "石狩振興局のデータセット、ｸﾗｳﾄﾞで管理", "ｘｙｚｚｙ社のＡＰＩ"]
        #expect(statements.count > 200)
        for statement in statements {
            let expected = tagger.tokens(statement).filter(MeCabTagger.isContent).map(\.lemma)
            let fast = tagger.contentWords(statement).map { tagger.vocabulary[Int($0)].lemma }
            #expect(fast == expected, "\(statement)")
        }
    }

    /// A large corpus is read in shares on several threads; what comes out is what one pass gives:
    /// the same counts, the part of speech each word was first met as, the same network. The
    /// second half says words the first does not, so the shares' vocabularies must be merged.
    @Test func sharesReadAsOnePass() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("corpus/real-dev.tsv"), encoding: .utf8)
        let statements = text.split(separator: "\n").dropFirst().compactMap { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).dropFirst(2).first.map(String.init)
        }
        let halves = [Array(statements.prefix(statements.count / 2)), Array(statements.dropFirst(statements.count / 2))]
        let size = 2 * TextExploration.answersPerWorker + 200
        let corpus = (0..<size).map { index -> (id: String, group: String?, text: String) in
            let half = halves[index < size / 2 ? 0 : 1]
            return ("a\(index)", index % 3 == 0 ? "town" : "firm", half[index % half.count])
        }
        let single = TextExploration(corpus, morphology: try MeCabTagger(), workers: 1)
        let shared = TextExploration(corpus, morphology: try MeCabTagger(), workers: 2)
        #expect(single.words(minimumDocuments: 1) == shared.words(minimumDocuments: 1))
        #expect(single.words().count > 300)
        #expect(single.characteristic(of: "town") == shared.characteristic(of: "town"))
        #expect(WordNetwork(single, top: 40).svg() == WordNetwork(shared, top: 40).svg())
        for (one, other) in zip(single.documents, shared.documents) {
            #expect(one.words.map { single.vocabulary[Int($0)].lemma } == other.words.map { shared.vocabulary[Int($0)].lemma })
            #expect(other.distinct == other.distinct.sorted() && Set(other.distinct).count == other.distinct.count)
        }
    }

    /// User words that begin alike: the longest one present wins, whichever order they were given in.
    @Test func userWordsLongestFirst() throws {
        let custom = try MeCabTagger(userWords: ["総合振興", "総合振興局"])
        #expect(custom.tokens("石狩総合振興局の職員").map(\.surface) == ["石狩", "総合振興局", "の", "職員"])
        #expect(custom.tokens("総合振興の計画").map(\.surface).prefix(2) == ["総合振興", "の"])
    }

    static let corpus: [(id: String, group: String?, text: String)] = [
        ("a1", "firm", "予算が足りない。費用の負担が重い。"), ("a2", "firm", "費用が心配だ。"), ("a3", "firm", "予算と費用の問題。"),
        ("m1", "town", "職員が足りない。研修がない。"), ("m2", "town", "職員の研修を増やしたい。"), ("m3", "town", "職員が忙しい。"),
        ("m4", "town", "予算も職員も足りない。"),
    ]

    /// Words a group says that the others do not come first; G² and p as a 2×2 table gives them.
    @Test func characteristicWords() {
        let exploration = TextExploration(Self.corpus, morphology: tagger)
        let town = exploration.characteristic(of: "town", minimumDocuments: 2)
        #expect(town.first?.lemma == "職員")
        #expect(town.first?.inGroup == 4 && town.first?.outside == 0)
        #expect(abs((town.first?.jaccard ?? 0) - 1.0) < 1e-9)
        let firm = exploration.characteristic(of: "firm", minimumDocuments: 2).map(\.lemma)
        #expect(firm.prefix(2).contains("費用"))
        // G² of [[4, 0], [0, 3]]: 2 Σ O ln(O/E).
        let g2 = TextExploration.g2(4, 0, 0, 3)
        #expect(abs(g2 - 2 * (4 * log(4 / (4.0 * 4 / 7)) + 3 * log(3 / (3.0 * 3 / 7)))) < 1e-9)
        #expect(TextExploration.chiSquareP(3.841458820694124) > 0.0499 && TextExploration.chiSquareP(3.841458820694124) < 0.0501)
    }

    /// Concordance lines keep their context, cut to the display width asked, Japanese included.
    @Test func concordance() {
        let exploration = TextExploration(Self.corpus, morphology: tagger)
        let lines = exploration.concordance("足りる", width: 6, morphology: tagger)
        #expect(lines.map(\.document) == ["a1", "m1", "m4"])
        #expect(lines[0].left == "予算が" && lines[0].keyword == "足り" && lines[0].right == "ない。")
        let text = ExplorationFormatter(language: .ja).concordance(lines, context: 6)
        let keywordColumns = text.split(separator: "\n").map { DisplayWidth.of(String($0.prefix { $0 != "【" })) }
        #expect(Set(keywordColumns).count == 1)
    }

    /// Edges against a hand count, the same layout every time.
    @Test func network() {
        let exploration = TextExploration(Self.corpus, morphology: tagger)
        let network = WordNetwork(exploration, top: 10, minimumJaccard: 0.1, minimumBoth: 2)
        // 職員 is in m1–m4, 研修 in m1, m2: both in 2, Jaccard 2 / 4.
        let edge = network.edges.first { Set([$0.first, $0.second]) == ["職員", "研修"] }
        #expect(edge?.both == 2 && abs((edge?.jaccard ?? 0) - 0.5) < 1e-9)
        let again = WordNetwork(exploration, top: 10, minimumJaccard: 0.1, minimumBoth: 2)
        #expect(network.svg() == again.svg())
        #expect(network.nodes.first { $0.word == "職員" }?.community == network.nodes.first { $0.word == "研修" }?.community)
    }
}

/// `lemma(…)` in a codebook rule covers the word's written forms without a dictionary at run time.
@Suite("Lemma rules")
struct LemmaRuleTests {
    @Test func forms() {
        #expect(Conjugation.forms(of: "増える").contains("増え"))
        #expect(Set(["回ら", "回り", "回っ", "回る"]).isSubset(of: Set(Conjugation.forms(of: "回る"))))
        #expect(Set(["重く", "重かっ", "重い"]).isSubset(of: Set(Conjugation.forms(of: "重い"))))
        #expect(Conjugation.forms(of: "検討する").contains("検討"))
        // A one-character stem is spelled out: いる never matches every い.
        #expect(!Conjugation.forms(of: "いる").contains("い"))
    }

    @Test func matching() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lemma-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("codebook.yaml").path
        try Data("""
            id: t
            version: 1
            title: {ja: t, en: t}
            languages: [ja]
            themes:
              - id: workload
                label: {ja: 負担, en: Workload}
                rules:
                  - 'lemma(増える) | lemma(回る) | lemma(重い)'
            """.utf8).write(to: URL(fileURLWithPath: path))
        let matcher = try ThemeMatcher(codebook: try CodebookLoader.load(path: path))
        var scratch = matcher.makeScratch()
        for text in ["仕事が増えた。", "手が回らない", "負担が重くて困る", "回って来ない"] {
            #expect(!matcher.match(NormalizedText(text), scratch: &scratch).isEmpty, "\(text)")
        }
        #expect(matcher.match(NormalizedText("特に問題はない"), scratch: &scratch).isEmpty)
    }
}
