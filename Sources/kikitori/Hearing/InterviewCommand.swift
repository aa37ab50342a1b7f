import ArgumentParser
import Kikitori
import KikitoriCommandSupport
import KikitoriShell

extension ConsentLevel: ExpressibleByArgument {}

/// `kikitori interview <questionnaire>`: straight into a new hearing.
struct InterviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interview",
        abstract: "Start a new hearing with a questionnaire.",
        discussion: """
            Asks for the respondent, interviewer, place and consent unless given as options, then \
            the questionnaire. Every answer is saved the moment it is given.

            --follow-up hears the respondent of an earlier hearing again (next year's round): each \
            question shows last time's answer, and Enter keeps it as this hearing's answer. Answers \
            the new version cannot take as they are (a changed question, a choice no longer offered) \
            are asked afresh. The hearings are linked (previous_hearing_id in exports).

            Examples:
              kikitori interview private-firm-data-use
              kikitori interview municipality-head-open-data@1 --respondent 3f2a --consent public_anonymous
              kikitori interview private-firm-data-use@2 --follow-up 3f2a9c --consent public_anonymous
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The questionnaire: id, id@N or a path.", completion: DynamicCompletion.questionnaires)
    var questionnaire: String

    @Option(help: "An existing respondent, by a prefix of its id.")
    var respondent: String?

    @Option(help: "Who conducts the hearing (default: $KIKITORI_INTERVIEWER or $USER).")
    var interviewer: String?

    @Option(help: "Where the hearing takes place.")
    var place: String?

    @Option(help: "What may be published: public_named, public_anonymous or internal_only.")
    var consent: ConsentLevel?

    @Option(name: .customLong("follow-up"), help: "An earlier hearing (id prefix) of the same respondent: its answers are offered again.",
            completion: DynamicCompletion.hearings)
    var followUp: String?

    func validate() throws {
        if followUp != nil, respondent != nil {
            throw ValidationError(ArgumentPhrase.followUpWithoutRespondent.text(options.language()))
        }
    }

    func run() throws {
        let shell = try ShellFactory.make(options: options, database: database)
        try options.guarded {
            try shell.startInterview(
                questionnaire,
                presets: HearingPresets(
                    respondent: respondent, interviewer: interviewer, place: place, consent: consent, previousHearing: followUp))
        }
        try ShellFactory.finish(shell, options: options)
    }
}

/// `kikitori resume <hearing>`: continue a paused hearing.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue a hearing where it stopped.",
        discussion: """
            A hearing is named by a short unique prefix of its id (see 'hearings' in the shell). \
            A completed hearing reopens for amendments, each of which needs a reason.

            Example:
              kikitori resume 3f2a9c
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The hearing, by a prefix of its id.", completion: DynamicCompletion.hearings)
    var hearing: String

    func run() throws {
        let shell = try ShellFactory.make(options: options, database: database)
        try options.guarded { try shell.resume(hearing) }
        try ShellFactory.finish(shell, options: options)
    }
}
