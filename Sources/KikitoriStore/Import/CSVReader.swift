import KikitoriCore
/// Reads RFC 4180 CSV (as Excel and `export` write it) into records, keeping the line each record
/// starts on so that errors can name it. Quoted fields may hold commas, quotes ("") and line breaks.
///
/// Written by hand rather than taken from a CSV package: the available ones lose physical line
/// numbers once a field spans lines, and pad or drop ragged rows silently.
public struct CSVReader: Sendable {
    public struct Record: Equatable, Sendable {
        /// 1-based line of the file where the record starts.
        public var line: Int
        public var fields: [String]

        /// The trimmed cell at `position` (a header's column), nil when absent or empty.
        package func cell(_ position: Int?) -> String? {
            guard let position, fields.indices.contains(position) else { return nil }
            let value = fields[position].trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : value
        }
    }

    public enum Failure: Error, Equatable, Sendable {
        /// A quoted field opened on `line` never closes.
        case unterminatedQuote(line: Int)
        /// Characters between a closing quote and the next comma or line end.
        case textAfterQuote(line: Int)
    }

    /// Parses the whole text. A final line break does not make an empty record; blank lines are skipped.
    public static func records(_ text: String) throws(Failure) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var quoteLine = 0
        var inQuotes = false
        var afterQuote = false
        let bytes = Array(text.utf8)
        var index = 0

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            afterQuote = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }

        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 2
                        continue
                    }
                    inQuotes = false
                    afterQuote = true
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                endField()
            case UInt8(ascii: "\r") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n"):
                index += 1
                fallthrough
            case UInt8(ascii: "\n"):
                endRecord()
                line += 1
                recordLine = line
            case UInt8(ascii: "\"") where field.isEmpty && !afterQuote:
                inQuotes = true
                quoteLine = line
            default:
                if afterQuote { throw .textAfterQuote(line: line) }
                field.append(byte)
            }
            index += 1
        }
        if inQuotes { throw .unterminatedQuote(line: quoteLine) }
        if !field.isEmpty || !fields.isEmpty || afterQuote { endRecord() }
        return records
    }
}
