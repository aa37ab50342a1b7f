import ArgumentParser
import Kikitori
import KikitoriCommandSupport

extension ThemeCrossTab.Dimension: ExpressibleByArgument {}
extension ThemeCrossTab.Unit: ExpressibleByArgument {}
extension ReviewFilter.Audience: ExpressibleByArgument {}
extension HearingStatus: ExpressibleByArgument {}

/// Which hearings a review counts: status, questionnaire, audience and the small-cell threshold.
struct ReviewOptions: ParsableArguments {
    @Option(help: "Count hearings with this status (in_progress, paused, completed, abandoned).")
    var status: HearingStatus = .completed

    @Flag(help: "Count hearings of every status.")
    var allStatuses = false

    @Option(help: "Only this questionnaire: id (every version) or id@N.", completion: DynamicCompletion.questionnaires)
    var questionnaire: QuestionnaireRef?

    @Option(help: "public leaves out internal_only hearings and suppresses small cells; internal shows all.")
    var audience: ReviewFilter.Audience = .public

    @Option(name: .customLong("min-cell"), help: "Cells under this many hearings are suppressed (public) or marked (internal).")
    var minCell: Int = 3

    var filter: ReviewFilter {
        ReviewFilter(status: allStatuses ? nil : status, questionnaire: questionnaire, audience: audience, smallCell: minCell)
    }
}
