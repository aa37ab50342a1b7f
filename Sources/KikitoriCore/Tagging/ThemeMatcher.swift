import Foundation

/// A codebook compiled for speed: all keywords and negation cues in one Aho–Corasick automaton,
/// each answer scanned once, and the boolean rules evaluated on the hits.
public final class ThemeMatcher: Sendable {
    public let codebook: Codebook

    /// What a theme matched in one answer: the first rule that held and the words it found.
    public struct Match: Equatable, Sendable {
        public var theme: String
        public var rule: Int
        /// UTF-8 ranges in the original text, sorted and merged.
        public var spans: [Range<Int>]
    }

    package indirect enum Node: Sendable {
        case keyword(Int)
        /// Keywords joined by `|`, the commonest rule shape, checked without recursion.
        case anyOf([Int])
        case or([Node])
        case and([Node])
        case not(Node)
        case near([[Int]], Int)
        case seq([[Int]], Int)
        case regex(Int)
        case theme(Int)
    }

    private enum PatternRole: Sendable {
        case keyword(Int)
        case cueAfter
        case cueBefore
    }

    private struct KeywordInfo: Sendable {
        var checksStart: Bool
        var checksEnd: Bool
    }

    private let automaton: AhoCorasick
    private let roles: [PatternRole]
    private let keywords: [KeywordInfo]
    /// Per theme, its rules; evaluated in `order` so that `@theme` is known when read.
    private let rules: [[Node]]
    private let order: [Int]
    private let regexes: [NSRegularExpression]
    private let window: Int32
    /// Whether any rule uses a regex: if not, an answer without keyword hits matches nothing.
    private let usesRegex: Bool
    /// For each keyword, the (theme, rule) pairs that mention it: only those rules can change
    /// when it is hit, so an answer evaluates a handful of rules instead of all of them.
    private let keywordRules: [[(theme: Int32, rule: Int32)]]
    /// Per theme, a bit per rule that must always be evaluated (it reads a regex or another theme).
    private let alwaysEvaluate: [UInt64]

    /// A theme's rules are tracked in one 64-bit mask; the codebook loader refuses more.
    public static let maximumRulesPerTheme = 64
    private let themeIDs: [String]

