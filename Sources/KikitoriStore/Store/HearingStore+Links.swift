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
            SELECT a.id, b.id FROM respondent a
            JOIN respondent b ON b.organisation_key = a.organisation_key AND b.kind = a.kind AND a.id < b.id
            LEFT JOIN respondent_link la ON la.respondent_id = a.id
            LEFT JOIN respondent_link lb ON lb.respondent_id = b.id
            WHERE COALESCE(la.same_as, a.id) != COALESCE(lb.same_as, b.id)
              AND (a.person_name IS NULL OR b.person_name IS NULL OR a.person_name = b.person_name)
              AND NOT EXISTS (SELECT 1 FROM respondent_distinct d WHERE d.first_id = a.id AND d.second_id = b.id)
            ORDER BY a.organisation_key, a.created_at
            """)
        return try pairs.compactMap { row in
            guard let first = try RespondentRecord.fetchOne(db, key: row[0] as String)?.model,
                let second = try RespondentRecord.fetchOne(db, key: row[1] as String)?.model
            else { return nil }
            return RespondentPair(first: first, second: second)
        }
    }

    /// Records that `respondent` is the same organisation as `other`: exports and reports count them
    /// once under `other`'s name and pseudonym. Hearings and answers are untouched, so it can be undone.
    public func link(_ respondent: UUID, to other: UUID, at date: Date = Date()) throws(StoreError) {
        let id = respondent.uuidString.lowercased()
        let target = other.uuidString.lowercased()
        try write { db in
            for key in [id, target] where try RespondentRecord.fetchOne(db, key: key) == nil {
                throw StoreError.unknownRespondent(key)
            }
            let canonical = try String.fetchOne(db, sql: "SELECT same_as FROM respondent_link WHERE respondent_id = ?", arguments: [target]) ?? target
            guard canonical != id else { throw StoreError.alreadyLinked(id, target) }
            // Links point at the group's first member, never along a chain.
            try db.execute(sql: "UPDATE respondent_link SET same_as = ? WHERE same_as = ?", arguments: [canonical, id])
            try db.execute(
                sql: """
                    INSERT INTO respondent_link (respondent_id, same_as, linked_at) VALUES (?, ?, ?)
                    ON CONFLICT (respondent_id) DO UPDATE SET same_as = excluded.same_as, linked_at = excluded.linked_at
                    """, arguments: [id, canonical, date])
        }
    }

    /// Records that two respondents offered as duplicates are different organisations.
    public func markDistinct(_ respondent: UUID, _ other: UUID, at date: Date = Date()) throws(StoreError) {
        let pair = [respondent.uuidString.lowercased(), other.uuidString.lowercased()].sorted()
        guard pair[0] != pair[1] else { throw StoreError.alreadyLinked(pair[0], pair[1]) }
        try write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO respondent_distinct (first_id, second_id, decided_at) VALUES (?, ?, ?)",
                arguments: [pair[0], pair[1], date])
        }
    }

    public func unlink(_ respondent: UUID) throws(StoreError) {
        try write { db in
            try db.execute(sql: "DELETE FROM respondent_link WHERE respondent_id = ?", arguments: [respondent.uuidString.lowercased()])
        }
    }

    /// Respondent id → the id it is linked to.
    package func links() throws(StoreError) -> [String: String] {
        try read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT respondent_id, same_as FROM respondent_link").map { ($0[0], $0[1]) })
        }
    }
}
