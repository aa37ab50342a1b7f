import KikitoriCore
import KikitoriStore
/// What the interviewer sees for one question: section and progress, the label, the hint,
/// numbered choices (with "other" last when allowed) and the current answer when revisiting.
public struct QuestionScreen: Sendable {
    public let engine: InterviewEngine
    public let language: Language

    public init(engine: InterviewEngine, language: Language) {
        self.engine = engine
        self.language = language
    }

    private var questionnaire: Questionnaire { engine.questionnaire }

    private func text(_ localized: LocalizedText) -> String {
        localized.text(language, fallback: questionnaire.defaultLanguage)
    }

    /// The item an instance is about, else its group's label.
    private func instanceName(_ instance: RepeatInstance) -> String {
        instance.label.map(text) ?? questionnaire.repeatGroup(instance.group).map { text($0.label) } ?? instance.group
    }

    /// A question's label; an open-ended group's "another?" without wording of its own gets the shell's.
    private func displayLabel(_ question: Question) -> String {
        let label = text(question.label)
        guard label.isEmpty, let instance = question.instance else { return label }
        return ShellPhrase.anotherInstance(questionnaire.repeatGroup(instance.group).map { text($0.label) } ?? instance.group).text(language)
    }

    /// The lines of the screen; `style` adds emphasis on a terminal.
    /// `previous`: a follow-up's answer from last time, shown while this hearing has none.
    public func render(_ question: Question, style: TextStyle = .plain, previous: AnswerState? = nil) -> String {
        var lines: [String] = []
        let section = questionnaire.section(of: question.id)
        var heading = section.map { "── \(text($0.title)) " } ?? "── "
        if let instance = question.instance {
            // Which instance of the repeat group this is: its item (or group) and place, (1/3).
            heading += "── \(instanceName(instance)) (\(instance.ordinal)/\(instance.count)) "
        }
        if question.type.isAnswerable {
            let progress = engine.progress(of: question)
            heading += "── \(ShellPhrase.progress(progress.number, progress.total).text(language)) "
        }
        heading += "── [\(question.id)]"
        lines.append(style.dim(heading))
        var label = displayLabel(question)
        if question.type.isAnswerable, engine.isRequired(question) { label += " *" }
        lines.append(style.bold(label))
        if let hint = question.hint { lines.append(style.dim("  \(ShellPhrase.hint.text(language)): \(text(hint))")) }
        switch question.type {
        case .selectOne, .selectMultiple:
            // Numbered as offered now: a choice_filter narrows the list, and the numbers follow it.
            let choices = engine.offeredChoices(for: question)
            let width = String(choices.count + 1).count
            for (index, choice) in choices.enumerated() {
                lines.append("  \(DisplayWidth.padLeft(String(index + 1), to: width))) \(text(choice.label))")
            }
            if question.allowOther {
                lines.append("  \(DisplayWidth.padLeft(String(choices.count + 1), to: width))) \(ShellPhrase.otherHint.text(language))")
            }
        case .yesNo:
            lines.append("  1) \(Phrase.yes.text(language))")
            lines.append("  2) \(Phrase.no.text(language))")
        case .scale:
            if let scale = question.scale {
                let low = scale.minLabel.map { " \(text($0))" } ?? ""
                let high = scale.maxLabel.map { " \(text($0))" } ?? ""
                lines.append("  \(scale.min)\(low) … \(scale.max)\(high)")
            }
        case .text where question.multiline:
            lines.append(style.dim("  " + ShellPhrase.multilineHint.text(language)))
        case .note:
            lines.append(style.dim("  " + ShellPhrase.noteContinue.text(language)))
        default:
            break
        }
        if let state = engine.states[question.id] {
            let formatter = AnswerFormatter(questionnaire: questionnaire, language: language)
            let answer = formatter.text(state, for: question).replacingOccurrences(of: "\n", with: "\n    ")
            lines.append("  \(ShellPhrase.currentAnswer.text(language)): \(answer)")
        } else if let previous {
            let formatter = AnswerFormatter(questionnaire: questionnaire, language: language)
            let answer = formatter.text(previous, for: question).replacingOccurrences(of: "\n", with: "\n    ")
            lines.append("  " + style.dim(ShellPhrase.previousAnswer(answer).text(language)))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The review screen: every relevant question with its answer, missing required ones marked,
    /// numbered as the `n/m` header numbers them (`:jump 9`). Fits `width` columns: the label is cut
    /// first, the answer wraps in its own column. `notes` (question id → remarks) show under the answer.
    public func review(style: TextStyle = .plain, width: Int = 80, notes: [String: [String]] = [:]) -> String {
        let formatter = AnswerFormatter(questionnaire: questionnaire, language: language)
        var lines = [style.bold(ShellPhrase.reviewHeading.text(language))]
        let labelWidth = max(12, min(30, width / 3))
        let answerColumn = 5 + labelWidth + 2
        let answerWidth = max(10, width - answerColumn)
        let indent = String(repeating: " ", count: answerColumn)
        var instance: RepeatInstance?
        for (index, item) in engine.review.enumerated() {
            if item.question.instance != instance, let next = item.question.instance {
                // Grouped by instance: the instance's name above its answers.
                lines.append(style.dim("     " + ShellPhrase.reviewInstance(instanceName(next), next.ordinal, next.count).text(language)))
            }
            instance = item.question.instance
            let label = DisplayWidth.pad(DisplayWidth.truncate(displayLabel(item.question), to: labelWidth), to: labelWidth)
            let head = "\(DisplayWidth.padLeft(String(index + 1), to: 3)). " + label + "  "
            if item.missing {
                lines.append(head + style.bold("! " + ShellPhrase.reviewMissing.text(language)))
            } else {
                let answer = DisplayWidth.wrap(formatter.text(item.state, for: item.question), to: answerWidth)
                lines.append(head + answer[0])
                lines += answer.dropFirst().map { indent + $0 }
            }
            for note in notes[item.question.id] ?? [] {
                lines += DisplayWidth.wrap("✎ " + note, to: answerWidth).map { indent + style.dim($0) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Emphasis for a terminal that shows it; plain text elsewhere (pipes, `NO_COLOR`).
public struct TextStyle: Sendable {
    public var enabled: Bool

    public static let plain = TextStyle(enabled: false)
    public static let terminal = TextStyle(enabled: true)

    public func bold(_ text: String) -> String { enabled ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    public func dim(_ text: String) -> String { enabled ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}
