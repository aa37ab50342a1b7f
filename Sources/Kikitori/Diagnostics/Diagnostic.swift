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

    /// The one-line message, in the compiler style editors understand.
    public func message(_ language: Language) -> String {
        var text = "\(path):\(line):\(column): "
        if severity == .warning { text += Catalogue.warningPrefix(language) }
        if let subject { text += subject.text(language) + ": " }
        return text + problem.text(language)
    }
}

/// The part of a file a diagnostic is about.
public enum DiagnosticSubject: Equatable, Sendable {
    case section(String)
    case question(String)
    case choiceList(String)
    case choice(list: String, value: String)
    case theme(String)

    public func text(_ language: Language) -> String {
        switch (self, language) {
        case (.section(let id), .en): return "section '\(id)'"
        case (.section(let id), .ja): return "セクション '\(id)'"
        case (.question(let id), .en): return "question '\(id)'"
        case (.question(let id), .ja): return "質問 '\(id)'"
        case (.choiceList(let name), .en): return "choice list '\(name)'"
        case (.choiceList(let name), .ja): return "選択肢リスト '\(name)'"
        case (.choice(let list, let value), .en): return "choice '\(value)' of '\(list)'"
        case (.choice(let list, let value), .ja): return "選択肢 '\(list)' の '\(value)'"
        case (.theme(let id), .en): return "theme '\(id)'"
        case (.theme(let id), .ja): return "テーマ '\(id)'"
        }
    }
}

/// Thrown when an input file has errors; carries every diagnostic, not only the first.
public struct InputError: Error, Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}
