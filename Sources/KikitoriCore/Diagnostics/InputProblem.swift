/// Everything that can be wrong with a questionnaire or codebook file. Texts live in ``Catalogue``.
public enum InputProblem: Equatable, Sendable {
    // The file itself
    case unreadable(String)
    case fileTooLarge(bytes: Int, limit: Int)
    case notUTF8
    case yamlSyntax(String)
    case emptyDocument
    case aliasNotSupported
    case duplicateKey(String)

    // Structure
    case expectedMapping(field: String)
    case expectedSequence(field: String)
    case expectedScalar(field: String)
    case missingField(String)
    case unknownField(String, suggestion: String?)
    case emptyList(field: String)
    case invalidBoolean(field: String, value: String)
    case invalidInteger(field: String, value: String)
    /// A FIFO or a device named as a questionnaire or codebook.
    case notRegularFile
    /// More rules in one theme than the matcher can track.
    case tooManyRules(count: Int, limit: Int)
    /// A whole number outside what the field can mean (a negation window of 2³¹ characters).
    case integerOutOfRange(field: String, value: Int, range: ClosedRange<Int>)
    case invalidIdentifier(field: String, value: String)
    case invalidQuestionnaireID(String)
    case duplicateIdentifier(kind: String, id: String, firstLine: Int)
    case invalidVersion(String)
    case fileNameMismatch(expected: String, found: String)
    case unknownLanguage(String)
    case defaultLanguageNotDeclared(String)
    case unknownAudience(String)
    case missingTranslation(field: String, language: String)
    case textInUndeclaredLanguage(field: String, language: String)

    // Questions and choices
    case unknownType(String)
    case unknownChoiceList(String)
    case unusedChoiceList(String)
    case fieldNotForType(field: String, type: String)
    case scaleMissing
    case invalidScaleRange(min: Int, max: Int)
    case noteCannotBeRequired
    case constraintMessageWithoutConstraint
    case noQuestions
    case unknownTheme(String)
    /// `choices_from` names no shipped register.
    case unknownRegister(String, suggestion: String?)
    /// `choices_from` goes with a bare `select_one` or `select_multiple`: the register is the list.
    case choicesFromNeedsBareSelect(String)
    /// A written-out choice list has the name of a register a question takes its choices from.
    case registerNameTaken(String)
    /// A choice's own field that no choice_filter reads (warning).
    case unreadChoiceField(String, list: String)

    // Repeat groups
    case repeatNotClosed(String)
    case endRepeatWithoutBegin
    case nestedRepeat(String)
    case emptyRepeat(String)
    /// `repeat_for` must name an earlier select_multiple outside the group.
    case repeatForNotMultiple(String)
    case repeatSourceConflict
    /// `repeat_count` reads a question that is not asked before the group.
    case repeatCountReference(String)

    // Codebooks
    case ruleSyntax(RuleSyntaxError.Problem)
    case unknownThemeReference(String)
    case themeCycle([String])
    case ruleNeedsEvidence
    case invalidColour(String)
    case unknownGroup(String)

    // Expressions
    case expressionSyntax(ExpressionSyntaxError.Problem)
    case expression(ExpressionProblem)
}
