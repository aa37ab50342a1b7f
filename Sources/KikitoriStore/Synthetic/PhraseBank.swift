import KikitoriCore
/// Everyday Japanese wording of the concerns firms and municipalities raise, for synthetic answers.
///
/// Phrases are written to read like notes from a hearing; some carry a concern, some are neutral,
/// some deny one ("コストは特に問題ない") so that negation is exercised too.
public enum PhraseBank {
    package static let concerns: [[String]] = [
        // privacy
        ["個人情報が含まれるので外には出しにくい", "顧客の情報をどう匿名化するかが分からない", "住民の同意を取る手続きが課題",
         "個人が特定されるおそれがある", "プライバシーへの配慮が欠かせない", "会員データは本人の同意なしには提供できない"],
        // cost
        ["整備する予算が確保できない", "システムの維持費が毎年かかる", "外部に委託する費用がない", "コストに見合うか疑問",
         "財源がなければ動けない", "導入費は補助金がないと厳しい"],
        // merit
        ["データは会社の財産なので簡単には出せない", "公開しても自社にメリットが見えない", "競合に使われるだけなら意味がない",
         "見返りがあれば協力したい", "効果が見えないものには取り組めない", "データを出した企業が評価される仕組みがほしい"],
        // workload
        ["仕事が増えるのでやりたくないという声がある", "担当は兼務で手が回らない", "更新作業の手間が大きい", "日々の業務で余裕がない",
         "作業に時間がかかりすぎる", "人手が足りず新しいことに割ける時間がない"],
        // staffing_skills
        ["データを扱える人材がいない", "ITに詳しい職員が一人もいない", "ノウハウがなく何から始めればよいか分からない",
         "職員向けの研修があれば参加させたい", "専門知識を持つ人の採用が難しい", "デジタル人材を育てる場が少ない"],
        // legal_rules
        ["公開の根拠となるルールが分からない", "契約上、第三者に提供してよいのか判断できない", "著作権の扱いが曖昧",
         "条例で定められていないので動きにくい", "ガイドラインがあれば安心できる", "二次利用の条件をどう書けばよいか分からない"],
        // discoverability
        ["どこにデータがあるのか分かりづらい", "欲しい統計がなかなか見つからない", "データが各課に散在している",
         "ポータルサイトが分かれていて探しにくい", "担当窓口が分からない", "カタログがあれば探しやすい"],
        // data_quality_format
        ["PDFでしか公開されていない", "紙の台帳で管理している", "市町村ごとに形式がバラバラ", "データが古いまま更新されていない",
         "何を公開すればよいのか分からない", "精度が低く分析に使えない"],
        // security
        ["情報漏洩が心配", "サイバー攻撃への備えが十分でない", "不正アクセスのリスクがある", "データが悪用されるのが怖い",
         "改ざんされる可能性がある", "セキュリティ対策に自信がない"],
        // responsibility_accuracy
        ["誤りがあった時の責任が不安", "正確性を保証できない", "数字の間違いでクレームが来るのが怖い", "損害が出たら責任問題になる",
         "誤解を招くデータが出回ると困る", "公開後のトラブルを避けたい"],
        // leadership_understanding
        ["首長の理解が得られない", "幹部が必要性を感じていない", "経営層の関心が薄い", "庁内の理解が進まない",
         "上司がデータ活用の重要性を理解していない", "トップの意識が変わらないと進まない"],
    ]

    package static let neutral = [
        "観光客の動向を把握したい", "人口や世帯のデータはよく使っている", "ラウンドテーブルにはぜひ参加したい",
        "道の取組に期待している", "データの利活用には前向きに取り組みたい", "避難所の位置データがあると便利",
        "売上データはクラウドで管理している", "農業の統計を生産計画に使っている", "今年度中にデータを整理する予定",
        "アイデアソンに社員を参加させたことがある", "商圏分析に人流データを使いたい", "データ連携基盤の構想に賛成",
        "特になし", "コストは特に問題ない", "セキュリティは心配していない", "今のところ困っていない",
    ]

    package static let openers = ["", "", "正直なところ、", "うちの町では", "現場としては", "社内では", "率直に言うと、", "担当としては"]
    package static let endings = ["。", "。", "と感じています。", "のが現状です。", "という状況です。", "。以上です。"]

    /// One answer of one to three clauses (`long`: four to six, ≈250 bytes in three or four
    /// sentences, the shape of real hearing notes); `concernRate` is the chance that a clause raises a concern.
    public static func answer(_ rng: inout SeededGenerator, concernRate: Double = 0.7, long: Bool = false) -> String {
        let clauses = long ? 4 + Int(rng.next() % 3) : 1 + Int(rng.next() % 3)
        var text = ""
        for index in 0..<clauses {
            let phrase: String
            if rng.chance(concernRate) {
                let theme = concerns[Int(rng.next() % UInt64(concerns.count))]
                phrase = theme[Int(rng.next() % UInt64(theme.count))]
            } else {
                phrase = neutral[Int(rng.next() % UInt64(neutral.count))]
            }
            if index == 0 { text += openers[Int(rng.next() % UInt64(openers.count))] }
            text += phrase
            text += index == clauses - 1 ? endings[Int(rng.next() % UInt64(endings.count))] : (rng.chance(0.5) ? "。" : "し、")
        }
        return text
    }
}
