import Crypto
import Foundation

/// Learned suggestions beside the rules: one naive Bayes classifier per theme (this theme or not)
/// over the character bigrams and trigrams of the normalised text and, when a morphological analyser
/// is at hand, its word lemmas (so 増えた and 増える weigh as one word), trained on labelled statements
/// and on people's decisions. Transparent (each suggestion names the n-grams and words that weighed
/// most), deterministic (no sampling; the same examples give the same model) and quick to train.
///
/// Written here rather than taken from a library: the Swift packages this project may use hold no
/// text classifier, and multinomial naive Bayes with add-one smoothing is a page of arithmetic.
public struct SuggestionModel: Codable, Equatable, Sendable {
    public struct ThemeModel: Codable, Equatable, Sendable {
        public var theme: String
        /// log P(theme) − log P(not theme).
        public var bias: Double
        /// Per n-gram: log P(n-gram | theme) − log P(n-gram | not theme).
        public var weights: [String: Double]
        /// Positive and negative training examples.
        public var positives: Int
        public var negatives: Int
    }

    /// One labelled text to learn from.
    public struct Example: Sendable {
        public var text: String
        public var labels: Set<String>

        public init(text: String, labels: Set<String>) {
            self.text = text
            self.labels = labels
        }
    }

    /// A theme suggested for a text, with its probability and the n-grams that weighed most for it.
    public struct Suggestion: Equatable, Sendable {
        public var theme: String
        public var probability: Double
        public var features: [String]
    }

    public var codebook: String
    /// SHA-256 of the training examples (texts and labels, in order): which data made this model.
    public var trainingFingerprint: String
    public var themes: [ThemeModel]
    /// Suggestions below this probability are not made.
    public var threshold: Double
    /// Whether word lemmas were features besides characters: a model trained with them must be
    /// given the same analyser to suggest.
    public var usesLemmas: Bool

    public init(codebook: String, trainingFingerprint: String, themes: [ThemeModel], threshold: Double, usesLemmas: Bool = false) {
        self.codebook = codebook
        self.trainingFingerprint = trainingFingerprint
        self.themes = themes
        self.threshold = threshold
        self.usesLemmas = usesLemmas
    }

    private enum CodingKeys: String, CodingKey { case codebook, trainingFingerprint, themes, threshold, usesLemmas }

