import KikitoriCore
import KikitoriStore
/// The codebook as a reader checks it: themes by group, with labels, descriptions and rules.
public struct CodebookFormatter {
    public let codebook: Codebook
    public let language: Language

    public init(codebook: Codebook, language: Language) {
        self.codebook = codebook
        self.language = language
    }

    public func render() -> String {
        var lines = [
            "\(codebook.title?.text(language) ?? codebook.id)  (\(codebook.reference))",
            "\(Phrase.fingerprint.text(language)): \(codebook.fingerprint)",
        ]
        let groups: [ThemeGroup?] = codebook.groups.map(Optional.some) + [nil]
        for group in groups {
            let themes = codebook.themes.filter { $0.group == group?.id }
            guard !themes.isEmpty else { continue }
            lines.append("")
            let heading = group.map { "\($0.label.text(language))  [\($0.id)]" } ?? "—"
            lines.append(heading)
            lines.append(String(repeating: "=", count: DisplayWidth.of(heading)))
            for theme in themes {
                lines.append("")
                lines.append("\(theme.label.text(language))  [\(theme.id)]" + (theme.colour.map { "  \($0)" } ?? ""))
                if let description = theme.description { lines.append("  " + description.text(language)) }
                if let excludes = theme.excludes { lines.append("  " + ReviewPhrase.definitionExcludes(excludes.text(language)).text(language)) }
                if let examples = theme.examples { lines.append("  " + ReviewPhrase.definitionExamples(examples).text(language)) }
                for (index, rule) in theme.rules.enumerated() { lines.append("  \(index + 1). \(rule)") }
            }
        }
        lines.append("")
        lines.append("negation (\(codebook.negation.window)): " + codebook.negation.after.joined(separator: ", "))
        if !codebook.negation.before.isEmpty { lines.append("  before: " + codebook.negation.before.joined(separator: ", ")) }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Themes added, removed and changed between two codebooks.
public struct CodebookDiff: Codable, Equatable, Sendable {
    public var from: String
    public var to: String
    public var added: [String]
    public var removed: [String]
    public var changed: [QuestionnaireDiff.ChangedItem]
    public var negationChanged: Bool

    enum CodingKeys: String, CodingKey {
        case from, to, added, removed, changed
        case negationChanged = "negation_changed"
    }

    public init(from old: Codebook, to new: Codebook) {
        from = old.reference
        to = new.reference
        added = new.themes.map(\.id).filter { old.theme($0) == nil }
        removed = old.themes.map(\.id).filter { new.theme($0) == nil }
        changed = []
        negationChanged = old.negation != new.negation
        for theme in old.themes {
            guard let after = new.theme(theme.id) else { continue }
            var changes: [QuestionnaireDiff.FieldChange] = []
            for language in Language.allCases where theme.label[language] != after.label[language] {
                changes.append(.init(field: "label.\(language.rawValue)", before: theme.label[language], after: after.label[language]))
            }
            if theme.group != after.group { changes.append(.init(field: "group", before: theme.group, after: after.group)) }
            if theme.colour != after.colour { changes.append(.init(field: "colour", before: theme.colour, after: after.colour)) }
            for rule in theme.rules where !after.rules.contains(rule) { changes.append(.init(field: "rule", before: rule, after: nil)) }
            for rule in after.rules where !theme.rules.contains(rule) { changes.append(.init(field: "rule", before: nil, after: rule)) }
            if !changes.isEmpty { changed.append(.init(id: theme.id, changes: changes)) }
        }
    }

    public func render(_ language: Language) -> String {
        var lines = [Phrase.diffHeading(from, to).text(language)]
        if added.isEmpty && removed.isEmpty && changed.isEmpty && !negationChanged {
            lines.append(Phrase.diffNoChanges.text(language))
        }
        lines += added.map { "  + \($0)" }
        lines += removed.map { "  - \($0)" }
        for item in changed {
            lines.append("  ~ \(item.id)")
            for change in item.changes {
                switch (change.before, change.after) {
                case (nil, let after?) where change.field == "rule": lines.append("      + \(after)")
                case (let before?, nil) where change.field == "rule": lines.append("      - \(before)")
                default: lines.append("      \(change.field): \(change.before ?? "—") → \(change.after ?? "—")")
                }
            }
        }
        if negationChanged { lines.append("  ~ negation") }
        return lines.joined(separator: "\n") + "\n"
    }
}
