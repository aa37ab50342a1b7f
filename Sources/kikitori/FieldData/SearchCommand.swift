import ArgumentParser
import Foundation
import Kikitori

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find answers and notes containing words, with a snippet, hearing, respondent and question.",
        discussion: """
            Every word must occur. Matching ignores full-width/half-width and Latin case (NFKC), so ＤＸ \
            finds dx. Words of three characters or more use the full-text index; shorter ones (費用, 負担) \
            are found by scanning. Only current answers are searched (not superseded ones), plus notes. \
            Output names organisations: it is for the working group, not for publication.

            Examples:
              kikitori search 費用 負担
              kikitori search オープンデータ --kind municipality_head
              kikitori search 個人情報 --theme privacy --questionnaire private-firm-data-use
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The words to find.")
    var words: [String]

    @Option(help: "Only answers tagged with this theme.")
    var theme: String?

    @Option(help: "Only this respondent kind: private_firm, municipality_head, municipal_staff or other.")
    var kind: RespondentKind?

    @Option(help: "Only this questionnaire: id (every version) or id@N.")
    var questionnaire: String?

    @Option(help: "How many matches to show.")
    var limit = 20

    func run() throws {
        let language = options.language()
        let text = try options.guarded {
            let query = HearingStore.SearchQuery(terms: words, theme: theme, respondentKind: kind, questionnaire: questionnaire, limit: limit)
            let result = try database.open().search(query)
            let style: TextStyle = isatty(STDOUT_FILENO) != 0 ? .terminal : .plain
            return SearchFormatter(language: language).render(result, terms: words, style: style)
        }
        print(text, terminator: "")
    }
}

extension RespondentKind: ExpressibleByArgument {}
