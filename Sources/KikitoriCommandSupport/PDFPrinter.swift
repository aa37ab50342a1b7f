import Foundation
import Kikitori

/// Prints an HTML report to PDF with headless Chromium, when it is installed: the report's own
/// print CSS (A4, page numbers, nothing stranded) decides the pages, as it does in a browser.
package enum PDFPrinter {
    package enum Failure: Error, Equatable {
        /// No Chromium found (`$KIKITORI_CHROMIUM`, then chromium, chromium-browser, google-chrome on PATH).
        case chromiumMissing
        case printFailed(String)
    }

    /// Chromium's path: `$KIKITORI_CHROMIUM`, else the first of the usual names on PATH.
    package static func chromium() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["KIKITORI_CHROMIUM"] {
            return FileManager.default.isExecutableFile(atPath: path) ? path : nil
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) { return folder + "/" + name }
        }
        return nil
    }

    /// The PDF of `html`, made in the private folder beside `path` and removed from there after.
    package static func pdf(_ html: String, beside path: String) throws -> Data {
        guard let chromium = chromium() else { throw Failure.chromiumMissing }
        try? FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        let folder = try OutputFile.privateFolder(beside: path)
        let stem = folder + "/report.\(getpid())"
        defer {
            unlink(stem + ".html")
            unlink(stem + ".pdf")
            try? FileManager.default.removeItem(atPath: stem + ".profile")
            rmdir(folder)
        }
        try Data(html.utf8).write(to: URL(fileURLWithPath: stem + ".html"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(stem).profile",
            "--print-to-pdf=\(stem).pdf", URL(fileURLWithPath: stem + ".html").absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: stem + ".pdf"), data.starts(with: Data("%PDF".utf8)) else {
            let detail = String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            throw Failure.printFailed(detail)
        }
        return data
    }
}

extension PDFPrinter.Failure {
    package func text(_ language: Language) -> String {
        switch self {
        case .chromiumMissing: return CommandPhrase.chromiumMissing.text(language)
        case .printFailed(let detail): return CommandPhrase.pdfFailed(detail).text(language)
        }
    }
}
