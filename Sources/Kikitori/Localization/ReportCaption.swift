import KikitoriCore

/// The report's numbered figures and tables, the sentences that point to them, and the words of
/// its new sections (regions, industries, numeric summaries, the notes appendix).
public enum ReportCaption: Sendable {
    case figure(Int, String), table(Int, String)
    case overview, themesByKind, themesByKindTable, themesByRegionMap(String), themesByRegionTable, themesByIndustryTable
    case coOccurrence, differences
    case seeKind(figure: Int, table: Int), seeRegion(figure: Int, table: Int), seeIndustry(table: Int), seeAnswers(first: Int, last: Int)
    case regionsHeading, industriesHeading, notesHeading, memosHeading
    case mapLegend(String), mapNoData, mapHearings
    case heatLegend
    case summary(n: Int, mean: String, median: String), range(String, String), summaryHidden
    case scaleEnds(min: String?, max: String?)
    case pooled([(label: String, versions: [String])])
    case histogramHidden
    /// A bureau's name on the map: short in Japanese (石狩), the English name otherwise.
    case bureau(name: String, english: String)
    case networkHeading, network(String), seeNetworks(first: Int, last: Int), networkNote
    case summaryWithRange(String, String)

    public func text(_ language: Language) -> String {
        let ja = language == .ja
        switch self {
        case .figure(let n, let caption): return ja ? "図\(n)　\(caption)" : "Figure \(n). \(caption)"
        case .table(let n, let caption): return ja ? "表\(n)　\(caption)" : "Table \(n). \(caption)"
        case .overview: return ja ? "ヒアリングの概要" : "The hearings"
        case .themesByKind: return ja ? "回答者の種別ごとの懸念テーマ（ヒアリングに占める割合）" : "Concerns by respondent kind (share of hearings)"
        case .themesByKindTable: return ja ? "回答者の種別ごとの懸念テーマ（件数と割合）" : "Concerns by respondent kind (hearings and shares)"
        case .themesByRegionMap(let theme):
            return ja ? "振興局ごとのヒアリング数と「\(theme)」を挙げた割合" : "Hearings by bureau, and the share raising '\(theme)'"
        case .themesByRegionTable: return ja ? "振興局ごとの懸念テーマ" : "Concerns by bureau (振興局)"
        case .themesByIndustryTable: return ja ? "業種ごとの懸念テーマ" : "Concerns by industry"
        case .coOccurrence: return ja ? "同じヒアリングで挙がったテーマの組み合わせ（Jaccard 係数）" : "Themes raised in the same hearing (Jaccard similarity)"
        case .differences: return ja ? "企業と市町村の比較" : "Firms against municipalities"
        case .seeKind(let figure, let table):
            return ja ? "回答者の種別ごとの懸念テーマを図\(figure)と表\(table)に示します。" : "Figure \(figure) and Table \(table) show the concerns by respondent kind."
        case .seeRegion(let figure, let table):
            return ja ? "振興局ごとのヒアリング数と懸念を図\(figure)と表\(table)に示します。" : "Figure \(figure) and Table \(table) show hearings and concerns by bureau."
        case .seeIndustry(let table): return ja ? "企業の業種ごとの懸念を表\(table)に示します。" : "Table \(table) shows the concerns by industry."
        case .seeAnswers(let first, let last):
            return first == last
                ? (ja ? "選択式・数値の質問への回答を表\(first)に示します。" : "Table \(first) shows the answers to the structured questions.")
                : (ja ? "選択式・数値の質問への回答を表\(first)〜表\(last)に示します。" : "Tables \(first)–\(last) show the answers to the structured questions.")
        case .regionsHeading: return ja ? "地域別の懸念" : "Concerns by region"
        case .industriesHeading: return ja ? "業種別の懸念" : "Concerns by industry"
        case .notesHeading: return ja ? "付録: 聞き手のメモ（内部用）" : "Appendix: interviewers' notes (internal)"
        case .memosHeading: return ja ? "付録: コーダーのメモ（内部用）" : "Appendix: coders' memos (internal)"
        case .mapLegend(let theme): return ja ? "濃さ: 「\(theme)」を挙げたヒアリングの割合。数字: ヒアリング数" : "Shade: share of hearings raising '\(theme)'. Number: hearings"
        case .mapNoData: return ja ? "ヒアリングなし" : "no hearings"
        case .mapHearings: return ja ? "件" : ""
        case .heatLegend: return ja ? "色の濃さ: Jaccard 係数（0 = 一緒に挙がらない、1 = 常に一緒）" : "Shade: Jaccard similarity (0 never together, 1 always together)"
        case .summary(let n, let mean, let median): return ja ? "n = \(n)、平均 \(mean)、中央値 \(median)" : "n = \(n), mean \(mean), median \(median)"
        case .range(let low, let high): return ja ? "範囲 \(low)〜\(high)" : "range \(low)–\(high)"
        case .summaryHidden: return ja ? "回答が少ないため、要約は示しません。" : "Too few answers to summarise."
        case .scaleEnds(let low, let high):
            return ja ? "尺度: 1 =「\(low ?? "—")」… 最大 =「\(high ?? "—")」" : "Scale: lowest = '\(low ?? "—")' … highest = '\(high ?? "—")'"
        case .pooled(let wordings):
            let list = wordings.map { ja ? "\($0.versions.joined(separator: "、")):「\($0.label)」" : "\($0.versions.joined(separator: ", ")): '\($0.label)'" }
            return (ja ? "版によって質問の文言が異なります（" : "The wording changed between versions (") + list.joined(separator: ja ? "／" : "; ")
                + (ja ? "）。件数は合算しています。" : "); the counts are pooled.")
        case .histogramHidden: return ja ? "（少数の区間は伏せています）" : "(small bins hidden)"
        case .bureau(let name, let english):
            return ja ? name.replacingOccurrences(of: "総合振興局", with: "").replacingOccurrences(of: "振興局", with: "") : english
        case .summaryWithRange(let summary, let range): return summary + (ja ? "、" : ", ") + range
        case .networkHeading: return ja ? "言葉のつながり（共起ネットワーク）" : "Words used together (co-occurrence network)"
        case .network(let group): return ja ? "\(group)の回答でよく一緒に使われた語" : "Words used together in answers of \(group)"
        case .seeNetworks(let first, let last):
            return first == last
                ? (ja ? "図\(first)に、回答でよく一緒に使われた語を示します。" : "Figure \(first) shows the words used together in the answers.")
                : (ja ? "図\(first)〜図\(last)に、回答者の種別ごとに、よく一緒に使われた語を示します。" : "Figures \(first)–\(last) show, by respondent kind, the words used together in the answers.")
        case .networkNote:
            return ja
                ? "MeCab（IPADIC）で語に分け、回答数の多い語の間を Jaccard 係数 0.1 以上で結んでいます。円の大きさは回答数、色はまとまり（ラベル伝播法）です。"
                : "Words by MeCab (IPADIC); the most frequent are joined where their Jaccard over answers is 0.1 or more. Circle size: answers; colour: community (label propagation)."
        }
    }
}