    /// Models kept before lemmas were features have no `usesLemmas`: characters only.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            codebook: try container.decode(String.self, forKey: .codebook),
            trainingFingerprint: try container.decode(String.self, forKey: .trainingFingerprint),
            themes: try container.decode([ThemeModel].self, forKey: .themes), threshold: try container.decode(Double.self, forKey: .threshold),
            usesLemmas: try container.decodeIfPresent(Bool.self, forKey: .usesLemmas) ?? false)
    }

    /// An n-gram must occur in this many training texts to be kept: rarer ones only memorise.
    public static let minimumDocumentFrequency = 2
    public static let defaultThreshold = 0.99

    /// Trains one classifier per theme of `themes`; a theme with no positive example gets none.
    /// With a `lemmatizer`, each text's word lemmas are features beside its characters.
    public static func train(
        _ examples: [Example], themes: [String], codebook: String, threshold: Double = defaultThreshold, lemmatizer: Lemmatizer? = nil
    ) -> SuggestionModel {
        let grams = examples.map { features(of: $0.text, lemmas: lemmatizer?($0.text) ?? []) }
        var documentFrequency: [String: Int] = [:]
        for document in grams { for gram in document.keys { documentFrequency[gram, default: 0] += 1 } }
        let vocabulary = Set(documentFrequency.filter { $0.value >= minimumDocumentFrequency }.keys)
        var models: [ThemeModel] = []
        for theme in themes {
            var counts: [Bool: [String: Int]] = [true: [:], false: [:]]
            var totals: [Bool: Int] = [true: 0, false: 0]
            var documents: [Bool: Int] = [true: 0, false: 0]
            for (example, document) in zip(examples, grams) {
                let side = example.labels.contains(theme)
                documents[side, default: 0] += 1
                for (gram, count) in document where vocabulary.contains(gram) {
                    counts[side, default: [:]][gram, default: 0] += count
                    totals[side, default: 0] += count
                }
            }
            let positives = documents[true] ?? 0, negatives = documents[false] ?? 0
            guard positives > 0, negatives > 0 else { continue }
            let size = Double(vocabulary.count)
            let positiveTotal = Double(totals[true] ?? 0) + size, negativeTotal = Double(totals[false] ?? 0) + size
            var weights: [String: Double] = [:]
            for gram in vocabulary {
                let p = (Double(counts[true]?[gram] ?? 0) + 1) / positiveTotal
                let q = (Double(counts[false]?[gram] ?? 0) + 1) / negativeTotal
                weights[gram] = log(p) - log(q)
            }
            models.append(ThemeModel(
                theme: theme, bias: log(Double(positives)) - log(Double(negatives)), weights: weights, positives: positives,
                negatives: negatives))
        }
        return SuggestionModel(
            codebook: codebook, trainingFingerprint: fingerprint(examples), themes: models, threshold: threshold, usesLemmas: lemmatizer != nil)
    }

    /// Themes whose probability reaches the threshold, most likely first. A model that
    /// ``usesLemmas`` needs the `lemmatizer` it was trained with. For many texts, make one
    /// ``Scorer`` and ask it instead.
    public func suggest(_ text: String, lemmatizer: Lemmatizer? = nil) -> [Suggestion] {
        var scorer = Scorer(self)
        return scorer.suggest(text, lemmatizer: lemmatizer)
    }

    /// The model laid out for scoring many texts: a character n-gram is looked up by a number made
    /// of its scalars (``forEachGram(of:_:)``), never built as a String, each feature once per text,
    /// and the themes' weights are read by the feature's index (String hashing was most of the time
    /// of suggesting over a large database). Given the rules' matcher, it never suggests a theme the
    /// rules would find but for a negation cue (「セキュリティは心配していない」): the respondent said
    /// it is no concern, however its words weigh.
    public struct Scorer {
        private let model: SuggestionModel
        private let matcher: ThemeMatcher?
        private var scratch: ThemeMatcher.Scratch?
        private let gramIndex: [UInt64: Int]
        private let lemmaIndex: [String: Int]
        private let features: [String]
        /// Per theme, the weight of each feature by its index.
        private let weights: [[Double]]

        public init(_ model: SuggestionModel, vetoedBy matcher: ThemeMatcher? = nil) {
            self.model = model
            self.matcher = matcher
            scratch = matcher?.makeScratch()
            let features = Set(model.themes.flatMap(\.weights.keys)).sorted()
            self.features = features
            var gramIndex: [UInt64: Int] = [:], lemmaIndex: [String: Int] = [:]
            for (number, feature) in features.enumerated() {
                if let key = SuggestionModel.gramKey(feature) { gramIndex[key] = number } else { lemmaIndex[feature] = number }
            }
            self.gramIndex = gramIndex
            self.lemmaIndex = lemmaIndex
            weights = model.themes.map { theme in features.map { theme.weights[$0] ?? 0 } }
        }

        public mutating func suggest(_ text: String, lemmatizer: Lemmatizer? = nil) -> [Suggestion] {
            // Known features in order of occurrence, repeated as often as they occur.
            var known: [Int] = []
            SuggestionModel.forEachGram(of: text) { key in if let number = gramIndex[key] { known.append(number) } }
            if model.usesLemmas, let lemmatizer {
                for lemma in lemmatizer(text) { if let number = lemmaIndex[SuggestionModel.lemmaFeature(lemma)] { known.append(number) } }
            }
            var suggestions: [Suggestion] = []
            for (number, theme) in model.themes.enumerated() {
                let row = weights[number]
                let score = known.reduce(theme.bias) { $0 + row[$1] }
                let probability = 1 / (1 + exp(-score))
                guard probability >= model.threshold else { continue }
                let totals = Dictionary(known.map { ($0, row[$0]) }, uniquingKeysWith: +)
                let top = totals.filter { $0.value > 0 }.map { (gram: features[$0.key], weight: $0.value) }
                    .sorted { ($0.weight, $1.gram) > ($1.weight, $0.gram) }.prefix(5).map(\.gram)
                suggestions.append(Suggestion(theme: theme.theme, probability: probability, features: Array(top)))
            }
            if let matcher, !suggestions.isEmpty, scratch != nil {
                let negated = matcher.negatedThemes(NormalizedText(text), scratch: &scratch!)
                suggestions.removeAll { negated.contains($0.theme) }
            }
            return suggestions.sorted { ($0.probability, $1.theme) > ($1.probability, $0.theme) }
        }
    }

    /// Character bigrams and trigrams of the normalised text, within runs of letters and digits (a
    /// gram never spans punctuation or a space), and the `lemmas` in brackets (``lemmaFeature(_:)``),
    /// with their counts.
    public static func features(of text: String, lemmas: [String] = []) -> [String: Int] {
        var keys: [UInt64: Int] = [:]
        forEachGram(of: text) { keys[$0, default: 0] += 1 }
        var grams = Dictionary(uniqueKeysWithValues: keys.map { (gramString($0.key), $0.value) })
        for lemma in lemmas { grams[lemmaFeature(lemma), default: 0] += 1 }
        return grams
    }

    /// Each character bigram and trigram of the normalised text as a number: its Unicode scalars,
    /// 21 bits each (a bigram's first is never 0, so the two sizes never meet).
    static func forEachGram(of text: String, _ body: (UInt64) -> Void) {
        var previous: UInt64 = 0, beforePrevious: UInt64 = 0
        var run = 0
        for scalar in NormalizedText.normalize(text).unicodeScalars {
            guard isGramScalar(scalar) else {
                run = 0
                continue
            }
            let value = UInt64(scalar.value)
            if run >= 1 { body(previous << 21 | value) }
            if run >= 2 { body(beforePrevious << 42 | previous << 21 | value) }
            beforePrevious = previous
            previous = value
            run += 1
        }
    }

    /// Letters (kana, kanji, the long-vowel mark, Latin) and digits: what a gram is made of.
    private static func isGramScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// The number of a gram written as a String; nil for a lemma or anything not two or three gram scalars.
    static func gramKey(_ gram: String) -> UInt64? {
        let scalars = Array(gram.unicodeScalars)
        guard (2...3).contains(scalars.count), scalars.allSatisfy(isGramScalar) else { return nil }
        return scalars.reduce(0) { $0 << 21 | UInt64($1.value) }
    }

    /// The String of a gram's number.
    static func gramString(_ key: UInt64) -> String {
        var scalars: [Unicode.Scalar] = []
        var rest = key
        while rest != 0 {
            if let scalar = Unicode.Scalar(UInt32(rest & 0x1F_FFFF)) { scalars.insert(scalar, at: 0) }
            rest >>= 21
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// A lemma as a feature, bracketed: a character n-gram never holds a bracket, so 負担 the word
    /// and 負担 the two characters weigh apart, and an explanation shows which it was.
    public static func lemmaFeature(_ lemma: String) -> String { "[" + lemma + "]" }

    private static func fingerprint(_ examples: [Example]) -> String {
        var hasher = SHA256()
        for example in examples {
            hasher.update(data: Data(example.text.utf8))
            hasher.update(data: Data(("\t" + example.labels.sorted().joined(separator: ",") + "\n").utf8))
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
