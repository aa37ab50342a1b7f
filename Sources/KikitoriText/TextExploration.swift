import Foundation
import Kikitori

/// A corpus of answers read into words once: word frequencies, characteristic words of a group,
/// concordances and the co-occurrence network, as KH Coder offers them.
public struct TextExploration: Sendable {
    /// One answer: its words (content lemmas, in order) and where each stands in the text.
    public struct Document: Sendable {
        public var id: String
        public var group: String?
        public var text: String
        public var tokens: [Token]
        /// The distinct content lemmas.
        public var lemmas: Set<String>
    }

    public struct WordCount: Sendable, Equatable {
        public var lemma: String
        public var pos: String
        /// Occurrences, and answers holding the word.
        public var frequency: Int
        public var documents: Int
    }

    public struct Characteristic: Sendable, Equatable {
        public var lemma: String
        /// Answers of the group with the word, and of the rest.
        public var inGroup: Int
        public var outside: Int
        /// |word ∩ group| / |word ∪ group| over answers, as KH Coder ranks 関連語.
        public var jaccard: Double
        /// Log-likelihood G² of the 2×2 table and its p (χ², 1 df); positive association only.
        public var g2: Double
        public var p: Double
    }

    public struct ConcordanceLine: Sendable, Equatable {
        public var document: String
        public var left: String
        public var keyword: String
        public var right: String
    }

    public let documents: [Document]

    /// Documents already read (a subset of another exploration).
    public init(documents: [Document]) {
        self.documents = documents
    }

    /// Reads `answers` (id, group, text — already as the output may show them) into words.
    public init(_ answers: [(id: String, group: String?, text: String)], morphology: MeCabTagger) {
        documents = answers.map { answer in
            let tokens = morphology.tokens(answer.text)
            return Document(
                id: answer.id, group: answer.group, text: answer.text, tokens: tokens,
                lemmas: Set(tokens.filter(MeCabTagger.isContent).map(\.lemma)))
        }
    }

    /// Content words by answers holding them (then occurrences), those in at least `minimumDocuments`.
    public func words(minimumDocuments: Int = 1, in group: String? = nil) -> [WordCount] {
        var counts: [String: WordCount] = [:]
        for document in documents where group == nil || document.group == group {
            var seen = Set<String>()
            for token in document.tokens where MeCabTagger.isContent(token) {
                counts[token.lemma, default: WordCount(lemma: token.lemma, pos: token.pos, frequency: 0, documents: 0)].frequency += 1
                if seen.insert(token.lemma).inserted { counts[token.lemma]?.documents += 1 }
            }
        }
        return counts.values.filter { $0.documents >= minimumDocuments }
            .sorted { ($0.documents, $0.frequency, $1.lemma) > ($1.documents, $1.frequency, $0.lemma) }
    }

    /// The words most associated with `group` against every other answer, by Jaccard (KH Coder's
    /// 関連語), with G² and its p; words in fewer than `minimumDocuments` answers are left out.
    public func characteristic(of group: String, minimumDocuments: Int = 2) -> [Characteristic] {
        let inside = documents.filter { $0.group == group }
        let total = documents.count, groupSize = inside.count
        guard groupSize > 0, total > groupSize else { return [] }
        var withWord: [String: (inGroup: Int, all: Int)] = [:]
        for document in documents {
            for lemma in document.lemmas {
                withWord[lemma, default: (0, 0)].all += 1
                if document.group == group { withWord[lemma]?.inGroup += 1 }
            }
        }
        var result: [Characteristic] = []
        for (lemma, count) in withWord where count.all >= minimumDocuments && count.inGroup > 0 {
            let union = count.all + groupSize - count.inGroup
            let jaccard = Double(count.inGroup) / Double(union)
            // 2×2: word/no word × group/rest.
            let a = Double(count.inGroup), b = Double(count.all - count.inGroup)
            let c = Double(groupSize - count.inGroup), d = Double(total - groupSize) - b
            let g2 = Self.g2(a, b, c, d)
            let expected = Double(count.all) * Double(groupSize) / Double(total)
            guard a > expected else { continue }
            result.append(Characteristic(lemma: lemma, inGroup: count.inGroup, outside: count.all - count.inGroup, jaccard: jaccard, g2: g2, p: Self.chiSquareP(g2)))
        }
        return result.sorted { ($0.jaccard, $0.g2, $1.lemma) > ($1.jaccard, $1.g2, $0.lemma) }
    }

    static func g2(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Double {
        let n = a + b + c + d
        func term(_ observed: Double, _ row: Double, _ column: Double) -> Double {
            let expected = row * column / n
            return observed > 0 && expected > 0 ? observed * log(observed / expected) : 0
        }
        return 2 * (term(a, a + b, a + c) + term(b, a + b, b + d) + term(c, c + d, a + c) + term(d, c + d, b + d))
    }

    /// Upper tail of χ² with one degree of freedom.
    static func chiSquareP(_ x: Double) -> Double { x <= 0 ? 1 : erfc((x / 2).squareRoot()) }

    /// Every occurrence of `word` (its lemma or surface, normalised), with `width` columns of context.
    public func concordance(_ word: String, width: Int = 20) -> [ConcordanceLine] {
        let key = NormalizedText.normalize(word)
        var lines: [ConcordanceLine] = []
        for document in documents {
            let hits = document.tokens.filter { $0.lemma == key || NormalizedText.normalize($0.surface) == key }
            guard !hits.isEmpty else { continue }
            let bytes = Array(document.text.utf8)
            for token in hits {
                let left = String(decoding: bytes[..<token.range.lowerBound], as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
                let right = String(decoding: bytes[token.range.upperBound...], as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
                lines.append(ConcordanceLine(
                    document: document.id, left: Self.tail(left, width: width),
                    keyword: String(decoding: bytes[token.range], as: UTF8.self), right: Self.head(right, width: width)))
            }
        }
        return lines
    }

    /// The last `width` display columns of `text`.
    static func tail(_ text: String, width: Int) -> String {
        var result = ""
        var used = 0
        for character in text.reversed() {
            let w = DisplayWidth.of(String(character))
            if used + w > width { break }
            result.insert(character, at: result.startIndex)
            used += w
        }
        return result
    }

    static func head(_ text: String, width: Int) -> String {
        var result = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(String(character))
            if used + w > width { break }
            result.append(character)
            used += w
        }
        return result
    }
}
