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
        showDefinition()
        var tally = (confirmed: 0, rejected: 0)
        for (index, item) in pending.enumerated() {
            let text = item.text ?? ""
            shell.output.line("")
            shell.output.line("\(index + 1)/\(pending.count)  \(item.tag.hearingID.uuidString.lowercased().prefix(8)):\(item.tag.questionID)")
            shell.output.line("  " + Highlighter.highlight(text, spans: item.tag.spans, style: shell.output.style))
            if item.tag.state == .suggested, let score = item.tag.score {
                shell.output.line(shell.output.style.dim(
                    "  " + CommandPhrase.suggestedBecause(String(format: "%.3f", score), item.tag.ruleSource ?? "").text(language)))
            }
            guard try decide(prompt: "[y/n/Enter/q] > ", tally: &tally, { applies in
                try shell.store.decide(
                    event: item.tag.eventID, hearing: item.tag.hearingID, question: item.tag.questionID, theme: theme, add: applies, coder: coder)
            }) else { return summary(tally.confirmed, tally.rejected) }
        }
        summary(tally.confirmed, tally.rejected)
    }

    /// The blind pass: the theme's definition, then each sampled answer as it was said, y or n.
    private func runBlind(_ blind: (count: Int, seed: UInt64), coder: String) throws {
        let language = shell.language
        let units = try shell.store.blindSample(count: blind.count, seed: blind.seed)
        let label = codebook.theme(theme)?.label.text(language) ?? theme
        shell.output.line(CodingPhrase.blindHeading(theme: "\(label) [\(theme)]", count: units.count, seed: blind.seed, coder: coder).text(language))
        showDefinition()
        var tally = (confirmed: 0, rejected: 0)
        for (index, unit) in units.enumerated() {
            shell.output.line("")
            shell.output.line("\(index + 1)/\(units.count)  \(unit.hearingID.storageKey.prefix(8)):\(unit.questionID)")
            shell.output.line("  " + unit.text)
            guard try decide(prompt: CodingPhrase.blindQuestion(label).text(language), tally: &tally, { applies in
                try shell.store.decide(
                    event: unit.eventID, hearing: unit.hearingID, question: unit.questionID, theme: theme, add: applies, coder: coder, blind: true)
            }) else { return summary(tally.confirmed, tally.rejected) }
        }
        summary(tally.confirmed, tally.rejected)
    }

    /// The definition people code by, before the first answer.
    private func showDefinition() {
        guard let definition = codebook.theme(theme) else { return }
        let language = shell.language
        if let description = definition.description { shell.output.line("  " + description.text(language)) }
        if let excludes = definition.excludes { shell.output.line("  " + ReviewPhrase.definitionExcludes(excludes.text(language)).text(language)) }
    }

    /// Asks until y, n (saved through `save`, counted), Enter (skipped) or q; false when the
    /// person stops (q or end of input).
    private func decide(prompt: String, tally: inout (confirmed: Int, rejected: Int), _ save: (Bool) throws -> Void) throws -> Bool {
        while let answer = shell.reader.readLine(prompt: prompt, completions: .none) {
            switch AnswerParser.normalise(answer).lowercased() {
            case "y", "yes", "はい":
                try save(true)
                tally.confirmed += 1
                return true
            case "n", "no", "いいえ":
                try save(false)
                tally.rejected += 1
                return true
            case "": return true
            case "q", "quit": return false
            default: shell.reject(ShellPhrase.notAChoice(answer).text(shell.language))
            }
        }
        return false
    }

    private func summary(_ confirmed: Int, _ rejected: Int) {
        shell.output.line(CommandPhrase.reviewed(confirmed: confirmed, rejected: rejected).text(shell.language))
    }
}
