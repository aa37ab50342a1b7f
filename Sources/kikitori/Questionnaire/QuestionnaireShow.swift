import ArgumentParser
import Kikitori
import KikitoriCommandSupport

extension QuestionnaireCommand {
    struct QuestionnaireShow: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a questionnaire as an interviewer reads it, with skip logic spelled out.",
            discussion: """
                Examples:
                  kikitori questionnaire show private-firm-data-use@1
                  kikitori questionnaire show digital-talent --lang en
                  kikitori questionnaire show path/to/draft.yaml
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The questionnaire: id@N, id (latest version) or a path to a .yaml file.", completion: DynamicCompletion.questionnaires)
        var questionnaire: String

        func run() throws {
            let text = try options.guarded {
                let q = try options.library.load(questionnaire)
                return QuestionnaireFormatter(questionnaire: q, language: options.language(fallback: q.defaultLanguage)).render()
            }
            try StandardOutput.write(text)
        }
    }
}
