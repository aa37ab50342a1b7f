import Foundation
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore
@testable import KikitoriWorkbook

/// Workbooks keep types: what Excel would mangle stays as written.
@Suite("Excel workbooks")
struct WorkbookTests {
    @Test func cellTypes() {
        #expect(Sheet.number("26") == 26)
        #expect(Sheet.number("-3") == -3)
        #expect(Sheet.number("0.250") == 0.25)
        #expect(Sheet.number("0") == 0)
        for text in ["012033", "1-2", "1,200", "+5", "1e5", "12.", ".5", "１２", "1234567890123456", "NaN"] {
            #expect(Sheet.number(text) == nil, "\(text)")
        }
        #expect(Sheet.moment("2022-07-01")?.hasTime == false)
        let stamp = Sheet.moment("2022-07-01T12:56:04+09:00")
        #expect(stamp?.hasTime == true && stamp?.value.hour == 12 && stamp?.value.min == 56)
        for text in ["2022-13-01", "2022/07/01", "2022-07-01T12:56:04Z", "令和4年"] { #expect(Sheet.moment(text) == nil, "\(text)") }
    }

    /// The review fixture as a workbook, read back with openpyxl: sheets, Japanese headings, typed
    /// cells, frozen filtered header, the about sheet; public names masked as in the CSVs.
    @Test func readBackWithOpenpyxl() throws {
        let fixture = try ReviewFixture()
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("book.xlsx").path
        let options = ExportOptions(filter: ReviewFilter(status: nil, questionnaire: QuestionnaireRef("private-firm-data-use")), labels: .ja)
        let output = try WorkbookExport(store: fixture.store, codebook: fixture.codebook, options: options, language: .ja)
            .write([.hearings, .answers, .themes, .quotes, .codebook], to: path)
        try output.data.write(to: URL(fileURLWithPath: path))
        let script = """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            out = {"sheets": wb.sheetnames}
            ws = wb["回答"]
            out["header"] = [c.value for c in ws[1]]
            out["frozen"] = ws.freeze_panes
            out["filter"] = ws.auto_filter.ref
            rows = list(ws.iter_rows(min_row=2, values_only=True))
            out["types"] = sorted({type(v).__name__ for r in rows for v in r if v is not None})
            out["text"] = " ".join(str(v) for r in rows for v in r if v is not None)
            out["about"] = [r[0] for r in wb["この表について"].iter_rows(values_only=True)]
            print(json.dumps(out, ensure_ascii=False))
            """
        let data = try Self.python(script, path)
        let read = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(read["sheets"] as? [String] == ["ヒアリング", "回答", "テーマ", "引用", "コードブック", "この表について"])
        #expect((read["header"] as? [String])?.prefix(3) == ["ヒアリングID", "調査票", "版"])
        #expect(read["frozen"] as? String == "A2")
        #expect((read["filter"] as? String)?.hasPrefix("A1:") == true)
        #expect((read["types"] as? [String])?.contains("datetime") == true)
        #expect((read["types"] as? [String])?.contains("int") == true)
        let text = read["text"] as? String ?? ""
        #expect(text.contains("企業A") || text.contains("Firm A"))
        #expect(!text.contains("組織f2"))
        #expect((read["about"] as? [String])?.contains { $0.contains("3 件未満") } == true)
    }

    /// A one-table workbook (the concordance's) keeps every cell as the characters written: a
    /// context of `12` or `2022-07-01` is not turned into a number or a date.
    @Test func tableKeepsText() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("kwic.xlsx").path
        let data = try Workbook.table(
            sheet: "KWIC", header: ["answer", "left", "keyword", "right"],
            rows: [["a1", "12", "費用", "2022-07-01"], ["a2", "=SUM(A1)", "費用", "012033"]], beside: path)
        try data.write(to: URL(fileURLWithPath: path))
        let script = """
            import json, sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1])["KWIC"]
            print(json.dumps([[c.value for c in r] for r in ws.iter_rows()], ensure_ascii=False))
            """
        let output = try Self.python(script, path)
        let rows = try #require(try JSONSerialization.jsonObject(with: output) as? [[String]])
        #expect(rows == [["answer", "left", "keyword", "right"], ["a1", "12", "費用", "2022-07-01"], ["a2", "=SUM(A1)", "費用", "012033"]])
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(OutputFile.temporaryFolderName).path))
    }

    /// Runs `script` with Debian's Python on `path` (python3-openpyxl from apt; make test installs
    /// it) and returns what it printed.
    private static func python(_ script: String, _ path: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "make test installs python3-openpyxl")
        return output
    }
}
