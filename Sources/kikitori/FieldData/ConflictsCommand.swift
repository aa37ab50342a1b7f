import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport

struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "Answers that two databases ended differently, and how to settle them.",
        discussion: """
            Examples:
              kikitori conflicts
              kikitori conflicts resolve 3f2a9c barriers --keep 2 --reason "confirmed by phone"
              kikitori conflicts resolve 3f2a9c employees --value 120
            """,
        subcommands: [List.self, Resolve.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List unresolved conflicts with both answers.",
            discussion: "Example:\n  kikitori conflicts list --all")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        @Flag(help: "Include resolved conflicts.")
        var all = false

        func run() throws {
            let language = options.language()
            let text = try options.guarded {
                let store = try database.open(options, readOnly: true)
                let conflicts = try store.conflicts(includeResolved: all)
                var questionnaires: [String: Questionnaire] = [:]
                for reference in Set(conflicts.map(\.questionnaire)) { questionnaires[reference] = try store.snapshot(reference) }
                return FieldDataFormatter(language: language).conflicts(conflicts, questionnaires: questionnaires)
            }
            try StandardOutput.write(text)
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resolve",
            abstract: "Settle a conflict by keeping one side or giving the answer; recorded as a new event.",
            discussion: """
                Both conflicting answers stay in the hearing's history; the resolution is appended after them.

                Examples:
                  kikitori conflicts resolve 3f2a9c barriers --keep 1
                  kikitori conflicts resolve 3f2a9c employees --value 120 --reason "checked the annual report"
                """)

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The hearing (a unique prefix of its id).", completion: DynamicCompletion.hearings)
        var hearing: String

        @Argument(help: "The question id.")
        var question: String

        @Option(help: "Keep answer 1 or 2 as `kikitori conflicts` numbers them.")
        var keep: Int?

        @Option(help: "The answer, typed as in the shell (number, value or label; :dk, :refused).")
        var value: String?

        @Option(help: "Why; kept with the event.")
        var reason: String?

        func validate() throws {
            guard (keep == nil) != (value == nil) else { throw ValidationError(ArgumentPhrase.keepOrValue.text(options.language())) }
            if let keep, !(1...2).contains(keep) { throw ValidationError(ArgumentPhrase.keepOneOrTwo.text(options.language())) }
        }

        func run() throws {
            let language = options.language()
            let text = try options.guarded {
                let store = try database.open(options)
                let hearing = try store.findHearing(self.hearing)
                let questionnaire = try store.snapshot(hearing.questionnaire)
                let key = hearing.id.uuidString.lowercased()
                guard let conflict = try store.conflicts().first(where: { $0.hearingID == key && $0.questionID == question }),
                    let asked = questionnaire.question(question)
                else { throw StoreError.unknownConflict(hearing: self.hearing, question: question) }
                let state: AnswerState
                if let keep {
                    guard let kept = try store.state(ofEvent: conflict.sides[keep - 1].eventID, in: questionnaire) else {
                        throw StoreError.unknownConflict(hearing: self.hearing, question: question)
                    }
                    state = kept
                } else {
                    let engine = InterviewEngine(questionnaire: questionnaire, states: AnswerState.current(from: try store.events(of: hearing.id, questionnaire: questionnaire)))
                    switch value?.trimmingCharacters(in: .whitespaces) {
                    case ":dk": state = .dontKnow
                    case ":refused": state = .refused
                    default: state = try engine.evaluate(value ?? "", for: asked)
                    }
                    try engine.check(state, for: asked)
                }
                // The log keeps a code, not words of whichever language the command ran in.
                try store.resolveConflict(hearing: hearing.id, question: question, with: state, reason: reason ?? AnswerEvent.mergeConflictReason)
                let shown = AnswerFormatter(questionnaire: questionnaire, language: language).text(state, for: asked)
                return CommandPhrase.conflictResolved(hearing: String(key.prefix(8)), question: question, value: shown).text(language) + "\n"
            }
            try StandardOutput.write(text)
        }
    }
}