    public init(codebook: Codebook) throws(RuleSyntaxError) {
        self.codebook = codebook
        var patterns: [[UInt8]] = []
        var roles: [PatternRole] = []
        var keywordIDs: [Rule.Keyword: Int] = [:]
        var keywords: [KeywordInfo] = []
        var regexes: [NSRegularExpression] = []
        let themeIndex = Dictionary(uniqueKeysWithValues: codebook.themes.enumerated().map { ($1.id, $0) })

        func keywordID(_ keyword: Rule.Keyword) -> Int {
            if let id = keywordIDs[keyword] { return id }
            let id = keywords.count
            keywordIDs[keyword] = id
            let normalized = NormalizedText.normalize(keyword.text)
            let bytes = Array(normalized.utf8)
            let isWord = { (byte: UInt8?) in byte.map { ("a"..."z").contains(Character(UnicodeScalar($0))) || ("0"..."9").contains(Character(UnicodeScalar($0))) } ?? false }
            keywords.append(KeywordInfo(checksStart: isWord(bytes.first), checksEnd: isWord(bytes.last) && !keyword.isPrefix))
            var variants = Set([normalized])
            if keyword.foldsKana {
                variants.insert(Kana.toKatakana(normalized))
                variants.insert(Kana.toHiragana(normalized))
            }
            for variant in variants.sorted() {
                patterns.append(Array(variant.utf8))
                roles.append(.keyword(id))
            }
            return id
        }

        func compile(_ rule: Rule) throws(RuleSyntaxError) -> Node {
            switch rule {
            case .keyword(let keyword): return .keyword(keywordID(keyword))
            case .or(let rules):
                var nodes: [Node] = []
                for rule in rules { nodes.append(try compile(rule)) }
                let keywords = nodes.compactMap { node -> Int? in if case .keyword(let id) = node { return id } else { return nil } }
                return keywords.count == nodes.count ? .anyOf(keywords) : .or(nodes)
            case .and(let rules):
                var nodes: [Node] = []
                for rule in rules { nodes.append(try compile(rule)) }
                return .and(nodes)
            case .not(let rule): return .not(try compile(rule))
            case .near(let rules, let window): return .near(rules.map(Self.keywordSet).map { $0.map(keywordID) }, window)
            case .seq(let rules, let window): return .seq(rules.map(Self.keywordSet).map { $0.map(keywordID) }, window)
            case .regex(let pattern):
                do {
                    regexes.append(try NSRegularExpression(pattern: pattern))
                } catch {
                    throw RuleSyntaxError(offset: 0, problem: .invalidRegex(pattern))
                }
                return .regex(regexes.count - 1)
            case .theme(let id): return .theme(themeIndex[id] ?? -1)
            }
        }

        var compiled: [[Node]] = []
        var references: [[Int]] = []
        for theme in codebook.themes {
            var nodes: [Node] = []
            var refs: [Int] = []
            for source in theme.rules {
                let rule = try RuleParser.parse(source)
                nodes.append(try compile(rule))
                refs += rule.themeReferences.compactMap { themeIndex[$0] }
            }
            compiled.append(nodes)
            references.append(refs)
        }
        for cue in codebook.negation.after {
            patterns.append(Array(NormalizedText.normalize(cue).utf8))
            roles.append(.cueAfter)
        }
        for cue in codebook.negation.before {
            patterns.append(Array(NormalizedText.normalize(cue).utf8))
            roles.append(.cueBefore)
        }
        var keywordRules = [[(theme: Int32, rule: Int32)]](repeating: [], count: keywords.count)
        var alwaysEvaluate = [UInt64](repeating: 0, count: compiled.count)
        for (theme, nodes) in compiled.enumerated() {
            for (index, node) in nodes.prefix(Self.maximumRulesPerTheme).enumerated() {
                let (all, unconditional) = Self.inventory(node)
                for keyword in Set(all) { keywordRules[keyword].append((Int32(theme), Int32(index))) }
                if unconditional { alwaysEvaluate[theme] |= 1 << UInt64(index) }
            }
        }
        self.keywordRules = keywordRules
        self.alwaysEvaluate = alwaysEvaluate
        self.themeIDs = codebook.themes.map(\.id)
        self.automaton = AhoCorasick(patterns: patterns)
        self.roles = roles
        self.keywords = keywords
        self.rules = compiled
        self.regexes = regexes
        self.usesRegex = !regexes.isEmpty
        self.window = Int32(codebook.negation.window)
        self.order = Self.topologicalOrder(references)
    }

    /// Every keyword variant the automaton searches for, normalised: the list `grep -F -f` gets in benchmarks.
    public var keywordPatterns: [String] {
        var seen = Set<String>()
        return keywordsByTheme.map(\.keyword).filter { seen.insert($0).inserted }
    }

    /// Each theme's normalised keywords, for baselines that match per theme (Python `re` in `make bench`).
    public var keywordsByTheme: [(theme: String, keyword: String)] {
        codebook.themes.flatMap { theme in
            theme.rules.compactMap { try? RuleParser.parse($0) }.flatMap(Self.allKeywords)
                .map { (theme.id, NormalizedText.normalize($0.text)) }
        }
    }

    /// Every keyword a compiled rule reads, and whether it must be evaluated even without keyword
    /// hits (it reads a regex or another theme).
    private static func inventory(_ node: Node) -> (all: [Int], unconditional: Bool) {
        var all: [Int] = []
        var unconditional = false
        func walk(_ node: Node) {
            switch node {
            case .keyword(let keyword): all.append(keyword)
            case .anyOf(let keywords): all += keywords
            case .or(let nodes), .and(let nodes): nodes.forEach(walk)
            case .not(let inner): walk(inner)
            case .near(let sets, _), .seq(let sets, _): all += sets.flatMap { $0 }
            case .regex, .theme: unconditional = true
            }
        }
        walk(node)
        return (all, unconditional)
    }

    private static func allKeywords(_ rule: Rule) -> [Rule.Keyword] {
        switch rule {
        case .keyword(let keyword): return [keyword]
        case .or(let rules), .and(let rules), .near(let rules, _), .seq(let rules, _): return rules.flatMap(allKeywords)
        case .not(let rule): return allKeywords(rule)
        case .regex, .theme: return []
        }
    }

    private static func keywordSet(_ rule: Rule) -> [Rule.Keyword] {
        switch rule {
        case .keyword(let keyword): return [keyword]
        case .or(let rules): return rules.flatMap(keywordSet)
        default: return []
        }
    }

