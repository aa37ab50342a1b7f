import KikitoriCore
import KikitoriStore
import Foundation

/// How a CSV appendix is encoded for Excel.
public enum CSVEncoding: String, Sendable, CaseIterable {
    /// UTF-8 with a byte-order mark: Excel on Japanese Windows then shows Japanese correctly.
    case utf8BOM = "utf-8-bom"
    case utf8 = "utf-8"
    /// Windows-31J (Shift_JIS as Microsoft extends it), for older Excel; converted by glibc's iconv.
    case cp932

    var preamble: [UInt8] { self == .utf8BOM ? [0xEF, 0xBB, 0xBF] : [] }
}

/// Converts UTF-8 text to CP932 for Excel, naming the first character that has no CP932 form.
final class CP932Converter {
    private let iconv: Iconv

    init?() {
        guard let iconv = Iconv(from: "UTF-8", to: "CP932") else { return nil }
        self.iconv = iconv
    }

    func convert(_ text: String) -> Result<[UInt8], CharacterFailure> {
        let input = Array(text.utf8)
        return iconv.convert(input).mapError { failure in
            CharacterFailure(character: String(decoding: input[failure.offset...], as: UTF8.self).first.map(String.init) ?? "?")
        }
    }

    struct CharacterFailure: Error {
        var character: String
    }
}
