import KikitoriCore

/// The printed report's headings, labels and method notes.
public enum ReportPhrase: Sendable, CaseIterable {
    case title
    case generated
    case overview
    case themesHeading
    case differencesBetweenGroups
    case firms
    case municipalities
    case themesRaisedTogether
    case quotes
    case choiceAnswers
    case method
    case hearingsByKind
    case status
    case questionnaireVersions
    case period
    case codebook
    case questionnaires
    case counted
    case everyStatus
    case countingRule, quoteMethod
    case fisherMethod
    case madeWith
    case themesByKindHeading
    case firmsAgainstMunicipalitiesHeading
    case themeColumn
    case totalColumn
    case jaccardNote
    case firmsColumn
    case municipalitiesColumn
    case fisherNote
    case smallGroupWarning
    case onlyInVersions

    public func text(_ language: Language) -> String {
        language == .ja ? japanese : english
    }

    private var english: String {
        switch self {
        case .title: return "Summary of hearings"
        case .generated: return "Generated"
        case .overview: return "Overview"
        case .themesHeading: return "Themes"
        case .differencesBetweenGroups: return "Differences between groups"
        case .firms: return "firms"
        case .municipalities: return "municipalities"
        case .themesRaisedTogether: return "Themes raised together"
        case .quotes: return "Quotes"
        case .choiceAnswers: return "Choice answers"
        case .method: return "Method"
        case .hearingsByKind: return "Hearings by kind"
        case .status: return "Status"
        case .questionnaireVersions: return "Questionnaire versions"
        case .period: return "Period"
        case .codebook: return "Codebook"
        case .questionnaires: return "Questionnaires"
        case .counted: return "Counted"
        case .everyStatus: return "every status"
        case .quoteMethod: return "Quotes: statements a person confirmed first, then those closest to a quotable length (about 60 characters), taken in turns across respondent kinds and regions; one per respondent, no repeats."
        case .countingRule: return "A hearing raised a theme when any of its current answers carries it (automatic, confirmed or manual; not rejected, and not an unconfirmed suggestion of the learned model)."
        case .fisherMethod: return "Differences use Fisher's exact test, two-sided."
        case .madeWith: return "Made with"
        case .themesByKindHeading: return "Themes by kind of respondent (share of hearings)"
        case .firmsAgainstMunicipalitiesHeading: return "Differences between firms and municipalities"
        case .themeColumn: return "Theme"
        case .totalColumn: return "Total"
        case .jaccardNote: return "Figures are Jaccard similarities: hearings raising both ÷ hearings raising either."
        case .firmsColumn: return "Firms"
        case .municipalitiesColumn: return "Municipalities"
        case .fisherNote: return "Fisher's exact test, two-sided, p < 0.05. Hearings are few: a screening figure."
        case .smallGroupWarning: return "A group has fewer than 5 hearings."
        case .onlyInVersions: return "only"
        }
    }

    private var japanese: String {
        switch self {
        case .title: return "ヒアリング結果の概要"
        case .generated: return "作成日"
        case .overview: return "概要"
        case .themesHeading: return "テーマ"
        case .differencesBetweenGroups: return "グループ間の差"
        case .firms: return "民間企業"
        case .municipalities: return "市町村"
        case .themesRaisedTogether: return "同時に挙がるテーマ"
        case .quotes: return "発言の例"
        case .choiceAnswers: return "選択式の回答"
        case .method: return "集計の方法"
        case .hearingsByKind: return "ヒアリング（回答者の種別）"
        case .status: return "状態"
        case .questionnaireVersions: return "調査票の版"
        case .period: return "期間"
        case .codebook: return "コードブック"
        case .questionnaires: return "調査票"
        case .counted: return "対象"
        case .everyStatus: return "全状態"
        case .quoteMethod: return "引用: 人が確認した発言を優先し、次に引用に適した長さ（約60字）に近いものを、回答者の種別と地域ごとに順番に選んでいます。同じ回答者からは一つ、同じ文は重ねません。"
        case .countingRule: return "あるヒアリングのいずれかの回答にテーマが付いていれば（自動・確認済み・手動。却下と、未確認の学習モデルの提案は除く）、そのヒアリングはテーマを挙げたと数えます。"
        case .fisherMethod: return "差の検定は Fisher の正確確率検定（両側）です。"
        case .madeWith: return "作成"
        case .themesByKindHeading: return "テーマ（回答者の種別ごとの割合）"
        case .firmsAgainstMunicipalitiesHeading: return "グループ間の差（民間企業と市町村）"
        case .themeColumn: return "テーマ"
        case .totalColumn: return "計"
        case .jaccardNote: return "数値は Jaccard 係数（両方を挙げたヒアリング ÷ どちらかを挙げたヒアリング）。"
        case .firmsColumn: return "民間企業"
        case .municipalitiesColumn: return "市町村"
        case .fisherNote: return "Fisher の正確確率検定（両側）、p < 0.05。ヒアリング数が少ないため目安です。"
        case .smallGroupWarning: return "5 件未満のグループがあります。"
        case .onlyInVersions: return "のみ"
        }
    }
}
