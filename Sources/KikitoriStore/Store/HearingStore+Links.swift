import KikitoriCore
import Foundation
import GRDB

/// Two respondents that look like one organisation (same normalised name and kind, no differing
/// person names), offered to a person for linking; never joined automatically.
public struct RespondentPair: Equatable, Sendable {
    public var first: Respondent
    public var second: Respondent
}

extension HearingStore {
    /// Unlinked respondents that look like the same organisation.
    public func possibleDuplicates() throws(StoreError) -> [RespondentPair] {
        try read { db in try Self.possibleDuplicates(db) }
    }

    package static func possibleDuplicates(_ db: Database) throws -> [RespondentPair] {
        let pairs = try Row.fetchAll(db, sql: """
            SELECT a.id AS first, b.id AS second FROM respondent a
            JOIN respondent b ON b.organisation_key = a.organisation_key AND b.kind = a.kind AND a.id < b.id
            LEFT JOIN respondent_link la ON la.respondent_id = a.id
            LEFT JOIN respondent_link lb ON lb.respondent_id = b.id
            WHERE COALESCE(la.same_as, a.id) != COALESCE(lb.same_as, b.id)
              AND (a.person_name IS NULL OR b.person_name IS NULL OR a.person_name = b.person_name)
              AND NOT EXISTS (SELECT 1 FROM respondent_distinct d WHERE d.first_id = a.id AND d.second_id = b.id)
            ORDER BY a.organisation_key, a.created_at
            """)
        return try pairs.compactMap { row in
            guard let first = try RespondentRecord.fetchOne(db, key: row["first"] as String)?.model,
                let second = try RespondentRecord.fetchOne(db, key: row["second"] as String)?.model
            else { return nil }
            return RespondentPair(first: first, second: second)
        }
    }

    /// Records that `respondent` is the same organisation as `other`: exports and reports count them
    /// once under `other`'s name and pseudonym. Hearings and answers are untouched, so it can be undone.
    public func link(_ respondent: UUID, to other: UUID, at date: Date = Date()) throws(StoreError) {
        let id = respondent.storageKey
        let target = other.storageKey
        try write { db in
            for key in [respondent, other] where try RespondentRecord.find(key, db) == nil {
                throw StoreError.unknownRespondent(key.storageKey)
            }
            let canonical = try SQLRequest<String>("SELECT same_as FROM respondent_link WHERE respondent_id = \(target)").fetchOne(db) ?? target
            guard canonical != id else { throw StoreError.alreadyLinked(id, target) }
            // Links point at the group's first member, never along a chain.
            try db.execute(literal: "UPDATE respondent_link SET same_as = \(canonical) WHERE same_as = \(id)")
            try db.execute(literal: """
                INSERT INTO respondent_link (respondent_id, same_as, linked_at) VALUES (\(id), \(canonical), \(date))
                ON CONFLICT (respondent_id) DO UPDATE SET same_as = excluded.same_as, linked_at = excluded.linked_at
                """)
        }
    }

    /// Records that two respondents offered as duplicates are different organisations.
    public func markDistinct(_ respondent: UUID, _ other: UUID, at date: Date = Date()) throws(StoreError) {
        let pair = [respondent.storageKey, other.storageKey].sorted()
        guard pair[0] != pair[1] else { throw StoreError.alreadyLinked(pair[0], pair[1]) }
        try write { db in
            try db.execute(literal: "INSERT OR IGNORE INTO respondent_distinct (first_id, second_id, decided_at) VALUES (\(pair[0]), \(pair[1]), \(date))")
        }
    }

    public func unlink(_ respondent: UUID) throws(StoreError) {
        try write { db in
            try db.execute(literal: "DELETE FROM respondent_link WHERE respondent_id = \(id: respondent)")
        }
    }

    /// Respondent id → the id it is linked to.
    package func links() throws(StoreError) -> [String: String] {
        try read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT respondent_id, same_as FROM respondent_link").map { ($0["respondent_id"], $0["same_as"]) })
        }
    }
}
