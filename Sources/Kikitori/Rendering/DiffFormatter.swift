import KikitoriCore
import KikitoriStore
/// Renders a ``QuestionnaireDiff`` as text: `+` added, `-` removed, `~` changed, with the
/// labels of added and removed questions in the chosen language.
public struct DiffFormatter {
    public let diff: QuestionnaireDiff
    public let old: Questionnaire
    public let new: Questionnaire
    public let language: Language

    public init(diff: QuestionnaireDiff, old: Questionnaire, new: Questionnaire, language: Language) {
        self.diff = diff
        self.old = old
        self.new = new
        self.language = language
    }

    public func render() -> String {
        var lines = [Phrase.diffHeading(diff.from, diff.to).text(language)]
        guard !diff.isEmpty else {
            lines.append(Phrase.diffNoChanges.text(language))
            return lines.joined(separator: "\n") + "\n"
        }
        if !diff.questionnaire.isEmpty {
            lines += ["", Phrase.diffMetadata.text(language)]
            lines += diff.questionnaire.map { "  " + describe($0) }
        }
        section(Phrase.diffSections, diff.sections, into: &lines) { id, questionnaire in
            questionnaire.sections.first { $0.id == id }.map { label($0.title, questionnaire) }
        }
        section(Phrase.diffQuestions, diff.questions, into: &lines) { id, questionnaire in
            questionnaire.question(id).map { label($0.label, questionnaire) }
        }
        section(Phrase.diffRepeats, diff.repeats, into: &lines) { id, questionnaire in
            questionnaire.repeatGroup(id).map { label($0.label, questionnaire) }
        }
        section(Phrase.diffChoiceLists, diff.choiceLists, into: &lines) { id, questionnaire in
            questionnaire.choiceList(id).map { Phrase.diffChoices($0.choices.count).text(language) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func label(_ text: LocalizedText, _ questionnaire: Questionnaire) -> String {
        text.text(language, fallback: questionnaire.defaultLanguage)
    }

    private func section(
        _ heading: Phrase, _ changes: QuestionnaireDiff.ItemChanges, into lines: inout [String],
        describeItem: (String, Questionnaire) -> String?
    ) {
        guard !changes.isEmpty else { return }
        lines += ["", heading.text(language)]
        for id in changes.added { lines.append("  + \(id)" + (describeItem(id, new).map { ": \($0)" } ?? "")) }
        for id in changes.removed { lines.append("  - \(id)" + (describeItem(id, old).map { ": \($0)" } ?? "")) }
        for item in changes.changed {
            lines.append("  ~ \(item.id)")
            lines += item.changes.map { "      " + describe($0) }
            if let inner = item.items {
                let list = new.choiceList(item.id)
                let oldList = old.choiceList(item.id)
                for value in inner.added {
                    lines.append("      + \(value)" + (list?.choice(value).map { ": " + label($0.label, new) } ?? ""))
                }
                for value in inner.removed {
                    lines.append("      - \(value)" + (oldList?.choice(value).map { ": " + label($0.label, old) } ?? ""))
                }
                for choice in inner.changed {
                    lines.append("      ~ \(choice.id)")
                    lines += choice.changes.map { "          " + describe($0) }
                }
            }
        }
    }

    private func describe(_ change: QuestionnaireDiff.FieldChange) -> String {
        let before = change.before.map { "\"\($0)\"" } ?? "—"
        let after = change.after.map { "\"\($0)\"" } ?? "—"
        return "\(change.field): \(before) → \(after)"
    }
}
