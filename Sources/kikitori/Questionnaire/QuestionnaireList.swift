import ArgumentParser
import Kikitori
import KikitoriCommandSupport

extension QuestionnaireCommand {
    struct QuestionnaireList: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List questionnaires with their versions, audience, size and fingerprint.",
            discussion: "Example:\n  kikitori questionnaire list --lang en")

        @OptionGroup var options: GlobalOptions

        func run() throws {
            let language = options.language()
            let output = try options.guarded {
                var table = TextTable(
                    headers: [Phrase.columnID, .columnVersions, .columnTitle, .columnAudience, .columnQuestions, .columnFingerprint]
                        .map { $0.text(language) },
                    alignments: [.left, .left, .left, .left, .right, .left])
                var failures: [Diagnostic] = []
                for entry in try options.library.entries() {
                    do {
                        let q = try QuestionnaireLoader.load(path: entry.path, checkFileName: true)
                        table.append([
                            q.id, "v\(q.version)", DisplayWidth.truncate(q.title.text(language, fallback: q.defaultLanguage), to: 40),
                            q.audience.map(\.rawValue).joined(separator: ","),
                            String(q.questions.filter { $0.type.isAnswerable }.count), q.shortFingerprint,
                        ])
                    } catch let error as InputError {
                        failures += error.errors
                    }
                }
                if !failures.isEmpty { throw InputError(failures) }
                return table.render()
            }
            try StandardOutput.write(output)
        }
    }
}
