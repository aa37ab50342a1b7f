import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport
import KikitoriShell
import KikitoriText

struct KwicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kwic",
        abstract: "Concordance: every place a word occurs, with its context, aligned.",
        discussion: """
            The word is matched as MeCab reads it — its dictionary form or as written — so 増える finds \\
            増え and 増えて. Lines are aligned by display width, Japanese included; --sort left or right \\
            orders them by the context; --format csv writes them for a spreadsheet. Public unless \\
            --audience internal, as every output.

            Examples:
              kikitori kwic 負担
              kikitori kwic 個人情報 --sort right --context 16
              kikitori kwic 予算 --format csv > kwic.csv
            """)

    enum Sort: String, ExpressibleByArgument, CaseIterable { case none, left, right }
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var review: ReviewOptions

    @Argument(help: "The word (its dictionary form or as written).")
    var word: String

    @Option(help: "Sort by the left or the right context.")
    var sort: Sort = .none

    @Option(help: "Columns of context on each side.")
    var context = 24

    @Option(help: "text (aligned) or csv.")
    var format: Format = .text

    func run() throws {
        let language = options.language()
        let text = try options.guarded {
            let input = try ExplorationInput(options, database, review, language: language)
            let (publication, exploration) = (input.publication, input.exploration)
            var lines = exploration.concordance(word, width: max(4, context))
            switch sort {
            case .left: lines.sort { (String($0.left.reversed()), $0.document) < (String($1.left.reversed()), $1.document) }
            case .right: lines.sort { ($0.right, $0.document) < ($1.right, $1.document) }
            case .none: break
            }
            let text: String
            if format == .csv {
                text = String(decoding: try csvData(["answer", "left", "keyword", "right"], lines.map { [$0.document, $0.left, $0.keyword, $0.right] }), as: UTF8.self)
            } else {
                text = lines.isEmpty
                    ? ExplorePhrase.noOccurrences(word).text(language) + "\n"
                    : ExplorationFormatter(language: language).concordance(lines, context: max(4, context))
            }
            try publication.check(text, output: "kwic")
            return text
        }
        try StandardOutput.write(text)
    }
}
