import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport

/// What happens to a hearing after it: another consent, words to keep out of print, or abandoning it.
struct HearingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hearing",
        abstract: "Record a new consent for a hearing, words to mask in every public output, or abandon it.",
        discussion: """
            A new consent is an event (who asked is in the reason; when is recorded) and every output \
            made afterwards follows it: withdrawal to internal_only takes the hearing out of every public \
            output. Masked words (a colleague named in passing, a project name) are replaced in every \
            public text, whoever's answer mentions them. In a hearing, :consent and :mask do the same.

            An abandoned hearing keeps its answers in the log but leaves every count; the reason is kept.

            Examples:
              kikitori hearing consent 3f2a9c internal_only --reason "電話で撤回の申し出"
              kikitori hearing mask 3f2a9c 佐藤課長
              kikitori hearing abandon 3f2a9c --reason "先方の都合で中止"
            """,
        subcommands: [Consent.self, Mask.self, Abandon.self])

    struct Abandon: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "abandon", abstract: "End a hearing without completing it: kept in the log, out of every count.",
            discussion: "Example:\n  kikitori hearing abandon 3f2a9c --reason \"先方の都合で中止\"")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The hearing: its id or a unique prefix.", completion: DynamicCompletion.hearings)
        var hearing: String

        @Option(help: "Why it was abandoned (kept with the hearing).")
        var reason: String

        func validate() throws {
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError(ArgumentPhrase.reasonForAbandoning.text(options.language())) }
        }

        func run() throws {
            let language = options.language()
            let text = try options.guarded {
                let store = try database.open(options)
                let found = try store.findHearing(hearing)
                try store.abandon(found.id, reason: reason.trimmingCharacters(in: .whitespaces))
                return ShellPhrase.hearingAbandoned(found.shortID).text(language)
            }
            try StandardOutput.write(text + "\n")
        }
    }

    struct Consent: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "consent", abstract: "Record a new consent: public_named, public_anonymous or internal_only.",
            discussion: "Example:\n  kikitori hearing consent 3f2a9c public_anonymous --reason \"名前は出さないでほしい\"")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The hearing: its id or a unique prefix.", completion: DynamicCompletion.hearings)
        var hearing: String

        @Argument(help: "public_named, public_anonymous or internal_only.")
        var consent: ConsentLevel

        @Option(help: "Why, and who asked (kept with the change).")
        var reason: String

        func validate() throws {
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError(ArgumentPhrase.reasonForConsent.text(options.language())) }
        }

        func run() throws {
            let language = options.language()
            let text = try options.guarded {
                let store = try database.open(options)
                let found = try store.findHearing(hearing)
                let change = try store.changeConsent(hearing: found.id, to: consent, reason: reason)
                return PrivacyPhrase.consentChanged(found.shortID, to: change.consent, from: change.previous).text(language)
            }
            try StandardOutput.write(text + "\n")
        }
    }

    struct Mask: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mask", abstract: "Mask these words in every public output.",
            discussion: "Example:\n  kikitori hearing mask 3f2a9c 佐藤課長 090-1234-5678")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The hearing that asked: its id or a unique prefix.", completion: DynamicCompletion.hearings)
        var hearing: String

        @Argument(help: "The words; each of two characters or more.")
        var terms: [String]

        func validate() throws {
            if let short = terms.first(where: { $0.trimmingCharacters(in: .whitespaces).count < 2 }) {
                throw ValidationError(ArgumentPhrase.tooShortToMask(short).text(options.language()))
            }
        }

        func run() throws {
            let language = options.language()
            let lines = try options.guarded {
                let store = try database.open(options)
                let found = try store.findHearing(hearing)
                return try terms.map { term in
                    let trimmed = term.trimmingCharacters(in: .whitespaces)
                    let added = try store.addMaskTerm(trimmed, hearing: found.id)
                    return (added ? PrivacyPhrase.maskAdded(trimmed, hearing: found.shortID) : .maskKnown(trimmed, hearing: found.shortID)).text(language)
                }
            }
            try StandardOutput.write(lines.joined(separator: "\n") + "\n")
        }
    }
}

