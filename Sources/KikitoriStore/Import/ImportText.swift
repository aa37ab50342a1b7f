import KikitoriCore
/// The text of an imported file, whichever encoding Excel saved it in.
public enum ImportText {
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case utf8BOM = "UTF-8 (BOM)"
        case cp932 = "CP932"
    }

    public struct Undecodable: Error, Equatable, Sendable {
        /// Byte offset and 1-based line of the first byte that is neither UTF-8 nor CP932.
        public var offset: Int
        public var line: Int
    }

    /// The records of a CSV file in any of the encodings, or the first problem reading it.
    public static func records(_ bytes: [UInt8], path: String) throws(ImportFailure) -> (records: [CSVReader.Record], encoding: Encoding) {
        let fail = { (problem: ImportProblem) in ImportFailure(path: path, problems: [problem]) }
        let decoded: (text: String, encoding: Encoding)
        do {
            decoded = try decode(bytes)
        } catch {
            throw fail(ImportProblem(line: error.line, reason: .undecodable(offset: error.offset)))
        }
        do {
            return (try CSVReader.records(decoded.text), decoded.encoding)
        } catch {
            switch error {
            case .unterminatedQuote(let line): throw fail(ImportProblem(line: line, reason: .unterminatedQuote))
            case .textAfterQuote(let line): throw fail(ImportProblem(line: line, reason: .textAfterQuote))
            }
        }
    }

    /// UTF-8 with or without a byte-order mark; otherwise CP932 (Japanese Excel's "CSV" format).
    /// Text that is valid UTF-8 is always read as UTF-8: CP932 bytes are almost never valid UTF-8.
    public static func decode(_ bytes: [UInt8]) throws(Undecodable) -> (text: String, encoding: Encoding) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            guard let text = String(validating: body, as: UTF8.self) else { throw undecodable(body, shift: 3) }
            return (text, .utf8BOM)
        }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
        guard let iconv = Iconv(from: "CP932", to: "UTF-8") else { throw undecodable(bytes, shift: 0) }
        switch iconv.convert(bytes) {
        case .success(let converted): return (String(decoding: converted, as: UTF8.self), .cp932)
        case .failure(let failure): throw Undecodable(offset: failure.offset, line: line(of: failure.offset, in: bytes))
        }
    }

    /// Where UTF-8 decoding first fails (a simplified check: lead byte, then continuation bytes).
    private static func undecodable(_ bytes: [UInt8], shift: Int) -> Undecodable {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >= 0xF0 && lead < 0xF5 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0
            guard length > 0, index + length <= bytes.count,
                bytes[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 })
            else { break }
            index += length
        }
        return Undecodable(offset: index + shift, line: line(of: index, in: bytes))
    }

    private static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        bytes.prefix(offset).reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }
}
