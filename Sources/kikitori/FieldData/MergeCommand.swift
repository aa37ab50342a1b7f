import ArgumentParser
import Foundation
import Kikitori

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Bring hearings, answers, respondents, questionnaires and tags from interviewers' databases into this one.",
        discussion: """
            Everything is keyed by UUID and answers are only ever added, so merging the same file twice \
            adds nothing, and merging A into B or B into A gives the same content. The whole merge is one \
            transaction: on any error nothing changes. Source files are only read (an older one is \
            upgraded in a private copy beside the target, removed afterwards).

            A hearing continued on two laptops keeps both histories; where one answer ended differently \
            on the two sides, it is listed by `kikitori conflicts` for a person to resolve. Respondents \
            that look like the same organisation are offered for linking (`kikitori respondents \
            duplicates`), never joined silently. A questionnaire with the same id@version but another \
            content is refused.

            Examples:
              kikitori merge field-sato.sqlite field-suzuki.sqlite --dry-run
              kikitori merge /media/usb/field-*.sqlite --db wg.sqlite
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Kikitori databases to merge from.", completion: .file(extensions: ["sqlite"]))
    var sources: [String]

    @Flag(help: "Show what would come in, and write nothing.")
    var dryRun = false

    func run() throws {
        let language = options.language()
        let text = try options.guarded {
            let store = try database.open()
            let progress = Progress(language == .ja ? "取り込み" : "Merging")
            defer { progress.finish() }
            let report = try store.merge(sources, dryRun: dryRun, progress: progress.update)
            return FieldDataFormatter(language: language).merge(report)
        }
        print(text, terminator: "")
    }
}

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
                let store = try database.open()
                let conflicts = try store.conflicts(includeResolved: all)
                var questionnaires: [String: Questionnaire] = [:]
                for reference in Set(conflicts.map(\.questionnaire)) { questionnaires[reference] = try store.snapshot(reference) }
                return FieldDataFormatter(language: language).conflicts(conflicts, questionnaires: questionnaires)
            }
            print(text, terminator: "")
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

        @Argument(help: "The hearing (a unique prefix of its id).")
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
            guard (keep == nil) != (value == nil) else { throw ValidationError("give either --keep 1|2 or --value ANSWER") }
            if let keep, !(1...2).contains(keep) { throw ValidationError("--keep takes 1 or 2") }
        }

        func run() throws {
            let language = options.language()
            let text = try options.guarded {
                let store = try database.open()
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
                let defaultReason = language == .ja ? "取り込み時の食い違いを解決" : "resolved a merge conflict"
                try store.resolveConflict(hearing: hearing.id, question: question, with: state, reason: reason ?? defaultReason)
                let shown = AnswerFormatter(questionnaire: questionnaire, language: language).text(state, for: asked)
                return language == .ja ? "\(key.prefix(8)) の \(question) を「\(shown)」にしました。\n" : "\(key.prefix(8)) \(question) is now: \(shown)\n"
            }
            print(text, terminator: "")
        }
    }
}

struct RespondentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "respondents",
        abstract: "List respondents, find ones registered twice, and link them.",
        discussion: """
            Linking says two registrations are one organisation: reports and exports then count and name \
            them once (one pseudonym). Hearings and answers are not changed; `unlink` undoes it.

            Examples:
              kikitori respondents
              kikitori respondents duplicates
              kikitori respondents link 9c1e22 4b7a10
            """,
        subcommands: [List.self, Duplicates.self, Link.self, Unlink.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Every respondent, oldest first.", discussion: "Example:\n  kikitori respondents list")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let language = options.language()
            let text = try options.guarded {
                let respondents = try database.open().respondents()
                var table = TextTable(headers: language == .ja ? ["id", "種別", "団体", "担当者", "地域"] : ["id", "kind", "organisation", "person", "region"])
                for respondent in respondents {
                    table.append([
                        String(respondent.id.uuidString.lowercased().prefix(8)), Phrase.respondentKindOne(respondent.kind).text(language),
                        respondent.organisation, respondent.personName ?? "", respondent.region ?? "",
                    ])
                }
                return table.render()
            }
            print(text, terminator: "")
        }
    }

    struct Duplicates: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "duplicates", abstract: "Unlinked respondents that look like one organisation (same kind, same normalised name).",
            discussion: "Example:\n  kikitori respondents duplicates")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let language = options.language()
            let text = try options.guarded { FieldDataFormatter(language: language).duplicates(try database.open().possibleDuplicates()) }
            print(text, terminator: "")
        }
    }

    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "link", abstract: "Record that a respondent is the same organisation as another.",
            discussion: "Example:\n  kikitori respondents link 9c1e22 4b7a10   (9c1e22 is counted as 4b7a10)")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The respondent to link (a unique prefix of its id).")
        var respondent: String

        @Argument(help: "The respondent it is the same as.")
        var sameAs: String

        func run() throws {
            let language = options.language()
            let text = try options.guarded {
                let store = try database.open()
                let first = try store.findRespondent(respondent), second = try store.findRespondent(sameAs)
                try store.link(first.id, to: second.id)
                return language == .ja
                    ? "\(first.organisation)（\(respondent)）を \(second.organisation)（\(sameAs)）と同じ回答者として扱います。\n"
                    : "\(first.organisation) (\(respondent)) is now counted as \(second.organisation) (\(sameAs)).\n"
            }
            print(text, terminator: "")
        }
    }

    struct Unlink: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unlink", abstract: "Undo a link.", discussion: "Example:\n  kikitori respondents unlink 9c1e22")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The linked respondent.")
        var respondent: String

        func run() throws {
            try options.guarded {
                let store = try database.open()
                try store.unlink(try store.findRespondent(respondent).id)
            }
        }
    }
}
