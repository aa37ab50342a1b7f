import ArgumentParser
import Foundation
import Kikitori
import KikitoriCommandSupport

/// The working group's review of a hearing: received, has issues, approved or rejected.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Set a hearing's review status (received, has_issues, approved, rejected) with a comment, or show its review history.",
        discussion: """
            Every hearing is received until a reviewer says otherwise. Each change is kept with the \
            reviewer, the time and the comment; the latest stands, also after merging databases. \
            has_issues and rejected need a --comment saying why: the interviewer reads it in \
            kikitori show. The status is typed as its code in any width, or as the word listings show \
            (要修正, 承認, 却下, 受付). The reviewer is --reviewer, else $KIKITORI_REVIEWER, else the \
            login name.

            To see the hearings to fix: kikitori hearings --review has_issues. With --review approved, \
            themes, quotes, report and export count only approved hearings (the manifest says so).

            Examples:
              kikitori review 3f2a9c has_issues --comment "従業員数が空欄" --reviewer 高橋
              kikitori review 3f2a9c approved --reviewer 高橋
              kikitori review 3f2a9c
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The hearing: its id or a unique prefix.", completion: DynamicCompletion.hearings)
    var hearing: String

    @Argument(help: "received, has_issues, approved or rejected (or 受付, 要修正, 承認, 却下); none shows the history.")
    var status: String?

    @Option(help: "Why: what to fix, or what was checked.")
    var comment: String?

    @Option(help: "Who reviewed (default: $KIKITORI_REVIEWER, else the login name).")
    var reviewer: String?

    private var trimmedComment: String? {
        comment.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    func validate() throws {
        let language = options.language()
        guard let status else {
            if comment != nil { throw ValidationError(ReviewStatusPhrase.commentWithoutStatus.text(language)) }
            return
        }
        guard let parsed = ReviewStatus.named(status) else { throw ValidationError(ReviewStatusPhrase.notAStatus(status).text(language)) }
        if parsed == .hasIssues || parsed == .rejected, trimmedComment == nil {
            throw ValidationError(ReviewStatusPhrase.commentNeeded(parsed).text(language))
        }
    }

    func run() throws {
        let language = options.language()
        let text = try options.guarded {
            let store = try database.open(options, readOnly: status == nil)
            let found = try store.findHearing(hearing)
            guard let status, let parsed = ReviewStatus.named(status) else {
                let history = try store.reviewHistory(hearing: found.id)
                if history.isEmpty { return ReviewStatusPhrase.noHistory(found.shortID).text(language) }
                return ([ReviewStatusPhrase.current(try store.reviewStatus(hearing: found.id)).text(language)]
                    + history.map { ReviewStatusPhrase.history($0).text(language) }).joined(separator: "\n")
            }
            let change = try store.setReview(hearing: found.id, to: parsed, comment: trimmedComment, reviewer: reviewerName)
            return change.previous == change.status
                ? ReviewStatusPhrase.unchanged(found.shortID, status: change.status).text(language)
                : ReviewStatusPhrase.recorded(found.shortID, status: change.status, previous: change.previous).text(language)
        }
        try StandardOutput.write(text + "\n")
    }

    private var reviewerName: String {
        let given = reviewer ?? ProcessInfo.processInfo.environment["KIKITORI_REVIEWER"] ?? ProcessInfo.processInfo.userName
        let trimmed = given.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? ProcessInfo.processInfo.userName : trimmed
    }
}
