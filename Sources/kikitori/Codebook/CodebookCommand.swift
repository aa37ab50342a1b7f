import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport

struct CodebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codebook",
        abstract: "Check, show and compare the codebook of themes and rules.",
        discussion: """
            The codebook is questionnaires/codebook.yaml (or --codebook PATH).

            Examples:
              kikitori codebook lint
              kikitori codebook show --lang en
              kikitori codebook diff old-codebook.yaml questionnaires/codebook.yaml
              kikitori codebook import maxqda-codes.qdc --out draft-codebook.yaml
            """,
        subcommands: [CodebookLint.self, CodebookShow.self, CodebookDiffCommand.self, CodebookImport.self])
}

extension CodebookCommand {
    struct CodebookImport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Turn a REFI-QDA codebook (.qdc) from another tool into a draft codebook.yaml.",
            discussion: """
                Codes with children become groups and the codes under them themes, with their names as \
                labels, colours and descriptions; rules are left empty, to be written and then checked with \
                `kikitori codebook lint --codebook <draft>`.

                Example:
                  kikitori codebook import maxqda-codes.qdc --out draft-codebook.yaml
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The .qdc file.", completion: .file(extensions: ["qdc", "xml"]))
        var file: String

        @Option(help: "Where to write the draft.", completion: .file(extensions: ["yaml"]))
        var out = "codebook-draft.yaml"

        @Flag(help: "Replace an existing file.")
        var force = false

        func run() throws {
            let language = options.language()
            let text = try options.guarded {
                let bytes = try InputFile.read(file, limit: 20 * 1024 * 1024)
                let id = URL(fileURLWithPath: out).deletingPathExtension().lastPathComponent.lowercased()
                    .replacingOccurrences(of: "_", with: "-")
                let draft: QDACodebookImport.Draft
                do {
                    draft = try QDACodebookImport.draft(from: Data(bytes), id: id.isEmpty ? "imported" : id)
                } catch let error as QDACodebookImport.Failure {
                    StandardError.write("kikitori: " + CodingPhrase.qdcUnreadable(file, error.reason).text(language))
                    throw ExitStatus.dataError
                }
                try OutputFile.write(Data(draft.yaml.utf8), to: out, force: force, mode: 0o644)
                return CodingPhrase.codebookImported(path: out, themes: draft.themes, groups: draft.groups).text(language) + "\n"
            }
            try StandardOutput.write(text)
        }
    }
}

extension CodebookCommand {
    struct CodebookLint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Check the codebook: rule syntax, theme references, groups, colours.",
            discussion: "Exits 65 when there is an error.\n\nExample:\n  kikitori codebook lint --codebook draft.yaml")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var codebook: CodebookOptions

        func run() throws {
            let language = options.language()
            let result = CodebookLoader.inspect(path: codebook.path(options))
            for diagnostic in result.diagnostics { StandardError.write(diagnostic.message(language)) }
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            StandardError.write(
                Phrase.lintSummary(files: 1, errors: errors, warnings: result.diagnostics.count - errors).text(language))
            if errors > 0 { throw ExitStatus.dataError }
        }
    }

    struct CodebookShow: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show the themes with their labels, groups and rules.",
            discussion: "Example:\n  kikitori codebook show --lang en")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var codebook: CodebookOptions

        func run() throws {
            let text = try options.guarded {
                CodebookFormatter(codebook: try codebook.load(options), language: options.language()).render()
            }
            try StandardOutput.write(text)
        }
    }

    struct CodebookDiffCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Show themes and rules added, removed and changed between two codebook files.",
            discussion: "Example:\n  kikitori codebook diff old.yaml questionnaires/codebook.yaml --json")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The older codebook file.")
        var old: String

        @Argument(help: "The newer codebook file.")
        var new: String

        @Flag(help: "Print the differences as JSON.")
        var json = false

        func run() throws {
            let output = try options.guarded {
                let diff = CodebookDiff(from: try CodebookLoader.load(path: old), to: try CodebookLoader.load(path: new))
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    return String(decoding: try encoder.encode(diff), as: UTF8.self) + "\n"
                }
                return diff.render(options.language())
            }
            try StandardOutput.write(output)
        }
    }
}
