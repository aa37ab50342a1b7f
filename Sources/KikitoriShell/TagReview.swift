import Foundation
import Kikitori

/// A quick pass over a theme's automatic tags: the learned model's suggestions first (most likely
/// first, with the character sequences that weighed most), then the rules' tags with the matched
/// words highlighted; y to confirm, n to reject, Enter to skip, q to stop. Each decision is saved at
/// once with its coder, and each is training data for the next `tag suggest`.
///
/// Blind (`blind:` a sample size and seed): a random sample of every text answer, the same for
/// every coder of the same data, shown without highlights or automatic tags, so that two coders'
/// decisions can be compared (`tag agreement`).
public struct TagReview {
    let shell: Shell
    let codebook: Codebook
    let theme: String
    let blind: (count: Int, seed: UInt64)?

    public init(shell: Shell, codebook: Codebook, theme: String, blind: (count: Int, seed: UInt64)? = nil) {
        self.shell = shell
        self.codebook = codebook
        self.theme = theme
        self.blind = blind
    }

    public func run() throws {
        let language = shell.language
        guard let coder = shell.requireCoder() else { return }
        if let blind { return try runBlind(blind, coder: coder) }
        // Choices linked to a theme have nothing to read: only words matched by rules are reviewed.
        let suggestions = try shell.store.tags(theme: theme, state: .suggested).filter { $0.text != nil }
            .sorted { ($0.tag.score ?? 0) > ($1.tag.score ?? 0) }
        let pending = suggestions + (try shell.store.tags(theme: theme, state: .auto).filter { $0.tag.source == .rule && $0.text != nil })
        let label = codebook.theme(theme)?.label.text(language) ?? theme
        shell.output.line("\(label) [\(theme)]: \(pending.count)")
        // The definition people code by, before the first answer.
        if let definition = codebook.theme(theme) {
            if let description = definition.description { shell.output.line("  " + description.text(language)) }
            if let excludes = definition.excludes { shell.output.line("  " + ReviewPhrase.definitionExcludes(excludes.text(language)).text(language)) }
        }
        var confirmed = 0
        var rejected = 0
        for (index, item) in pending.enumerated() {
            let text = item.text ?? ""
            shell.output.line("")
            shell.output.line("\(index + 1)/\(pending.count)  \(item.tag.hearingID.uuidString.lowercased().prefix(8)):\(item.tag.questionID)")
            shell.output.line("  " + Highlighter.highlight(text, spans: item.tag.spans, style: shell.output.style))
            if item.tag.state == .suggested, let score = item.tag.score {
                shell.output.line(shell.output.style.dim(
                    "  " + CommandPhrase.suggestedBecause(String(format: "%.3f", score), item.tag.ruleSource ?? "").text(language)))
            }
            var decided = false
            while !decided {
                guard let answer = shell.reader.readLine(prompt: "[y/n/Enter/q] > ", completions: .none) else { return summary(confirmed, rejected) }
                switch AnswerParser.normalise(answer).lowercased() {
                case "y", "yes", "はい":
                    try shell.store.decide(
                        event: item.tag.eventID, hearing: item.tag.hearingID, question: item.tag.questionID, theme: theme, add: true, coder: coder)
                    confirmed += 1
                    decided = true
                case "n", "no", "いいえ":
                    try shell.store.decide(
                        event: item.tag.eventID, hearing: item.tag.hearingID, question: item.tag.questionID, theme: theme, add: false, coder: coder)
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

    /// The blind pass: the theme's definition, then each sampled answer as it was said, y or n.
    private func runBlind(_ blind: (count: Int, seed: UInt64), coder: String) throws {
        let language = shell.language
        let units = try shell.store.blindSample(count: blind.count, seed: blind.seed)
        let label = codebook.theme(theme)?.label.text(language) ?? theme
        shell.output.line(CodingPhrase.blindHeading(theme: "\(label) [\(theme)]", count: units.count, seed: blind.seed, coder: coder).text(language))
        if let definition = codebook.theme(theme) {
            if let description = definition.description { shell.output.line("  " + description.text(language)) }
            if let excludes = definition.excludes { shell.output.line("  " + ReviewPhrase.definitionExcludes(excludes.text(language)).text(language)) }
        }
        var confirmed = 0
        var rejected = 0
        for (index, unit) in units.enumerated() {
            shell.output.line("")
            shell.output.line("\(index + 1)/\(units.count)  \(unit.hearingID.storageKey.prefix(8)):\(unit.questionID)")
            shell.output.line("  " + unit.text)
            var decided = false
            while !decided {
                guard let answer = shell.reader.readLine(prompt: CodingPhrase.blindQuestion(label).text(language), completions: .none) else {
                    return summary(confirmed, rejected)
                }
                switch AnswerParser.normalise(answer).lowercased() {
                case "y", "yes", "はい", "n", "no", "いいえ":
                    let applies = ["y", "yes", "はい"].contains(AnswerParser.normalise(answer).lowercased())
                    try shell.store.decide(
                        event: unit.eventID, hearing: unit.hearingID, question: unit.questionID, theme: theme, add: applies, coder: coder, blind: true)
                    if applies { confirmed += 1 } else { rejected += 1 }
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
