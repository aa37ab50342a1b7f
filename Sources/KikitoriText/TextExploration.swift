import Foundation
import Kikitori

/// A corpus of answers read into words once: word frequencies, characteristic words of a group,
/// concordances and the co-occurrence network, as KH Coder offers them.
public struct TextExploration: Sendable {
    /// One answer: its counted content words, in order, as ids into ``vocabulary``.
    public struct Document: Sendable {
        public var id: String
        public var group: String?
        public var text: String
        public var words: [Int32]
        /// The distinct words, ascending.
        public var distinct: [Int32]
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
    /// The words the documents' ids stand for.
    public let vocabulary: [MeCabTagger.Word]

    /// Documents already read, with the vocabulary their ids point into.
    public init(documents: [Document], vocabulary: [MeCabTagger.Word]) {
        self.documents = documents
        self.vocabulary = vocabulary
    }

    /// Reads `answers` (id, group, text — already as the output may show them) into words. Only
    /// word ids are kept: a million answers' tokens as Strings took most of the time and memory.
    /// A large corpus is read on every core in consecutive shares, each by a tagger of its own
    /// (MeCab was nine tenths of the time); the shares' words are then brought into `morphology`'s
    /// vocabulary in order, so the result is the one a single pass gives (a test holds them equal).
    public init(_ answers: [(id: String, group: String?, text: String)], morphology: MeCabTagger, workers: Int = Self.defaultWorkers) {
        let shareCount = answers.count < Self.answersPerWorker ? 1 : max(1, min(workers, answers.count / Self.answersPerWorker))
        var taggers = [morphology]
        for _ in 1..<max(1, shareCount) {
            guard let sibling = try? morphology.sibling() else { break }
            taggers.append(sibling)
        }
        let shares = Shares(answers: answers, taggers: taggers)
        DispatchQueue.concurrentPerform(iterations: taggers.count) { shares.read($0) }
        var documents: [Document] = []
        documents.reserveCapacity(answers.count)
        for index in taggers.indices {
            var share: [Document] = []
            swap(&share, &shares.slots[index])
            if index > 0 {
                let ids = taggers[index].vocabulary.map { morphology.adopt($0) }
                for position in share.indices {
                    share[position].words = share[position].words.map { ids[Int($0)] }
                    share[position].distinct = share[position].distinct.map { ids[Int($0)] }.sorted()
                }
            }
            documents += share
        }
        self.documents = documents
        vocabulary = morphology.vocabulary
    }

    /// Every core; one share at least this large, so a small corpus is not split for nothing.
    public static var defaultWorkers: Int { ProcessInfo.processInfo.activeProcessorCount }
    static let answersPerWorker = 2_000

    /// The consecutive shares of a corpus and a tagger for each. Each concurrent iteration uses only
    /// its own tagger and writes only its own slot, which is why this may cross threads.
    private final class Shares: @unchecked Sendable {
        let answers: [(id: String, group: String?, text: String)]
        let taggers: [MeCabTagger]
        /// One slot per share, written by its iteration alone (a buffer, not an Array, whose
        /// copy-on-write check concurrent writers would race on).
        let slots: UnsafeMutableBufferPointer<[Document]>

        init(answers: [(id: String, group: String?, text: String)], taggers: [MeCabTagger]) {
            self.answers = answers
            self.taggers = taggers
            slots = .allocate(capacity: taggers.count)
            slots.initialize(repeating: [])
        }

        deinit {
            slots.deinitialize()
            slots.deallocate()
        }

        func read(_ share: Int) {
            let size = (answers.count + taggers.count - 1) / taggers.count
            let range = min(answers.count, share * size)..<min(answers.count, (share + 1) * size)
            let morphology = taggers[share]
            slots[share] = answers[range].map { answer in
                let words = morphology.contentWords(answer.text)
                var distinct: [Int32] = []
                for word in words.sorted() where distinct.last != word { distinct.append(word) }
                return Document(id: answer.id, group: answer.group, text: answer.text, words: words, distinct: distinct)
            }
        }
    }

    /// The documents `keep` picks, over the same vocabulary.
    public func subset(_ keep: (Document) -> Bool) -> TextExploration {
        TextExploration(documents: documents.filter(keep), vocabulary: vocabulary)
    }

    /// The id of a word (its lemma as the vocabulary holds it), if any document has it.
    public func wordID(_ lemma: String) -> Int32? {
        vocabulary.firstIndex { $0.lemma == lemma }.map(Int32.init)
    }

    /// Content words by answers holding them (then occurrences), those in at least `minimumDocuments`.
    public func words(minimumDocuments: Int = 1, in group: String? = nil) -> [WordCount] {
        var frequency = [Int](repeating: 0, count: vocabulary.count)
        var holding = [Int](repeating: 0, count: vocabulary.count)
        for document in documents where group == nil || document.group == group {
            for word in document.words { frequency[Int(word)] += 1 }
            for word in document.distinct { holding[Int(word)] += 1 }
        }
        return vocabulary.indices.filter { holding[$0] >= max(1, minimumDocuments) }
            .map { WordCount(lemma: vocabulary[$0].lemma, pos: vocabulary[$0].pos, frequency: frequency[$0], documents: holding[$0]) }
            .sorted { ($0.documents, $0.frequency, $1.lemma) > ($1.documents, $1.frequency, $0.lemma) }
    }

    /// The words most associated with `group` against every other answer, by Jaccard (KH Coder's
    /// 関連語), with G² and its p; words in fewer than `minimumDocuments` answers are left out.
    public func characteristic(of group: String, minimumDocuments: Int = 2) -> [Characteristic] {
        let inside = documents.filter { $0.group == group }
        let total = documents.count, groupSize = inside.count
        guard groupSize > 0, total > groupSize else { return [] }
        var all = [Int](repeating: 0, count: vocabulary.count)
        var inGroup = [Int](repeating: 0, count: vocabulary.count)
        for document in documents {
            let isIn = document.group == group
            for word in document.distinct {
                all[Int(word)] += 1
                if isIn { inGroup[Int(word)] += 1 }
            }
        }
        var result: [Characteristic] = []
        for index in vocabulary.indices where all[index] >= minimumDocuments && inGroup[index] > 0 {
            let lemma = vocabulary[index].lemma, count = (inGroup: inGroup[index], all: all[index])
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
    /// Only answers holding the word as a counted lemma, or its characters, are read again into tokens.
    public func concordance(_ word: String, width: Int = 20, morphology: MeCabTagger) -> [ConcordanceLine] {
        let key = NormalizedText.normalize(word)
        let id = wordID(key)
        var lines: [ConcordanceLine] = []
        for document in documents {
            let holds = id.map { document.distinct.contains($0) } ?? false
            guard holds || NormalizedText.normalize(document.text).contains(key) else { continue }
            let hits = morphology.tokens(document.text).filter { $0.lemma == key || NormalizedText.normalize($0.surface) == key }
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
