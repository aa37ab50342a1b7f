import Foundation

extension Rule: CustomStringConvertible {
    /// Canonical source: one space around operators, keywords quoted only when they must be.
    /// Two spellings of the same rule print alike, so the codebook fingerprint ignores layout.
    public var description: String { source(precedence: 0) }

    private func source(precedence outer: Int) -> String {
        switch self {
        case .keyword(let keyword):
            let needsQuotes = keyword.text.unicodeScalars.contains { "|&!()[],/\"@~".unicodeScalars.contains($0) }
                || keyword.text != keyword.text.trimmingCharacters(in: .whitespaces)
                || ["near", "seq"].contains(keyword.text)
            let body = needsQuotes ? "\"\(keyword.text)\"" : keyword.text
            return (keyword.foldsKana ? "~" : "") + body + (keyword.isPrefix ? "*" : "")
        case .or(let rules):
            let text = rules.map { $0.source(precedence: 1) }.joined(separator: " | ")
            return outer > 1 ? "(\(text))" : text
        case .and(let rules):
            let text = rules.map { $0.source(precedence: 2) }.joined(separator: " & ")
            return outer > 2 ? "(\(text))" : text
        case .not(let rule): return "!" + rule.source(precedence: 3)
        case .near(let rules, let window):
            return "near(\(rules.map { $0.source(precedence: 0) }.joined(separator: ", ")))[\(window)]"
        case .seq(let rules, let window):
            return "seq(\(rules.map { $0.source(precedence: 0) }.joined(separator: ", ")))[\(window)]"
        case .regex(let pattern): return "/" + pattern.replacingOccurrences(of: "/", with: "\\/") + "/"
        case .theme(let id): return "@" + id
        }
    }
}
