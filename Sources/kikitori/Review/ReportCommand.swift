import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport
import KikitoriText

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the printable report: overview, theme chart, co-occurrence, differences, quotes, choices, method.",
        discussion: """
            One self-contained HTML file (inline CSS and SVG, no network), printable on A4, or Markdown, \
            or a PDF printed by headless Chromium when it is installed (A4, page numbers, numbered \
            figures and tables, no heading left at a page's foot). \
            Public unless --audience internal: internal-only hearings are left out, respondents who did \
            not agree to be named appear as 企業A / 市町村B and their names are masked in every quote, \
            small counts are suppressed, and the rendered report is checked for hidden names before it \
            is written. An internal report says 取扱注意 on every printed page and is named -internal.

            Examples:
              kikitori report
              kikitori report --lang en --out exports/report-en.html
              kikitori report --format md --audience internal --out -
              kikitori report --format pdf --out exports/report.pdf
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html
        case md
        case pdf
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var codebook: CodebookOptions
    @OptionGroup var review: ReviewOptions

    @Option(help: "html, md, or pdf (needs Chromium).")
    var format: Format = .html

    @Option(help: "Where to write (default: exports/report-YYYYMMDD.html, or -internal.html); - for standard output.", completion: .file())
    var out: String?

    @Flag(help: "Replace an existing file.")
    var force = false

    func run() throws {
        let language = options.language()
        try options.guarded {
            let store = try database.open(options, readOnly: true)
            let publication = try Publication(store: store, filter: review.filter, language: language)
            var report = try Report.build(store: store, codebook: try codebook.load(options), publication: publication)
            // The network figures need MeCab; a report without them is still a report.
            if format != .md, let tagger = try? openMorphology(options) {
                let exploration = try store.exploration(filter: review.filter, publication: publication, by: .kind, morphology: tagger)
                for kind in RespondentKind.allCases {
                    let group = exploration.subset { $0.group == kind.rawValue }
                    guard group.documents.count >= max(10, review.filter.smallCell) else { continue }
                    let network = WordNetwork(group, top: 40, minimumBoth: max(2, publication.smallestShownGroup))
                    guard !network.nodes.isEmpty else { continue }
                    report.networks.append((Phrase.respondentKind(kind).text(language), network.svg(width: 600, height: 420)))
                }
            }
            let renderer = ReportRenderer(report: report, language: language)
            let text = format == .md ? renderer.markdown() : renderer.html()
            let stamp = DateFormatter.reportStamp.string(from: Date())
            let suffix = review.audience == .internal ? "-internal" : ""
            let path = out ?? "exports/report-\(stamp)\(suffix).\(format.rawValue)"
            try publication.check(text, output: path)
            let data = format == .pdf ? try PDFPrinter.pdf(text, beside: path == "-" ? "./report.pdf" : path) : Data(text.utf8)
            if path == "-" {
                try StandardOutput.write(data)
                return
            }
            try OutputFile.write(data, to: path, force: force, mode: review.filter.audience.fileMode)
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