    private static func topologicalOrder(_ references: [[Int]]) -> [Int] {
        var order: [Int] = []
        var state = [UInt8](repeating: 0, count: references.count)
        func visit(_ index: Int) {
            guard state[index] == 0 else { return }
            state[index] = 1
            for next in references[index] where next >= 0 { visit(next) }
            state[index] = 2
            order.append(index)
        }
        for index in references.indices { visit(index) }
        return order
    }

    // MARK: Matching

    /// The themes found in `text`, in codebook order.
    public func match(_ text: String) -> [Match] {
        var scratch = Scratch(keywordCount: keywords.count, themeCount: rules.count)
        return match(NormalizedText(text), scratch: &scratch)
    }

    /// Reusable working memory, so that tagging a million answers allocates little per answer.
    public struct Scratch {
        fileprivate var head: [Int32]
        fileprivate var touched: [Int32] = []
        fileprivate var hitKeyword: [Int32] = []
        fileprivate var hitStart: [Int32] = []
        fileprivate var hitEnd: [Int32] = []
        fileprivate var next: [Int32] = []
        fileprivate var cueAfter: [Int32] = []
        fileprivate var cueBefore: [Int32] = []
        fileprivate var themeResult: [Int8]
        fileprivate var ruleMask: [UInt64]
        fileprivate var normalizedString: String?

        public init(keywordCount: Int, themeCount: Int) {
            head = [Int32](repeating: -1, count: keywordCount)
            themeResult = [Int8](repeating: -1, count: themeCount)
            ruleMask = [UInt64](repeating: 0, count: themeCount)
        }
    }

    public func makeScratch() -> Scratch {
        Scratch(keywordCount: keywords.count, themeCount: rules.count)
    }

    /// Raw automaton matches in already normalised bytes: the multi-pattern search alone.
    public func countRawMatches(_ bytes: [UInt8]) -> Int {
        automaton.countMatches(bytes)
    }

    /// Keyword hits in `text` after negation, without evaluating rules: the scan alone, for benchmarks.
    public func countHits(_ text: NormalizedText, scratch: inout Scratch) -> Int {
        collectHits(text, &scratch)
        defer { reset(&scratch) }
        return scratch.touched.count
    }

    /// The themes whose rules hold on `text`; without `negation`, as if no cue cancelled a keyword.
    public func match(_ text: NormalizedText, scratch: inout Scratch, negation: Bool = true) -> [Match] {
        collectHits(text, &scratch, negation: negation)
        defer { reset(&scratch) }
        if scratch.touched.isEmpty && !usesRegex { return [] }
        for theme in scratch.ruleMask.indices { scratch.ruleMask[theme] = alwaysEvaluate[theme] }
        for keyword in scratch.touched {
            for (theme, rule) in keywordRules[Int(keyword)] { scratch.ruleMask[Int(theme)] |= 1 << UInt64(rule) }
        }
        var matchedRule = [Int](repeating: -1, count: rules.count)
        var any = false
        for theme in order {
            var mask = scratch.ruleMask[theme]
            while mask != 0 {
                let index = mask.trailingZeroBitCount
                mask &= mask - 1
                if evaluate(rules[theme][index], text, &scratch) {
                    matchedRule[theme] = index
                    any = true
                    break
                }
            }
            scratch.themeResult[theme] = matchedRule[theme] >= 0 ? 1 : 0
        }
        guard any else { return [] }
        var matches: [Match] = []
        for theme in matchedRule.indices where matchedRule[theme] >= 0 {
            let rule = matchedRule[theme]
            matches.append(Match(theme: themeIDs[theme], rule: rule, spans: spans(theme, rule, text, &scratch)))
        }
        return matches
    }

    /// Themes the rules would find but for a negation cue (「セキュリティは心配していない」): the
    /// respondent said it is no concern, whatever else suggests it.
    public func negatedThemes(_ text: NormalizedText, scratch: inout Scratch) -> Set<String> {
        let found = Set(match(text, scratch: &scratch).map(\.theme))
        return Set(match(text, scratch: &scratch, negation: false).map(\.theme)).subtracting(found)
    }

