import CMeCab
import Foundation
import Kikitori

/// One word as MeCab reads it, mapped back to the answer's own characters.
public struct Token: Sendable, Equatable {
    public var surface: String
    /// The dictionary form (増え → 増える); the surface when the dictionary has none.
    public var lemma: String
    /// Part of speech and its first subdivision (名詞, 一般).
    public var pos: String
    public var posDetail: String
    /// UTF-8 range in the original text, for highlighting and concordances.
    public var range: Range<Int>
}

/// Japanese morphological analysis with MeCab and the IPADIC dictionary (Debian's mecab-ipadic-utf8:
/// the dictionary KH Coder uses with MeCab; its part-of-speech tags are the ones this code filters on).
/// Text is normalised as everywhere (NFKC, Latin lower case) before analysis; ranges point into the
/// original. Not thread-safe: one per task.
public final class MeCabTagger {
    public enum Failure: Error, Equatable, Sendable {
        /// No dictionary where one was looked for.
        case dictionaryMissing([String])
        case cannotStart(String)
    }

    private let tagger: OpaquePointer
    /// Part of speech, subdivision and lemma by feature string: IPADIC has some hundreds of
    /// thousands of entries but a corpus meets far fewer, so each is read into Strings once. Keyed
    /// by the string's address: MeCab points every node into its memory-mapped dictionary (known
    /// and unknown words alike), so one entry always has one address for the tagger's life, and
    /// hashing the bytes of every word's features was a tenth of the time.
    private var features: [UnsafePointer<CChar>: Features] = [:]
    /// The words of the answer being read, kept between answers so each does not allocate anew.
    private var nodeBuffer: [(range: Range<Int>, features: Features)] = []

    private struct Features {
        var pos: String
        var detail: String
        var lemma: String
        /// A part of speech worth counting (``isContent(pos:detail:)``).
        var contentPOS: Bool
        /// The lemma's word id; nil when the dictionary has no lemma (the surface stands for it).
        var lemmaID: Int32?
    }

    /// A word met while counting: its lemma, the part of speech it was first met as, and whether
    /// it is counted (not a stop word, not a single kana).
    public struct Word: Sendable, Equatable {
        public var lemma: String
        public var pos: String
        public var counted: Bool
    }

    /// Every word ``contentWords(_:)`` has returned an id for, by id.
    public private(set) var vocabulary: [Word] = []
    private var wordIDs: [String: Int32] = [:]
    /// Word ids of surfaces standing for their lemma (words the dictionary does not know), by bytes.
    private var surfaceIDs: [UInt64: [(bytes: [UInt8], id: Int32)]] = [:]
    /// User words as the byte strings of their MeCab surfaces, by the hash of the first.
    private var userWordBytes: [UInt64: [[[UInt8]]]] = [:]
    /// Compound words kept as one word (オープンデータ, 棚卸し), merged after analysis: the words'
    /// MeCab surfaces, found by their first surface, longest first.
    private let userWords: [String: [[String]]]
    /// The user words as given, for a ``sibling()``.
    private let userWordList: [String]

    /// Where the dictionary is looked for: `$KIKITORI_MECAB_DIC`, Debian's default, then IPADIC's own folder.
    public static let dictionaryFolders = ["/var/lib/mecab/dic/debian", "/var/lib/mecab/dic/ipadic-utf8", "/usr/lib/x86_64-linux-gnu/mecab/dic/ipadic-utf8"]

