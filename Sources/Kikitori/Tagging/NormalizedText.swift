import Foundation

/// Text prepared for matching, with a map back to the respondent's own words.
///
/// Normalisation: NFKC (full-width ASCII, half-width kana, circled and compatibility forms), Latin
/// lower case, every hyphen, dash and long-vowel mark unified to `ー`, and spaces between Japanese
/// characters removed. `origin[i]` is the UTF-8 offset in the original text of the character that
/// produced normalised byte `i`, so quotes and highlights come from what was said.
public struct NormalizedText: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Original UTF-8 offset for each normalised byte, plus one entry for the end.
    public private(set) var origin: [Int32] = []
    /// Normalised character index for each normalised byte, plus one entry for the end; windows
    /// such as `near(a, b)[10]` count characters, not bytes.
    public private(set) var characterIndex: [Int32] = []
    public let originalLength: Int

    public init(_ text: String) {
        var normalizer = Normalizer(text: NormalizedText(capacity: text.utf8.count))
        normalizer.run(text)
        self = normalizer.text
    }

    private init(capacity originalLength: Int) {
        self.originalLength = originalLength
        bytes.reserveCapacity(originalLength)
        origin.reserveCapacity(originalLength + 1)
        characterIndex.reserveCapacity(originalLength + 1)
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

    fileprivate mutating func append(_ scalar: Unicode.Scalar, from offset: Int, character: Int32) {
        var buffer: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let value = scalar.value
        let count: Int
        if value < 0x80 {
            buffer.0 = UInt8(value)
            count = 1
        } else if value < 0x800 {
            buffer.0 = UInt8(0xC0 | (value >> 6))
            buffer.1 = UInt8(0x80 | (value & 0x3F))
            count = 2
        } else if value < 0x10000 {
            buffer.0 = UInt8(0xE0 | (value >> 12))
            buffer.1 = UInt8(0x80 | ((value >> 6) & 0x3F))
            buffer.2 = UInt8(0x80 | (value & 0x3F))
            count = 3
        } else {
            buffer.0 = UInt8(0xF0 | (value >> 18))
            buffer.1 = UInt8(0x80 | ((value >> 12) & 0x3F))
            buffer.2 = UInt8(0x80 | ((value >> 6) & 0x3F))
            buffer.3 = UInt8(0x80 | (value & 0x3F))
            count = 4
        }
        withUnsafeBytes(of: &buffer) { raw in
            for index in 0..<count {
                bytes.append(raw[index])
                origin.append(Int32(offset))
                characterIndex.append(character)
            }
        }
    }

    fileprivate mutating func finish(characters: Int32) {
        origin.append(Int32(originalLength))
        characterIndex.append(characters)
    }

    /// The scalar ending the normalised text so far, for the Japanese-space rule.
    fileprivate var lastScalar: Unicode.Scalar? {
        guard !bytes.isEmpty else { return nil }
        var start = bytes.count - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return String(decoding: bytes[start...], as: UTF8.self).unicodeScalars.first
    }
}

/// The single pass behind ``NormalizedText``. Common scripts take a fast path; only characters
/// that NFKC would change go through Foundation.
private struct Normalizer {
    var text: NormalizedText
    private var characters: Int32 = 0
    /// A space seen but not yet written: dropped if it turns out to sit between Japanese characters.
    private var pendingSpace: Int?

    init(text: NormalizedText) {
        self.text = text
    }

    mutating func run(_ input: String) {
        let scalars = Array(input.unicodeScalars)
        var offset = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let width = UTF8.width(scalar)
            let value = scalar.value
            if value < 0x80 {
                emitASCII(UInt8(value), from: offset)
            } else if (0xFF01...0xFF5E).contains(value) {
                // Full-width ASCII: NFKC maps it to ASCII.
                emitASCII(UInt8(value - 0xFEE0), from: offset)
            } else if value == 0x3000 || value == 0x00A0 || (0x2000...0x200A).contains(value) {
                space(from: offset)
            } else if Self.isDash(value) {
                emit(Unicode.Scalar(0x30FC)!, from: offset)
            } else if Self.isStable(value) {
                emit(scalar, from: offset)
            } else {
                // Slow path: NFKC of this scalar with the marks that follow it (ｶﾞ → ガ).
                var end = index + 1
                while end < scalars.count, Self.isCombining(scalars[end].value) { end += 1 }
                var cluster = String.UnicodeScalarView()
                cluster.append(contentsOf: scalars[index..<end])
                let normalized = String(cluster).precomposedStringWithCompatibilityMapping.lowercased()
                for produced in normalized.unicodeScalars {
                    if produced.value < 0x80 {
                        emitASCII(UInt8(produced.value), from: offset)
                    } else if Self.isDash(produced.value) {
                        emit(Unicode.Scalar(0x30FC)!, from: offset)
                    } else {
                        emit(produced, from: offset)
                    }
                }
                for extra in scalars[(index + 1)..<end] { offset += UTF8.width(extra) }
                index = end
                offset += width
                continue
            }
            offset += width
            index += 1
        }
        flushSpace(before: nil)
        text.finish(characters: characters)
    }

    private mutating func emitASCII(_ byte: UInt8, from offset: Int) {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            space(from: offset)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
            emit(Unicode.Scalar(byte + 32), from: offset)
        case UInt8(ascii: "-"):
            emit(Unicode.Scalar(0x30FC)!, from: offset)
        default:
            emit(Unicode.Scalar(byte), from: offset)
        }
    }

    private mutating func space(from offset: Int) {
        if pendingSpace == nil, text.lastScalar.map({ $0 != " " }) ?? false { pendingSpace = offset }
    }

    private mutating func emit(_ scalar: Unicode.Scalar, from offset: Int) {
        flushSpace(before: scalar)
        text.append(scalar, from: offset, character: characters)
        characters += 1
    }

    /// Writes a pending space unless it separates two Japanese characters.
    private mutating func flushSpace(before next: Unicode.Scalar?) {
        guard let spaceOffset = pendingSpace else { return }
        pendingSpace = nil
        guard let next, let previous = text.lastScalar else { return }
        if Self.isJapanese(previous.value) && Self.isJapanese(next.value) { return }
        text.append(" ", from: spaceOffset, character: characters)
        characters += 1
    }

    static func isDash(_ value: UInt32) -> Bool {
        (0x2010...0x2015).contains(value) || value == 0x2212 || value == 0x30FC || value == 0xFF0D
            || value == 0xFF70 || value == 0x2500 || value == 0x2501 || value == 0xFE63
    }

    /// Kana, CJK ideographs and CJK punctuation: unchanged by NFKC and lower-casing.
    static func isStable(_ value: UInt32) -> Bool {
        (0x3001...0x30FF).contains(value) && !(0x3099...0x309C).contains(value)
            || (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
    }

    static func isJapanese(_ value: UInt32) -> Bool {
        (0x3040...0x30FF).contains(value) || (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
            || (0x3000...0x303F).contains(value) || (0xFF01...0xFF60).contains(value)
    }

    static func isCombining(_ value: UInt32) -> Bool {
        (0x0300...0x036F).contains(value) || (0x3099...0x309A).contains(value) || value == 0xFF9E || value == 0xFF9F
    }
}
