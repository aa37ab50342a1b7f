import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport
import KikitoriShell
import KikitoriText

struct NetworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "The co-occurrence network of frequent words: edges, communities, and an SVG picture.",
        discussion: """
            The --top words by answers holding them; an edge where two share answers with a Jaccard of \
            --min-jaccard or more; communities by label propagation; a seeded force-directed layout, so \
            the same data always gives the same picture (no R needed). Prints the edges; --svg writes the \
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

    @Flag(help: "Replace the SVG or CSV file if it exists.")
    var force = false

    func run() throws {
        let language = options.language()
        let text = try options.guarded {
            let input = try ExplorationInput(options, database, review, language: language)
            let (publication, exploration) = (input.publication, input.exploration)
            let network = WordNetwork(
                exploration, top: max(2, top), minimumJaccard: minJaccard, minimumBoth: max(2, input.publication.smallestShownGroup))
            let mode = review.filter.audience.fileMode
            if let svg {
                let picture = network.svg()
                try publication.check(picture, output: svg)
                try OutputFile.write(Data(picture.utf8), to: svg, force: force, mode: mode)
            }
            if let csv {
                let nodes: [[String?]] = network.nodes.map {
                    ["node", $0.word, nil, String($0.documents), nil, String($0.community), String(format: "%.4f", $0.x), String(format: "%.4f", $0.y)]
                }
                let edges: [[String?]] = network.edges.map {
                    ["edge", $0.first, $0.second, String($0.both), String(format: "%.4f", $0.jaccard), nil, nil, nil]
                }
                let data = try csvData(["kind", "word", "other", "answers", "jaccard", "community", "x", "y"], nodes + edges)
                try publication.check(String(decoding: data, as: UTF8.self), output: csv)
                try OutputFile.write(data, to: csv, force: force, mode: mode)
            }
            let text = ExplorationFormatter(language: language).network(network)
            try publication.check(text, output: "network")
            return text
        }
        try StandardOutput.write(text)
    }
}
