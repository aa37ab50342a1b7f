import KikitoriCore
/// One reason an import row cannot be taken, located by file line and column.
public struct ImportProblem: Error, Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        case undecodable(offset: Int)
        case unterminatedQuote
        case textAfterQuote
        case empty
        case ragged(fields: Int, expected: Int)
        case unknownColumn(suggestion: String?)
        case duplicateColumn
        case missingColumn
        case required
        case invalid(allowed: [String])
        /// The respondent's kind is not one the questionnaire is for.
        case outsideAudience(allowed: [String])
        case badID
        case duplicateID(firstLine: Int)
        case alreadyInDatabase
        /// `previous_hearing_id` names no hearing in the database or on an earlier line.
        case unknownPreviousHearing
        case wrongVersion(expected: Int)
        case unknownVersion(known: [Int])
        case badTime
        case answer(AnswerProblem)
        /// Answered although skip logic does not ask it, given the row's other answers.
        case notAsked
        case choiceColumnsDisagree(String)
        case incomplete([String])
        /// `import --repeats`: an instance number outside 1…maximum.
        case badInstance(maximum: Int)
        /// The item named beside an instance is not the one its number stands for.
        case instanceValueDisagrees(expected: String)
        case duplicateInstance(firstLine: Int)
        /// A cell for a question of another repeat group than the row's.
        case notInGroup(String)
        /// A hearing of the long file that no row of the `hearings` file has.
        case unmatchedHearing
        /// The `hearings` file holds a different value for the same instance's question.
        case repeatsDisagree(String)
    }

    public var line: Int
    public var column: String?
    public var value: String?
    public var reason: Reason

    public init(line: Int, column: String? = nil, value: String? = nil, reason: Reason) {
        self.line = line
        self.column = column
        self.value = value
        self.reason = reason
    }
}

/// Everything wrong with an import file; nothing was written.
public struct ImportFailure: Error, Equatable, Sendable {
    public var path: String
    public var problems: [ImportProblem]
    /// Problems found beyond those listed; nil when checking stopped at the limit without counting.
    public var more: Int?

    public init(path: String, problems: [ImportProblem], more: Int? = 0) {
        self.path = path
        self.problems = problems
        self.more = more
    }
}
