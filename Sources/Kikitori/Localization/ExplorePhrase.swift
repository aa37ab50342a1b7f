import KikitoriCore

/// The words of `words`, `kwic` and `network`.
public enum ExplorePhrase: Sendable {
    case columnWord, columnPOS, columnFrequency, columnDocuments, columnGroup, columnOutside, columnJaccard, columnG2, columnP
    case columnFirst, columnSecond, columnBoth, columnCommunity
    case answersRead(Int), noOccurrences(String), networkSummary(nodes: Int, edges: Int, communities: Int)
    case unknownGroup(String, known: [String]), groupTooSmall(String, Int, minCell: Int)
    case dictionaryMissing([String])

    public func text(_ language: Language) -> String {
        let ja = language == .ja
        switch self {
        case .columnWord: return ja ? "語" : "word"
        case .columnPOS: return ja ? "品詞" : "part of speech"
        case .columnFrequency: return ja ? "出現回数" : "occurrences"
        case .columnDocuments: return ja ? "回答数" : "answers"
        case .columnGroup: return ja ? "グループ内" : "in group"
        case .columnOutside: return ja ? "それ以外" : "elsewhere"
        case .columnJaccard: return "Jaccard"
        case .columnG2: return "G²"
        case .columnP: return "p"
        case .columnFirst: return ja ? "語1" : "word 1"
        case .columnSecond: return ja ? "語2" : "word 2"
        case .columnBoth: return ja ? "共起した回答" : "answers with both"
        case .columnCommunity: return ja ? "グループ" : "community"
        case .answersRead(let count): return ja ? "\(count) 件の文章回答を形態素解析しました（MeCab、IPADIC）。" : "\(count) text answers read with MeCab (IPADIC)."
        case .noOccurrences(let word): return ja ? "「\(word)」は見つかりませんでした。" : "'\(word)' does not occur."
        case .networkSummary(let nodes, let edges, let communities):
            return ja ? "語 \(nodes)、共起 \(edges)、グループ \(communities)" : "\(nodes) words, \(edges) co-occurrences, \(communities) communities"
        case .unknownGroup(let group, let known):
            return ja ? "グループ '\(group)' はありません。あるもの: \(known.joined(separator: ", "))" : "no group '\(group)'; the groups are: \(known.joined(separator: ", "))"
        case .groupTooSmall(let group, let count, let minCell):
            return ja
                ? "グループ '\(group)' の回答は \(count) 件で、公開用には少なすぎます（\(minCell) 件以上）。--audience internal で見られます"
                : "group '\(group)' has \(count) answers, too few for a public output (\(minCell) or more); see it with --audience internal"
        case .dictionaryMissing(let paths):
            return ja
                ? "MeCab の辞書が見つかりません（\(paths.joined(separator: ", "))）。sudo apt-get install mecab-ipadic-utf8 するか、KIKITORI_MECAB_DIC に辞書のフォルダを指定してください"
                : "no MeCab dictionary (looked in \(paths.joined(separator: ", "))); sudo apt-get install mecab-ipadic-utf8, or set KIKITORI_MECAB_DIC to a dictionary folder"
        }
    }
}

/// Exploring text asked for something the data does not allow.
public enum ExploreProblem: Error, Equatable, Sendable {
    case unknownGroup(String, known: [String])
    case groupTooSmall(String, Int, minCell: Int)

    public func text(_ language: Language) -> String {
        switch self {
        case .unknownGroup(let group, let known): return ExplorePhrase.unknownGroup(group, known: known).text(language)
        case .groupTooSmall(let group, let count, let minCell): return ExplorePhrase.groupTooSmall(group, count, minCell: minCell).text(language)
        }
    }
}
