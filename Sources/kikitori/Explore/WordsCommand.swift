import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport
import KikitoriShell
import KikitoriText

struct WordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "words",
        abstract: "Word frequencies of the text answers (MeCab lemmas), by group, or a group's characteristic words.",
        discussion: """
            Text answers are read with MeCab (IPADIC): nouns, independent verbs and adjectives and \
            adjectival nouns, by their dictionary form (増え → 増える), without a short list of stop words; \
            オープンデータ, 棚卸し, 振興局 and the like stay one word. Ranked by the answers holding a word. \
            --characteristic GROUP (with --by) lists the words most associated with that group against \
            the rest: Jaccard as KH Coder ranks 関連語, and the log-likelihood G² with its p. Public unless \
            --audience internal: names are masked before the text is read, a group under --min-cell \
            answers is not shown; the internal audience reads interviewers' notes too.

            Examples:
              kikitori words
              kikitori words --untagged --min-df 3
              kikitori words --by kind
              kikitori words --by kind --characteristic municipality_head
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var review: ReviewOptions

    @Option(help: "Group the answers: kind, industry, region, questionnaire, version, month or interviewer.")
    var by: ThemeCrossTab.Dimension?

    @Option(help: "With --by: the words most associated with this group against the rest.")
    var characteristic: String?

    @Flag(help: "Only answers no theme covers: what the codebook does not name yet.")
    var untagged = false

    @Option(name: .customLong("min-df"), help: "Leave out words in fewer answers than this (public output: never fewer than --min-cell).")
    var minDF = 2

    @Option(help: "How many words to list (per group).")
    var top = 30

    func validate() throws {
        if characteristic != nil && by == nil { throw ValidationError(ArgumentPhrase.characteristicNeedsBy.text(options.language())) }
    }

    func run() throws {
        let language = options.language()
        let text = try options.guarded {
            let input = try ExplorationInput(options, database, review, language: language, by: by, untagged: untagged)
            let (publication, exploration) = (input.publication, input.exploration)
            let formatter = ExplorationFormatter(language: language, width: TerminalWidth.columns())
            // Public: no word stands for fewer answers than the smallest group a public count may show.
            let minimumAnswers = max(minDF, publication.smallestShownGroup)
            var text: String
            if by != nil {
                let sizes = Dictionary(grouping: exploration.documents, by: { $0.group ?? "" }).mapValues(\.count)
                let minimum = publication.smallestShownGroup
                if let group = characteristic {
                    guard let size = sizes[group] else { throw ExploreProblem.unknownGroup(group, known: sizes.keys.sorted()) }
                    guard size >= minimum else { throw ExploreProblem.groupTooSmall(group, size, minCell: minimum) }
                    let rows = exploration.characteristic(of: group, minimumDocuments: minimumAnswers)
                        .filter { $0.inGroup >= minimum && ($0.outside == 0 || $0.outside >= minimum) }
                    text = formatter.characteristic(rows, group: group, top: top)
                } else {
                    let shown = sizes.keys.sorted().filter { (sizes[$0] ?? 0) >= minimum }
                    text = formatter.groups(shown.map { ($0, exploration.words(minimumDocuments: minimumAnswers, in: $0)) }, top: top)
                }
            } else {
                text = formatter.words(exploration.words(minimumDocuments: minimumAnswers), answers: exploration.documents.count, top: top)
            }
            try publication.check(text, output: "words")
            return text
        }
        try StandardOutput.write(text)
    }
}
