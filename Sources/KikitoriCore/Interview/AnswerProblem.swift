/// Why an answer or an interview move was not accepted. Rendered by ``Catalogue``; the shell asks again.
public enum AnswerProblem: Error, Equatable, Sendable {
    case required
    case emptyText
    /// NUL or another control character in the answer.
    case controlCharacter
    /// Characters in the answer, and the most taken.
    case tooLong(Int, limit: Int)
    case notInteger(String)
    case notNumber(String)
    /// `10 20`: digits split by spaces.
    case fusedNumbers(String)
    /// `1,5`: a comma that is not a thousands separator.
    case badSeparator(String)
    /// `1.2万`, `3k`: type the digits.
    case numberMultiplier(String)
    /// `約120人` where an exact number is needed (import, scripts).
    case approximate(String)
    case notDate(String)
    case notYesNo(String)
    case unknownChoice(String, count: Int)
    case oneChoiceOnly
    case outOfScale(String, min: Int, max: Int)
    /// The questionnaire's constraint failed; its own message when it has one.
    case constraint(message: LocalizedText?, expression: Expression, question: String)
    case otherNotAllowed
    case otherNeedsText
    case dontKnowNotAllowed
    case refusedNotAllowed
    case requiredCannotBeSkipped
    case noteTakesNoAnswer
    /// A `calculate` question: its value is worked out, never typed.
    case calculatedNotAsked(String)
    /// A value a `choice_filter` does not offer, given the answers so far.
    case choiceNotOffered(String)
    case unknownQuestion(String)
    case notRelevant(String)
    case noEarlierQuestion
    case reasonRequired
    case hearingClosed(HearingStatus)
    case incomplete([String])
    /// The respondent's kind is not one the questionnaire is for.
    case outsideAudience(RespondentKind, allowed: [RespondentKind])
}
