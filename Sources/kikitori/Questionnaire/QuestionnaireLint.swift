import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport

extension QuestionnaireCommand {
    struct QuestionnaireLint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Check questionnaire files and report every error and warning with its line and column.",
            discussion: """
                With no paths, checks every file under the questionnaires folder. Exits 65 when any file has an error.

                Examples:
                  kikitori questionnaire lint
                  kikitori questionnaire lint questionnaires/digital-talent/v1.yaml
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "Files to check (default: all under the questionnaires folder).", completion: .file(extensions: ["yaml"]))
        var paths: [String] = []

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        @OptionGroup var codebook: CodebookOptions

        func run() throws {
            let language = options.language()
            let files: [(path: String, inFolder: Bool)] = try options.guarded {
                paths.isEmpty ? try options.library.entries().map { ($0.path, true) } : paths.map { ($0, false) }
            }
            var errors = 0
            var warnings = 0
            // Choices link to the codebook's themes; check them when the codebook is there.
            let codebookPath = codebook.path(options)
            var themes: Set<String>?
            if FileManager.default.fileExists(atPath: codebookPath) {
                let codebookResult = CodebookLoader.inspect(path: codebookPath)
                if let codebook = codebookResult.codebook {
                    themes = Set(codebook.themes.map(\.id))
                } else {
                    // Say so rather than skip the theme check silently.
                    StandardError.write(Phrase.codebookUnusable(codebookPath).text(language))
                    warnings += 1
                }
            }
            for file in files {
                let result = QuestionnaireLoader.inspect(path: file.path, checkFileName: file.inFolder, knownThemes: themes)
                for diagnostic in result.diagnostics {
                    StandardError.write(diagnostic.message(language))
                    if diagnostic.severity == .error { errors += 1 } else { warnings += 1 }
                }
            }
            StandardError.write(Phrase.lintSummary(files: files.count, errors: errors, warnings: warnings).text(language))
            if errors > 0 || (strict && warnings > 0) { throw ExitStatus.dataError }
        }
    }
}
