import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport
import KikitoriShell
import KikitoriText

/// Opens MeCab with the built-in compound words and those of `user-words.txt` beside the
/// questionnaires (one per line, # for comments), or says how to get its dictionary.
func openMorphology(_ options: GlobalOptions) throws -> MeCabTagger {
    let path = (GlobalOptions.questionnairesFolder(options.questionnaires) as NSString).appendingPathComponent("user-words.txt")
    let listed = (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n")
        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") } ?? []
    do {
        return try MeCabTagger(userWords: MeCabTagger.defaultUserWords + listed)
    } catch let failure {
        switch failure {
        case .dictionaryMissing(let paths): throw Unavailable { ExplorePhrase.dictionaryMissing(paths).text($0) }
        case .cannotStart(let reason): throw Unavailable { _ in reason }
        }
    }
}

struct WordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "words",
        abstract: "Word frequencies of the text answers (MeCab lemmas), by group, or a group's characteristic words.",
        discussion: """
            Text answers are read with MeCab (IPADIC): nouns, independent verbs and adjectives and \\
            adjectival nouns, by their dictionary form (増え → 増える), without a short list of stop words; \\
            オープンデータ, 棚卸し, 振興局 and the like stay one word. Ranked by the answers holding a word. \\
            --characteristic GROUP (with --by) lists the words most associated with that group against \\
            the rest: Jaccard as KH Coder ranks 関連語, and the log-likelihood G² with its p. Public unless \\
            --audience internal: names are masked before the text is read, a group under --min-cell \\
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

    @Option(name: .customLong("min-df"), help: "Leave out words in fewer answers than this.")
    var minDF = 2

    @Option(help: "How many words to list (per group).")
    var top = 30

    func validate() throws {
        if characteristic != nil && by == nil { throw ValidationError("--characteristic needs --by") }
    }

    func run() throws {
        let language = options.language()
        let text = try options.guarded {
            let store = try database.open(options, readOnly: true)
            let filter = review.filter
            let publication = try Publication(store: store, filter: filter, language: language)
            let exploration = try store.exploration(filter: filter, publication: publication, by: by, untagged: untagged, morphology: try openMorphology(options))
            let formatter = ExplorationFormatter(language: language, width: TerminalWidth.columns())
            var text: String
            if let by {
                let sizes = Dictionary(grouping: exploration.documents, by: { $0.group ?? "" }).mapValues(\.count)
                let minimum = publication.isPublic ? filter.smallCell : 1
                if let group = characteristic {
                    guard let size = sizes[group] else { throw ExploreProblem.unknownGroup(group, known: sizes.keys.sorted()) }
                    guard size >= minimum else { throw ExploreProblem.groupTooSmall(group, size, minCell: minimum) }
                    text = formatter.characteristic(exploration.characteristic(of: group, minimumDocuments: minDF), group: group, top: top)
                } else {
                    let shown = sizes.keys.sorted().filter { (sizes[$0] ?? 0) >= minimum }
                    text = formatter.groups(shown.map { ($0, exploration.words(minimumDocuments: minDF, in: $0)) }, top: top)
                }
                _ = by
            } else {
                text = formatter.words(exploration.words(minimumDocuments: minDF), answers: exploration.documents.count, top: top)
            }
            try publication.check(text, output: "words")
            return text
        }
        try StandardOutput.write(text)
    }
}

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
            let store = try database.open(options, readOnly: true)
            let publication = try Publication(store: store, filter: review.filter, language: language)
            let exploration = try store.exploration(filter: review.filter, publication: publication, morphology: try openMorphology(options))
            var lines = exploration.concordance(word, width: max(4, context))
            switch sort {
            case .left: lines.sort { (String($0.left.reversed()), $0.document) < (String($1.left.reversed()), $1.document) }
            case .right: lines.sort { ($0.right, $0.document) < ($1.right, $1.document) }
            case .none: break
            }
            let text: String
            if format == .csv {
                var data = Data()
                let writer = try CSVWriter(encoding: .utf8BOM) { data.append($0) }
                try writer.writeHeader(["answer", "left", "keyword", "right"])
                for line in lines { try writer.writeRow([line.document, line.left, line.keyword, line.right]) }
                try writer.flush()
                text = String(decoding: data, as: UTF8.self)
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

struct NetworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "The co-occurrence network of frequent words: edges, communities, and an SVG picture.",
        discussion: """
            The --top words by answers holding them; an edge where two share answers with a Jaccard of \\
            --min-jaccard or more; communities by label propagation; a seeded force-directed layout, so \\
            the same data always gives the same picture (no R needed). Prints the edges; --svg writes the \\
            picture and --csv the nodes and edges (the data behind it).

            Examples:
              kikitori network
              kikitori network --top 40 --min-jaccard 0.15 --svg network.svg --csv network.csv
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var review: ReviewOptions

    @Option(help: "How many of the most frequent words.")
    var top = 60

    @Option(name: .customLong("min-jaccard"), help: "The least Jaccard for an edge.")
    var minJaccard = 0.1

    @Option(help: "Write the picture to this SVG file.", completion: .file(extensions: ["svg"]))
    var svg: String?

    @Option(help: "Write nodes and edges to this CSV file.", completion: .file(extensions: ["csv"]))
    var csv: String?

    func run() throws {
        let language = options.language()
        let text = try options.guarded {
            let store = try database.open(options, readOnly: true)
            let publication = try Publication(store: store, filter: review.filter, language: language)
            let exploration = try store.exploration(filter: review.filter, publication: publication, morphology: try openMorphology(options))
            let network = WordNetwork(exploration, top: max(2, top), minimumJaccard: minJaccard)
            let mode: mode_t = review.filter.audience == .public ? 0o644 : 0o600
            if let svg {
                let picture = network.svg()
                try publication.check(picture, output: svg)
                try OutputFile.write(Data(picture.utf8), to: svg, force: true, mode: mode)
            }
            if let csv {
                var data = Data()
                let writer = try CSVWriter(encoding: .utf8BOM) { data.append($0) }
                try writer.writeHeader(["kind", "word", "other", "answers", "jaccard", "community", "x", "y"])
                for node in network.nodes {
                    try writer.writeRow(["node", node.word, nil, String(node.documents), nil, String(node.community), String(format: "%.4f", node.x), String(format: "%.4f", node.y)])
                }
                for edge in network.edges {
                    try writer.writeRow(["edge", edge.first, edge.second, String(edge.both), String(format: "%.4f", edge.jaccard), nil, nil, nil])
                }
                try writer.flush()
                try OutputFile.write(data, to: csv, force: true, mode: mode)
            }
            let text = ExplorationFormatter(language: language).network(network)
            try publication.check(text, output: "network")
            return text
        }
        try StandardOutput.write(text)
    }
}
