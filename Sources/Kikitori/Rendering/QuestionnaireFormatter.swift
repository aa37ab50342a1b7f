import KikitoriCore
import KikitoriStore
/// The questionnaire as an interviewer reads it before a hearing: numbered questions, choices,
/// and the skip logic and constraints spelled out in words.
public struct QuestionnaireFormatter {
    public let questionnaire: Questionnaire
    public let language: Language

    public init(questionnaire: Questionnaire, language: Language) {
        self.questionnaire = questionnaire
        self.language = language
    }

    private func text(_ localized: LocalizedText) -> String {
        localized.text(language, fallback: questionnaire.defaultLanguage)
    }

    public func render() -> String {
        let q = questionnaire
        let describer = ExpressionDescriber(questionnaire: q, language: language)
        var lines: [String] = []
        lines.append("\(text(q.title))  (\(q.reference))")
        let audience = q.audience.map { Phrase.respondentKind($0).text(language) }
        lines.append("\(Phrase.audience.text(language)): \(Catalogue.list(audience, language))")
        lines.append("\(Phrase.languages.text(language)): \(q.languages.map(\.rawValue).joined(separator: ", "))")
        lines.append("\(Phrase.fingerprint.text(language)): \(q.fingerprint)")
        if let description = q.description { lines.append(""); lines.append(text(description)) }

        var number = 0
        for (sectionIndex, section) in q.sections.enumerated() {
            lines.append("")
            let heading = "\(Phrase.section(sectionIndex + 1, of: q.sections.count).text(language)): \(text(section.title))  [\(section.id)]"
            lines.append(heading)
            lines.append(String(repeating: "=", count: DisplayWidth.of(heading)))
            for question in section.questions {
                if let group = section.repeats.first(where: { $0.questions.first == question.id }) {
                    lines += ["", "  ┌ " + repeatHeading(group, in: q)]
                }
                lines.append("")
                let prefix: String
                if !question.type.isAnswerable {
                    prefix = "   "
                } else {
                    number += 1
                    prefix = DisplayWidth.padLeft("\(number).", to: 3)
                }
                // A calculation needs no label: its id and formula say what it is.
                if !(question.type == .calculate && question.label.values.isEmpty) { lines.append("\(prefix) \(text(question.label))") }
                let indent = "     "
                lines.append(indent + "[\(question.id)] " + attributes(of: question).joined(separator: ", "))
                if let hint = question.hint { lines.append(indent + "\(Phrase.hint.text(language)): \(text(hint))") }
                if let list = question.type.choiceList.flatMap(q.choiceList), let register = list.register {
                    // A register's list is named, not printed: 179 municipalities would bury the questionnaire.
                    lines.append(indent + "  " + Phrase.choicesFromRegister(register).text(language) + " (" + Phrase.registerChoices(list.choices.count).text(language) + ")")
                } else if let choices = q.choices(for: question) {
                    for (index, choice) in choices.enumerated() {
                        lines.append(indent + "  \(DisplayWidth.padLeft(String(index + 1), to: 2))) \(text(choice.label))  (\(choice.value))")
                    }
                }
                if let filter = question.choiceFilter {
                    lines.append(indent + "\(Phrase.choiceFilter.text(language)): \(describer.describe(filter, owner: question.id))")
                }
                if let calculation = question.calculation {
                    lines.append(indent + "\(Phrase.calculation.text(language)): \(describer.describe(calculation, owner: question.id))")
                }
                if let scale = question.scale {
                    let low = scale.minLabel.map { " = \(text($0))" } ?? ""
                    let high = scale.maxLabel.map { " = \(text($0))" } ?? ""
                    lines.append(indent + "  \(scale.min)\(low) … \(scale.max)\(high)")
                }
                if let relevant = question.relevant {
                    lines.append(indent + "\(Phrase.askedOnlyIf.text(language)): \(describer.describe(relevant, owner: question.id))")
                }
                if case .when(let condition) = question.required {
                    lines.append(indent + "\(Phrase.requiredIf.text(language)): \(describer.describe(condition, owner: question.id))")
                }
                if let constraint = question.constraint {
                    var line = indent + "\(Phrase.constraint.text(language)): \(describer.describe(constraint, owner: question.id))"
                    if let message = question.constraintMessage { line += " — \(text(message))" }
                    lines.append(line)
                }
                if let group = section.repeats.first(where: { $0.questions.last == question.id }) {
                    lines += ["", "  └ " + Phrase.repeatEnd(group.id).text(language)]
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A repeat group in words: its label, what it repeats over, and how its answers are stored.
    private func repeatHeading(_ group: RepeatGroup, in q: Questionnaire) -> String {
        let over: String
        switch group.source {
        case .choices(let source):
            over = Phrase.repeatForChoices(source, q.question(source).map { text($0.label) } ?? source).text(language)
        case .count(let expression):
            let describer = ExpressionDescriber(questionnaire: q, language: language)
            over = Phrase.repeatCount(describer.describe(expression, owner: group.questions.first ?? group.id)).text(language)
        case .open:
            over = Phrase.repeatOpen.text(language)
        }
        return "\(Phrase.repeatGroup.text(language)): \(text(group.label))  [\(group.id)] — \(over)"
    }

    private func attributes(of question: Question) -> [String] {
        var parts = [Phrase.typeName(question.type).text(language)]
        if let scale = question.scale { parts[0] += " " + Phrase.scaleRange(scale.min, scale.max).text(language) }
        guard question.type.isAnswerable else { return parts }
        if question.required == .always { parts.append(Phrase.required.text(language)) }
        if question.multiline { parts.append(Phrase.multiline.text(language)) }
        if question.allowOther { parts.append(Phrase.otherAllowed.text(language)) }
        if !question.allowDontKnow { parts.append(Phrase.dontKnowNotAccepted.text(language)) }
        if !question.allowRefused { parts.append(Phrase.refusedNotAccepted.text(language)) }
        return parts
    }
}
