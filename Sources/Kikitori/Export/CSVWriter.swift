import KikitoriCore
import KikitoriStore
import Foundation

/// Writes RFC 4180 CSV with CRLF line ends for Excel, streaming rows into a buffer that is flushed
/// to the sink in large blocks, so memory stays flat whatever the size of the export.
public final class CSVWriter {
    public enum Failure: Error, Equatable, Sendable {
        /// A character with no CP932 form, at data row `row` (1 = first row after the header) and column `column`.
        case unconvertible(character: String, row: Int, column: String)
        case encodingUnavailable
    }

    private let encoding: CSVEncoding
    /// Replace characters that have no CP932 form with `?` instead of failing.
    private let replace: Bool
    /// Leave cells that begin with = + - @ tab or CR as they are (OWASP: neutralise them by default).
    private let raw: Bool
    private let sink: (Data) throws -> Void
    /// Bytes rather than `Data`: appending a string's UTF-8 to an array is a plain copy, and it
    /// runs for every cell.
    private var buffer: [UInt8] = []
    private var header: [String] = []
    private let converter: CP932Converter?
    public private(set) var rows = 0

    public init(encoding: CSVEncoding, replace: Bool = false, raw: Bool = false, sink: @escaping (Data) throws -> Void) throws(Failure) {
        self.encoding = encoding
        self.replace = replace
        self.raw = raw
        self.sink = sink
        if encoding == .cp932 {
            guard let converter = CP932Converter() else { throw .encodingUnavailable }
            self.converter = converter
        } else {
            converter = nil
        }
        buffer.append(contentsOf: encoding.preamble)
        buffer.reserveCapacity(1 << 20)
    }

    public func writeHeader(_ columns: [String]) throws {
        header = columns
        try write(columns, counting: false)
    }

    public func writeRow(_ fields: [String?]) throws {
        try write(fields, counting: true)
    }

    private func write(_ fields: [String?], counting: Bool) throws {
        if counting { rows += 1 }
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            guard let field, !field.isEmpty else { continue }
            let cell = quoted(neutralised(field))
            if let converter {
                switch converter.convert(cell) {
                case .success(let bytes): buffer.append(contentsOf: bytes)
                case .failure(let failure):
                    guard replace else {
                        throw Failure.unconvertible(
                            character: failure.character, row: rows, column: index < header.count ? header[index] : String(index + 1))
                    }
                    buffer.append(contentsOf: replacing(cell, converter))
                }
            } else {
                buffer.append(contentsOf: cell.utf8)
            }
        }
        buffer.append(contentsOf: [0x0D, 0x0A])
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// CP932 bytes with `?` for each character that has none.
    private func replacing(_ text: String, _ converter: CP932Converter) -> [UInt8] {
        var bytes: [UInt8] = []
        for character in text {
            if case .success(let converted) = converter.convert(String(character)) { bytes += converted } else { bytes.append(UInt8(ascii: "?")) }
        }
        return bytes
    }

    /// OWASP's advice against CSV injection: a cell Excel would read as a formula gets a leading quote.
    func neutralised(_ field: String) -> String {
        guard !raw, let first = field.unicodeScalars.first else { return field }
        switch first {
        case "=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠": return "'" + field
        default: return field
        }
    }

    func quoted(_ field: String) -> String {
        // Bytes, not Characters: this runs for every cell, and grapheme breaking is costly.
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try sink(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
