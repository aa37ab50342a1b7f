/// A coding rule, in the manner of KH Coder: keywords combined with `|`, `&`, `!` and parentheses,
/// `near(a, b)[n]`, `seq(a, b)[n]`, `/regex/` and `@theme`.
///
/// ```
/// 個人情報 | プライバシー | near(個人, 特定)[8] | "personal data" | anonymi*
/// (コスト | 費用 | 予算) & !@merit
/// ```
public indirect enum Rule: Equatable, Sendable {
    case keyword(Keyword)
    case or([Rule])
    case and([Rule])
    case not(Rule)
    /// All arguments occur within `window` characters of each other.
    case near([Rule], window: Int)
    /// The arguments occur in this order, each starting within `window` characters after the previous ends.
    case seq([Rule], window: Int)
    case regex(String)
    case theme(String)

    public struct Keyword: Hashable, Sendable {
        /// As written in the codebook.
        public var text: String
        /// `~コスト`: also match the word written in hiragana (こすと), and the reverse.
        public var foldsKana: Bool
        /// `anonymi*`: an ASCII keyword may continue into a longer word.
        public var isPrefix: Bool

        public init(_ text: String, foldsKana: Bool = false, isPrefix: Bool = false) {
            self.text = text
            self.foldsKana = foldsKana
            self.isPrefix = isPrefix
        }
    }

    /// Whether the rule can only match when some keyword, regex or theme matches; a rule such as
    /// `!特になし` alone would tag every answer.
    package var needsEvidence: Bool {
        switch self {
        case .keyword, .near, .seq, .regex, .theme: return true
        case .not: return false
        case .or(let rules): return rules.allSatisfy(\.needsEvidence)
        case .and(let rules): return rules.contains(where: \.needsEvidence)
        }
    }

    /// Themes this rule refers to with `@`.
    package var themeReferences: [String] {
        switch self {
        case .theme(let id): return [id]
        case .keyword, .regex: return []
        case .not(let rule): return rule.themeReferences
        case .or(let rules), .and(let rules), .near(let rules, _), .seq(let rules, _): return rules.flatMap(\.themeReferences)
        }
    }
}
