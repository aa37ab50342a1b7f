/// One finding about an input file, located by line and column: `path:line:column: question 'x': message`.
public struct Diagnostic: Equatable, Sendable {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    public var path: String
    public var line: Int
    public var column: Int
    public var subject: DiagnosticSubject?
    public var problem: InputProblem

    public init(
        severity: Severity, path: String, line: Int, column: Int, subject: DiagnosticSubject? = nil,
        problem: InputProblem
    ) {
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.subject = subject
        self.problem = problem
    }
}

/// The part of a file a diagnostic is about.
public enum DiagnosticSubject: Equatable, Sendable {
    case section(String)
    case question(String)
    case choiceList(String)
    case choice(list: String, value: String)
    case theme(String)
}

/// Thrown when an input file has errors; carries every diagnostic, not only the first.
public struct InputError: Error, Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}
