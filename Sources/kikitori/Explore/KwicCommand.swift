import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport
import KikitoriShell
import KikitoriText
import KikitoriWorkbook

struct KwicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kwic",
        abstract: "Concordance: every place a word occurs, with its context, aligned.",
        discussion: """
            The word is matched as MeCab reads it — its dictionary form or as written — so 増える finds \
            増え and 増えて. Lines are aligned by display width, Japanese included; --sort left or right \
            orders them by the context; --format csv or xlsx writes them for a spreadsheet (an xlsx \
            keeps every cell as text; it needs --out). Public unless --audience internal, as every \
            output; a public file is 0644, an internal one 0600.

            Examples:
              kikitori kwic 負担
              kikitori kwic 個人情報 --sort right --context 16
              kikitori kwic 予算 --format csv > kwic.csv
              kikitori kwic 費用 --format xlsx --out kwic.xlsx
            """)

    enum Sort: String, ExpressibleByArgument, CaseIterable { case none, left, right }
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv, xlsx }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var review: ReviewOptions

    @Argument(help: "The word (its dictionary form or as written).")
    var word: String

    @Option(help: "Sort by the left or the right context.")
    var sort: Sort = .none

    @Option(help: "Columns of context on each side.")
    var context = 24

    @Option(help: "text (aligned), csv or xlsx.")
    var format: Format = .text

    @Option(help: "Write to this file (made whole or not at all) instead of standard output; - for standard output.")
    var out: String?

    @Flag(help: "Replace the --out file if it exists.")
    var force = false

    func validate() throws {
        if format == .xlsx && out == nil { throw ValidationError(ArgumentPhrase.workbookNeedsFile.text(options.language())) }
    }

    func run() throws {
        let language = options.language()
        try options.guarded {
            let input = try ExplorationInput(options, database, review, language: language)
            let (publication, exploration) = (input.publication, input.exploration)
            var lines = exploration.concordance(word, width: max(4, context), morphology: input.morphology)
            switch sort {
            case .left: lines.sort { (String($0.left.reversed()), $0.document) < (String($1.left.reversed()), $1.document) }
            case .right: lines.sort { ($0.right, $0.document) < ($1.right, $1.document) }
            case .none: break
            }
            let header = ["answer", "left", "keyword", "right"]
            let rows = lines.map { [$0.document, $0.left, $0.keyword, $0.right] }
            let data: Data
            switch format {
            case .csv, .xlsx:
                let csv = try csvData(header, rows)
                // The same cells are checked whichever file they go into.
                try publication.check(String(decoding: csv, as: UTF8.self), output: "kwic")
                data = format == .csv ? csv : try Workbook.table(sheet: "KWIC", header: header, rows: rows, beside: out ?? ".")
            case .text:
                let text = lines.isEmpty
                    ? ExplorePhrase.noOccurrences(word).text(language) + "\n"
                    : ExplorationFormatter(language: language).concordance(lines, context: max(4, context))
                try publication.check(text, output: "kwic")
                data = Data(text.utf8)
            }
            if let out, out != "-" {
                try OutputFile.write(data, to: out, force: force, mode: review.filter.audience.fileMode)
                StandardError.write("\(out) (\(lines.count) lines)")
            } else {
                try StandardOutput.write(data)
            }
        }
    }
}