    /// Scans once; keeps keyword hits at word boundaries that no negation cue cancels.
    private func collectHits(_ text: NormalizedText, _ scratch: inout Scratch, negation: Bool = true) {
        let bytes = text.bytes
        automaton.scan(bytes) { pattern, end in
            let start = end - Int(automaton.patternLengths[pattern])
            switch roles[pattern] {
            case .keyword(let keyword):
                let info = keywords[keyword]
                if info.checksStart, start > 0, Self.isWordByte(bytes[start - 1]) { return }
                if info.checksEnd, end < bytes.count, Self.isWordByte(bytes[end]) { return }
                scratch.hitKeyword.append(Int32(keyword))
                scratch.hitStart.append(Int32(start))
                scratch.hitEnd.append(Int32(end))
            case .cueAfter: scratch.cueAfter.append(Int32(start))
            case .cueBefore: scratch.cueBefore.append(Int32(end))
            }
        }
        for hit in scratch.hitKeyword.indices {
            if negation && (!scratch.cueAfter.isEmpty || !scratch.cueBefore.isEmpty) {
                let start = scratch.hitStart[hit]
                let end = scratch.hitEnd[hit]
                if scratch.cueAfter.contains(where: { $0 >= end && closeInSentence(text, from: end, to: $0) })
                    || scratch.cueBefore.contains(where: { $0 <= start && closeInSentence(text, from: $0, to: start) })
                {
                    scratch.next.append(-2)  // negated: never linked
                    continue
                }
            }
            let keyword = Int(scratch.hitKeyword[hit])
            if scratch.head[keyword] < 0 { scratch.touched.append(Int32(keyword)) }
            scratch.next.append(scratch.head[keyword])
            scratch.head[keyword] = Int32(hit)
        }
    }

