import Foundation

/// A person or organisation heard. Personal data: exports hide the names unless consent allows.
public struct Respondent: Codable, Equatable, Sendable {
    public var id: UUID
    public var kind: RespondentKind
    public var organisation: String
    public var personName: String?
    public var personRole: String?
    public var industry: String?
    public var municipality: String?
    /// One of Hokkaido's 14 subprefectures (振興局) where known; free text otherwise.
    public var region: String?
    public var createdAt: Date

    public init(
        id: UUID = UUID(), kind: RespondentKind, organisation: String, personName: String? = nil,
        personRole: String? = nil, industry: String? = nil, municipality: String? = nil, region: String? = nil,
        createdAt: Date = Date()
    ) {
        self.id = id
        self.kind = kind
        self.organisation = organisation
        self.personName = personName
        self.personRole = personRole
        self.industry = industry
        self.municipality = municipality
        self.region = region
        self.createdAt = createdAt
    }
}
