import Foundation
import Kikitori

/// A quick pass over a theme's automatic tags: each answer with the matched words highlighted,
/// y to confirm, n to reject, Enter to skip, q to stop. Each decision is saved at once.
public struct TagReview {
    let shell: Shell
    let codebook: Codebook
    let theme: String

    public init(shell: Shell, codebook: Codebook, theme: String) {
        self.shell = shell
        self.codebook = codebook
        self.theme = theme
    }

    public func run() throws {
        let language = shell.language
        // Choices linked to a theme have nothing to read: only words matched by rules are reviewed.
        let pending = try shell.store.tags(theme: theme, state: .auto).filter { $0.tag.source == .rule && $0.text != nil }
        let label = codebook.theme(theme)?.label.text(language) ?? theme
        shell.output.line("\(label) [\(theme)]: \(pending.count)")
        var confirmed = 0
        var rejected = 0
        for (index, item) in pending.enumerated() {
            let text = item.text ?? ""
            shell.output.line("")
            shell.output.line("\(index + 1)/\(pending.count)  \(item.tag.hearingID.uuidString.lowercased().prefix(8)):\(item.tag.questionID)")
            shell.output.line("  " + Highlighter.highlight(text, spans: item.tag.spans, style: shell.output.style))
            var decided = false
            while !decided {
                guard let answer = shell.reader.readLine(prompt: "[y/n/Enter/q] > ", completions: .none) else { return summary(confirmed, rejected) }
                switch AnswerParser.normalise(answer).lowercased() {
                case "y", "yes", "はい":
                    try shell.store.decide(event: item.tag.eventID, hearing: item.tag.hearingID, question: item.tag.questionID, theme: theme, add: true)
                    confirmed += 1
                    decided = true
                case "n", "no", "いいえ":
                    try shell.store.decide(event: item.tag.eventID, hearing: item.tag.hearingID, question: item.tag.questionID, theme: theme, add: false)
                    rejected += 1
                    decided = true
                case "": decided = true
                case "q", "quit": return summary(confirmed, rejected)
                default: shell.reject(ShellPhrase.notAChoice(answer).text(language))
                }
            }
        }
        summary(confirmed, rejected)
    }

    private func summary(_ confirmed: Int, _ rejected: Int) {
        shell.output.line(CommandPhrase.reviewed(confirmed: confirmed, rejected: rejected).text(shell.language))
    }
}
