import Foundation

/// Questions asked once per instance, XLSForm's `begin_repeat`/`end_repeat`: once per chosen item
/// of a `select_multiple` (`repeat_for`), a computed number of times (`repeat_count`), or until the
/// interviewer says there is no other (open-ended).
///
/// An instance's answers are stored under the question's id with the instance's index, `format[3]`
/// (``Questionnaire/instanceID(_:_:)``), so every event, current answer, merge and conflict is per
/// instance without the store knowing about repeats. Over a choice list the index is the choice's
/// place in its list, not in the selection: deselecting one field never moves another field's
/// answers, and `format[3]` means the same field in every hearing and export.
public struct RepeatGroup: Codable, Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        /// One instance per choice of this select_multiple question.
        case choices(of: String)
        /// As many instances as the expression says (whole number, at most ``maximumInstances``).
        case count(Expression)
        /// One instance, then another as long as the interviewer answers yes to "another?".
        case open
    }

    /// Instances one hearing may hold: a guard against a mistyped count, not a limit on practice.
    public static let maximumInstances = 50

    public var id: String
    public var label: LocalizedText
    public var source: Source
    /// The group's questions, in order.
    public var questions: [String]
    /// An open-ended group's "another?" question (ほかにもありますか); the shell has a default.
    public var another: LocalizedText?

    public init(id: String, label: LocalizedText, source: Source, questions: [String], another: LocalizedText? = nil) {
        self.id = id
        self.label = label
        self.source = source
        self.questions = questions
        self.another = another
    }

    package enum CodingKeys: String, CodingKey {
        case id, label, questions, another
        case repeatFor = "repeat_for"
        case repeatCount = "repeat_count"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        label = try container.decode(LocalizedText.self, forKey: .label)
        questions = try container.decode([String].self, forKey: .questions)
        another = try container.decodeIfPresent(LocalizedText.self, forKey: .another)
        if let question = try container.decodeIfPresent(String.self, forKey: .repeatFor) {
            source = .choices(of: question)
        } else if let count = try container.decodeIfPresent(Expression.self, forKey: .repeatCount) {
            source = .count(count)
        } else {
            source = .open
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(label, forKey: .label)
        try container.encode(questions, forKey: .questions)
        try container.encodeIfPresent(another, forKey: .another)
        switch source {
        case .choices(let question): try container.encode(question, forKey: .repeatFor)
        case .count(let expression): try container.encode(expression, forKey: .repeatCount)
        case .open: break
        }
    }
}

/// Which instance of a repeat group an asked question belongs to.
public struct RepeatInstance: Equatable, Hashable, Sendable {
    public var group: String
    /// The index stored in answer ids (`format[3]`).
    public var index: Int
    /// The chosen item the instance is about (農林水産), for a group over choices.
    public var label: LocalizedText?
    /// The instance's place among this hearing's instances, and how many there are: 「(1/3)」.
    public var ordinal: Int
    public var count: Int

    public init(group: String, index: Int, label: LocalizedText?, ordinal: Int, count: Int) {
        self.group = group
        self.index = index
        self.label = label
        self.ordinal = ordinal
        self.count = count
    }
}

extension Questionnaire {
    /// The id an instance's answer is stored under: `format[3]`.
    public static func instanceID(_ question: String, _ index: Int) -> String { "\(question)[\(index)]" }

    /// `format[3]` → (`format`, 3); nil for a plain question id.
    public static func splitInstanceID(_ id: String) -> (question: String, index: Int)? {
        guard id.hasSuffix("]"), let open = id.lastIndex(of: "["),
            let index = Int(id[id.index(after: open)..<id.index(before: id.endIndex)]), index > 0
        else { return nil }
        return (String(id[..<open]), index)
    }

    /// Every repeat group, in questionnaire order.
    public var repeatGroups: [RepeatGroup] { sections.flatMap(\.repeats) }

    /// The repeat group `question` (a plain id) is asked in, if any.
    public func repeatGroup(containing question: String) -> RepeatGroup? {
        repeatGroups.first { $0.questions.contains(question) }
    }

    public func repeatGroup(_ id: String) -> RepeatGroup? {
        repeatGroups.first { $0.id == id }
    }

    /// The section holding question `id` (an instance's id names its question's section).
    public func section(of id: String) -> Section? {
        let plain = Self.splitInstanceID(id)?.question ?? id
        return sections.first { $0.questions.contains { $0.id == plain } }
    }
}
