import KikitoriCore

/// Column headings for people (workbooks): the exports' column codes in the reader's language.
/// A code not listed (a question id in the wide table) is shown as it is.
public enum ColumnNames {
    private static let names: [String: (ja: String, en: String)] = [
        "hearing_id": ("ヒアリングID", "Hearing ID"), "questionnaire": ("調査票", "Questionnaire"),
        "questionnaire_version": ("版", "Version"), "respondent_kind": ("回答者の種別", "Respondent kind"),
        "respondent": ("回答者", "Respondent"), "question_id": ("質問ID", "Question ID"), "question_label": ("質問", "Question"),
        "status": ("状態", "Status"), "value_code": ("回答コード", "Answer code"), "value_label": ("回答", "Answer"),
        "value_text": ("回答（文章）", "Answer text"), "answered_at": ("回答日時", "Answered at"), "theme": ("テーマID", "Theme ID"),
        "theme_label": ("テーマ", "Theme"), "quote": ("引用", "Quote"), "hearing_date": ("ヒアリング日", "Hearing date"),
        "total_hearings": ("全体の件数", "All: hearings"), "total_share": ("全体の割合", "All: share"), "industry": ("業種", "Industry"),
        "region": ("地域", "Region"), "interviewer": ("聞き手", "Interviewer"), "started_at": ("開始", "Started"),
        "ended_at": ("終了", "Ended"), "consent": ("同意", "Consent"), "kind": ("種別", "Kind"),
        "previous_code": ("変更前のコード", "Previous code"), "previous_text": ("変更前の文章", "Previous text"), "reason": ("理由", "Reason"),
        "shown_at": ("表示日時", "Shown at"), "recorded_at": ("記録日時", "Recorded at"),
        "seconds_on_question": ("質問の所要秒数", "Seconds on question"), "answers": ("回答回数", "Answers"), "changes": ("変更回数", "Changes"),
        "dont_know": ("わからない", "Don't know"), "refused": ("回答拒否", "Refused"), "hearing_seconds": ("ヒアリングの所要秒数", "Hearing seconds"),
        "note": ("メモ", "Note"), "state": ("状態", "State"), "source": ("付け方", "Source"), "rule": ("ルール", "Rule"),
        "codebook": ("コードブック", "Codebook"), "matched": ("一致した語", "Matched words"), "label": ("名前", "Label"),
        "description": ("定義", "Definition"), "group": ("グループ", "Group"), "rules": ("ルール", "Rules"),
        "organisation": ("組織", "Organisation"), "person": ("氏名", "Person"), "municipality": ("市町村", "Municipality"),
        "hearings": ("ヒアリング数", "Hearings"), "respondent_industry": ("回答者の業種", "Respondent's industry"),
        "respondent_region": ("回答者の地域", "Respondent's region"), "created_at": ("登録日時", "Registered"), "questionnaire_id": ("調査票ID", "Questionnaire ID"),
    ]

    public static func label(_ code: String, language: Language) -> String {
        if let name = names[code] { return language == .ja ? name.ja : name.en }
        for (suffix, ja, en) in [("_hearings", "件数", "hearings"), ("_share", "割合", "share")] where code.hasSuffix(suffix) {
            let group = String(code.dropLast(suffix.count))
            return language == .ja ? "\(group) \(ja)" : "\(group): \(en)"
        }
        return code
    }

    /// A sheet's name for an export kind.
    public static func sheet(_ kind: String, language: Language) -> String {
        let names: [String: (String, String)] = [
            "hearings": ("ヒアリング", "Hearings"), "repeats": ("繰り返し", "Repeats"), "answers": ("回答", "Answers"), "themes": ("テーマ", "Themes"), "quotes": ("引用", "Quotes"),
            "codebook": ("コードブック", "Codebook"), "tags": ("タグ", "Tags"), "tag-matrix": ("タグ表", "Tag matrix"),
            "respondents": ("回答者", "Respondents"), "events": ("記録", "Events"), "paradata": ("パラデータ", "Paradata"),
            "notes": ("メモ", "Notes"), "about": ("この表について", "About"),
        ]
        return names[kind].map { language == .ja ? $0.0 : $0.1 } ?? kind
    }
}