    /// Whether bytes `from..<to` span at most the negation window and no sentence end:
    /// "コストが心配。問題ないのは人員" still raises cost.
    private func closeInSentence(_ text: NormalizedText, from: Int32, to: Int32) -> Bool {
        guard text.hasAtMost(Int(window), charactersFrom: Int(from), to: Int(to)) else { return false }
        var index = Int(from)
        let bytes = text.bytes
        while index < Int(to) {
            switch bytes[index] {
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "\n"): return false
            // 。 is E3 80 82; ！ and ？ were made ASCII by NFKC.
            case 0xE3 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x82: return false
            default: index += 1
            }
        }
        return true
    }

    private func reset(_ scratch: inout Scratch) {
        for keyword in scratch.touched { scratch.head[Int(keyword)] = -1 }
        scratch.touched.removeAll(keepingCapacity: true)
        scratch.hitKeyword.removeAll(keepingCapacity: true)
        scratch.hitStart.removeAll(keepingCapacity: true)
        scratch.hitEnd.removeAll(keepingCapacity: true)
        scratch.next.removeAll(keepingCapacity: true)
        scratch.cueAfter.removeAll(keepingCapacity: true)
        scratch.cueBefore.removeAll(keepingCapacity: true)
        for index in scratch.themeResult.indices { scratch.themeResult[index] = -1 }
        scratch.normalizedString = nil
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
    }

    private func evaluate(_ node: Node, _ text: NormalizedText, _ scratch: inout Scratch) -> Bool {
        switch node {
        case .keyword(let keyword): return scratch.head[keyword] >= 0
        case .anyOf(let keywords):
            for keyword in keywords where scratch.head[keyword] >= 0 { return true }
            return false
        case .or(let nodes):
            for node in nodes where evaluate(node, text, &scratch) { return true }
            return false
        case .and(let nodes):
            for node in nodes where !evaluate(node, text, &scratch) { return false }
            return true
        case .not(let node): return !evaluate(node, text, &scratch)
        case .near(let sets, let window): return near(sets, window, text, scratch)
        case .seq(let sets, let window): return seq(sets, window, text, scratch)
        case .regex(let index):
            let string = normalizedString(text, &scratch)
            return regexes[index].firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) != nil
        case .theme(let index): return index >= 0 && scratch.themeResult[index] == 1
        }
    }

    private func normalizedString(_ text: NormalizedText, _ scratch: inout Scratch) -> String {
        if let string = scratch.normalizedString { return string }
        let string = String(decoding: text.bytes, as: UTF8.self)
        scratch.normalizedString = string
        return string
    }

    /// Byte positions (start, end) of the hits of any keyword in `set`.
    private func positions(_ set: [Int], _ scratch: Scratch) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        for keyword in set {
            var hit = scratch.head[keyword]
            while hit >= 0 {
                result.append((Int(scratch.hitStart[Int(hit)]), Int(scratch.hitEnd[Int(hit)])))
                hit = scratch.next[Int(hit)]
            }
        }
        return result
    }

    /// Whether two hits, in either order, are at most `window` characters apart (overlapping ones are).
    private func close(_ a: (Int, Int), _ b: (Int, Int), _ window: Int, _ text: NormalizedText) -> Bool {
        a.1 <= b.0
            ? text.hasAtMost(window, charactersFrom: a.1, to: b.0)
            : (b.1 <= a.0 ? text.hasAtMost(window, charactersFrom: b.1, to: a.0) : true)
    }

    /// A hit of the first argument with a hit of every other argument at most `window` characters
    /// away (the gap between the two words, in either order).
    private func near(_ sets: [[Int]], _ window: Int, _ text: NormalizedText, _ scratch: Scratch) -> Bool {
        let lists = sets.map { positions($0, scratch) }
        guard !lists.contains(where: \.isEmpty), let anchors = lists.first else { return false }
        return anchors.contains { anchor in
            lists.dropFirst().allSatisfy { list in list.contains { close($0, anchor, window, text) } }
        }
    }

    /// Hits in argument order, each starting within `window` characters after the previous ends.
    private func seq(_ sets: [[Int]], _ window: Int, _ text: NormalizedText, _ scratch: Scratch) -> Bool {
        let lists = sets.map { positions($0, scratch).sorted { $0.0 < $1.0 } }
        guard !lists.contains(where: \.isEmpty) else { return false }
        func follow(_ index: Int, after end: Int) -> Bool {
            if index == lists.count { return true }
            return lists[index].contains { $0.0 >= end && text.hasAtMost(window, charactersFrom: end, to: $0.0) && follow(index + 1, after: $0.1) }
        }
        return lists[0].contains { follow(1, after: $0.1) }
    }

    /// The original ranges of the words a matched rule relies on: every hit of a plain keyword, only
    /// the hits that satisfy a near() or seq() window, and regex matches; nothing under `!`.
    private func spans(_ theme: Int, _ rule: Int, _ text: NormalizedText, _ scratch: inout Scratch) -> [Range<Int>] {
        var hits: [(Int, Int)] = []
        var regexesUsed: [Int] = []
        func walk(_ node: Node) {
            switch node {
            case .keyword(let keyword): hits += positions([keyword], scratch)
            case .anyOf(let keywords): hits += positions(keywords, scratch)
            case .or(let nodes), .and(let nodes): nodes.forEach(walk)
            case .near(let sets, let window):
                let lists = sets.map { positions($0, scratch) }
                guard let anchors = lists.first else { return }
                for anchor in anchors {
                    let partners = lists.dropFirst().map { $0.filter { close($0, anchor, window, text) } }
                    if partners.allSatisfy({ !$0.isEmpty }) { hits += [anchor] + partners.flatMap { $0 } }
                }
            case .seq(let sets, let window):
                let lists = sets.map { positions($0, scratch) }
                for (index, list) in lists.enumerated() {
                    for hit in list {
                        let before = index == 0 || lists[index - 1].contains { $0.1 <= hit.0 && text.hasAtMost(window, charactersFrom: $0.1, to: hit.0) }
                        let after = index == lists.count - 1 || lists[index + 1].contains { hit.1 <= $0.0 && text.hasAtMost(window, charactersFrom: hit.1, to: $0.0) }
                        if before && after { hits.append(hit) }
                    }
                }
            case .regex(let index): regexesUsed.append(index)
            case .not, .theme: break
            }
        }
        walk(rules[theme][rule])
        var ranges = hits.map { text.originalRange($0.0, $0.1) }
        if !regexesUsed.isEmpty {
            let string = normalizedString(text, &scratch)
            for index in regexesUsed {
                for match in regexes[index].matches(in: string, range: NSRange(string.startIndex..., in: string)) {
                    guard let range = Range(match.range, in: string) else { continue }
                    let start = string.utf8.distance(from: string.startIndex, to: range.lowerBound)
                    let end = string.utf8.distance(from: string.startIndex, to: range.upperBound)
                    ranges.append(text.originalRange(start, end))
                }
            }
        }
        return ranges.count > 1 ? Self.merge(ranges) : ranges
    }

    package static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}

/// Hiragana ⇄ katakana, for keywords marked `~`.
package enum Kana {
    package static func toKatakana(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { s in
            (0x3041...0x3096).contains(s.value) ? Unicode.Scalar(s.value + 0x60)! : s
        }))
    }

    package static func toHiragana(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { s in
            (0x30A1...0x30F6).contains(s.value) ? Unicode.Scalar(s.value - 0x60)! : s
        }))
    }
}
