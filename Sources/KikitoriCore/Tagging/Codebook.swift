import Foundation

/// The themes that answers are coded with, and the rules that find them.
///
/// Versioned like the questionnaires: `id`, `version`, and a fingerprint of the canonical form,
/// which each tag records so that a report can say which rules produced it.
public struct Codebook: CanonicalForm, Equatable, Sendable {
    public var id: String
    public var version: Int
    public var title: LocalizedText?
    public var languages: [Language]
    public var groups: [ThemeGroup]
    public var themes: [Theme]
    public var negation: Negation

    public var reference: String { "\(id)@\(version)" }

    public func theme(_ id: String) -> Theme? { themes.first { $0.id == id } }

    /// A theme as a person types it: its id in any width or case (`ｓｅｃｕｒｉｔｙ`, `Security`), or its
    /// label in either language (「セキュリティ・悪用」).
    public func theme(typed: String) -> Theme? {
        if let exact = theme(typed) { return exact }
        let key = AnswerParser.normalise(typed).lowercased()
        return themes.first { $0.id == key }
            ?? themes.first { theme in theme.label.values.values.contains { AnswerParser.normalise($0).lowercased() == key } }
    }
}

/// A parent grouping of themes, such as `barriers`.
public struct ThemeGroup: Codable, Equatable, Sendable {
    public var id: String
    public var label: LocalizedText
}

public struct Theme: Codable, Equatable, Sendable {
    public var id: String
    public var label: LocalizedText
    /// The definition: what counts as raising this concern.
    public var description: LocalizedText?
    /// What does not count, though it may use the theme's words (a positive mention, a fact).
    public var excludes: LocalizedText?
    /// One or two statements that raise it, as people say them.
    public var examples: [String]?
    public var group: String?
    /// `#rrggbb`, for report charts.
    public var colour: String?
    /// Canonical rule sources; the theme matches when any rule does.
    public var rules: [String]
}

/// Words that cancel a keyword close to it: "コストは問題ない" is not a cost concern.
public struct Negation: Codable, Equatable, Sendable {
    /// Characters between the keyword and the cue.
    public var window: Int
    /// Cues that follow the keyword (問題ない, 心配はない, …).
    public var after: [String]
    /// Cues that precede it ("no", "not worried about", …).
    public var before: [String]

    public init(window: Int = 8, after: [String] = [], before: [String] = []) {
        self.window = window
        self.after = after
        self.before = before
    }
}
