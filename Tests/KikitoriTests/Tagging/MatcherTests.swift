import Foundation
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

@Suite("Text normalisation")
struct NormalizedTextTests {
    /// NFKC, lower case, dashes and long vowels unified, spaces between Japanese removed.
    @Test(arguments: [
        ("ＡＢＣ　ｄｅｆ", "abc def"), ("ｺｽﾄ", "コスト"), ("ﾃﾞｰﾀ", "データ"), ("ｵｰﾌﾟﾝ", "オープン"), ("ﾊﾟﾌﾞﾘｯｸ", "パブリック"), ("データ‐ベース", "データーベース"),
        ("e-mail", "eーmail"), ("個人 情報", "個人情報"), ("個人 data", "個人 data"), ("①番", "1番"),
        ("  前後  ", "前後"), ("㈱北", "(株)北"),
    ])
    func normalizes(input: String, expected: String) {
        // Bytes, not String ==, which treats decomposed and composed kana as equal: the matcher sees bytes.
        #expect(Array(NormalizedText.normalize(input).utf8) == Array(expected.precomposedStringWithCanonicalMapping.utf8))
    }

    /// Each normalised byte maps back to the original text, so highlights quote the respondent.
    @Test func mapsBackToTheOriginal() {
        let original = "ｺｽﾄと 個人 情報"
        let text = NormalizedText(original)
        let normalized = String(decoding: text.bytes, as: UTF8.self)
        #expect(normalized == "コストと個人情報")
        let start = normalized.utf8.count - "個人情報".utf8.count
        let range = text.originalRange(start, text.bytes.count)
        let bytes = Array(original.utf8)
        #expect(String(decoding: bytes[range], as: UTF8.self) == "個人 情報")
        // Eight characters in 24 bytes: within 8 and 10, not within 7 (the count stops past the limit).
        #expect(text.hasAtMost(8, charactersFrom: 0, to: text.bytes.count))
        #expect(text.hasAtMost(10, charactersFrom: 0, to: text.bytes.count))
        #expect(!text.hasAtMost(7, charactersFrom: 0, to: text.bytes.count))
        #expect(!text.hasAtMost(2, charactersFrom: 0, to: text.bytes.count))
        #expect(text.hasAtMost(0, charactersFrom: 5, to: 5))
    }
}

@Suite("Aho–Corasick")
struct AhoCorasickTests {
    /// Every occurrence of every pattern is found, overlapping ones included, as a naive search finds them.
    @Test func agreesWithNaiveSearch() {
        let patterns = ["he", "she", "his", "hers", "個人", "個人情報", "情報", "a"]
        let automaton = AhoCorasick(patterns: patterns.map { Array($0.utf8) })
        let texts = ["ushers", "ahishers", "個人情報と情報の個人", "", "aaaa", "hehehe"]
        for text in texts {
            var found: [String] = []
            automaton.scan(Array(text.utf8)) { pattern, end in found.append("\(pattern)@\(end)") }
            var expected: [String] = []
            let bytes = Array(text.utf8)
            for end in 0...bytes.count {
                for (index, pattern) in patterns.enumerated() {
                    let p = Array(pattern.utf8)
                    if end >= p.count, Array(bytes[(end - p.count)..<end]) == p { expected.append("\(index)@\(end)") }
                }
            }
            #expect(Set(found) == Set(expected), "text: \(text)")
            #expect(found.count == expected.count)
        }
    }
}

@Suite("Theme matching")
struct ThemeMatcherTests {
    static func codebook(_ rules: [String: [String]], negation: Negation = Negation(window: 8, after: ["問題ない", "特になし"], before: ["no"])) -> Codebook {
        Codebook(
            id: "t", version: 1, title: nil, languages: [.ja, .en], groups: [],
            themes: rules.keys.sorted().map {
                Theme(id: $0, label: LocalizedText([.en: $0]), description: nil, group: nil, colour: nil,
                      rules: rules[$0]!.map { try! RuleParser.parse($0).description })
            }, negation: negation)
    }

    func themes(_ text: String, _ rules: [String: [String]]) throws -> [String] {
        try ThemeMatcher(codebook: Self.codebook(rules)).match(text).map(\.theme)
    }

    /// Or, and, not and parentheses.
    @Test func booleanRules() throws {
        let rules = ["cost": ["(コスト | 費用) & !補助金"]]
        #expect(try themes("費用がかかる", rules) == ["cost"])
        #expect(try themes("費用は補助金でまかなう", rules) == [])
        #expect(try themes("手間がかかる", rules) == [])
    }

