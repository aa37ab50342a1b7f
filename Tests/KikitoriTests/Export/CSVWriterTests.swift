import Foundation
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

@Suite("CSV writer")
struct CSVWriterTests {
    func csv(_ rows: [[String?]], encoding: CSVEncoding = .utf8, replace: Bool = false, raw: Bool = false) throws -> Data {
        var data = Data()
        let writer = try CSVWriter(encoding: encoding, replace: replace, raw: raw) { data.append($0) }
        try writer.writeHeader(["a", "b"])
        for row in rows { try writer.writeRow(row) }
        try writer.flush()
        return data
    }

    /// RFC 4180 quoting with CRLF line ends; a BOM for Excel by default.
    @Test func quotingAndLineEnds() throws {
        let data = try csv([["カンマ, あり", "引用符\"と\n改行"], [nil, "普通"]])
        #expect(String(decoding: data, as: UTF8.self) == "a,b\r\n\"カンマ, あり\",\"引用符\"\"と\n改行\"\r\n,普通\r\n")
        let bom = try csv([], encoding: .utf8BOM)
        #expect(Array(bom.prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    /// Cells Excel would read as formulas are neutralised with a leading quote, unless raw.
    @Test(arguments: ["=1+1", "+81-3", "-2", "@SUM(A1)", "\tx", "\rx", "＝HYPERLINK(\"x\")"])
    func formulaInjection(cell: String) throws {
        let text = String(decoding: try csv([[cell, "ok"]]), as: UTF8.self)
        #expect(text.split(separator: "\r\n").last?.hasPrefix("'") == true || text.contains("\"'"))
        let raw = String(decoding: try csv([[cell, "ok"]], raw: true), as: UTF8.self)
        #expect(!raw.contains("'"))
    }

    /// CP932 through iconv: Japanese and Microsoft's extensions convert; other characters fail with
    /// row and column, or become ? with replace.
    @Test func cp932() throws {
        let data = try csv([["個人情報①㈱", "ｶﾀｶﾅ"]], encoding: .cp932)
        #expect(data.count > 0)
        #expect(String(data: data, encoding: .shiftJIS)?.contains("個人情報") == true)
        #expect(throws: CSVWriter.Failure.unconvertible(character: "😀", row: 2, column: "b")) {
            try csv([["ok", "ok"], ["ok", "笑顔😀"]], encoding: .cp932)
        }
        let replaced = try csv([["ok", "笑顔😀"]], encoding: .cp932, replace: true)
        #expect(replaced.last(where: { $0 != 0x0D && $0 != 0x0A }) == UInt8(ascii: "?"))
    }
}

@Suite("Export timestamps")
struct ExportTimestampTests {
    /// The arithmetic Japan-time formatter agrees with Foundation's ISO 8601 formatter everywhere,
    /// across month, year and leap-day boundaries and before 1970.
    @Test func matchesFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Tokyo")
        var generator = SystemRandomNumberGenerator()
        let fixed: [TimeInterval] = [0, -1, 951_782_399, 951_782_400 - 9 * 3600, 1_709_164_800, 4_102_444_799, -86_400 * 365 * 10]
        let random = (0..<2000).map { _ in TimeInterval(Int.random(in: -1_000_000_000...4_000_000_000, using: &generator)) }
        for seconds in fixed + random {
            let date = Date(timeIntervalSince1970: seconds + 0.75)
            #expect(JapanTime.timestamp(date) == formatter.string(from: date), "\(seconds)")
        }
    }
}
