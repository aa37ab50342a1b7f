import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport

/// The last check, for any file: an appendix edited in Excel, a report saved from Word.
struct PrivacyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privacy",
        abstract: "Check any file for names that must be hidden before it leaves the working group.",
        discussion: """
            Example:
              kikitori privacy check exports/report.html
            """,
        subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "List every hidden name, masked word, telephone number and e-mail address in files.",
            discussion: """
                Reads text, CSV, HTML or Markdown in UTF-8 (with or without BOM) or CP932, as Excel and \
                Word save them, and looks for what public outputs mask: the names of every respondent \
                who is not named in every hearing, in any width, kana or corporate form, masked words, \
                telephone numbers and e-mail addresses. Each finding is one line with file, line, \
                column, what it is and whose (a respondent id, never the name). Exit status 0 when \
                nothing is found, 1 when something is.

                Example:
                  kikitori privacy check exports/20261202-quotes.csv appendix.html
                """)

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The files to check.", completion: .file())
        var files: [String]

        /// A report or an appendix is megabytes; a larger file is not one.
        static let maximumBytes = 500 * 1024 * 1024

        func run() throws {
            let language = options.language()
            let found = try options.guarded {
                let store = try database.open(options, readOnly: true)
                let publication = try Publication(store: store, filter: ReviewFilter(status: nil), language: language)
                var total = 0
                for file in files {
                    let bytes = try InputFile.read(file, limit: Self.maximumBytes)
                    let text: String
                    do {
                        text = try ImportText.decode(bytes).text
                    } catch let error as ImportText.Undecodable {
                        StandardError.write(ImportProblem(line: error.line, reason: .undecodable(offset: error.offset)).message(path: file, language: language))
                        throw ExitStatus.dataError
                    }
                    let findings = publication.findings(in: text, contacts: true)
                    for finding in findings {
                        try StandardOutput.write(PrivacyPhrase.checkFound(path: file, line: finding.line, column: finding.column, kind: finding.kind, id: finding.id).text(language) + "\n")
                    }
                    StandardError.write(findings.isEmpty ? PrivacyPhrase.checkClean(file).text(language) : PrivacyPhrase.checkSummary(file, findings.count).text(language))
                    total += findings.count
                }
                return total
            }
            if found > 0 { throw ExitCode(1) }
        }
    }
}
