import Foundation
import Yams

/// Turns a questionnaire's YAML tree into a ``Questionnaire``, checking names, types and logic.
///
/// Expressions are checked after every question is known, so that a reference to a later
/// question is reported as such rather than as an unknown one.
package struct QuestionnaireBuilder {
    private static let topFields = [
        "id", "version", "title", "description", "audience", "languages", "default_language", "sections",
        "choice_lists",
    ]
    private static let sectionFields = ["id", "title", "questions"]
    private static let questionFields = [
        "id", "type", "label", "hint", "required", "relevant", "constraint", "constraint_message", "multiline",
        "allow_other", "allow_dont_know", "allow_refused", "scale", "calculation", "choices_from", "choice_filter",
    ]
    private static let repeatFields = ["id", "type", "label", "repeat_for", "repeat_count", "another"]
    private static let choiceFields = ["value", "label", "theme"]
    private static let scaleFields = ["min", "max", "min_label", "max_label"]

    package let reader: YAMLReader
    /// The codebook's themes, when known: choices must link to one of them.
    package let knownThemes: Set<String>?
    private var languages: [Language] = [.ja]
    private var defaultLanguage: Language = .ja
    private var rootNode: Node = .mapping([:])

    /// Repeat groups waiting for the second pass, with the node of what they repeat over.
    private var pendingRepeats: [(group: RepeatGroup, node: Node)] = []
    /// Expression fields waiting for the second pass, with the node they came from.
    private var pendingExpressions: [(question: String, role: ExpressionChecker.Role, node: Node)] = []
    /// Lists taken from a shipped register by some question's `choices_from`, in order of first use.
    private var registerLists: [ChoiceList] = []

    package init(reader: YAMLReader, knownThemes: Set<String>? = nil) {
        self.reader = reader
        self.knownThemes = knownThemes
    }

    package mutating func build(root: Node.Mapping) -> Questionnaire? {
        rootNode = .mapping(root)
        let fields = reader.fields(
            of: root, at: rootNode, allowed: Self.topFields, required: ["id", "version", "title", "languages", "sections"],
            subject: nil)

        let id = fields["id"].flatMap(reader.documentID)
        let version = fields["version"].flatMap(reader.version)
        readLanguages(fields)
        let title = fields["title"].flatMap { localized($0, field: "title", subject: nil) }
        let description = fields["description"].flatMap { localized($0, field: "description", subject: nil) }
        let audience = fields["audience"].map(readAudience) ?? []
        let choiceLists = fields["choice_lists"].map(readChoiceLists) ?? []
        let sections = fields["sections"].map { readSections($0, choiceLists: choiceLists) } ?? []

        let allLists = choiceLists.map(\.list) + registerLists
        let expressions = checkExpressions(sections: sections, choiceLists: allLists)
        checkRepeats(sections)
        warnUnusedChoiceLists(choiceLists, sections: sections)
        warnUnreadChoiceFields(choiceLists, sections: sections, expressions: expressions)

        guard let id, let version, let title else { return nil }
        return Questionnaire(
            id: id, version: version, title: title, description: description, audience: audience,
            languages: languages, defaultLanguage: defaultLanguage,
            sections: sections.map { Self.apply(expressions, to: $0) }, choiceLists: allLists)
    }

    /// In the questionnaires folder a file must sit at `<id>/v<version>.yaml`.
    package func checkFileName(of questionnaire: Questionnaire) {
        let url = URL(fileURLWithPath: reader.path)
        let found = url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent
        let expected = "\(questionnaire.id)/v\(questionnaire.version).yaml"
        if found != expected {
            reader.report(.fileNameMismatch(expected: expected, found: found), at: rootNode)
        }
    }

    // MARK: Top level

    private mutating func readLanguages(_ fields: [String: Node]) {
        if let node = fields["languages"], let items = reader.sequence(node, field: "languages") {
            var declared: [Language] = []
            for item in items {
                guard let code = reader.string(item, field: "languages") else { continue }
                if let language = Language(rawValue: code) {
                    if !declared.contains(language) { declared.append(language) }
                } else {
                    reader.report(.unknownLanguage(code), at: item)
                }
            }
            if declared.isEmpty { reader.report(.emptyList(field: "languages"), at: node) } else { languages = declared }
        }
        defaultLanguage = languages[0]
        if let node = fields["default_language"], let code = reader.string(node, field: "default_language") {
            if let language = Language(rawValue: code), languages.contains(language) {
                defaultLanguage = language
            } else if Language(rawValue: code) == nil {
                reader.report(.unknownLanguage(code), at: node)
            } else {
                reader.report(.defaultLanguageNotDeclared(code), at: node)
            }
        }
    }

    private func readAudience(_ node: Node) -> [RespondentKind] {
        guard let items = reader.sequence(node, field: "audience") else { return [] }
        var audience: [RespondentKind] = []
        for item in items {
            guard let text = reader.string(item, field: "audience") else { continue }
            if let kind = RespondentKind(rawValue: text) {
                if !audience.contains(kind) { audience.append(kind) }
            } else {
                reader.report(.unknownAudience(text), at: item)
            }
        }
        if items.isEmpty { reader.report(.emptyList(field: "audience"), at: node) }
        return audience
    }

    private func localized(_ node: Node, field: String, subject: DiagnosticSubject?) -> LocalizedText? {
        reader.localized(node, field: field, subject: subject, defaultLanguage: defaultLanguage, declared: languages)
    }

    // MARK: Choice lists

    private struct LocatedList {
        var list: ChoiceList
        var node: Node
    }

    private func readChoiceLists(_ node: Node) -> [LocatedList] {
        guard let mapping = reader.mapping(node, field: "choice_lists") else { return [] }
        var lists: [LocatedList] = []
        for (key, value) in mapping {
            guard let name = reader.string(key, field: "choice_lists") else { continue }
            if !Identifier.isValid(name) {
                reader.report(.invalidIdentifier(field: "choice_lists", value: name), at: key)
            }
            let subject = DiagnosticSubject.choiceList(name)
            guard let items = reader.sequence(value, field: name, subject: subject) else { continue }
            if items.isEmpty { reader.report(.emptyList(field: name), at: value, subject: subject) }
            var choices: [Choice] = []
            var firstLine: [String: Int] = [:]
            for item in items {
                guard let choice = readChoice(item, list: name) else { continue }
                if let line = firstLine[choice.value] {
                    reader.report(
                        .duplicateIdentifier(kind: "choice", id: choice.value, firstLine: line), at: item, subject: subject)
                    continue
                }
                firstLine[choice.value] = item.mark?.line ?? 0
                choices.append(choice)
            }
            lists.append(LocatedList(list: ChoiceList(name: name, choices: choices), node: key))
        }
        return lists
    }

    private func readChoice(_ node: Node, list: String) -> Choice? {
        guard let mapping = reader.mapping(node, field: list, subject: .choiceList(list)) else { return nil }
        // Other keys are fields a choice_filter reads (XLSForm's extra columns), unless they look
        // like a misspelt known key (`lable`), which is reported as such.
        var known: [(Node, Node)] = []
        var extra: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.string, !Self.choiceFields.contains(name),
                !Self.choiceFields.contains(where: { YAMLReader.editDistance(name, $0) <= 2 }), Identifier.isValid(name)
            else {
                known.append((key, value))
                continue
            }
            if let text = reader.string(value, field: name, subject: .choiceList(list)) { extra[name] = text }
        }
        let fields = reader.fields(
            of: Node.Mapping(known), at: node, allowed: Self.choiceFields, required: ["value", "label"], subject: .choiceList(list))
        guard let valueNode = fields["value"], let value = reader.string(valueNode, field: "value", subject: .choiceList(list))
        else { return nil }
        let subject = DiagnosticSubject.choice(list: list, value: value)
        if !Identifier.isValidChoiceValue(value) {
            reader.report(.invalidIdentifier(field: "value", value: value), at: valueNode, subject: .choiceList(list))
        }
        let label = fields["label"].flatMap { localized($0, field: "label", subject: subject) }
        let theme = fields["theme"].flatMap { node -> String? in
            guard let theme = reader.string(node, field: "theme", subject: subject) else { return nil }
            if !Identifier.isValid(theme) {
                reader.report(.invalidIdentifier(field: "theme", value: theme), at: node, subject: subject)
            } else if let knownThemes, !knownThemes.contains(theme) {
                reader.report(.unknownTheme(theme), at: node, subject: subject)
            }
            return theme
        }
        guard let label else { return nil }
        return Choice(value: value, label: label, theme: theme, fields: extra.isEmpty ? nil : extra)
    }

    /// A choice's own field that no choice_filter reads is most likely a misspelt key.
    private func warnUnreadChoiceFields(_ lists: [LocatedList], sections: [Section], expressions: ParsedExpressions) {
        var read: [String: Set<String>] = [:]
        for question in sections.flatMap(\.questions) {
            guard let list = question.type.choiceList, let filter = expressions[question.id]?[.choiceFilter] else { continue }
            filter.visit { if case .choiceField(let name) = $0 { read[list, default: []].insert(name) } }
        }
        for list in lists {
            let fields = Set(list.list.choices.flatMap { $0.fields.map { Array($0.keys) } ?? [] })
            for field in fields.sorted() where read[list.list.name]?.contains(field) != true {
                reader.warn(.unreadChoiceField(field, list: list.list.name), at: list.node, subject: .choiceList(list.list.name))
            }
        }
    }

    private func warnUnusedChoiceLists(_ lists: [LocatedList], sections: [Section]) {
        let used = Set(sections.flatMap(\.questions).compactMap(\.type.choiceList))
        for list in lists where !used.contains(list.list.name) {
            reader.warn(.unusedChoiceList(list.list.name), at: list.node)
        }
    }

    // MARK: Sections and questions

    private mutating func readSections(_ node: Node, choiceLists: [LocatedList]) -> [Section] {
        guard let items = reader.sequence(node, field: "sections") else { return [] }
        var sections: [Section] = []
        var sectionLines: [String: Int] = [:]
        var questionLines: [String: Int] = [:]
        for item in items {
            guard let mapping = reader.mapping(item, field: "sections") else { continue }
            let fields = reader.fields(
                of: mapping, at: item, allowed: Self.sectionFields, required: ["id", "title", "questions"], subject: nil)
            let id = fields["id"].flatMap { identifier($0, field: "id", subject: nil) }
            let subject = id.map(DiagnosticSubject.section)
            if let id, let idNode = fields["id"] {
                if let line = sectionLines[id] {
                    reader.report(.duplicateIdentifier(kind: "section", id: id, firstLine: line), at: idNode, subject: subject)
                } else {
                    sectionLines[id] = idNode.mark?.line ?? 0
                }
            }
            let title = fields["title"].flatMap { localized($0, field: "title", subject: subject) }
            var questions: [Question] = []
            var repeats: [RepeatGroup] = []
            var openRepeat: (group: RepeatGroup, node: Node, sourceNode: Node?)?
            if let questionsNode = fields["questions"],
                let questionItems = reader.sequence(questionsNode, field: "questions", subject: subject)
            {
                if questionItems.isEmpty { reader.report(.emptyList(field: "questions"), at: questionsNode, subject: subject) }
                for questionItem in questionItems {
                    switch repeatMarker(questionItem) {
                    case "begin_repeat":
                        if let open = openRepeat {
                            reader.report(.nestedRepeat(open.group.id), at: questionItem, subject: subject)
                            continue
                        }
                        openRepeat = readRepeat(questionItem, subject: subject)
                        // A group's id shares the questions' names: an open-ended group's "another?"
                        // answers are stored under it.
                        if let open = openRepeat {
                            let line = open.node.mark?.line ?? 0
                            if let first = questionLines[open.group.id] {
                                reader.report(.duplicateIdentifier(kind: "question", id: open.group.id, firstLine: first), at: open.node, subject: subject)
                            } else {
                                questionLines[open.group.id] = line
                            }
                        }
                        continue
                    case "end_repeat":
                        if let open = openRepeat {
                            if open.group.questions.isEmpty { reader.report(.emptyRepeat(open.group.id), at: open.node, subject: subject) }
                            repeats.append(open.group)
                            pendingRepeats.append((open.group, open.sourceNode ?? open.node))
                        } else {
                            reader.report(.endRepeatWithoutBegin, at: questionItem, subject: subject)
                        }
                        openRepeat = nil
                        continue
                    default: break
                    }
                    guard let (question, idNode) = readQuestion(questionItem, choiceLists: choiceLists) else { continue }
                    openRepeat?.group.questions.append(question.id)
                    if let line = questionLines[question.id] {
                        reader.report(
                            .duplicateIdentifier(kind: "question", id: question.id, firstLine: line), at: idNode,
                            subject: .question(question.id))
                        continue
                    }
                    questionLines[question.id] = idNode.mark?.line ?? 0
                    questions.append(question)
                }
            }
            if let open = openRepeat { reader.report(.repeatNotClosed(open.group.id), at: open.node, subject: subject) }
            if let id, let title {
                sections.append(Section(id: id, title: title, questions: questions, repeats: repeats))
            }
        }
        if items.isEmpty { reader.report(.emptyList(field: "sections"), at: node) }
        return sections
    }

    /// `begin_repeat` or `end_repeat` when the item is one of XLSForm's group markers.
    private func repeatMarker(_ node: Node) -> String? {
        guard case .mapping(let mapping) = node, let type = mapping["type"]?.string else { return nil }
        return type == "begin_repeat" || type == "end_repeat" ? type : nil
    }

    /// A `begin_repeat` item: its id, label and what it repeats over (checked once every question is known).
    private func readRepeat(_ node: Node, subject: DiagnosticSubject?) -> (group: RepeatGroup, node: Node, sourceNode: Node?)? {
        guard let mapping = reader.mapping(node, field: "questions") else { return nil }
        let fields = reader.fields(of: mapping, at: node, allowed: Self.repeatFields, required: ["id", "type", "label"], subject: subject)
        guard let idNode = fields["id"], let id = identifier(idNode, field: "id", subject: subject) else { return nil }
        let label = fields["label"].flatMap { localized($0, field: "label", subject: subject) } ?? LocalizedText()
        var source = RepeatGroup.Source.open
        if fields["repeat_for"] != nil, fields["repeat_count"] != nil {
            reader.report(.repeatSourceConflict, at: node, subject: subject)
        } else if let forNode = fields["repeat_for"], let text = reader.string(forNode, field: "repeat_for", subject: subject) {
            let name = text.trimmingCharacters(in: .whitespaces)
            let plain = name.hasPrefix("${") && name.hasSuffix("}") ? String(name.dropFirst(2).dropLast()) : name
            source = .choices(of: plain)
        } else if let countNode = fields["repeat_count"], let text = reader.string(countNode, field: "repeat_count", subject: subject) {
            do {
                source = .count(try ExpressionParser.parse(text))
            } catch {
                reader.report(.expressionSyntax(error.problem), at: countNode, subject: subject)
            }
        }
        let another = fields["another"].flatMap { localized($0, field: "another", subject: subject) }
        return (RepeatGroup(id: id, label: label, source: source, questions: [], another: another), node, fields["repeat_for"] ?? fields["repeat_count"])
    }

    /// What a repeat group repeats over must be known before it: a select_multiple for
    /// `repeat_for`, questions asked earlier for `repeat_count`.
    private func checkRepeats(_ sections: [Section]) {
        let all = sections.flatMap(\.questions)
        for (group, node) in pendingRepeats {
            guard let first = group.questions.first, let start = all.firstIndex(where: { $0.id == first }) else { continue }
            let before = all[..<start]
            switch group.source {
            case .choices(let name):
                if before.first(where: { $0.id == name }).map({ if case .selectMultiple = $0.type { return false } else { return true } }) ?? true {
                    reader.report(.repeatForNotMultiple(name), at: node, subject: .question(first))
                }
            case .count(let expression):
                for name in expression.references where !before.contains(where: { $0.id == name }) {
                    reader.report(.repeatCountReference(name), at: node, subject: .question(first))
                }
            case .open: break
            }
        }
    }

    private func identifier(_ node: Node, field: String, subject: DiagnosticSubject?) -> String? {
        guard let text = reader.string(node, field: field, subject: subject) else { return nil }
        if !Identifier.isValid(text) {
            reader.report(.invalidIdentifier(field: field, value: text), at: node, subject: subject)
        }
        return text
    }

    private mutating func readQuestion(_ node: Node, choiceLists: [LocatedList]) -> (Question, Node)? {
        guard let mapping = reader.mapping(node, field: "questions") else { return nil }
        let fields = reader.fields(
            of: mapping, at: node, allowed: Self.questionFields, required: ["id", "type"], subject: nil)
        guard let idNode = fields["id"], let id = identifier(idNode, field: "id", subject: nil) else { return nil }
        let subject = DiagnosticSubject.question(id)

        var type: QuestionType?
        if let typeNode = fields["type"], let text = reader.string(typeNode, field: "type", subject: subject) {
            if let registerNode = fields["choices_from"] {
                type = registerType(text, typeNode: typeNode, registerNode: registerNode, choiceLists: choiceLists, subject: subject)
            } else {
                type = QuestionType(source: text)
                if type == nil {
                    reader.report(.unknownType(text), at: typeNode, subject: subject)
                } else if let list = type?.choiceList, !choiceLists.contains(where: { $0.list.name == list }) {
                    reader.report(.unknownChoiceList(list), at: typeNode, subject: subject)
                }
            }
        }
        // A calculation is never shown, so it needs no label.
        if fields["label"] == nil, type != .calculate { reader.report(.missingField("label"), at: node, subject: subject) }
        if type == .calculate, fields["calculation"] == nil { reader.report(.missingField("calculation"), at: node, subject: subject) }
        let label = fields["label"].flatMap { localized($0, field: "label", subject: subject) }
        let hint = fields["hint"].flatMap { localized($0, field: "hint", subject: subject) }
        let constraintMessage = fields["constraint_message"].flatMap {
            localized($0, field: "constraint_message", subject: subject)
        }
        let reader = self.reader
        let flag = { (name: String, fallback: Bool) -> Bool in
            fields[name].flatMap { reader.boolean($0, field: name, subject: subject) } ?? fallback
        }
        let multiline = flag("multiline", false)
        let allowOther = flag("allow_other", false)
        let allowDontKnow = flag("allow_dont_know", true)
        let allowRefused = flag("allow_refused", true)
        let scale = fields["scale"].flatMap { readScale($0, subject: subject) }
        let required = readRequirement(fields["required"], question: id, subject: subject)
        for role in [ExpressionChecker.Role.relevant, .constraint, .calculation, .choiceFilter] {
            if let node = fields[role.rawValue] { pendingExpressions.append((id, role, node)) }
        }

        if let type {
            checkTypeFields(type, fields: fields, subject: subject, scale: scale, required: required)
        }
        guard let type else { return nil }
        if fields["constraint_message"] != nil, fields["constraint"] == nil, let messageNode = fields["constraint_message"] {
            reader.warn(.constraintMessageWithoutConstraint, at: messageNode, subject: subject)
        }
        // Placeholders: expressions are filled in by the second pass once every question is known.
        let question = Question(
            id: id, type: type, label: label ?? LocalizedText(), hint: hint, required: required, relevant: nil, constraint: nil,
            constraintMessage: constraintMessage, multiline: multiline, allowOther: allowOther,
            allowDontKnow: allowDontKnow, allowRefused: allowRefused, scale: scale)
        return (question, idNode)
    }

    /// `type: select_one` with `choices_from: municipalities`: a select over a shipped register's list,
    /// which the questionnaire then holds under the register's name.
    private mutating func registerType(
        _ text: String, typeNode: Node, registerNode: Node, choiceLists: [LocatedList], subject: DiagnosticSubject
    ) -> QuestionType? {
        guard let name = reader.string(registerNode, field: "choices_from", subject: subject) else { return nil }
        guard let register = ChoiceRegister(rawValue: name) else {
            let names = ChoiceRegister.allCases.map(\.rawValue)
            reader.report(.unknownRegister(name, suggestion: YAMLReader.suggestion(for: name, among: names)), at: registerNode, subject: subject)
            return nil
        }
        let type: QuestionType
        switch text.trimmingCharacters(in: .whitespaces) {
        case "select_one": type = .selectOne(list: name)
        case "select_multiple": type = .selectMultiple(list: name)
        default:
            reader.report(.choicesFromNeedsBareSelect(text), at: typeNode, subject: subject)
            return nil
        }
        if choiceLists.contains(where: { $0.list.name == name }) {
            reader.report(.registerNameTaken(name), at: registerNode, subject: subject)
        } else if !registerLists.contains(where: { $0.name == name }) {
            registerLists.append(register.list)
        }
        return type
    }

    private func checkTypeFields(
        _ type: QuestionType, fields: [String: Node], subject: DiagnosticSubject, scale: Scale?, required: Requirement
    ) {
        let misplaced: [(String, Bool)] = [
            ("multiline", type != .text),
            ("allow_other", type.choiceList == nil),
            ("scale", type != .scale),
            ("constraint", type == .note || type == .calculate),
            ("required", type == .note && required != .never),
            ("required", type == .calculate),
            ("calculation", type != .calculate),
            ("choice_filter", type.choiceList == nil),
            ("allow_dont_know", type == .calculate),
            ("allow_refused", type == .calculate),
        ]
        for (field, wrong) in misplaced where wrong {
            guard let node = fields[field] else { continue }
            if field == "required", type == .note {
                reader.report(.noteCannotBeRequired, at: node, subject: subject)
            } else {
                reader.report(.fieldNotForType(field: field, type: type.source), at: node, subject: subject)
            }
        }
        if type == .scale, fields["scale"] == nil, let node = fields["type"] {
            reader.report(.scaleMissing, at: node, subject: subject)
        }
    }

    private func readScale(_ node: Node, subject: DiagnosticSubject) -> Scale? {
        guard let mapping = reader.mapping(node, field: "scale", subject: subject) else { return nil }
        let fields = reader.fields(of: mapping, at: node, allowed: Self.scaleFields, required: ["min", "max"], subject: subject)
        let min = fields["min"].flatMap { reader.integer($0, field: "min", in: Scale.values, subject: subject) }
        let max = fields["max"].flatMap { reader.integer($0, field: "max", in: Scale.values, subject: subject) }
        let minLabel = fields["min_label"].flatMap { localized($0, field: "min_label", subject: subject) }
        let maxLabel = fields["max_label"].flatMap { localized($0, field: "max_label", subject: subject) }
        guard let min, let max else { return nil }
        guard min < max, max - min <= Scale.maximumSteps else {
            reader.report(.invalidScaleRange(min: min, max: max), at: node, subject: subject)
            return nil
        }
        return Scale(min: min, max: max, minLabel: minLabel, maxLabel: maxLabel)
    }

    /// `required: true|false`, or an expression deciding it.
    private mutating func readRequirement(_ node: Node?, question: String, subject: DiagnosticSubject) -> Requirement {
        guard let node, let scalar = reader.scalar(node, field: "required", subject: subject) else { return .never }
        if let flag = YAMLReader.booleanValue(scalar) { return flag ? .always : .never }
        pendingExpressions.append((question, .required, node))
        return .always
    }

    // MARK: Expressions

    private typealias ParsedExpressions = [String: [ExpressionChecker.Role: Expression]]

    /// Parses and checks every pending expression; returns them per question and role.
    private func checkExpressions(sections: [Section], choiceLists: [ChoiceList]) -> ParsedExpressions {
        var order: [String: Int] = [:]
        var types: [String: QuestionType] = [:]
        for (index, question) in sections.flatMap(\.questions).enumerated() {
            order[question.id] = index
            types[question.id] = question.type
        }
        var values: [String: Set<String>] = [:]
        var fields: [String: Set<String>] = [:]
        for list in choiceLists {
            values[list.name] = Set(list.choices.map(\.value))
            fields[list.name] = Set(list.choices.flatMap { $0.fields.map { Array($0.keys) } ?? [] })
        }
        var checker = ExpressionChecker(
            context: ExpressionChecker.Context(questionOrder: order, questionTypes: types, choiceValues: values, choiceFields: fields))

        var parsed: ParsedExpressions = [:]
        for pending in pendingExpressions {
            guard types[pending.question] != nil else { continue }
            let subject = DiagnosticSubject.question(pending.question)
            guard let scalar = reader.scalar(pending.node, field: pending.role.rawValue, subject: subject) else { continue }
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            do {
                let expression = try ExpressionParser.parse(scalar.string)
                var problems: [ExpressionProblem]
                if pending.role == .calculation {
                    // Later expressions read this question as the type of its value.
                    let (type, found) = checker.checkCalculation(expression, owner: pending.question)
                    checker.context.calculatedTypes[pending.question] = type
                    problems = found
                } else {
                    problems = checker.check(expression, role: pending.role, owner: pending.question)
                }
                for problem in problems { reader.report(.expression(problem), at: pending.node, subject: subject) }
                parsed[pending.question, default: [:]][pending.role] = expression
            } catch {
                reader.report(
                    .expressionSyntax(error.problem), at: pending.node, subject: subject,
                    columnOffset: error.offset + (quoted ? 1 : 0))
            }
        }
        return parsed
    }

    private static func apply(_ expressions: ParsedExpressions, to section: Section) -> Section {
        var section = section
        for index in section.questions.indices {
            guard let parsed = expressions[section.questions[index].id] else { continue }
            section.questions[index].relevant = parsed[.relevant]
            section.questions[index].constraint = parsed[.constraint]
            section.questions[index].calculation = parsed[.calculation]
            section.questions[index].choiceFilter = parsed[.choiceFilter]
            if let required = parsed[.required] { section.questions[index].required = .when(required) }
        }
        return section
    }
}
