import Foundation

/// Checks an expression against the questionnaire it lives in: known questions, no reference
/// to a later question, types that fit, choice values that exist.
public struct ExpressionChecker {
    /// Where the expression sits, which decides what it may read.
    public enum Role: String, Sendable {
        case relevant
        case required
        case constraint
        /// A `calculate` question's value: any type but a condition's is fine.
        case calculation
        /// `choice_filter`: a condition on each choice, which may read the choice's fields by name.
        case choiceFilter = "choice_filter"
    }

    /// What the checker knows about the questionnaire.
    public struct Context {
        /// Questions in questionnaire order.
        public var questionOrder: [String: Int]
        public var questionTypes: [String: QuestionType]
        public var choiceValues: [String: Set<String>]
        /// The fields each list's choices carry beside `value` and `label` (`bureau`), for `choice_filter`.
        public var choiceFields: [String: Set<String>]
        /// The type of each `calculate` question's value, known once its calculation is checked.
        public var calculatedTypes: [String: ExpressionType]

        public init(
            questionOrder: [String: Int], questionTypes: [String: QuestionType], choiceValues: [String: Set<String>],
            choiceFields: [String: Set<String>] = [:], calculatedTypes: [String: ExpressionType] = [:]
        ) {
            self.questionOrder = questionOrder
            self.questionTypes = questionTypes
            self.choiceValues = choiceValues
            self.choiceFields = choiceFields
            self.calculatedTypes = calculatedTypes
        }
    }

    public var context: Context

    public init(context: Context) {
        self.context = context
    }

    /// All problems of `expression` on question `owner` in `role`; empty when it is sound.
    public func check(_ expression: Expression, role: Role, owner: String) -> [ExpressionProblem] {
        var problems: [ExpressionProblem] = []
        let type = infer(expression, role: role, owner: owner, problems: &problems)
        if let type, type != .boolean {
            problems.append(.notBoolean(found: type.name))
        }
        return problems
    }

    /// A calculation's problems and the type of its value (nil when it cannot be known).
    public func checkCalculation(_ expression: Expression, owner: String) -> (type: ExpressionType?, problems: [ExpressionProblem]) {
        var problems: [ExpressionProblem] = []
        let type = infer(expression, role: .calculation, owner: owner, problems: &problems)
        return (type, problems)
    }

    private func infer(_ expression: Expression, role: Role, owner: String, problems: inout [ExpressionProblem])
        -> ExpressionType?
    {
        switch expression {
        case .string: return .text
        case .number: return .number
        case .choiceField(let name):
            guard role == .choiceFilter, let list = context.questionTypes[owner]?.choiceList else {
                problems.append(.choiceFieldOutsideFilter(name))
                return nil
            }
            if name == "value" { return .choice(list: list) }
            if name == "label" { return .text }
            guard context.choiceFields[list]?.contains(name) == true else {
                problems.append(.unknownChoiceField(name, list: list))
                return nil
            }
            return .text
        case .arithmetic(let op, let lhs, let rhs):
            for operand in [lhs, rhs] {
                if let type = infer(operand, role: role, owner: owner, problems: &problems), type != .number {
                    problems.append(.arithmeticNeedsNumbers(op.rawValue, found: type.name))
                }
            }
            return .number
        case .call(let function, let arguments):
            return inferCall(function, arguments, role: role, owner: owner, problems: &problems)
        case .current:
            guard role == .constraint else {
                problems.append(.currentOutsideConstraint(role: role.rawValue))
                return nil
            }
            return context.questionTypes[owner].flatMap(ExpressionType.init)
        case .reference(let name):
            return referenceType(name, role: role, owner: owner, problems: &problems)
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            requireBoolean(lhs, role: role, owner: owner, problems: &problems)
            requireBoolean(rhs, role: role, owner: owner, problems: &problems)
            return .boolean
        case .not(let inner):
            requireBoolean(inner, role: role, owner: owner, problems: &problems)
            return .boolean
        case .comparison(let op, let lhs, let rhs):
            let left = infer(lhs, role: role, owner: owner, problems: &problems)
            let right = infer(rhs, role: role, owner: owner, problems: &problems)
            if let left, let right {
                checkComparison(op, left, lhs, right, rhs, problems: &problems)
            }
            return .boolean
        case .selected(let question, let value):
            let type = infer(question, role: role, owner: owner, problems: &problems)
            switch type {
            case .choice(let list)?, .choices(let list)?:
                if case .string(let literal) = value {
                    checkChoice(literal, in: list, problems: &problems)
                } else {
                    problems.append(.selectedNeedsLiteral)
                }
            case .some(let other):
                problems.append(.selectedNeedsSelect(found: other.name))
            case nil:
                break
            }
            return .boolean
        case .countSelected(let inner):
            let type = infer(inner, role: role, owner: owner, problems: &problems)
            if let type, !isChoices(type) {
                problems.append(.countSelectedNeedsMultiple(found: type.name))
            }
            return .number
        case .stringLength(let inner):
            let type = infer(inner, role: role, owner: owner, problems: &problems)
            if let type, type != .text {
                problems.append(.stringLengthNeedsText(found: type.name))
            }
            return .number
        }
    }

