/// Which hearings a review counts, and for whom the output is.
public struct ReviewFilter: Sendable {
    /// `public` leaves out `internal_only` hearings and suppresses small cells; `internal` shows all.
    public enum Audience: String, Sendable, CaseIterable {
        case `public`
        case `internal`

        /// A written file's permissions: anyone may read a public file; an internal one holds
        /// personal data and is its owner's only.
        public var fileMode: UInt32 { self == .public ? 0o644 : 0o600 }
    }

    public var status: HearingStatus?
    /// Only hearings the working group's review left in this status (`--review approved`).
    public var review: ReviewStatus?
    /// One version, or every version of an id.
    public var questionnaire: QuestionnaireRef?
    public var audience: Audience
    /// Cells below this many hearings are marked, and suppressed in public outputs.
    public var smallCell: Int
    /// Count the learned model's unconfirmed suggestions too (`--include suggested`); outputs say so.
    public var includeSuggested = false

    public init(status: HearingStatus? = .completed, questionnaire: QuestionnaireRef? = nil, audience: Audience = .public, smallCell: Int = 3) {
        self.status = status
        self.questionnaire = questionnaire
        self.audience = audience
        self.smallCell = smallCell
    }
}
