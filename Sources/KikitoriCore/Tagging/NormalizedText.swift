import Foundation

/// Text prepared for matching, with a map back to the respondent's own words.
///
/// Normalisation: NFKC (full-width ASCII, half-width kana, circled and compatibility forms), Latin
/// lower case, every hyphen, dash and long-vowel mark unified to `ー`, and spaces between Japanese
/// characters removed. `origin[i]` is the UTF-8 offset in the original text of the character that
/// produced normalised byte `i`, so quotes and highlights come from what was said.
///
/// The common case — ASCII, kana and kanji — is handled byte by byte without decoding; only
/// characters that NFKC would change go through Foundation.
public struct NormalizedText: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Original UTF-8 offset for each normalised byte, plus one entry for the end.
    public private(set) var origin: [Int32] = []
    public let originalLength: Int

    public init(_ text: String) {
        var text = text
        let length = text.utf8.count
        originalLength = length
        bytes.reserveCapacity(length)
        origin.reserveCapacity(length + 1)
        text.withUTF8 { input in normalize(input) }
        origin.append(Int32(length))
    }

    /// The normalised form of a keyword or of any short string, without the map.
    public static func normalize(_ text: String) -> String {
        String(decoding: NormalizedText(text).bytes, as: UTF8.self)
    }

    /// The original UTF-8 range for normalised bytes `start..<end`.
    public func originalRange(_ start: Int, _ end: Int) -> Range<Int> {
        let lower = Int(origin[start])
        let upper = end < origin.count - 1 ? Int(origin[end]) : originalLength
        return lower..<max(lower, upper)
    }

    /// Whether normalised bytes `from..<to` hold at most `limit` characters (windows such as
    /// `near(a, b)[10]` count characters, not bytes); stops counting past the limit, so a window
    /// test costs the window, not the distance (long answers have hits far apart).
    public func hasAtMost(_ limit: Int, charactersFrom from: Int, to: Int) -> Bool {
        guard from < to else { return true }
        // No character is shorter than a byte or longer than four.
        if to - from <= limit { return true }
        if to - from > limit * 4 { return false }
        var count = 0
        for index in from..<to where bytes[index] & 0xC0 != 0x80 {
            count += 1
            if count > limit { return false }
        }
        return true
    }

    // MARK: Normalising

    private static let longVowel: [UInt8] = [0xE3, 0x83, 0xBC]  // ー

    private mutating func normalize(_ input: UnsafeBufferPointer<UInt8>) {
        var index = 0
        var pendingSpace = -1
        let count = input.count
        while index < count {
            let byte = input[index]
            if byte < 0x80 {
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D:
                    if pendingSpace < 0, let last = bytes.last, last != 0x20 { pendingSpace = index }
                case 0x41...0x5A:
                    flush(&pendingSpace, beforeJapanese: false)
                    append(byte + 32, from: index)
                case 0x2D:
                    flush(&pendingSpace, beforeJapanese: true)
                    append(Self.longVowel, from: index)
                default:
                    flush(&pendingSpace, beforeJapanese: false)
                    append(byte, from: index)
                }
                index += 1
                continue
            }
            if byte >= 0xE3 && byte <= 0xE9 && index + 2 < count {
                let value = (UInt32(byte & 0x0F) << 12) | (UInt32(input[index + 1] & 0x3F) << 6) | UInt32(input[index + 2] & 0x3F)
                if Self.isStable(value) {
                    flush(&pendingSpace, beforeJapanese: true)
                    if value == 0x30FC {
                        append(Self.longVowel, from: index)
                    } else {
                        bytes.append(input[index])
                        bytes.append(input[index + 1])
                        bytes.append(input[index + 2])
                        let offset = Int32(index)
                        origin.append(offset)
                        origin.append(offset)
                        origin.append(offset)
                    }
                    index += 3
                    continue
                }
            }
            index = slowPath(input, at: index, pendingSpace: &pendingSpace)
        }
    }

    /// Characters NFKC may change: decode the scalar (with any combining marks after it) and let
    /// Foundation normalise it.
    private mutating func slowPath(_ input: UnsafeBufferPointer<UInt8>, at start: Int, pendingSpace: inout Int) -> Int {
        var end = start + Self.sequenceLength(input[start])
        end = min(end, input.count)
        // Half-width voiced marks and combining marks belong with the character before them.
        while end + 2 < input.count, Self.isCombiningAt(input, end) { end += 3 }
        while end + 1 < input.count, input[end] == 0xCC || (input[end] == 0xCD && input[end + 1] < 0xB0) { end += 2 }
        let cluster = String(decoding: UnsafeBufferPointer(rebasing: input[start..<end]), as: UTF8.self)
        // Foundation on Linux leaves ﾌﾟ as フ + U+309A after compatibility mapping; composing again
        // gives プ, the form typed text and keywords have.
        let normalized = cluster.precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping.lowercased()
        for scalar in normalized.unicodeScalars {
            let value = scalar.value
            if value == 0x20 || value == 0x3000 || value == 0xA0 || (0x2000...0x200A).contains(value) {
                if pendingSpace < 0, let last = bytes.last, last != 0x20 { pendingSpace = start }
            } else if Self.isDash(value) {
                flush(&pendingSpace, beforeJapanese: true)
                append(Self.longVowel, from: start)
            } else {
                flush(&pendingSpace, beforeJapanese: Self.isJapanese(value))
                var encoded = [UInt8]()
                encoded.append(contentsOf: String(scalar).utf8)
                append(encoded, from: start)
            }
        }
        return end
    }

    private mutating func append(_ byte: UInt8, from offset: Int) {
        bytes.append(byte)
        origin.append(Int32(offset))
    }

    private mutating func append(_ encoded: [UInt8], from offset: Int) {
        for byte in encoded {
            bytes.append(byte)
            origin.append(Int32(offset))
        }
    }

    /// Writes a pending space unless it separates two Japanese characters (or starts the text).
    private mutating func flush(_ pendingSpace: inout Int, beforeJapanese: Bool) {
        guard pendingSpace >= 0 else { return }
        defer { pendingSpace = -1 }
        if beforeJapanese && endsWithJapanese { return }
        append(0x20, from: pendingSpace)
    }

    private var endsWithJapanese: Bool {
        var start = bytes.count - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        guard start >= 0, bytes.count - start == 3 else { return false }
        let value = (UInt32(bytes[start] & 0x0F) << 12) | (UInt32(bytes[start + 1] & 0x3F) << 6) | UInt32(bytes[start + 2] & 0x3F)
        return Self.isJapanese(value)
    }

    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC0...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF7: return 4
        default: return 1
        }
    }

    /// ﾞ ﾟ (EF BE 9E/9F) and combining kana marks (E3 82 99/9A).
    private static func isCombiningAt(_ input: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        (input[index] == 0xEF && input[index + 1] == 0xBE && (input[index + 2] == 0x9E || input[index + 2] == 0x9F))
            || (input[index] == 0xE3 && input[index + 1] == 0x82 && (input[index + 2] == 0x99 || input[index + 2] == 0x9A))
    }

    package static func isDash(_ value: UInt32) -> Bool {
        (0x2010...0x2015).contains(value) || value == 0x2212 || value == 0x30FC || value == 0xFF0D
            || value == 0xFF70 || value == 0x2500 || value == 0x2501 || value == 0xFE63
    }

    /// Kana, CJK ideographs and CJK punctuation: unchanged by NFKC and lower-casing.
    /// (U+3000, the ideographic space, and the combining voiced marks are not.)
    package static func isStable(_ value: UInt32) -> Bool {
        (0x3001...0x30FF).contains(value) && !(0x3099...0x309C).contains(value)
            || (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
    }

    package static func isJapanese(_ value: UInt32) -> Bool {
        (0x3040...0x30FF).contains(value) || (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
            || (0x3000...0x303F).contains(value) || (0xFF01...0xFF60).contains(value)
    }
}
