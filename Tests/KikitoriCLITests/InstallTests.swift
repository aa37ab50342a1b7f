import Foundation
import KikitoriTestSupport
import Testing

/// What `make install` puts beside the binary: the man page with its Japanese, and completion
/// scripts that call the binary back for data-dependent words.
@Suite("Install artefacts")
struct InstallTests {
    /// The man page keeps 聞き取り and the Japanese examples (generate-manual alone drops them).
    @Test func manualKeepsJapanese() throws {
        let directory = try TemporaryDirectory()
        let generator = kikitoriBinary.deletingLastPathComponent().appendingPathComponent("generate-manual").path
        #expect(FileManager.default.isExecutableFile(atPath: generator), "make test builds generate-manual")
        let result = try command(
            ["/usr/bin/env", "python3", repositoryRoot.appendingPathComponent("scripts/manual.py").path, generator, kikitoriBinary.path,
             directory.url.path])
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOf: directory.url.appendingPathComponent("kikitori.1"), encoding: .utf8)
        #expect(page.contains("Kikitori (聞き取り, \"hearing\")"))
        #expect(page.contains("kikitori search 費用 負担"))
        #expect(!page.contains("QQU"))
    }

    /// Questionnaire ids, themes and hearing prefixes complete from the data, in bash.
    @Test func completionFromData() throws {
        let directory = try TemporaryDirectory()
        let script = directory.url.appendingPathComponent("kikitori.bash").path
        let generated = try kikitori(["--generate-completion-script", "bash"])
        #expect(generated.status == 0)
        try Data(generated.stdout.utf8).write(to: URL(fileURLWithPath: script))
        for shell in ["zsh", "fish"] { #expect(try kikitori(["--generate-completion-script", shell]).status == 0) }
        let database = directory.url.appendingPathComponent("k.sqlite").path
        let started = try kikitori(
            ["interview", "digital-talent", "--db", database, "--interviewer", "t", "--place", "x", "--consent", "internal_only", "--lang", "en"],
            environment: ["KIKITORI_QUESTIONNAIRES": repositoryRoot.appendingPathComponent("questionnaires").path],
            input: "\n1\nテスト株式会社\n\n\n\n\n\n:pause\n")
        let id = String(try #require(started.stdout.firstMatch(of: /Hearing ([0-9a-f]{8}) paused/)).1)
        let probe = """
            source '\(script)'
            complete_words() { COMPREPLY=(); COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; _kikitori; echo "${COMPREPLY[*]}"; }
            complete_words kikitori resume --db '\(database)' ''
            complete_words kikitori interview ''
            complete_words kikitori quotes ''
            """
        let result = try command(
            ["/bin/bash", "-c", probe], environment: ["KIKITORI_QUESTIONNAIRES": repositoryRoot.appendingPathComponent("questionnaires").path],
            path: kikitoriBinary.deletingLastPathComponent().path)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(result.stdout)\(result.stderr)")
        #expect(lines.first?.contains(id) == true)
        #expect(lines.dropFirst().first?.contains("private-firm-data-use@2") == true)
        #expect(lines.last?.contains("privacy") == true)
    }
}
