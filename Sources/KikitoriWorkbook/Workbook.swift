import CXLSXWriter
import Foundation
import Kikitori

/// A real `.xlsx` workbook through libxlsxwriter, one sheet per table, rows streamed (constant
/// memory mode: the library keeps one row in memory and the rest in temporary files in `folder`).
public final class Workbook {
    public enum Failure: Error, Equatable, Sendable {
        case cannotCreate(String, reason: String)
    }

    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private let path: String
    private var temporaryFolder: UnsafeMutablePointer<CChar>?
    let formats: Formats
    private var sheets: [Sheet] = []
    private var closed = false

    /// The cell formats a sheet uses; made once per workbook.
    struct Formats {
        let header: UnsafeMutablePointer<lxw_format>
        let wrap: UnsafeMutablePointer<lxw_format>
        let dateTime: UnsafeMutablePointer<lxw_format>
        let date: UnsafeMutablePointer<lxw_format>
        let decimal: UnsafeMutablePointer<lxw_format>
    }

    /// - Parameters:
    ///   - path: the file libxlsxwriter writes at `close()`; callers write it in a private folder and
    ///     move it into place (see `OutputFile`).
    ///   - folder: where libxlsxwriter keeps its temporary files.
    public init(path: String, temporaryFolder folder: String) throws(Failure) {
        self.path = path
        temporaryFolder = strdup(folder)
        var options = lxw_workbook_options(constant_memory: 1, tmpdir: temporaryFolder, use_zip64: 1)
        guard let workbook = workbook_new_opt(path, &options) else { throw .cannotCreate(path, reason: "libxlsxwriter") }
        self.workbook = workbook
        let header = workbook_add_format(workbook)!
        format_set_bold(header)
        format_set_bg_color(header, 0xDDEBF7)
        format_set_text_wrap(header)
        format_set_align(header, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        let wrap = workbook_add_format(workbook)!
        format_set_text_wrap(wrap)
        format_set_align(wrap, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        let dateTime = workbook_add_format(workbook)!
        format_set_num_format(dateTime, "yyyy-mm-dd hh:mm:ss")
        let date = workbook_add_format(workbook)!
        format_set_num_format(date, "yyyy-mm-dd")
        let decimal = workbook_add_format(workbook)!
        format_set_num_format(decimal, "0.000")
        formats = Formats(header: header, wrap: wrap, dateTime: dateTime, date: date, decimal: decimal)
    }

    deinit {
        if !closed { workbook_close(workbook) }
        free(temporaryFolder)
    }

    /// A new sheet; Excel allows 31 characters and no []:*?/\ in a sheet's name.
    /// `headerLabel` turns the exporters' column codes into what the reader sees; `textColumns` are
    /// never read as numbers or dates.
    public func addSheet(
        _ name: String, textColumns: Set<String> = Sheet.defaultTextColumns, headerLabel: @escaping (String) -> String = { $0 }
    ) -> Sheet {
        let clean = String(name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        let worksheet = workbook_add_worksheet(workbook, clean)!
        let sheet = Sheet(worksheet: worksheet, formats: formats, textColumns: textColumns, headerLabel: headerLabel)
        sheets.append(sheet)
        return sheet
    }

    /// Writes the file. Column widths and the filter are set from what each sheet holds.
    public func close() throws(Failure) {
        for sheet in sheets { sheet.finish() }
        closed = true
        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else {
            throw .cannotCreate(path, reason: String(cString: lxw_strerror(result)))
        }
    }
}

extension Workbook {
    /// One table as a one-sheet workbook whose every cell is text (a concordance: `12` in a context
    /// stays the characters 12), made in the private folder beside `path`.
    public static func table(sheet name: String, header: [String], rows: [[String]], beside path: String) throws -> Data {
        let folder = try OutputFile.privateFolder(beside: path)
        defer { rmdir(folder) }
        let temporary = folder + "/table.\(getpid()).xlsx"
        defer { unlink(temporary) }
        let workbook = try Workbook(path: temporary, temporaryFolder: folder)
        let sheet = workbook.addSheet(name, textColumns: Set(header))
        try sheet.writeHeader(header)
        for row in rows { try sheet.writeRow(row) }
        try workbook.close()
        return try Data(contentsOf: URL(fileURLWithPath: temporary))
    }
}

/// One sheet: a header row (bold, frozen, filtered) and typed cells. A cell is a number only when it
/// is written as one without leading zeros or separators (so `012033` and `1-2` stay text), a date
/// or time when it is an ISO date or a Japan-time timestamp, and text otherwise; columns of words
/// (answers, quotes, notes, labels, ids) are always text. Nothing is ever written as a formula.
public final class Sheet: TableWriter {
    /// Columns that hold people's words or identifiers: never read as numbers or dates.
    public static let defaultTextColumns: Set<String> = [
        "hearing_id", "respondent", "question_id", "question_label", "value_text", "value_label", "previous_text", "reason",
        "quote", "note", "theme_label", "label", "description", "rules", "organisation", "person", "municipality", "region",
        "industry", "interviewer", "theme", "text", "respondent_id", "municipality_code",
    ]

    private let worksheet: UnsafeMutablePointer<lxw_worksheet>
    private let formats: Workbook.Formats
    private let textColumns: Set<String>
    private let headerLabel: (String) -> String
    private var header: [String] = []
    private var isText: [Bool] = []
    private var widths: [Int] = []
    public private(set) var rows = 0
    private static let maximumWidth = 60

    init(worksheet: UnsafeMutablePointer<lxw_worksheet>, formats: Workbook.Formats, textColumns: Set<String>, headerLabel: @escaping (String) -> String) {
        self.worksheet = worksheet
        self.formats = formats
        self.textColumns = textColumns
        self.headerLabel = headerLabel
    }

    /// `columns` are the exporters' column codes; the row shows them through `headerLabel`.
    public func writeHeader(_ columns: [String]) throws {
        let labels = columns.map(headerLabel)
        header = columns
        isText = columns.map { textColumns.contains($0) || $0.hasSuffix("_label") }
        widths = labels.map { min(Self.maximumWidth, DisplayWidth.of($0) + 2) }
        for (index, label) in labels.enumerated() {
            worksheet_write_string(worksheet, 0, lxw_col_t(index), label, formats.header)
        }
        worksheet_freeze_panes(worksheet, 1, 0)
    }

    public func writeRow(_ fields: [String?]) throws {
        rows += 1
        let row = lxw_row_t(rows)
        for (index, field) in fields.enumerated() {
            guard let field, !field.isEmpty else { continue }
            let column = lxw_col_t(index)
            if index < widths.count { widths[index] = max(widths[index], min(Self.maximumWidth, DisplayWidth.of(field) + 2)) }
            let text = index < isText.count && isText[index]
            if !text, let number = Self.number(field) {
                worksheet_write_number(worksheet, row, column, number, field.contains(".") ? formats.decimal : nil)
            } else if !text, var moment = Self.moment(field) {
                worksheet_write_datetime(worksheet, row, column, &moment.value, moment.hasTime ? formats.dateTime : formats.date)
            } else {
                worksheet_write_string(worksheet, row, column, field, DisplayWidth.of(field) > Self.maximumWidth ? formats.wrap : nil)
            }
        }
    }

    func finish() {
        for (index, width) in widths.enumerated() {
            worksheet_set_column(worksheet, lxw_col_t(index), lxw_col_t(index), Double(max(width, 6)), nil)
        }
        if !header.isEmpty { worksheet_autofilter(worksheet, 0, 0, lxw_row_t(rows), lxw_col_t(header.count - 1)) }
    }

    /// `12`, `-3`, `0.25`, `120.5`: no leading zero, no sign but minus, no separators, 15 digits at most.
    static func number(_ text: String) -> Double? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 15,
            whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber), whole == "0" || !whole.hasPrefix("0")
        else { return nil }
        if parts.count == 2 { guard !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil } }
        return Double(text)
    }

    /// `2022-07-01` or `2022-07-01T12:56:04+09:00` (Japan time, as every export writes it).
    static func moment(_ text: String) -> (value: lxw_datetime, hasTime: Bool)? {
        let characters = Array(text.utf8)
        func int(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= characters.count else { return nil }
            var value = 0
            for byte in characters[range] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard characters.count == 10 || (characters.count == 25 && text.hasSuffix("+09:00")),
            characters[4] == UInt8(ascii: "-"), characters[7] == UInt8(ascii: "-"),
            let year = int(0..<4), let month = int(5..<7), let day = int(8..<10), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        guard characters.count == 25 else { return (lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0), false) }
        guard characters[10] == UInt8(ascii: "T"), let hour = int(11..<13), let minute = int(14..<16), let second = int(17..<19) else { return nil }
        return (lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: Int32(hour), min: Int32(minute), sec: Double(second)), true)
    }
}
