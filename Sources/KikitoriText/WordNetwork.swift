import Foundation
import Kikitori

/// The co-occurrence network of frequent words: an edge where two words share answers (Jaccard over
/// answers), communities by label propagation, and a seeded force-directed layout — the same data
/// always gives the same picture, and the nodes and edges behind it can be exported.
public struct WordNetwork: Sendable {
    public struct Node: Sendable, Equatable {
        public var word: String
        public var documents: Int
        public var community: Int
        public var x: Double
        public var y: Double
    }

    public struct Edge: Sendable, Equatable {
        public var first: String
        public var second: String
        /// Answers holding both words.
        public var both: Int
        public var jaccard: Double
    }

    public private(set) var nodes: [Node] = []
    public private(set) var edges: [Edge] = []

    /// The `top` words by answers holding them (at least `minimumBoth`); edges of at least
    /// `minimumJaccard` between words sharing at least `minimumBoth` answers. A public network
    /// passes the smallest group it may show, so no word or edge stands for fewer answers.
    public init(_ exploration: TextExploration, top: Int = 60, minimumJaccard: Double = 0.1, minimumBoth: Int = 2) {
        let words = exploration.words(minimumDocuments: max(2, minimumBoth)).prefix(top)
        let index = Dictionary(uniqueKeysWithValues: words.enumerated().compactMap { position, word in
            exploration.wordID(word.lemma).map { ($0, position) }
        })
        var both: [Int: Int] = [:]  // i * count + j, i < j
        let count = words.count
        for document in exploration.documents {
            let present = document.distinct.compactMap { index[$0] }.sorted()
            for i in present.indices { for j in present.indices where j > i { both[present[i] * count + present[j], default: 0] += 1 } }
        }
        for (key, shared) in both where shared >= minimumBoth {
            let i = key / count, j = key % count
            let jaccard = Double(shared) / Double(words[i].documents + words[j].documents - shared)
            guard jaccard >= minimumJaccard else { continue }
            edges.append(Edge(first: words[i].lemma, second: words[j].lemma, both: shared, jaccard: jaccard))
        }
        edges.sort { ($0.jaccard, $1.first, $1.second) > ($1.jaccard, $0.first, $0.second) }
        let connected = Set(edges.flatMap { [$0.first, $0.second] })
        let kept = words.filter { connected.contains($0.lemma) }
        let communities = Self.labelPropagation(kept.map(\.lemma), edges)
        let positions = Self.layout(kept.map(\.lemma), edges)
        nodes = kept.map { word in
            Node(word: word.lemma, documents: word.documents, community: communities[word.lemma] ?? 0,
                 x: positions[word.lemma]?.x ?? 0, y: positions[word.lemma]?.y ?? 0)
        }
    }

    /// Each word takes the label most of its neighbours carry (weighted by Jaccard), in a fixed
    /// order, ties to the smallest label, until nothing changes; labels renumbered by size.
    static func labelPropagation(_ words: [String], _ edges: [Edge]) -> [String: Int] {
        var neighbours: [String: [(String, Double)]] = [:]
        for edge in edges {
            neighbours[edge.first, default: []].append((edge.second, edge.jaccard))
            neighbours[edge.second, default: []].append((edge.first, edge.jaccard))
        }
        var label = Dictionary(uniqueKeysWithValues: words.enumerated().map { ($1, $0) })
        for _ in 0..<50 {
            var changed = false
            for word in words {
                var weight: [Int: Double] = [:]
                for (other, w) in neighbours[word] ?? [] { weight[label[other] ?? 0, default: 0] += w }
                guard let best = weight.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) })?.key, best != label[word] else { continue }
                label[word] = best
                changed = true
            }
            if !changed { break }
        }
        let sizes = Dictionary(grouping: words, by: { label[$0] ?? 0 }).mapValues(\.count)
        let order = sizes.keys.sorted { (sizes[$0] ?? 0, -$0) > (sizes[$1] ?? 0, -$1) }
        let renumber = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return label.mapValues { renumber[$0] ?? 0 }
    }

    /// Fruchterman–Reingold in the unit square from seeded starting points.
    static func layout(_ words: [String], _ edges: [Edge], seed: UInt64 = 20261202) -> [String: (x: Double, y: Double)] {
        guard !words.isEmpty else { return [:] }
        var state = seed
        func random() -> Double {
            // SplitMix64: the same numbers on every machine.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        var x = words.map { _ in random() }, y = words.map { _ in random() }
        let index = Dictionary(uniqueKeysWithValues: words.enumerated().map { ($1, $0) })
        let k = (1.0 / Double(words.count)).squareRoot()
        var temperature = 0.1
        for _ in 0..<200 {
            var dx = Array(repeating: 0.0, count: words.count), dy = dx
            for i in words.indices {
                for j in words.indices where j != i {
                    let ddx = x[i] - x[j], ddy = y[i] - y[j]
                    let distance = max(0.001, (ddx * ddx + ddy * ddy).squareRoot())
                    let force = k * k / distance
                    dx[i] += ddx / distance * force
                    dy[i] += ddy / distance * force
                }
            }
            for edge in edges {
                guard let i = index[edge.first], let j = index[edge.second] else { continue }
                let ddx = x[i] - x[j], ddy = y[i] - y[j]
                let distance = max(0.001, (ddx * ddx + ddy * ddy).squareRoot())
                let force = distance * distance / k * (0.5 + edge.jaccard)
                dx[i] -= ddx / distance * force; dy[i] -= ddy / distance * force
                dx[j] += ddx / distance * force; dy[j] += ddy / distance * force
            }
            for i in words.indices {
                let length = max(0.001, (dx[i] * dx[i] + dy[i] * dy[i]).squareRoot())
                x[i] = min(1, max(0, x[i] + dx[i] / length * min(length, temperature)))
                y[i] = min(1, max(0, y[i] + dy[i] / length * min(length, temperature)))
            }
            temperature *= 0.97
        }
        return Dictionary(uniqueKeysWithValues: words.enumerated().map { ($1, (x[$0], y[$0])) })
    }

    /// The network as an inline SVG: circles sized by answers, coloured by community, edges by Jaccard.
    public func svg(width: Double = 640, height: Double = 480) -> String {
        let colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
        let margin = 40.0
        let place = { (node: Node) in (margin + node.x * (width - 2 * margin), margin + node.y * (height - 2 * margin)) }
        let byWord = Dictionary(uniqueKeysWithValues: nodes.map { ($0.word, $0) })
        let most = Double(nodes.map(\.documents).max() ?? 1)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\">"
        for edge in edges {
            guard let a = byWord[edge.first], let b = byWord[edge.second] else { continue }
            let (x1, y1) = place(a), (x2, y2) = place(b)
            svg += "<line x1=\"\(Self.f(x1))\" y1=\"\(Self.f(y1))\" x2=\"\(Self.f(x2))\" y2=\"\(Self.f(y2))\" stroke=\"#999\" stroke-width=\"\(Self.f(0.5 + edge.jaccard * 4))\"/>"
        }
        for node in nodes {
            let (cx, cy) = place(node)
            let radius = 4 + 10 * (Double(node.documents) / most).squareRoot()
            svg += "<circle cx=\"\(Self.f(cx))\" cy=\"\(Self.f(cy))\" r=\"\(Self.f(radius))\" fill=\"\(colours[node.community % colours.count])\" fill-opacity=\"0.8\"/>"
            svg += "<text x=\"\(Self.f(cx))\" y=\"\(Self.f(cy - radius - 2))\" font-size=\"10\" text-anchor=\"middle\">\(Self.escape(node.word))</text>"
        }
        return svg + "</svg>"
    }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
