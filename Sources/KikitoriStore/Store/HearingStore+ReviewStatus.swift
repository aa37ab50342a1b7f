import Foundation
import GRDB
import KikitoriCore

/// One change of a hearing's review status, as logged.
public struct ReviewChange: Sendable, Equatable {
    public var hearingID: String
    public var status: ReviewStatus
    public var previous: ReviewStatus
    public var comment: String?
    public var reviewer: String
    public var recordedAt: Date
}

extension HearingStore {
    /// Records `status` for `hearing` as an event and makes it the hearing's review status.
    public func setReview(
        hearing: UUID, to status: ReviewStatus, comment: String?, reviewer: String, at date: Date = Date()
    ) throws(StoreError) -> ReviewChange {
        let id = hearing.storageKey
        return try write { db in
            guard let previous = try SQLRequest<String>("SELECT review FROM hearing WHERE id = \(id)").fetchOne(db) else {
                throw StoreError.unknownHearing(id)
            }
            try db.execute(literal: """
                INSERT INTO review_event (id, hearing_id, status, previous, comment, reviewer, recorded_at)
                VALUES (\(id: UUID()), \(id), \(status.rawValue), \(previous), \(comment), \(reviewer), \(date))
                """)
            try db.execute(literal: "UPDATE hearing SET review = \(status.rawValue) WHERE id = \(id)")
            return ReviewChange(
                hearingID: id, status: status, previous: ReviewStatus(rawValue: previous) ?? .received, comment: comment, reviewer: reviewer,
                recordedAt: date)
        }
    }

    /// A hearing's review status now.
    public func reviewStatus(hearing: UUID) throws(StoreError) -> ReviewStatus {
        let id = hearing.storageKey
        let stored = try read { db in try SQLRequest<String>("SELECT review FROM hearing WHERE id = \(id)").fetchOne(db) }
        guard let stored else { throw .unknownHearing(id) }
        return ReviewStatus(rawValue: stored) ?? .received
    }

    /// Every review change of `hearing`, oldest first.
    public func reviewHistory(hearing: UUID) throws(StoreError) -> [ReviewChange] {
        let id = hearing.storageKey
        return try read { db in
            try SQLRequest<Row>(literal: """
                SELECT status, previous, comment, reviewer, recorded_at FROM review_event WHERE hearing_id = \(id) ORDER BY recorded_at, id
                """).fetchAll(db).map { row in
                ReviewChange(
                    hearingID: id, status: ReviewStatus(rawValue: row["status"]) ?? .received,
                    previous: ReviewStatus(rawValue: row["previous"]) ?? .received, comment: row["comment"], reviewer: row["reviewer"],
                    recordedAt: row["recorded_at"])
            }
        }
    }
}
