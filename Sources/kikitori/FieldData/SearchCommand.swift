import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find answers and notes containing words, with a snippet, hearing, respondent and question.",
        discussion: """
            Every word must occur. Matching ignores full-width/half-width and Latin case (NFKC), so ＤＸ \
            finds dx. Words of three characters or more use the full-text index; shorter ones (費用, 負担) \
            are found by scanning. Only current answers are searched (not superseded ones), plus notes. \
            Public unless --audience internal: internal_only hearings are left out, and respondents \
            and names in the snippets are shown as in every public output.

            Examples:
              kikitori search 費用 負担
              kikitori search オープンデータ --kind municipality_head --audience internal
              kikitori search 個人情報 --theme privacy --questionnaire private-firm-data-use
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var codebook: CodebookOptions

    @Argument(help: "The words to find.")
    var words: [String]

    @Option(help: "Only answers tagged with this theme.", completion: DynamicCompletion.themes)
    var theme: String?

    @Option(help: "Only this respondent kind: private_firm, municipality_head, municipal_staff or other.")
    var kind: RespondentKind?

    @Option(help: "Only this questionnaire: id (every version) or id@N.", completion: DynamicCompletion.questionnaires)
    var questionnaire: QuestionnaireRef?

    @Option(help: "How many matches to show.")
    var limit = 20

    @Option(help: "public (default) or internal.")
    var audience: ReviewFilter.Audience = .public

    func run() throws {
        let language = options.language()
        let text = try options.guarded {
            let query = HearingStore.SearchQuery(
                terms: words, theme: try codebook.theme(theme, options), respondentKind: kind, questionnaire: questionnaire, limit: limit, audience: audience)
            let store = try database.open(options, readOnly: true)
            let publication = try Publication(store: store, filter: ReviewFilter(status: nil, audience: audience), language: language)
            var result = try store.search(query)
            result.hits = result.hits.map(publication.hit)
            let style: TextStyle = isatty(STDOUT_FILENO) != 0 ? .terminal : .plain
            let text = SearchFormatter(language: language).render(result, terms: words, style: style)
            try publication.check(text, output: "search")
            return text
        }
        try StandardOutput.write(text)
    }
}

extension RespondentKind: ExpressibleByArgument {}
