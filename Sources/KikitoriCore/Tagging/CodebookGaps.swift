import Foundation

/// What the codebook does not name yet: the text answers no theme counts, grouped by the words they
/// share most (lemmas, as KH Coder looks at uncoded text) or, without a morphological analyser, by
/// the character sequences they share.
public struct CodebookGaps: Sendable {
    public struct Group: Sendable, Equatable {
        /// The shared word (its dictionary form) or characters, normalised (NFKC, lower case).
        public var phrase: String
        /// Untagged answers containing it.
        public var answers: Int
        /// A few of those answers, as stored.
        public var examples: [String]
    }

    public var untagged: Int
    public var total: Int
    public var groups: [Group]
    /// Whether groups are words (lemmas) rather than character sequences.
    public var byWords: Bool

    /// Phrases are 2 to 6 characters of one run of letters, holding at least one kanji or katakana (so
    /// that です, ている and the like never lead), kept only when no longer phrase covers the same answers.
    public static let lengths = 2...6
    public static let examplesPerGroup = 3

    /// `texts` are the untagged answers; `total` all text answers looked at. With a `lemmatizer`,
    /// answers are grouped by the words they share; without, by characters.
    public init(untaggedTexts texts: [String], total: Int, top: Int, minimumAnswers: Int = 2, lemmatizer: Lemmatizer? = nil) {
        untagged = texts.count
        self.total = total
        byWords = lemmatizer != nil
        var answersWith: [String: [Int]] = [:]
        if let lemmatizer {
            for (index, text) in texts.enumerated() {
                for lemma in Set(lemmatizer(text)) { answersWith[lemma, default: []].append(index) }
            }
        } else {
            answersWith = Self.characterSequences(texts)
        }
        let order = { (a: (key: String, value: [Int]), b: (key: String, value: [Int])) in
            (a.value.count, a.key.count, b.key) > (b.value.count, b.key.count, a.key)
        }
        // The most frequent phrases only, then a phrase inside a longer one found in as many answers
        // says nothing more: the longer is kept.
        let candidates = answersWith.filter { $0.value.count >= minimumAnswers }.sorted(by: order).prefix(top * 20)
        let kept = byWords ? Array(candidates) : candidates.filter { gram, answers in
            !candidates.contains { other, otherAnswers in
                other.count > gram.count && otherAnswers.count == answers.count && other.contains(gram)
            }
        }
        // Overlapping phrases (感じていま / と感じていま) or words always said together, found in
        // exactly the same answers, are one finding: the first in rank order stands for them.
        var seenSets = Set<[Int]>()
        groups = kept.filter { seenSets.insert($0.value).inserted }.prefix(top).map { gram, answers in
            Group(phrase: gram, answers: answers.count, examples: answers.prefix(Self.examplesPerGroup).map { texts[$0] })
        }
    }

    /// Every phrase of ``lengths`` characters holding a content character, with the answers holding it.
    private static func characterSequences(_ texts: [String]) -> [String: [Int]] {
        var answersWith: [String: [Int]] = [:]
        for (index, text) in texts.enumerated() {
            var seen = Set<String>()
            for run in NormalizedText.normalize(text).split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
                let characters = Array(run)
                for length in Self.lengths where characters.count >= length {
                    for start in 0...(characters.count - length) {
                        let gram = characters[start..<start + length]
                        guard gram.contains(where: Self.isContent) else { continue }
                        seen.insert(String(gram))
                    }
                }
            }
            for gram in seen { answersWith[gram, default: []].append(index) }
        }
        return answersWith
    }

    /// Kanji, katakana, or a Latin letter: what a content word is made of.
    static func isContent(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x30A1...0x30FA, 0x30FC: return true
        default: return scalar.isASCII && character.isLetter
        }
    }
}
