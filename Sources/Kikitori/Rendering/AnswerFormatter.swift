import KikitoriCore
import KikitoriStore
/// Answers as people read them: choice labels rather than codes, in the chosen language.
public struct AnswerFormatter: Sendable {
    public let questionnaire: Questionnaire
    public let language: Language

    public init(questionnaire: Questionnaire, language: Language) {
        self.questionnaire = questionnaire
        self.language = language
    }

    public func text(_ state: AnswerState?, for question: Question) -> String {
        switch state {
        case nil: return "—"
        case .dontKnow?: return ShellPhrase.dontKnow.text(language)
        case .refused?: return ShellPhrase.refused.text(language)
        case .skipped?: return ShellPhrase.skipped.text(language)
        case .answered(let value)?: return text(value, for: question)
        }
    }

    public func text(_ value: AnswerValue, for question: Question) -> String {
        switch value {
        case .text(let text): return text
        case .integer(let number), .scale(let number): return String(number)
        case .decimal(let number): return Expression.format(number)
        case .date(let date): return date.description
        case .yesNo(let flag): return (flag ? Phrase.yes : Phrase.no).text(language)
        case .choice(let code): return label(code, question)
        case .other(let text): return "\(ShellPhrase.other.text(language)): \(text)"
        case .choices(let codes, let other):
            var parts = codes.map { label($0, question) }
            if let other { parts.append("\(ShellPhrase.other.text(language)): \(other)") }
            return parts.isEmpty ? "—" : parts.joined(separator: Catalogue.enumerationSeparator(language))
        }
    }

    private func label(_ code: String, _ question: Question) -> String {
        let choice = questionnaire.choices(for: question)?.first { $0.value == code }
        return choice?.label.text(language, fallback: questionnaire.defaultLanguage) ?? code
    }
}
