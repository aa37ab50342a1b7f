import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// How a CSV appendix is encoded for Excel.
public enum CSVEncoding: String, Sendable, CaseIterable {
    /// UTF-8 with a byte-order mark: Excel on Japanese Windows then shows Japanese correctly.
    case utf8BOM = "utf-8-bom"
    case utf8 = "utf-8"
    /// Windows-31J (Shift_JIS as Microsoft extends it), for older Excel; converted by glibc's iconv.
    case cp932

    var preamble: [UInt8] { self == .utf8BOM ? [0xEF, 0xBB, 0xBF] : [] }
}

/// Converts UTF-8 text to CP932 through glibc's iconv, which knows Microsoft's extensions
/// (①, ㈱, NEC and IBM kanji) that plain Shift_JIS lacks.
final class CP932Converter {
    private let descriptor: iconv_t

    init?() {
        guard let descriptor = iconv_open("CP932", "UTF-8"), descriptor != iconv_t(bitPattern: -1) else { return nil }
        self.descriptor = descriptor
    }

    deinit {
        iconv_close(descriptor)
    }

    /// The CP932 bytes of `text`, or the first character that has no CP932 form.
    func convert(_ text: String) -> Result<[UInt8], CharacterFailure> {
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 8)
        let outputCount = output.count
        var inLeft = input.count
        var outLeft = outputCount
        let result = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer -> Int in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                iconv(descriptor, nil, nil, nil, nil)
                return iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        if result == -1 {
            let offset = input.count - inLeft
            let failing = String(decoding: input[offset...], as: UTF8.self).first.map(String.init) ?? "?"
            return .failure(CharacterFailure(character: failing))
        }
        return .success(Array(output[0..<(outputCount - outLeft)]))
    }

    struct CharacterFailure: Error {
        var character: String
    }
}
