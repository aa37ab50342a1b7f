/// What changed in meaning between two questionnaire versions: questions, sections, choices, logic.
public struct QuestionnaireDiff: Codable, Equatable, Sendable {
    public var from: String
    public var to: String
    public var questionnaire: [FieldChange]
    public var sections: ItemChanges
    public var questions: ItemChanges
    public var choiceLists: ItemChanges
    /// Repeat groups: what each repeats over, its label and its questions.
    public var repeats: ItemChanges

    package enum CodingKeys: String, CodingKey {
        case from, to, questionnaire, sections, questions, repeats
        case choiceLists = "choice_lists"
    }

    public var isEmpty: Bool {
        questionnaire.isEmpty && sections.isEmpty && questions.isEmpty && choiceLists.isEmpty && repeats.isEmpty
    }

    /// One field's old and new value, as canonical text (expressions in source form).
    public struct FieldChange: Codable, Equatable, Sendable {
        public var field: String
        public var before: String?
        public var after: String?

        package init(field: String, before: String? = nil, after: String? = nil) {
            self.field = field
            self.before = before
            self.after = after
        }
    }

    /// An item (question, section, choice list, choice) that exists on both sides but differs.
    public struct ChangedItem: Codable, Equatable, Sendable {
        public var id: String
        public var changes: [FieldChange]
        /// For choice lists: the choices added, removed and changed inside.
        public var items: ItemChanges?

        package init(id: String, changes: [FieldChange], items: ItemChanges? = nil) {
            self.id = id
            self.changes = changes
            self.items = items
        }
    }

    public struct ItemChanges: Codable, Equatable, Sendable {
        public var added: [String] = []
        public var removed: [String] = []
        public var changed: [ChangedItem] = []

        public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

        package init(added: [String] = [], removed: [String] = [], changed: [ChangedItem] = []) {
            self.added = added
            self.removed = removed
            self.changed = changed
        }
    }

    public init(from old: Questionnaire, to new: Questionnaire) {
        from = old.reference
        to = new.reference
        questionnaire = Self.compare(Self.fields(of: old), Self.fields(of: new))
        sections = Self.compareItems(old.sections, new.sections, id: \.id) { Self.compare(Self.fields(of: $0), Self.fields(of: $1)) }

        let oldSections = Dictionary(old.sections.flatMap { s in s.questions.map { ($0.id, s.id) } }, uniquingKeysWith: { a, _ in a })
        let newSections = Dictionary(new.sections.flatMap { s in s.questions.map { ($0.id, s.id) } }, uniquingKeysWith: { a, _ in a })
        questions = Self.compareItems(old.questions, new.questions, id: \.id) { before, after in
            var changes = Self.compare(Self.fields(of: before), Self.fields(of: after))
            if oldSections[before.id] != newSections[after.id] {
                changes.insert(FieldChange(field: "section", before: oldSections[before.id], after: newSections[after.id]), at: 0)
            }
            let groups = (old.repeatGroup(containing: before.id)?.id, new.repeatGroup(containing: after.id)?.id)
            if groups.0 != groups.1 { changes.append(FieldChange(field: "repeat", before: groups.0, after: groups.1)) }
            return changes
        }
        repeats = Self.compareItems(old.repeatGroups, new.repeatGroups, id: \.id) { Self.compare(Self.fields(of: $0), Self.fields(of: $1)) }
        choiceLists = Self.compareItems(old.choiceLists, new.choiceLists, id: \.name) { _, _ in [] }
        // Choice lists are compared one level deeper: by choice.
        choiceLists.changed = []
        for list in new.choiceLists {
            guard let before = old.choiceList(list.name) else { continue }
            let choices = Self.compareItems(before.choices, list.choices, id: \.value) {
                Self.compare(Self.fields(of: $0), Self.fields(of: $1))
            }
            let reordered = before.choices.map(\.value).filter { list.choice($0) != nil }
                != list.choices.map(\.value).filter { before.choice($0) != nil }
            let orderChange = reordered
                ? [FieldChange(field: "order", before: before.choices.map(\.value).joined(separator: " "),
                               after: list.choices.map(\.value).joined(separator: " "))] : []
            if !choices.isEmpty || reordered {
                choiceLists.changed.append(ChangedItem(id: list.name, changes: orderChange, items: choices))
            }
        }
    }

