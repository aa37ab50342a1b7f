import Foundation
import KikitoriTestSupport
import Testing

/// The printed report, as a secretariat gets it: a PDF from headless Chromium, read back page by
/// page (make test installs chromium and poppler-utils).
@Suite("Printed report", .serialized)
struct ReportPrintTests {
    /// No heading ends a page; figures and tables are numbered and referenced; pages are numbered;
    /// the map, the region table and the answers' section headings are there.
    @Test func pdfPagesHoldTogether() throws {
        let directory = try TemporaryDirectory()
        let database = directory.url.appendingPathComponent("r.sqlite").path
        let environment = ["KIKITORI_QUESTIONNAIRES": repositoryRoot.appendingPathComponent("questionnaires").path]
        #expect(try kikitori(["dev", "generate", "--hearings", "200", "--seed", "5", "--db", database], environment: environment).status == 0)
        #expect(try kikitori(["tag", "--db", database], environment: environment).status == 0)
        let html = directory.url.appendingPathComponent("r.html").path, pdf = directory.url.appendingPathComponent("r.pdf").path
        #expect(try kikitori(["report", "--db", database, "--out", html, "--lang", "ja"], environment: environment).status == 0)
        let printed = try kikitori(["report", "--db", database, "--format", "pdf", "--out", pdf, "--lang", "ja"], environment: environment)
        #expect(printed.status == 0, "\(printed.stderr)")
        let text = try command(["/usr/bin/pdftotext", "-layout", pdf, "-"]).stdout
        let pages = text.components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        #expect(pages.count >= 5)
        let source = try String(contentsOfFile: html, encoding: .utf8)
        let headings = source.matches(of: /<h2>([^<]+)<\/h2>/).map { String($0.1) }
        #expect(headings.count >= 8)
        for (index, page) in pages.enumerated() {
            let lines = page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            // The last line is the page number; no heading among the lines just before it (a heading
            // with only its sentence under it is stranded too).
            #expect(lines.last == "\(index + 1) / \(pages.count)", "page \(index + 1)")
            for line in lines.dropLast().suffix(3) where headings.contains(line) {
                Issue.record("page \(index + 1) ends with the heading '\(line)'")
            }
        }
        for expected in ["図1", "表1", "図1と表2に示します", "振興局ごとのヒアリング数", "表5"] { #expect(text.contains(expected), "\(expected)") }
        #expect(text.contains(" — "))
    }

    /// Without Chromium the PDF is refused with a clear line and exit 69; nothing is written.
    @Test func withoutChromium() throws {
        let directory = try TemporaryDirectory()
        let database = directory.url.appendingPathComponent("r.sqlite").path
        _ = try kikitori(["dev", "generate", "--hearings", "20", "--seed", "5", "--db", database])
        let out = directory.url.appendingPathComponent("r.pdf").path
        let result = try kikitori(["report", "--db", database, "--format", "pdf", "--out", out, "--lang", "en"], environment: ["KIKITORI_CHROMIUM": "/nonexistent"])
        #expect(result.status == 69)
        #expect(result.stderr == "kikitori: a PDF needs Chromium (sudo apt-get install chromium, or set KIKITORI_CHROMIUM to its path); or write HTML and print it from a browser\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
