import Foundation

/// A given answer, typed by its question.
public enum AnswerValue: Equatable, Hashable, Sendable {
    case text(String)
    case integer(Int)
    case decimal(Double)
    case date(CalendarDate)
    case yesNo(Bool)
    /// A `select_one` answer: a choice value, or free text when the question allows "other".
    case choice(String)
    case other(String)
    /// A `select_multiple` answer: choice values in list order, plus optional free text.
    case choices([String], other: String?)
    case scale(Int)

    /// The value as expressions see it (`${q}`), for skip logic and constraints.
    public var expressionValue: ExpressionValue {
        switch self {
        case .text(let text): return .text(text)
        case .integer(let value), .scale(let value): return .number(Double(value))
        case .decimal(let value): return .number(value)
        case .date(let date): return .text(date.description)
        case .yesNo(let flag): return .text(flag ? "yes" : "no")
        case .choice(let value): return .text(value)
        case .other: return .text(AnswerValue.otherCode)
        case .choices(let values, let other): return .choices(values + (other == nil ? [] : [AnswerValue.otherCode]))
        }
    }

    /// The code stored for "other" among choice values, as in XLSForm.
    public static let otherCode = "other"

    /// The stored form: a code (choice values joined by spaces, numbers, dates) and free text.
    public var storage: (code: String?, text: String?) {
        switch self {
        case .text(let text): return (nil, text)
        case .integer(let value), .scale(let value): return (String(value), nil)
        case .decimal(let value): return (Expression.format(value), nil)
        case .date(let date): return (date.description, nil)
        case .yesNo(let flag): return (flag ? "yes" : "no", nil)
        case .choice(let value): return (value, nil)
        case .other(let text): return (AnswerValue.otherCode, text)
        case .choices(let values, let other):
            return ((values + (other == nil ? [] : [AnswerValue.otherCode])).joined(separator: " "), other)
        }
    }

    /// Restores a stored answer for a question of `type`; nil when the stored form does not fit.
    public init?(type: QuestionType, code: String?, text: String?) {
        switch type {
        case .text:
            guard let text else { return nil }
            self = .text(text)
        case .integer:
            guard let value = code.flatMap({ Int($0) }) else { return nil }
            self = .integer(value)
        case .scale:
            guard let value = code.flatMap({ Int($0) }) else { return nil }
            self = .scale(value)
        case .decimal:
            guard let value = code.flatMap({ Double($0) }) else { return nil }
            self = .decimal(value)
        case .date:
            guard let date = code.flatMap(CalendarDate.init) else { return nil }
            self = .date(date)
        case .yesNo:
            guard code == "yes" || code == "no" else { return nil }
            self = .yesNo(code == "yes")
        // "other" marks free text only when free text was stored: a list may have a choice named "other".
        case .selectOne:
            guard let code else { return nil }
            self = code == AnswerValue.otherCode && text != nil ? .other(text ?? "") : .choice(code)
        case .selectMultiple:
            guard let code else { return nil }
            let values = code.split(separator: " ").map(String.init)
            guard let text else {
                self = .choices(values, other: nil)
                return
            }
            var chosen = values
            if let index = chosen.lastIndex(of: AnswerValue.otherCode) { chosen.remove(at: index) }
            self = .choices(chosen, other: text)
        case .note:
            return nil
        // A calculation's value is stored by what it is: text as text, numbers and yes/no as a code.
        case .calculate:
            if let text {
                self = .text(text)
            } else if let code {
                if code == "yes" || code == "no" {
                    self = .yesNo(code == "yes")
                } else if let value = Int(code) {
                    self = .integer(value)
                } else if let value = Double(code) {
                    self = .decimal(value)
                } else {
                    self = .choices(code.split(separator: " ").map(String.init), other: nil)
                }
            } else {
                return nil
            }
        }
    }

    /// A calculation's result as a stored answer; nil when there is none (empty, not a number).
    public init?(calculated value: ExpressionValue) {
        switch value {
        case .empty: return nil
        case .number(let number):
            guard number.isFinite else { return nil }
            if number.rounded() == number, abs(number) < 1e15 { self = .integer(Int(number)) } else { self = .decimal(number) }
        case .text(let text):
            guard !text.isEmpty else { return nil }
            self = .text(text)
        case .boolean(let flag): self = .yesNo(flag)
        case .choices(let values):
            guard !values.isEmpty else { return nil }
            self = .choices(values, other: nil)
        }
    }
}
