import KikitoriCore
import KikitoriStore
/// The CSV appendices Kikitori writes.
public enum ExportKind: String, Sendable, CaseIterable {
    case hearings
    /// One row per instance of a repeat group, joined to `hearings` by hearing id.
    case repeats
    case answers
    case tags
    case tagMatrix = "tag-matrix"
    case themes
    case quotes
    case codebook
    case respondents
    /// The audit trail: every event of the log.
    case events
    /// Time on each question, changes, don't-know and refusals, per hearing.
    case paradata
    /// Interviewers' notes (internal only).
    case notes
    /// Coders' memos on themes and hearings (internal only).
    case memos
}

/// Options shared by every export.
public struct ExportOptions: Sendable {
    public var filter: ReviewFilter
    /// Language of label columns, or nil for codes only.
    public var labels: Language?
    public var unit: TagMatrixUnit
    /// Quotes per theme, nil for every one that qualifies.
    public var quoteLimit: Int?
    /// How the themes table is broken down.
    public var by: ThemeCrossTab.Dimension = .kind

    public enum TagMatrixUnit: String, Sendable, CaseIterable {
        case answer
        case hearing
    }

    public init(filter: ReviewFilter, labels: Language?, unit: TagMatrixUnit = .answer, quoteLimit: Int? = nil) {
        self.filter = filter
        self.labels = labels
        self.unit = unit
        self.quoteLimit = quoteLimit
    }
}
