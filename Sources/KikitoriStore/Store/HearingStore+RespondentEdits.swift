import KikitoriCore
import Foundation
import GRDB

/// A correction of one respondent detail, as logged.
public struct RespondentEdit: Sendable, Equatable {
    public var field: RespondentField
    public var previous: String?
    public var value: String?
    public var reason: String
    public var editedAt: Date
}

extension HearingStore {
    /// Corrects `respondent`'s details in one transaction, logging each changed field with its old
    /// value (an unchanged field is not logged). Nil clears an optional detail; the organisation
    /// cannot be cleared. Returns what changed.
    @discardableResult
    public func editRespondent(
        _ respondent: UUID, set values: [RespondentField: String?], reason: String, at date: Date = Date()
    ) throws(StoreError) -> [RespondentEdit] {
        try write { db in
            guard var record = try RespondentRecord.find(respondent, db) else { throw StoreError.unknownRespondent(respondent.storageKey) }
            var edits: [RespondentEdit] = []
            for field in RespondentField.allCases {
                guard let value = values[field] else { continue }
                let previous: String?
                switch field {
                case .organisation:
                    guard let value, !value.isEmpty else { continue }
                    previous = record.organisation
                    record.organisation = value
                    record.organisationKey = OrganisationKey.make(value)
                case .personName: (previous, record.personName) = (record.personName, value)
                case .personRole: (previous, record.personRole) = (record.personRole, value)
                case .industry: (previous, record.industry) = (record.industry, value)
                case .municipality: (previous, record.municipality) = (record.municipality, value)
                case .region: (previous, record.region) = (record.region, value)
                }
                guard previous != value else { continue }
                try db.execute(literal: """
                    INSERT INTO respondent_edit (id, respondent_id, field, previous, value, reason, edited_at)
                    VALUES (\(id: UUID()), \(id: respondent), \(field.rawValue), \(previous), \(value), \(reason), \(date))
                    """)
                edits.append(RespondentEdit(field: field, previous: previous, value: value, reason: reason, editedAt: date))
            }
            if !edits.isEmpty { try record.update(db) }
            return edits
        }
    }

    /// Every correction of `respondent`, oldest first.
    public func respondentEdits(_ respondent: UUID) throws(StoreError) -> [RespondentEdit] {
        try read { db in
            try SQLRequest<Row>("""
                SELECT field, previous, value, reason, edited_at FROM respondent_edit
                WHERE respondent_id = \(id: respondent) ORDER BY edited_at, id
                """).fetchAll(db).compactMap { row in
                RespondentField(rawValue: row["field"]).map {
                    RespondentEdit(field: $0, previous: row["previous"], value: row["value"], reason: row["reason"], editedAt: row["edited_at"])
                }
            }
        }
    }
}
