import KikitoriCore
import KikitoriStore
/// The words of disclosure control: stand-in names, what masking writes, notes under suppressed
/// tables, the internal banner, and why a public output was refused.
public enum PrivacyPhrase: Sendable {
    case pseudonymPrefix(RespondentKind)
    case maskedPerson, maskedTerm, maskedTelephone, maskedEmail
    /// The one row a public distribution counts every choice naming a hidden respondent under.
    case maskedChoices
    case interviewer(Int)
    /// The column small groups are merged into.
    case otherGroups
    /// Under a public table: what was hidden and why.
    case suppressionNote(minCell: Int)
    case mergedGroupsNote([String], minCell: Int)
    case otherGroupHidden(minCell: Int)
    case holmNote
    case internalBanner
    case audienceNote(ReviewFilter.Audience, minCell: Int)
    case attributionNote(minCell: Int)
    case consentChanged(String, to: ConsentLevel, from: ConsentLevel)
    case maskAdded(String, hearing: String), maskKnown(String, hearing: String)
    case checkClean(String), checkFound(path: String, line: Int, column: Int, kind: String, id: String), checkSummary(String, Int)

    public func text(_ language: Language) -> String {
        let ja = language == .ja
        switch self {
        case .pseudonymPrefix(let kind):
            switch kind {
            case .privateFirm: return ja ? "企業" : "Firm "
            case .municipalityHead, .municipalStaff: return ja ? "市町村" : "Municipality "
            case .other: return ja ? "団体" : "Organisation "
            }
        case .maskedPerson: return ja ? "（氏名）" : "(name)"
        case .maskedTerm: return ja ? "（非公開）" : "(withheld)"
        case .maskedTelephone: return ja ? "（電話番号）" : "(telephone)"
        case .maskedChoices: return ja ? "（伏せた選択肢）" : "(hidden choices)"
        case .interviewer(let number): return ja ? "調査員 \(number)" : "Interviewer \(number)"
        case .maskedEmail: return ja ? "（メールアドレス）" : "(e-mail)"
        case .otherGroups: return ja ? "その他（少数）" : "Other (small groups)"
        case .suppressionNote(let k):
            return ja
                ? "「<\(k)」は \(k) 件未満のため伏せた値、「×」は伏せた値を合計から割り出せないように併せて伏せた値です。"
                : "<\(k) marks a count under \(k); × marks a count hidden as well so that no hidden count follows from a total."
        case .mergedGroupsNote(let groups, let k):
            return ja
                ? "ヒアリングが \(k) 件未満のグループ（\(groups.joined(separator: "、"))）は「その他（少数）」にまとめています。"
                : "Groups with fewer than \(k) hearings (\(groups.joined(separator: ", "))) are merged into Other (small groups)."
        case .otherGroupHidden(let k):
            return ja
                ? "「その他（少数）」もまとめて \(k) 件未満のため、その列の値はすべて伏せています。"
                : "Other (small groups) is still under \(k) hearings, so its column is hidden whole."
        case .holmNote:
            return ja
                ? "p 値はテーマの数だけ検定を重ねたことを Holm 法で補正した値です。伏せた値を含む行は検定しません。"
                : "p-values are Holm-adjusted for testing every theme; rows with a hidden count are not tested."
        case .internalBanner:
            return ja ? "取扱注意（内部用）— 個人情報を含みます。外部に配布しないでください。" : "Internal — contains personal data. Do not distribute."
        case .audienceNote(let audience, let k):
            switch audience {
            case .public:
                return ja
                    ? "公開用: 「内部限り」のヒアリングを除き、名前を伏せることに同意した回答者の名前は仮名（企業A など）に置き換え、\(k) 件未満の値を伏せています。"
                    : "Public: internal-only hearings are left out, respondents who did not agree to be named appear as Firm A and the like, and counts under \(k) are hidden."
            case .internal:
                return ja ? "内部用: すべてのヒアリングと名前を含みます。外部に配布しないでください。" : "Internal: every hearing and every name is included. Do not distribute."
            }
        case .attributionNote(let k):
            return ja
                ? "発言者の業種・地域は、同じ組み合わせの回答者が \(k) 者以上いる場合に限り示しています。"
                : "A speaker's industry and region are shown only where at least \(k) respondents share them."
        case .consentChanged(let hearing, let consent, let previous):
            let now = ShellPhrase.consentLevel(consent).text(language)
            let before = ShellPhrase.consentLevel(previous).text(language)
            return ja
                ? "ヒアリング \(hearing) の同意を「\(now)」に変更しました（以前は「\(before)」）。以後の出力すべてに反映されます。"
                : "Hearing \(hearing) now has consent '\(now)' (was '\(before)'); every output from now on follows it."
        case .maskAdded(let term, let hearing):
            return ja ? "「\(term)」を公開用の出力すべてで伏せます（ヒアリング \(hearing)）。" : "'\(term)' is now masked in every public output (hearing \(hearing))."
        case .maskKnown(let term, let hearing):
            return ja ? "「\(term)」はすでに伏せる語です（ヒアリング \(hearing)）。" : "'\(term)' is already masked (hearing \(hearing))."
        case .checkClean(let path):
            return ja ? "\(path): 伏せるべき名前・連絡先は見つかりませんでした。" : "\(path): no hidden name or contact found."
        case .checkFound(let path, let line, let column, let kind, let id):
            let what: String
            switch kind {
            case "organisation": what = ja ? "名前を伏せる回答者の組織名" : "organisation of a hidden respondent"
            case "person": what = ja ? "名前を伏せる回答者の氏名" : "name of a person of a hidden respondent"
            case "term": what = ja ? "伏せる語" : "a masked term"
            case "telephone": what = ja ? "電話番号" : "a telephone number"
            default: what = ja ? "メールアドレス" : "an e-mail address"
            }
            return "\(path):\(line):\(column): \(what)" + (id.isEmpty ? "" : " (\(id))")
        case .checkSummary(let path, let count):
            return ja ? "\(path): \(count) か所に伏せるべきものがあります。" : "\(path): \(count) place(s) to mask."
        }
    }
}

/// Why a public output was not written, or what `privacy check` found.
public enum PrivacyProblem: Error, Equatable, Sendable {
    /// A hidden name, term or contact was still in a rendered public output.
    case leak(output: String, respondent: String, kind: String)
    /// A public view of a hearing the respondent allowed for internal use only.
    case internalOnlyHearing(String)

    public func text(_ language: Language) -> String {
        switch self {
        case .leak(let output, let respondent, let kind):
            let who = respondent.isEmpty ? kind : "\(kind) \(respondent)"
            return language == .ja
                ? "\(output): 公開用の出力に伏せるべき名前が残っています（\(who)）。何も書き出していません"
                : "\(output): a name that must be hidden is still in the public output (\(who)); nothing was written"
        case .internalOnlyHearing(let id):
            return language == .ja
                ? "ヒアリング \(id) は内部利用のみの同意です。--audience internal で表示します"
                : "hearing \(id) was given for internal use only; show it with --audience internal"
        }
    }
}