    private func inferCall(
        _ function: ExpressionFunction, _ arguments: [Expression], role: Role, owner: String, problems: inout [ExpressionProblem]
    ) -> ExpressionType? {
        switch function {
        case .concat:
            for argument in arguments { _ = infer(argument, role: role, owner: owner, problems: &problems) }
            return .text
        case .round:
            for argument in arguments {
                if let type = infer(argument, role: role, owner: owner, problems: &problems), type != .number {
                    problems.append(.functionNeedsNumber(function.rawValue, found: type.name))
                }
            }
            return .number
        case .if, .coalesce:
            var values = arguments
            if function == .if, let condition = values.first {
                requireBoolean(condition, role: role, owner: owner, problems: &problems)
                values.removeFirst()
            }
            let types = values.map { infer($0, role: role, owner: owner, problems: &problems) }
            guard let first = types[0], let second = types[1] else { return types[0] ?? types[1] }
            if first == second { return first }
            // A quoted value beside a choice is that choice (`if(…, ${list}, 'none')`): text is the common type.
            switch (first, second) {
            case (.choice, .text), (.text, .choice), (.date, .text), (.text, .date), (.yesNo, .text), (.text, .yesNo): return .text
            default:
                problems.append(.branchesDiffer(function.rawValue, first.name, second.name))
                return nil
            }
        }
    }

    private func referenceType(_ name: String, role: Role, owner: String, problems: inout [ExpressionProblem])
        -> ExpressionType?
    {
        guard let position = context.questionOrder[name], let questionType = context.questionTypes[name] else {
            problems.append(.unknownQuestion(name))
            return nil
        }
        if name == owner {
            if role == .constraint { return ExpressionType(questionType) }
            problems.append(.selfReference(name))
            return nil
        }
        if let ownerPosition = context.questionOrder[owner], position > ownerPosition {
            problems.append(.laterQuestion(name))
            return nil
        }
        if questionType == .calculate { return context.calculatedTypes[name] }
        guard let type = ExpressionType(questionType) else {
            problems.append(.referencesNote(name))
            return nil
        }
        return type
    }

    private func requireBoolean(_ expression: Expression, role: Role, owner: String, problems: inout [ExpressionProblem]) {
        if let type = infer(expression, role: role, owner: owner, problems: &problems), type != .boolean {
            problems.append(.notBoolean(found: type.name))
        }
    }

    private func isChoices(_ type: ExpressionType) -> Bool {
        if case .choices = type { return true }
        return false
    }

    private func checkComparison(
        _ op: ComparisonOperator, _ left: ExpressionType, _ lhs: Expression, _ right: ExpressionType, _ rhs: Expression,
        problems: inout [ExpressionProblem]
    ) {
        if isChoices(left) || isChoices(right) {
            problems.append(.compareMultiple)
            return
        }
        switch (left, right) {
        case (.number, .number):
            return
        case (.text, .text), (.boolean, .boolean):
            if !op.isEquality { problems.append(.orderingNotSupported(op.rawValue, type: left.name)) }
        case (.date, .date):
            return
        case (.date, .text), (.text, .date):
            let literal = left == .date ? rhs : lhs
            if case .string(let text) = literal, !Self.isDateLiteral(text) {
                problems.append(.invalidDateLiteral(text))
            }
        case (.choice(let list), .text), (.text, .choice(let list)):
            if !op.isEquality { problems.append(.orderingNotSupported(op.rawValue, type: "select_one \(list)")) }
            if case .string(let text) = (left == .text ? lhs : rhs) { checkChoice(text, in: list, problems: &problems) }
        case (.yesNo, .text), (.text, .yesNo):
            if !op.isEquality { problems.append(.orderingNotSupported(op.rawValue, type: "yes_no")) }
            if case .string(let text) = (left == .text ? lhs : rhs), text != "yes", text != "no" {
                problems.append(.unknownChoice(text, list: "yes_no"))
            }
        case (.choice(let a), .choice(let b)) where a == b:
            if !op.isEquality { problems.append(.orderingNotSupported(op.rawValue, type: left.name)) }
        case (.yesNo, .yesNo):
            if !op.isEquality { problems.append(.orderingNotSupported(op.rawValue, type: left.name)) }
        default:
            problems.append(.cannotCompare(left.name, right.name))
        }
    }

    private func checkChoice(_ value: String, in list: String, problems: inout [ExpressionProblem]) {
        // An unknown list is reported once, on the question's type; here we only check values.
        guard let values = context.choiceValues[list] else { return }
        if !values.contains(value) { problems.append(.unknownChoice(value, list: list)) }
    }

    /// `YYYY-MM-DD` naming a real calendar day.
    public static func isDateLiteral(_ text: String) -> Bool {
        CalendarDate(text) != nil
    }
}

/// A semantic problem in an expression; rendered by ``Catalogue``.
public enum ExpressionProblem: Equatable, Sendable {
    case unknownQuestion(String)
    case laterQuestion(String)
    case selfReference(String)
    case referencesNote(String)
    case currentOutsideConstraint(role: String)
    case notBoolean(found: String)
    case cannotCompare(String, String)
    case compareMultiple
    case orderingNotSupported(String, type: String)
    case unknownChoice(String, list: String)
    case selectedNeedsSelect(found: String)
    case selectedNeedsLiteral
    case countSelectedNeedsMultiple(found: String)
    case stringLengthNeedsText(found: String)
    case invalidDateLiteral(String)
    case arithmeticNeedsNumbers(String, found: String)
    case functionNeedsNumber(String, found: String)
    case branchesDiffer(String, String, String)
    case choiceFieldOutsideFilter(String)
    case unknownChoiceField(String, list: String)
}
