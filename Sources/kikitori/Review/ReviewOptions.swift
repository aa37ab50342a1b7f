import ArgumentParser
import Kikitori
import KikitoriCommandSupport

extension ThemeCrossTab.Dimension: ExpressibleByArgument {}
extension ThemeCrossTab.Unit: ExpressibleByArgument {}
extension ReviewFilter.Audience: ExpressibleByArgument {}
extension HearingStatus: ExpressibleByArgument {}

extension ReviewStatus: ExpressibleByArgument {
    /// The code in any width or case, or the word listings show (承認, 要修正…).
    public init?(argument: String) {
        guard let status = ReviewStatus.named(argument) else { return nil }
        self = status
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// What `--include` may add to what a review counts.
enum Inclusion: String, ExpressibleByArgument, CaseIterable {
    case suggested
}

/// Which hearings a review counts: status, questionnaire, audience and the small-cell threshold.
struct ReviewOptions: ParsableArguments {
    @Option(help: "Count hearings with this status (in_progress, paused, completed, abandoned).")
    var status: HearingStatus = .completed

    @Flag(help: "Count hearings of every status.")
    var allStatuses = false

    @Option(help: "Only this questionnaire: id (every version) or id@N.", completion: DynamicCompletion.questionnaires)
    var questionnaire: QuestionnaireRef?

    @Option(help: "Only hearings the review left in this status: received, has_issues, approved or rejected.")
    var review: ReviewStatus?

    @Option(help: "public leaves out internal_only hearings and suppresses small cells; internal shows all.")
    var audience: ReviewFilter.Audience = .public

    @Option(name: .customLong("min-cell"), help: "Cells under this many hearings are suppressed (public) or marked (internal).")
    var minCell: Int = 3

    @Option(name: .customLong("include"), help: "suggested: count the learned model's unconfirmed suggestions too (the output says so).")
    var include: [Inclusion] = []

    var filter: ReviewFilter {
        var filter = ReviewFilter(status: allStatuses ? nil : status, questionnaire: questionnaire, audience: audience, smallCell: minCell)
        filter.includeSuggested = include.contains(.suggested)
        filter.review = review
        return filter
    }
}
