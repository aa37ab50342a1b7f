import Foundation

/// A versioned questionnaire, loaded from `questionnaires/<id>/v<N>.yaml`.
///
/// The value is the questionnaire's meaning only: its canonical JSON form (``canonicalJSON``) and
/// ``fingerprint`` ignore key order, comments and layout of the file it came from.
public struct Questionnaire: CanonicalForm, Equatable, Sendable {
    public var id: String
    public var version: Int
    public var title: LocalizedText
    public var description: LocalizedText?
    public var audience: [RespondentKind]
    public var languages: [Language]
    public var defaultLanguage: Language
    public var sections: [Section]
    public var choiceLists: [ChoiceList]

    public init(
        id: String, version: Int, title: LocalizedText, description: LocalizedText? = nil,
        audience: [RespondentKind], languages: [Language], defaultLanguage: Language,
        sections: [Section], choiceLists: [ChoiceList]
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.audience = audience
        self.languages = languages
        self.defaultLanguage = defaultLanguage
        self.sections = sections
        self.choiceLists = choiceLists
    }

    package enum CodingKeys: String, CodingKey {
        case id, version, title, description, audience, languages, sections
        case defaultLanguage = "default_language"
        case choiceLists = "choice_lists"
    }

    /// `id@version`, the way hearings and commands name a questionnaire.
    public var reference: String { "\(id)@\(version)" }

    /// Every question in order, sections flattened.
    public var questions: [Question] { sections.flatMap(\.questions) }

    /// The question `id` names; an instance's id (`format[3]`) names its repeat group's question.
    public func question(_ id: String) -> Question? {
        for section in sections {
            if let question = section.questions.first(where: { $0.id == id }) { return question }
        }
        if let (plain, _) = Self.splitInstanceID(id), repeatGroup(containing: plain) != nil { return question(plain) }
        return nil
    }

    public func choiceList(_ name: String) -> ChoiceList? {
        choiceLists.first { $0.name == name }
    }

    /// The choices of a select question, or nil for other types.
    public func choices(for question: Question) -> [Choice]? {
        question.type.choiceList.flatMap { choiceList($0)?.choices }
    }
}

public struct Section: Codable, Equatable, Sendable {
    public var id: String
    public var title: LocalizedText
    public var questions: [Question]
    /// Runs of this section's questions asked once per instance.
    public var repeats: [RepeatGroup]

    public init(id: String, title: LocalizedText, questions: [Question], repeats: [RepeatGroup] = []) {
        self.id = id
        self.title = title
        self.questions = questions
        self.repeats = repeats
    }

    package enum CodingKeys: String, CodingKey {
        case id, title, questions, repeats
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(LocalizedText.self, forKey: .title)
        questions = try container.decode([Question].self, forKey: .questions)
        repeats = try container.decodeIfPresent([RepeatGroup].self, forKey: .repeats) ?? []
    }

    /// `repeats` only when there are some, so a questionnaire without them keeps its fingerprint.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(questions, forKey: .questions)
        if !repeats.isEmpty { try container.encode(repeats, forKey: .repeats) }
    }
}

/// A named list of choices, XLSForm's `list_name`.
public struct ChoiceList: Codable, Equatable, Sendable {
    public var name: String
    public var choices: [Choice]
    /// The shipped register the choices were read from (`municipalities`), nil for a list written out.
    public var register: String?

    public init(name: String, choices: [Choice], register: String? = nil) {
        self.name = name
        self.choices = choices
        self.register = register
    }

    public func choice(_ value: String) -> Choice? { choices.first { $0.value == value } }
}

public struct Choice: Codable, Equatable, Sendable {
    public var value: String
    public var label: LocalizedText
    /// The codebook theme this choice stands for, so chosen barriers and free text aggregate together.
    public var theme: String?
    /// Further fields a `choice_filter` reads by name (XLSForm's extra columns of the choices sheet).
    public var fields: [String: String]?

    public init(value: String, label: LocalizedText, theme: String? = nil, fields: [String: String]? = nil) {
        self.value = value
        self.label = label
        self.theme = theme
        self.fields = fields
    }

    /// What `choice_filter` reads for a bare name: the value, the label, or one of ``fields``.
    public func field(_ name: String, language: Language) -> ExpressionValue {
        switch name {
        case "value": return .text(value)
        case "label": return .text(label.text(language, fallback: language))
        default: return fields?[name].map(ExpressionValue.text) ?? .empty
        }
    }
}
