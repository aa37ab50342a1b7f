import ArgumentParser
import KikitoriCommandSupport

struct QuestionnaireCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "questionnaire",
        abstract: "List, show, check and compare versioned questionnaires.",
        discussion: """
            Questionnaires live in questionnaires/<id>/v<N>.yaml and are named id@N, or id for the latest version.

            Examples:
              kikitori questionnaire list
              kikitori questionnaire show municipality-head-open-data --lang en
            """,
        subcommands: [QuestionnaireList.self, QuestionnaireShow.self, QuestionnaireLint.self, QuestionnaireDiffCommand.self]
    )
}
