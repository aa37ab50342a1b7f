import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport
import KikitoriShell

/// Hearings listed outside the shell, as `hearings` lists them inside it.
struct HearingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hearings",
        abstract: "List hearings, newest first, with status, questionnaire, respondent and answers given.",
        discussion: """
            Public unless --audience internal: internal_only hearings are left out and respondents are \
            shown as every public output shows them. --status takes the code or the word listings show \
            (completed, 完了, paused, 中断).

            Examples:
              kikitori hearings --status 中断
              kikitori hearings --questionnaire private-firm-data-use --audience internal
              kikitori hearings --respondent オホーツク --audience internal
              kikitori hearings --review has_issues
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Only this status: in_progress, paused, completed or abandoned (or 実施中, 中断, 完了, 中止).")
    var status: String?

    @Option(help: "Only this questionnaire: id (every version) or id@N.", completion: DynamicCompletion.questionnaires)
    var questionnaire: QuestionnaireRef?

    @Option(help: "Only this review status: received, has_issues, approved or rejected (or 受付, 要修正, 承認, 却下).")
    var review: String?

    @Option(help: "Only respondents whose id starts with, or whose organisation contains, these characters.")
    var respondent: String?

    @Option(help: "public (default) or internal.")
    var audience: ReviewFilter.Audience = .public

    func validate() throws {
        if let status, HearingStatus.named(status) == nil {
            throw ValidationError(ArgumentPhrase.notAHearingStatus(status).text(options.language()))
        }
        if let review, ReviewStatus.named(review) == nil {
            throw ValidationError(ReviewStatusPhrase.notAStatus(review).text(options.language()))
        }
        // Looking a respondent up by name and seeing its pseudonym would undo the pseudonym.
        if respondent != nil, audience == .public { throw ValidationError(ArgumentPhrase.respondentNeedsInternal.text(options.language())) }
    }

    func run() throws {
        let language = options.language()
        let text = try options.guarded {
            let store = try database.open(options, readOnly: true)
            let publication = try Publication(store: store, filter: ReviewFilter(status: nil, audience: audience), language: language)
            let filter = HearingStore.HearingFilter(
                status: status.flatMap(HearingStatus.named), questionnaire: questionnaire,
                respondent: respondent, review: review.flatMap(ReviewStatus.named))
            let summaries = try store.hearings(filter).filter { audience == .internal || $0.hearing.consent != .internalOnly }
            guard !summaries.isEmpty else { return ShellPhrase.noHearings.text(language) + "\n" }
            let text = HearingFormatter(publication: publication).list(summaries, width: TerminalWidth.columns())
            try publication.check(text, output: "hearings")
            return text
        }
        try StandardOutput.write(text)
    }
}

/// One hearing with its audit trail: answers, notes, consent and every change.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a hearing: who, answers and notes, consent, and every change (old → new, when, why).",
        discussion: """
            Public unless --audience internal: names are masked in answers and notes, the respondent \
            is shown as every public output shows it, and an internal_only hearing is not shown.

            Examples:
              kikitori show 3f2a9c
              kikitori show 3f2a9c --audience internal
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The hearing: its id or a unique prefix.", completion: DynamicCompletion.hearings)
    var hearing: String

    @Option(help: "public (default) or internal.")
    var audience: ReviewFilter.Audience = .public

    func run() throws {
        let language = options.language()
        let text = try options.guarded {
            let store = try database.open(options, readOnly: true)
            let found = try store.findHearing(hearing)
            if audience == .public, found.consent == .internalOnly { throw PrivacyProblem.internalOnlyHearing(found.shortID) }
            let publication = try Publication(store: store, filter: ReviewFilter(status: nil, audience: audience), language: language)
            let questionnaire = try store.snapshot(found.questionnaire)
            let style: TextStyle = isatty(STDOUT_FILENO) != 0 ? .terminal : .plain
            let text = HearingFormatter(publication: publication).detail(
                hearing: found, respondent: try store.respondent(found.respondentID), questionnaire: questionnaire,
                events: try store.events(of: found.id, questionnaire: questionnaire), consents: try store.consentHistory(hearing: found.id),
                review: try store.reviewStatus(hearing: found.id), reviews: try store.reviewHistory(hearing: found.id),
                previous: try found.previousHearingID.map { try store.hearing($0) },
                respondentEdits: try store.respondentEdits(found.respondentID),
                memos: try store.memos(subject: .hearing, target: found.id.storageKey),
                width: TerminalWidth.columns(), style: style)
            try publication.check(text, output: "show")
            return text
        }
        try StandardOutput.write(text)
    }
}