    public init(userWords: [String] = MeCabTagger.defaultUserWords) throws(Failure) {
        let environment = ProcessInfo.processInfo.environment["KIKITORI_MECAB_DIC"]
        let candidates = environment.map { [$0] } ?? Self.dictionaryFolders
        guard let folder = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/sys.dic") }) else {
            throw .dictionaryMissing(candidates)
        }
        // -r /dev/null: no mecabrc is needed; -d: the dictionary found above.
        guard let tagger = mecab_new2("-r /dev/null -d \(folder)") else {
            throw .cannotStart(String(cString: mecab_strerror(nil)))
        }
        self.tagger = tagger
        userWordList = userWords
        let plain = try? MeCabTagger.split(tagger: tagger, userWords)
        // Longest first: 総合振興局 before 振興局.
        self.userWords = Dictionary(grouping: (plain ?? []).sorted { $0.count > $1.count }, by: { $0[0] })
        for parts in (plain ?? []).sorted(by: { $0.count > $1.count }) {
            let bytes = parts.map { Array($0.utf8) }
            userWordBytes[Self.hash(bytes[0]), default: []].append(bytes)
        }
    }

    /// FNV-1a: cheap, and every hit is confirmed byte for byte.
    private static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// ``contentWords(_:)`` as dictionary forms, for what reads words without this type (the
    /// suggestion model, `tag gaps`). Holds this tagger: use it on one task at a time.
    public var lemmatizer: Lemmatizer {
        { [self] text in contentWords(text).map { vocabulary[Int($0)].lemma } }
    }

    /// The counted content words of `text`, in order, as ids into ``vocabulary``: what word counts,
    /// characteristic words and the network need, without a String or a range per word. The same
    /// words ``tokens(_:)`` filtered by ``isContent(_:)`` gives, user words merged alike.
    public func contentWords(_ text: String) -> [Int32] {
        let bytes = Array(NormalizedText.normalize(text).utf8)
        var nodes: [(range: Range<Int>, features: Features)] = []
        swap(&nodes, &nodeBuffer)  // uniquely held, so clearing keeps its storage
        nodes.removeAll(keepingCapacity: true)
        defer { swap(&nodes, &nodeBuffer) }
        forEachWord(in: bytes) { range, feature in nodes.append((range, features(feature))) }
        var ids: [Int32] = []
        var index = 0
        outer: while index < nodes.count {
            for parts in userWordBytes[Self.hash(bytes[nodes[index].range])] ?? [] where index + parts.count <= nodes.count {
                if parts.indices.allSatisfy({ parts[$0].elementsEqual(bytes[nodes[index + $0].range]) }) {
                    let id = intern(String(decoding: parts.joined(), as: UTF8.self), pos: "名詞")
                    if vocabulary[Int(id)].counted { ids.append(id) }
                    index += parts.count
                    continue outer
                }
            }
            let node = nodes[index]
            if node.features.contentPOS {
                let id = node.features.lemmaID ?? internSurface(bytes[node.range], pos: node.features.pos)
                if vocabulary[Int(id)].counted { ids.append(id) }
            }
            index += 1
        }
        return ids
    }

    /// Calls `body` with the byte range (in `bytes`, normalised text) and the features of each word
    /// MeCab finds.
    private func forEachWord(in bytes: [UInt8], _ body: (Range<Int>, UnsafePointer<CChar>?) -> Void) {
        var terminated = bytes
        terminated.append(0)
        terminated.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { start in
                var node = mecab_sparse_tonode(tagger, start)
                while let current = node {
                    defer { node = UnsafePointer(current.pointee.next) }
                    guard current.pointee.stat == MECAB_NOR_NODE || current.pointee.stat == MECAB_UNK_NODE,
                        let surface = current.pointee.surface
                    else { continue }
                    let offset = surface - start
                    body(offset..<offset + Int(current.pointee.length), current.pointee.feature)
                }
            }
        }
    }

    /// A tagger of its own with the same dictionary and user words, for another thread.
    public func sibling() throws(Failure) -> MeCabTagger {
        try MeCabTagger(userWords: userWordList)
    }

    /// The id `word` has here, added if new: how another tagger's word ids are brought into this
    /// one's vocabulary. A word already known keeps the part of speech it was first met as.
    func adopt(_ word: Word) -> Int32 {
        intern(word.lemma, pos: word.pos)
    }

    private func intern(_ lemma: String, pos: String) -> Int32 {
        if let id = wordIDs[lemma] { return id }
        let id = Int32(vocabulary.count)
        vocabulary.append(Word(lemma: lemma, pos: pos, counted: Self.isCounted(lemma)))
        wordIDs[lemma] = id
        return id
    }

    private func internSurface(_ bytes: ArraySlice<UInt8>, pos: String) -> Int32 {
        let hash = Self.hash(bytes)
        if let known = surfaceIDs[hash]?.first(where: { $0.bytes.elementsEqual(bytes) }) { return known.id }
        let id = intern(String(decoding: bytes, as: UTF8.self), pos: pos)
        surfaceIDs[hash, default: []].append((Array(bytes), id))
        return id
    }

    deinit { mecab_destroy(tagger) }

    /// Words people write as one that IPADIC splits.
    public static let defaultUserWords = ["オープンデータ", "データセット", "棚卸し", "振興局", "個人情報", "機械判読", "官民データ", "二次利用", "利活用"]

    private static func split(tagger: OpaquePointer, _ words: [String]) throws -> [[String]] {
        words.map { word in
            var surfaces: [String] = []
            NormalizedText.normalize(word).withCString { text in
                var node = mecab_sparse_tonode(tagger, text)
                while let current = node {
                    if current.pointee.stat == MECAB_NOR_NODE || current.pointee.stat == MECAB_UNK_NODE {
                        surfaces.append(String(decoding: UnsafeRawBufferPointer(start: current.pointee.surface, count: Int(current.pointee.length)), as: UTF8.self))
                    }
                    node = UnsafePointer(current.pointee.next)
                }
            }
            return surfaces
        }.filter { $0.count > 1 }
    }

    /// Every word of `text`, in order.
    public func tokens(_ text: String) -> [Token] {
        let normalized = NormalizedText(text)
        let bytes = normalized.bytes
        var tokens: [Token] = []
        forEachWord(in: bytes) { range, feature in
            let surface = String(decoding: bytes[range], as: UTF8.self)
            let fields = features(feature)
            let lemma = fields.lemma.isEmpty || fields.lemma.utf8.elementsEqual("*".utf8) ? surface : fields.lemma
            tokens.append(Token(
                surface: surface, lemma: lemma, pos: fields.pos, posDetail: fields.detail,
                range: normalized.originalRange(range.lowerBound, range.upperBound)))
        }
        return merge(tokens, text: text)
    }

    /// A node's features, from the cache (by the address MeCab gives; see ``features``).
    private func features(_ feature: UnsafePointer<CChar>?) -> Features {
        guard let feature else { return Features(pos: "", detail: "", lemma: "", contentPOS: false) }
        if let known = features[feature] { return known }
        let fields = Self.fields(feature)
        var read = Features(
            pos: fields.pos, detail: fields.detail, lemma: fields.lemma, contentPOS: Self.isContent(pos: fields.pos, detail: fields.detail))
        if read.contentPOS, !fields.lemma.isEmpty, fields.lemma != "*" { read.lemmaID = intern(fields.lemma, pos: fields.pos) }
        features[feature] = read
        return read
    }

    /// IPADIC's feature fields 0 (part of speech), 1 (its subdivision) and 6 (dictionary form),
    /// read in place: splitting the whole string for every word was most of the time spent.
    private static func fields(_ feature: UnsafePointer<CChar>?) -> (pos: String, detail: String, lemma: String) {
        guard let feature else { return ("", "", "") }
        var starts: [Int] = [0]
        var position = 0
        while feature[position] != 0 && starts.count < 8 {
            if feature[position] == 44 { starts.append(position + 1) }  // ','
            position += 1
        }
        func field(_ index: Int) -> String {
            guard index < starts.count else { return "" }
            let start = starts[index]
            var end = start
            while feature[end] != 0 && feature[end] != 44 { end += 1 }
            return String(decoding: UnsafeRawBufferPointer(start: feature + start, count: end - start), as: UTF8.self)
        }
        return (field(0), field(1), field(6))
    }

    /// Consecutive tokens that spell a user word become that word (a noun).
    private func merge(_ tokens: [Token], text: String) -> [Token] {
        guard !userWords.isEmpty else { return tokens }
        var result: [Token] = []
        var index = 0
        outer: while index < tokens.count {
            for parts in userWords[tokens[index].surface] ?? [] where index + parts.count <= tokens.count {
                if zip(parts, tokens[index..<index + parts.count]).allSatisfy({ $0.utf8.elementsEqual($1.surface.utf8) }) {
                    let range = tokens[index].range.lowerBound..<tokens[index + parts.count - 1].range.upperBound
                    let word = parts.joined()
                    result.append(Token(surface: word, lemma: word, pos: "名詞", posDetail: "一般", range: range))
                    index += parts.count
                    continue outer
                }
            }
            result.append(tokens[index])
            index += 1
        }
        return result
    }

    /// Words worth counting: nouns (not pronouns, numbers, dependent or suffix nouns), independent
    /// verbs and adjectives, and adjectival nouns; without the stop words below.
    public static func isContent(_ token: Token) -> Bool {
        isContent(pos: token.pos, detail: token.posDetail) && isCounted(token.lemma)
    }

    /// The part-of-speech half of ``isContent(_:)``.
    static func isContent(pos: String, detail posDetail: String) -> Bool {
        // Compared as bytes: both sides come from IPADIC, and String's == would normalise every time.
        func detail(in names: [StaticString]) -> Bool { names.contains { same(posDetail, $0) } }
        if same(pos, "名詞") { return !detail(in: ["代名詞", "数", "非自立", "接尾", "特殊"]) }
        if same(pos, "動詞") || same(pos, "形容詞") { return detail(in: ["自立"]) }
        return false
    }

    /// The lemma half: not a single kana or letter, not a stop word.
    static func isCounted(_ lemma: String) -> Bool {
        guard lemma.count > 1 || lemma.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) else { return false }
        return !stopWords.contains(lemma)
    }

    private static func same(_ text: String, _ name: StaticString) -> Bool {
        name.withUTF8Buffer { text.utf8.elementsEqual($0) }
    }

    /// Words in nearly every answer that say nothing about a concern (KH Coder's users drop them too).
    public static let stopWords: Set<String> = [
        "する", "ある", "いる", "なる", "できる", "思う", "考える", "言う", "いう", "おる", "くる", "行く", "いく", "やる", "れる", "られる",
        "こと", "もの", "ため", "よう", "ところ", "とき", "ほう", "方", "感じ", "状況", "現状", "正直", "担当", "現場", "特に", "今",
        "ない", "よい", "いい", "うち", "率直",
    ]
}
