import KikitoriCore
import KikitoriStore
/// Text folded for finding names, with a map back to the original words.
///
/// On top of ``NormalizedText`` (NFKC, width, Latin case, dashes): every space and middle dot is
/// dropped and hiragana become katakana, so 「山田 太郎」, 「やまだ」 and 「ﾔﾏﾀﾞ」 meet 「山田太郎」 and
/// 「ヤマダ」. Over-matching is the safe side for masking: a name split across two words is still a name.
struct FoldedText {
    private(set) var bytes: [UInt8] = []
    /// Original UTF-8 offset where the character behind each folded byte starts, and where it ends.
    private(set) var start: [Int32] = []
    private(set) var end: [Int32] = []

    init(_ text: String) {
        let normalized = NormalizedText(text)
        let source = normalized.bytes
        let origin = normalized.origin
        bytes.reserveCapacity(source.count)
        start.reserveCapacity(source.count)
        end.reserveCapacity(source.count)
        // The end of a character's original is the start of the next original character.
        var nextOrigin = [Int32](repeating: Int32(normalized.originalLength), count: source.count)
        var following = Int32(normalized.originalLength)
        var index = source.count - 1
        while index >= 0 {
            nextOrigin[index] = following
            if index == 0 || origin[index - 1] != origin[index] { following = origin[index] }
            index -= 1
        }
        var position = 0
        while position < source.count {
            let lead = source[position]
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            let from = origin[position]
            let to = nextOrigin[min(position + length, source.count) - 1]
            defer { position += length }
            if lead == 0x20 { continue }
            if length == 3, position + 2 < source.count {
                let value = (UInt32(lead & 0x0F) << 12) | (UInt32(source[position + 1] & 0x3F) << 6) | UInt32(source[position + 2] & 0x3F)
                if value == 0x30FB { continue }  // ・
                if (0x3041...0x3096).contains(value) {
                    append(Self.encode(value + 0x60), from: from, to: to)
                    continue
                }
            }
            append(Array(source[position..<min(position + length, source.count)]), from: from, to: to)
        }
    }

    /// The folded form of a name or term, as a pattern to look for.
    static func fold(_ text: String) -> [UInt8] { FoldedText(text).bytes }

    /// Characters (not bytes) in a folded pattern.
    static func characters(_ bytes: [UInt8]) -> Int { bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }

    /// The original UTF-8 range behind folded bytes `from..<to`.
    func originalRange(_ from: Int, _ to: Int) -> Range<Int> {
        Int(start[from])..<Int(max(start[from], end[to - 1]))
    }

    private mutating func append(_ encoded: [UInt8], from: Int32, to: Int32) {
        for byte in encoded {
            bytes.append(byte)
            start.append(from)
            end.append(to)
        }
    }

    private static func encode(_ value: UInt32) -> [UInt8] {
        [UInt8(0xE0 | (value >> 12)), UInt8(0x80 | ((value >> 6) & 0x3F)), UInt8(0x80 | (value & 0x3F))]
    }
}
