import KikitoriCore
import KikitoriStore
/// Spells an expression out for interviewers: question ids in brackets, choice values as their labels.
///
/// `${publish_status} = 'open' or ${willingness} <= 3` reads
/// `[publish_status] = "Published as open data" or [willingness] ≤ 3`.
public struct ExpressionDescriber {
    public let questionnaire: Questionnaire
    public let language: Language

    public init(questionnaire: Questionnaire, language: Language) {
        self.questionnaire = questionnaire
        self.language = language
    }

    /// Describes `expression` as it appears on question `owner` (which `.` stands for).
    public func describe(_ expression: Expression, owner: String) -> String {
        describe(expression, owner: owner, nested: false)
    }

    private func describe(_ expression: Expression, owner: String, nested: Bool) -> String {
        switch expression {
        case .reference(let name): return "[\(name)]"
        case .current: return Phrase.theAnswer.text(language)
        case .string(let text): return quote(text)
        case .number(let value): return Expression.format(value)
        case .comparison(let op, let lhs, let rhs):
            let list = choiceList(of: lhs, owner: owner) ?? choiceList(of: rhs, owner: owner)
            let left = operand(lhs, owner: owner, list: list)
            let right = operand(rhs, owner: owner, list: list)
            return "\(left) \(symbol(op)) \(right)"
        case .and(let lhs, let rhs):
            let text = "\(describe(lhs, owner: owner, nested: true)) \(Phrase.and.text(language)) \(describe(rhs, owner: owner, nested: true))"
            return nested ? "(\(text))" : text
        case .or(let lhs, let rhs):
            let text = "\(describe(lhs, owner: owner, nested: true)) \(Phrase.or.text(language)) \(describe(rhs, owner: owner, nested: true))"
            return nested ? "(\(text))" : text
        case .not(.selected(let question, let value)):
            let list = choiceList(of: question, owner: owner)
            return Phrase.excludes(describe(question, owner: owner, nested: true), operand(value, owner: owner, list: list))
                .text(language)
        case .not(let inner):
            return Phrase.not(describe(inner, owner: owner, nested: false)).text(language)
        case .selected(let question, let value):
            let list = choiceList(of: question, owner: owner)
            return Phrase.includes(describe(question, owner: owner, nested: true), operand(value, owner: owner, list: list))
                .text(language)
        case .countSelected(let inner):
            return Phrase.numberChosen(describe(inner, owner: owner, nested: true)).text(language)
        case .stringLength(let inner):
            return Phrase.lengthOf(describe(inner, owner: owner, nested: true)).text(language)
        case .arithmetic(let op, let lhs, let rhs):
            // Parentheses only where the order of operations needs them, as the canonical source has.
            let level = op.isMultiplicative ? 2 : 1
            func operand(_ side: Expression, right: Bool) -> String {
                guard case .arithmetic(let inner, _, _) = side else { return describe(side, owner: owner, nested: true) }
                let text = describe(side, owner: owner, nested: false)
                let innerLevel = inner.isMultiplicative ? 2 : 1
                return innerLevel < level || (right && innerLevel == level) ? "(\(text))" : text
            }
            return "\(operand(lhs, right: false)) \(symbol(op)) \(operand(rhs, right: true))"
        case .call(let function, let arguments):
            let parts = arguments.map { describe($0, owner: owner, nested: false) }
            switch function {
            case .if: return Phrase.ifThenElse(parts[0], parts[1], parts[2]).text(language)
            case .concat: return Phrase.concatenated(parts).text(language)
            case .round:
                let value = if case .arithmetic = arguments[0] { "(\(parts[0]))" } else { parts[0] }
                return Phrase.rounded(value, places: parts.count > 1 ? parts[1] : nil).text(language)
            case .coalesce: return Phrase.orIfEmpty(parts[0], parts[1]).text(language)
            }
        case .choiceField(let name):
            return Phrase.choiceField(name).text(language)
        }
    }

    private func symbol(_ op: ArithmeticOperator) -> String {
        switch op {
        case .add: return "+"
        case .subtract: return "−"
        case .multiply: return "×"
        case .divide: return "÷"
        case .modulo: return "mod"
        }
    }

    private func symbol(_ op: ComparisonOperator) -> String {
        switch op {
        case .equal: return "="
        case .notEqual: return "≠"
        case .less: return "<"
        case .lessOrEqual: return "≤"
        case .greater: return ">"
        case .greaterOrEqual: return "≥"
        }
    }

    private enum ValueList {
        case choices(ChoiceList)
        case yesNo
    }

    private func choiceList(of expression: Expression, owner: String) -> ValueList? {
        let id: String
        switch expression {
        case .reference(let name): id = name
        case .current: id = owner
        default: return nil
        }
        guard let question = questionnaire.question(id) else { return nil }
        if question.type == .yesNo { return .yesNo }
        return question.type.choiceList.flatMap { questionnaire.choiceList($0) }.map(ValueList.choices)
    }

    private func operand(_ expression: Expression, owner: String, list: ValueList?) -> String {
        guard case .string(let value) = expression, let list else { return describe(expression, owner: owner, nested: true) }
        switch list {
        case .yesNo:
            return quote(value == "yes" ? Phrase.yes.text(language) : value == "no" ? Phrase.no.text(language) : value)
        case .choices(let choices):
            let label = choices.choice(value)?.label.text(language, fallback: questionnaire.defaultLanguage)
            return quote(label ?? value)
        }
    }

    private func quote(_ text: String) -> String {
        Catalogue.quoted(text, language)
    }
}