    private static func compareItems<T>(
        _ old: [T], _ new: [T], id: (T) -> String, changes: (T, T) -> [FieldChange]
    ) -> ItemChanges {
        var result = ItemChanges()
        let oldIDs = Set(old.map(id))
        let newByID = Dictionary(new.map { (id($0), $0) }, uniquingKeysWith: { a, _ in a })
        result.added = new.map(id).filter { !oldIDs.contains($0) }
        result.removed = old.map(id).filter { newByID[$0] == nil }
        for item in old {
            guard let counterpart = newByID[id(item)] else { continue }
            let fieldChanges = changes(item, counterpart)
            if !fieldChanges.isEmpty { result.changed.append(ChangedItem(id: id(item), changes: fieldChanges)) }
        }
        return result
    }

    private static func compare(_ old: [(String, String?)], _ new: [(String, String?)]) -> [FieldChange] {
        let newValues = Dictionary(new.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        var changes: [FieldChange] = []
        var seen: Set<String> = []
        for (field, value) in old {
            seen.insert(field)
            let after = newValues[field] ?? nil
            if value != after { changes.append(FieldChange(field: field, before: value, after: after)) }
        }
        for (field, value) in new where !seen.contains(field) && value != nil {
            changes.append(FieldChange(field: field, before: nil, after: value))
        }
        return changes
    }

    private static func localized(_ name: String, _ text: LocalizedText?) -> [(String, String?)] {
        Language.allCases.map { ("\(name).\($0.rawValue)", text?[$0]) }
    }

    private static func fields(of q: Questionnaire) -> [(String, String?)] {
        localized("title", q.title) + localized("description", q.description) + [
            ("audience", q.audience.map(\.rawValue).joined(separator: ", ")),
            ("languages", q.languages.map(\.rawValue).joined(separator: ", ")),
            ("default_language", q.defaultLanguage.rawValue),
        ]
    }

    private static func fields(of group: RepeatGroup) -> [(String, String?)] {
        let source: String
        switch group.source {
        case .choices(let question): source = "repeat_for ${\(question)}"
        case .count(let expression): source = "repeat_count \(expression.description)"
        case .open: source = "open"
        }
        return localized("label", group.label) + [("over", source), ("questions", group.questions.joined(separator: " "))]
            + localized("another", group.another)
    }

    private static func fields(of section: Section) -> [(String, String?)] {
        localized("title", section.title)
    }

    private static func fields(of choice: Choice) -> [(String, String?)] {
        localized("label", choice.label) + [("theme", choice.theme)]
            + (choice.fields ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, Optional($0.value)) }
    }

    private static func fields(of question: Question) -> [(String, String?)] {
        let required: String
        switch question.required {
        case .never: required = "false"
        case .always: required = "true"
        case .when(let expression): required = expression.description
        }
        let scale = question.scale.map { "\($0.min)..\($0.max)" }
        return [("type", question.type.source)] + localized("label", question.label) + localized("hint", question.hint)
            + [
                ("required", required),
                ("relevant", question.relevant?.description),
                ("constraint", question.constraint?.description),
                ("calculation", question.calculation?.description),
                ("choice_filter", question.choiceFilter?.description),
            ] + localized("constraint_message", question.constraintMessage)
            + [
                ("multiline", String(question.multiline)),
                ("allow_other", String(question.allowOther)),
                ("allow_dont_know", String(question.allowDontKnow)),
                ("allow_refused", String(question.allowRefused)),
                ("scale", scale),
            ] + localized("scale.min_label", question.scale?.minLabel) + localized("scale.max_label", question.scale?.maxLabel)
    }
}
