import ArgumentParser
import Foundation
import Kikitori

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the printable report: overview, theme chart, co-occurrence, differences, quotes, choices, method.",
        discussion: """
            One self-contained HTML file (inline CSS and SVG, no network), printable on A4, or Markdown. \
            Public by default: internal-only hearings are left out and small cells suppressed.

            Examples:
              kikitori report
              kikitori report --lang en --out exports/report-en.html
              kikitori report --format md --audience internal --out -
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html
        case md
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var codebook: CodebookOptions
    @OptionGroup var review: ReviewOptions

    @Option(help: "html or md.")
    var format: Format = .html

    @Option(help: "Where to write (default: exports/report-YYYYMMDD.html); - for standard output.", completion: .file())
    var out: String?

    @Flag(help: "Replace an existing file.")
    var force = false

    func run() throws {
        let language = options.language()
        try options.guarded {
            let report = try Report.build(
                store: try database.open(), codebook: try codebook.load(options), filter: review.filter, language: language)
            let renderer = ReportRenderer(report: report, language: language)
            let text = format == .html ? renderer.html() : renderer.markdown()
            let stamp = DateFormatter.reportStamp.string(from: Date())
            let path = out ?? "exports/report-\(stamp).\(format.rawValue)"
            if path == "-" {
                print(text, terminator: "")
                return
            }
            try OutputFile.write(Data(text.utf8), to: path, force: force, mode: review.filter.audience == .public ? 0o644 : 0o600)
            StandardError.write(path)
        }
    }
}

extension DateFormatter {
    static let reportStamp: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd"
        return formatter
    }()
}