    /// A keyword followed by a negation cue does not count: "コストは問題ない".
    @Test func negation() throws {
        let rules = ["cost": ["コスト | cost"], "privacy": ["個人情報"]]
        #expect(try themes("コストは問題ない", rules) == [])
        #expect(try themes("コストは特になし", rules) == [])
        #expect(try themes("コストは問題ないが、個人情報が心配", rules) == ["privacy"])
        #expect(try themes("コストが心配。問題ないのは人員", rules) == ["cost"])
        #expect(try themes("no cost worries", rules) == [])
    }

    /// near() counts characters between words in either order; seq() requires the order.
    @Test func windows() throws {
        let near = ["t": ["near(データ, 見つから)[5]"]]
        #expect(try themes("データが見つからない", near) == ["t"])
        #expect(try themes("見つからないデータ", near) == ["t"])
        #expect(try themes("データは役所のどこを探しても見つからない", near) == [])
        let seq = ["t": ["seq(どこ, ある)[4]"]]
        #expect(try themes("どこにあるか", seq) == ["t"])
        #expect(try themes("あるのはどこ", seq) == [])
    }

    /// ASCII keywords match whole words unless marked with *; ~ folds hiragana and katakana.
    @Test func wordsAndKana() throws {
        let rules = ["cost": ["cost"], "anon": ["anonymi*"], "kana": ["~コスト"]]
        #expect(try themes("The cost is high", rules) == ["cost"])
        #expect(try themes("a costume party", rules) == [])
        #expect(try themes("anonymisation helps", rules) == ["anon"])
        #expect(try themes("こすとが高い", rules) == ["kana"])
        #expect(try themes("ＣＯＳＴ", rules) == ["cost"])
    }

    /// Regular expressions and references to other themes.
    @Test func regexAndReferences() throws {
        let rules = ["money": ["/[0-9]+万円/"], "worry": ["@money & 心配"]]
        #expect(try themes("年間300万円かかるのが心配", rules) == ["money", "worry"])
        #expect(try themes("心配", rules) == [])
    }

    /// Spans point at the respondent's own characters, half-width kana included.
    @Test func spansAreOriginalOffsets() throws {
        let matcher = try ThemeMatcher(codebook: Self.codebook(["cost": ["コスト"]]))
        let text = "初期ｺｽﾄと運用コスト"
        let match = try #require(matcher.match(text).first)
        let bytes = Array(text.utf8)
        #expect(match.spans.map { String(decoding: bytes[$0], as: UTF8.self) } == ["ｺｽﾄ", "コスト"])
    }
}

@Suite("Rule parser")
struct RuleParserTests {
    /// Canonical source is stable and parses back to the same rule.
    @Test func canonicalForm() throws {
        let rule = try RuleParser.parse("  (コスト|費用)&!near(補助, 金)[3] | \"a|b\" | ~こすと | anonymi* | /x+y/ | @cost ")
        #expect(rule.description == "(コスト | 費用) & !near(補助, 金)[3] | \"a|b\" | ~こすと | anonymi* | /x+y/ | @cost")
        #expect(try RuleParser.parse(rule.description) == rule)
    }

    @Test(arguments: [
        ("コスト |", 5, RuleSyntaxError.Problem.unexpectedEnd),
        ("(コスト | 費用", 9, .unclosed(")", opened: 0)),
        ("near(a, b)", 10, .windowSize("near")),
        ("near(a)[3]", 0, .windowArity("near")),
        ("near(a, !b)[3]", 7, .windowArgument("near")),
        ("/[a/", 0, .invalidRegex("[a")),
        ("\"abc", 0, .unterminatedQuote),
        ("@", 0, .emptyThemeReference),
        ("", 0, .empty),
        ("a | ) b", 4, .unexpected(")")),
    ])
    func syntaxErrors(source: String, offset: Int, problem: RuleSyntaxError.Problem) {
        #expect(throws: RuleSyntaxError(offset: offset, problem: problem)) { try RuleParser.parse(source) }
    }

    /// Patterns whose matching can explode are refused; ordinary ones, with groups and repeats, are not.
    @Test(arguments: [
        ("(a+)+$", RegexRisk?.some(.nestedQuantifier)), ("(a*)*", .nestedQuantifier), ("(?:\\w+\\s?)*x", .nestedQuantifier),
        ("((ab)+c)+", .nestedQuantifier), ("(a{2,})+", .nestedQuantifier), ("([a-z]+)*", .nestedQuantifier),
        ("(費用)\\1", .backReference), ("(?<x>a)\\k<x>", .backReference),
        ("費用.{0,5}ない", nil), ("[a-z]+", nil), ("(ab)+", nil), ("(a|b)c*", nil), ("(\\d+)?円", nil), ("(a{2})+", nil),
        ("[(+]+", nil), ("\\(a+\\)+", nil),
    ])
    func backtrackingRisk(pattern: String, risk: RegexRisk?) {
        #expect(RuleParser.backtrackingRisk(pattern) == risk, "\(pattern)")
    }
}
