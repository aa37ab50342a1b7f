import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport

struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "Which themes hearings raised, by respondent kind (or another column), with group differences.",
        discussion: """
            A hearing raised a theme when any of its current answers carries it (automatic, confirmed \
            or manual; not rejected). Differences between firms and municipalities use Fisher's exact \
            test, Holm-adjusted over the themes. Public unless --audience internal: groups with fewer \
            hearings than --min-cell are merged into one column, small counts are hidden, and so is \
            the next smallest beside one, so that no hidden count follows from a total.

            Examples:
              kikitori themes
              kikitori themes --by region --audience internal
              kikitori themes --questionnaire private-firm-data-use --unit answers
              kikitori themes --cooccurrence
              kikitori themes --compare private_firm,municipality_head
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var codebook: CodebookOptions
    @OptionGroup var review: ReviewOptions

    @Option(help: "The column: kind, industry, region, questionnaire, version, month or interviewer.")
    var by: ThemeCrossTab.Dimension = .kind

    @Option(help: "Count hearings (default) or answers.")
    var unit: ThemeCrossTab.Unit = .hearings

    @Option(help: "Two groups to compare, as values of --by: a,b (each may join several with +).")
    var compare: String?

    @Flag(help: "Show which themes come up together in one hearing.")
    var cooccurrence = false

    func run() throws {
        let language = options.language()
        let text = try options.guarded {
            let book = try codebook.load(options)
            let store = try database.open(options, readOnly: true)
            let formatter = ReviewFormatter(codebook: book, language: language, filter: review.filter)
            let themes = book.themes.map(\.id)
            let publication = try Publication(store: store, filter: review.filter, language: language)
            if cooccurrence { return formatter.coOccurrence(publication.coOccurrence(try store.coOccurrence(filter: review.filter))) }
            let counted = publication.groupsAsShown(try store.crossTab(themes: themes, by: by, unit: unit, filter: review.filter))
            if let compare, let unknown = Self.unknownGroup(compare, in: counted.groups) {
                throw ReviewProblem.unknownGroup(unknown, known: counted.groups)
            }
            let table = publication.crossTab(counted)
            var output = formatter.themes(table)
            // Firms against municipalities by kind; for another column only the groups the user names.
            guard unit == .hearings, let groups = try comparedGroups() else { return output }
            // From the table already counted: a second count of the same tags doubled the command's time.
            let differences = publication.differences(
                counted.differences(first: groups.first, second: groups.second), table: table, groups: groups.first.union(groups.second))
            let order = { (group: String) in counted.groups.firstIndex(of: group) ?? Int.max }
            let name = { (set: Set<String>) in set.sorted { order($0) < order($1) }.map { formatter.groupLabel($0, by) }.joined(separator: "+") }
            output += "\n" + formatter.differences(differences, first: name(groups.first), second: name(groups.second))
            return output
        }
        try StandardOutput.write(text)
    }

    /// The first group `compare` names that the table does not have.
    static func unknownGroup(_ compare: String, in groups: [String]) -> String? {
        compare.split(separator: ",").flatMap { $0.split(separator: "+") }.map(String.init).first { !groups.contains($0) }
    }

    private func comparedGroups() throws -> (first: Set<String>, second: Set<String>)? {
        guard let compare else {
            guard by == .kind else { return nil }
            return ([RespondentKind.privateFirm.rawValue], [RespondentKind.municipalityHead.rawValue, RespondentKind.municipalStaff.rawValue])
        }
        let parts = compare.split(separator: ",").map { Set($0.split(separator: "+").map(String.init)) }
        guard parts.count == 2 else { throw ValidationError(ArgumentPhrase.compareTwoGroups.text(options.language())) }
        return (parts[0], parts[1])
    }
}

struct QuotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "Representative quotes for a theme, with the matched words highlighted.",
        discussion: """
            The speaker is shown as kind, industry and region, and named only when every hearing of the \
            respondent is public_named. Public unless --audience internal: internal_only hearings are \
            left out, hidden names, telephone numbers and e-mail addresses are masked in the quote, and \
            industry and region are shown only where enough respondents share them.

            Example:
              kikitori quotes privacy --limit 5
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var codebook: CodebookOptions
    @OptionGroup var review: ReviewOptions

    @Argument(help: "The theme id.", completion: DynamicCompletion.themes)
    var theme: String

    @Option(help: "How many quotes.")
    var limit = 10

    func run() throws {
        let language = options.language()
        let text = try options.guarded {
            let book = try codebook.load(options)
            guard let theme = book.theme(typed: theme)?.id else { throw TagProblem.unknownTheme(theme) }
            let store = try database.open(options, readOnly: true)
            let publication = try Publication(store: store, filter: review.filter, language: language)
            let quotes = try store.quotes(theme: theme, filter: review.filter, limit: limit).map(publication.quote)
            let style: TextStyle = isatty(STDOUT_FILENO) != 0 ? .terminal : .plain
            let text = ReviewFormatter(codebook: book, language: language, filter: review.filter).quotes(quotes, theme: theme, style: style)
            try publication.check(text, output: "quotes")
            return text
        }
        try StandardOutput.write(text)
    }
}

struct AnswersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answers",
        abstract: "The distribution of a choice or scale question across versions, or the list of text answers.",
        discussion: """
            Choices that exist in only some versions are called out. Public unless --audience internal: \
            small counts are suppressed (and one more beside a single hidden count), and text answers \
            are masked as in every public output.

            --change compares each follow-up hearing (interview --follow-up) with the hearing it \
            follows: how many moved from each answer to each other, or each pair of text answers.

            Examples:
              kikitori answers barriers
              kikitori answers willingness --questionnaire private-firm-data-use
              kikitori answers willingness --change --audience internal
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var codebook: CodebookOptions
    @OptionGroup var review: ReviewOptions

    @Argument(help: "The question id.")
    var question: String

    @Flag(help: "How answers moved from each hearing to its follow-up.")
    var change = false

    func run() throws {
        let language = options.language()
        let text = try options.guarded {
            let book = try codebook.load(options)
            let store = try database.open(options, readOnly: true)
            let publication = try Publication(store: store, filter: review.filter, language: language)
            if change {
                let table = publication.transitions(try store.answerTransitions(of: question, language: language, filter: review.filter))
                let text = ReviewFormatter(codebook: book, language: language, filter: review.filter).transitions(table)
                try publication.check(text, output: "answers")
                return text
            }
            let distributions = try store.distributions(of: question, language: language, words: ChoiceWords(language), filter: review.filter).map(publication.distribution)
            let formatter = ReviewFormatter(codebook: book, language: language, filter: review.filter)
            let text = distributions.map(formatter.distribution).joined(separator: "\n")
            try publication.check(text, output: "answers")
            return text
        }
        try StandardOutput.write(text)
    }
}
