import Foundation

/// One hearing: a respondent heard with one questionnaire snapshot by one interviewer.
public struct Hearing: Codable, Equatable, Sendable {
    public var id: UUID
    public var respondentID: UUID
    /// `id@version` of the stored questionnaire snapshot.
    public var questionnaire: String
    public var interviewer: String
    public var place: String?
    public var startedAt: Date
    public var endedAt: Date?
    public var status: HearingStatus
    public var consent: ConsentLevel
    public var language: Language
    public var notes: String?
    /// The earlier hearing of the same respondent this one follows up, if any.
    public var previousHearingID: UUID?

    public init(
        id: UUID = UUID(), respondentID: UUID, questionnaire: String, interviewer: String, place: String? = nil,
        startedAt: Date = Date(), endedAt: Date? = nil, status: HearingStatus = .inProgress, consent: ConsentLevel,
        language: Language, notes: String? = nil, previousHearingID: UUID? = nil
    ) {
        self.id = id
        self.respondentID = respondentID
        self.questionnaire = questionnaire
        self.interviewer = interviewer
        self.place = place
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.consent = consent
        self.language = language
        self.notes = notes
        self.previousHearingID = previousHearingID
    }

    /// The first eight hex digits of the id: how people name a hearing in the shell.
    public var shortID: String { String(id.uuidString.lowercased().prefix(8)) }
}

public enum HearingStatus: String, Codable, CaseIterable, Sendable {
    case inProgress = "in_progress"
    case paused
    case completed
    case abandoned

    /// Whether the hearing can be resumed to take more answers.
    public var isOpen: Bool { self == .inProgress || self == .paused }
}

/// What the respondent agreed may be published.
public enum ConsentLevel: String, Codable, CaseIterable, Sendable {
    /// Quotes may carry the organisation's and person's names.
    case publicNamed = "public_named"
    /// Quotes may be published without names; names are replaced by pseudonyms.
    case publicAnonymous = "public_anonymous"
    /// Nothing from this hearing may leave the working group.
    case internalOnly = "internal_only"
}

/// Where a hearing stands in the working group's review (ODK Central's review states): every hearing
/// is `received` until a reviewer says otherwise; each change is logged with who, when and why.
public enum ReviewStatus: String, Codable, CaseIterable, Sendable {
    case received
    case hasIssues = "has_issues"
    case approved
    case rejected
}
