/// Text given in several languages, as a questionnaire's `label: {ja: …, en: …}`.
public struct LocalizedText: Codable, Equatable, Hashable, Sendable {
    public var values: [Language: String]

    public init(_ values: [Language: String] = [:]) {
        self.values = values
    }

    public var isEmpty: Bool { values.isEmpty }

    public subscript(language: Language) -> String? {
        get { values[language] }
        set { values[language] = newValue }
    }

    /// The text in `language`, else in `fallback`, else in any language present.
    public func text(_ language: Language, fallback: Language? = nil) -> String {
        if let text = values[language] { return text }
        if let fallback, let text = values[fallback] { return text }
        for candidate in Language.allCases { if let text = values[candidate] { return text } }
        return ""
    }

    // Encoded as a plain `{"en": …, "ja": …}` object so that the canonical form reads naturally.
    public init(from decoder: Decoder) throws {
        let raw = try [String: String](from: decoder)
        var values: [Language: String] = [:]
        for (key, value) in raw {
            if let language = Language(rawValue: key) { values[language] = value }
        }
        self.values = values
    }

    public func encode(to encoder: Encoder) throws {
        var raw: [String: String] = [:]
        for (key, value) in values { raw[key.rawValue] = value }
        try raw.encode(to: encoder)
    }
}
