import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport
import KikitoriShell

/// `kikitori` and `kikitori shell`: the interactive hearing shell.
struct ShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "Open the hearing shell (the default when kikitori runs with no command).",
        discussion: """
            On a terminal the shell uses GNU readline: Tab completes commands and choices, and \
            ~/.kikitori_history keeps commands (never answers). From a pipe it reads the same \
            commands and answers line by line, so a hearing can be scripted.

            Examples:
              kikitori
              kikitori shell --db field-2026-11.sqlite --lang en
              printf 'hearings\\nquit\\n' | kikitori shell
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let shell = try ShellFactory.make(options: options, database: database)
        shell.run()
        try ShellFactory.finish(shell, options: options)
    }
}

/// Builds a shell wired to the terminal (readline) or to a pipe (plain lines).
enum ShellFactory {
    /// A script piped in fails (65) when any of its lines was refused, so a batch notices; on a
    /// terminal the interviewer saw each refusal and typed again.
    static func finish(_ shell: Shell, options: GlobalOptions) throws {
        guard isatty(STDIN_FILENO) == 0, shell.rejectedLines > 0 else { return }
        StandardError.write("kikitori: " + ShellPhrase.linesRejected(shell.rejectedLines).text(options.language()))
        throw ExitStatus.dataError
    }

    static func make(options: GlobalOptions, database: DatabaseOptions) throws -> Shell {
        let store = try options.guarded { try database.open(options) }
        let interactive = isatty(STDIN_FILENO) != 0
        let reader: LineReader
        if interactive {
            TerminalLocale.prepare()
            let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
            reader = ReadlineLineReader(historyPath: (home as NSString).appendingPathComponent(".kikitori_history"))
        } else {
            reader = PlainLineReader()
        }
        SignalHandling.install { if interactive { ReadlineLineReader.restoreTerminal() } }
        let colour = interactive && isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let environment = ProcessInfo.processInfo.environment
        let interviewer = environment["KIKITORI_INTERVIEWER"] ?? environment["USER"] ?? "interviewer"
        let codebookPath = CodebookOptions.defaultPath(options)
        return Shell(
            store: store, library: options.library, reader: reader,
            output: .standardOutput(style: colour ? .terminal : .plain), language: options.language(),
            defaultInterviewer: interviewer, codebook: try? CodebookLoader.load(path: codebookPath))
    }
}

/// Readline needs a UTF-8 locale to edit Japanese; fall back to C.UTF-8 when the user's is not.
enum TerminalLocale {
    static func prepare() {
        let current = setlocale(LC_ALL, "").map { String(cString: $0) } ?? ""
        if !current.uppercased().contains("UTF-8") && !current.uppercased().contains("UTF8") {
            setlocale(LC_ALL, "C.UTF-8")
        }
    }
}
