import Foundation
import Kikitori

/// Words, characteristic words, concordances and the network as terminal tables (and CSV rows).
public struct ExplorationFormatter {
    public let language: Language
    public let width: Int

    public init(language: Language, width: Int = 80) {
        self.language = language
        self.width = width
    }

    private func t(_ phrase: ExplorePhrase) -> String { phrase.text(language) }

    public func words(_ words: [TextExploration.WordCount], answers: Int, top: Int) -> String {
        var table = TextTable(headers: [t(.columnWord), t(.columnPOS), t(.columnDocuments), t(.columnFrequency)], alignments: [.left, .left, .right, .right])
        for word in words.prefix(top) { table.append([word.lemma, word.pos, String(word.documents), String(word.frequency)]) }
        return t(.answersRead(answers)) + "\n" + table.render(maxWidth: width, shrinkable: [0])
    }

    public func groups(_ groups: [(group: String, words: [TextExploration.WordCount])], top: Int) -> String {
        groups.map { group in
            var table = TextTable(headers: [t(.columnWord), t(.columnDocuments)], alignments: [.left, .right])
            for word in group.words.prefix(top) { table.append([word.lemma, String(word.documents)]) }
            return "[\(group.group.isEmpty ? "—" : group.group)]\n" + table.render()
        }.joined(separator: "\n")
    }

    public func characteristic(_ words: [TextExploration.Characteristic], group: String, top: Int) -> String {
        var table = TextTable(
            headers: [t(.columnWord), t(.columnGroup), t(.columnOutside), t(.columnJaccard), t(.columnG2), t(.columnP)],
            alignments: [.left, .right, .right, .right, .right, .right])
        for word in words.prefix(top) {
            table.append([
                word.lemma, String(word.inGroup), String(word.outside), String(format: "%.3f", word.jaccard), String(format: "%.1f", word.g2),
                word.p < 0.001 ? "<0.001" : String(format: "%.3f", word.p),
            ])
        }
        return "[\(group)]\n" + table.render()
    }

    /// Left context right-aligned, the keyword, right context: columns line up by display width.
    public func concordance(_ lines: [TextExploration.ConcordanceLine], context: Int) -> String {
        lines.map { line in
            DisplayWidth.padLeft(line.left, to: context) + " 【" + line.keyword + "】 " + line.right
        }.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }

    public func network(_ network: WordNetwork) -> String {
        var text = t(.networkSummary(nodes: network.nodes.count, edges: network.edges.count, communities: Set(network.nodes.map(\.community)).count)) + "\n"
        var table = TextTable(
            headers: [t(.columnFirst), t(.columnSecond), t(.columnBoth), t(.columnJaccard)], alignments: [.left, .left, .right, .right])
        for edge in network.edges { table.append([edge.first, edge.second, String(edge.both), String(format: "%.3f", edge.jaccard)]) }
        text += table.render()
        return text
    }
}
