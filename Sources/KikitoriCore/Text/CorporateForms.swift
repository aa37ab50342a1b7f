/// Legal forms that come and go around an organisation's name (株式会社サンプル, (株)サンプル,
/// サンプル Inc.). One list for spotting a respondent registered twice and for masking names.
public enum CorporateForms {
    /// As written; callers fold them the way they fold names.
    public static let legal: [String] = [
        "株式会社", "有限会社", "合同会社", "合名会社", "合資会社", "一般社団法人", "一般財団法人", "公益社団法人",
        "公益財団法人", "特定非営利活動法人", "npo法人", "社会福祉法人", "医療法人", "学校法人", "協同組合", "(株)", "(有)",
        "(同)", "(社)", "(財)", "(一社)", "(一財)", "(特非)", "カブシキガイシャ", "カブシキカイシャ", "ユウゲンガイシャ",
        "ゴウドウガイシャ", "co.,ltd.", "co.,ltd", "co.ltd.", "ltd.", "ltd", "inc.", "inc", "llc", "corp.", "corp", "k.k.",
    ]

    /// Group words: dropped when masking (「サンプルホールディングス」 is 「サンプル」 to a reader) but not when
    /// offering duplicates, where a parent and its subsidiary are different respondents.
    public static let group: [String] = ["グループ", "ホールディングス"]
}
