import ArgumentParser
import Kikitori
import KikitoriCommandSupport

@main
struct KikitoriCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kikitori",
        abstract: "Structured hearings: run versioned questionnaires, tag concerns, export appendices.",
        discussion: """
            Kikitori (聞き取り, "hearing") serves interviewers, working-group leaders and exporters.

            Run with no command to open the hearing shell on ./kikitori.sqlite.

            Examples:
              kikitori
              kikitori interview private-firm-data-use
              kikitori resume 3f2a9c
              kikitori questionnaire list
              kikitori questionnaire show private-firm-data-use@2 --lang en
              kikitori questionnaire lint
              kikitori questionnaire diff private-firm-data-use@1 private-firm-data-use@2
            """,
        version: KikitoriVersion.current,
        subcommands: [ShellCommand.self, InterviewCommand.self, ResumeCommand.self, HearingsCommand.self, ShowCommand.self, ReviewCommand.self, QuestionnaireCommand.self, CodebookCommand.self, TagCommand.self, MemoCommand.self, ThemesCommand.self, QuotesCommand.self, AnswersCommand.self, SearchCommand.self, WordsCommand.self, KwicCommand.self, NetworkCommand.self, ReportCommand.self, MergeCommand.self, ImportCommand.self, ConflictsCommand.self, RespondentsCommand.self, HearingCommand.self, PrivacyCommand.self, ExportCommand.self, DevCommand.self],
        defaultSubcommand: ShellCommand.self
    )
}
