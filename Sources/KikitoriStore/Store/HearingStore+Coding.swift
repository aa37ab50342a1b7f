import Foundation
import GRDB
import KikitoriCore

/// A coder's latest decision on a theme for one answer.
public struct Coding: Equatable, Sendable {
    public var eventID: UUID
    public var hearingID: UUID
    public var questionID: String
    public var theme: String
    public var coder: String
    public var applies: Bool
    public var blind: Bool
    public var decidedAt: Date
    /// The words of the answer decided on.
    public var text: String?
    /// Whether the answer decided on is still the question's current answer.
    public var isCurrent = true
}

/// A memo on a theme or a hearing: dated, signed.
public struct Memo: Equatable, Sendable {
    public enum Subject: String, Sendable, CaseIterable {
        case theme, hearing
    }

    public var id: UUID
    public var subject: Subject
    /// The theme id, or the hearing's id.
    public var target: String
    public var coder: String
    public var text: String
    public var writtenAt: Date
}

/// An answer to code in a blind review: where it is and what it says.
public struct CodingUnit: Equatable, Sendable {
    public var eventID: UUID
    public var hearingID: UUID
    public var questionID: String
    public var text: String
}

extension HearingStore {
    /// Each coder's latest decision per answer and theme, optionally of one theme, some coders, and
    /// the hearings `filter` counts (a public filter leaves internal-only hearings out).
    public func codings(theme: String? = nil, coders: [String]? = nil, filter: ReviewFilter? = nil) throws(StoreError) -> [Coding] {
        try read { db in
            var sql: SQL = """
                SELECT c.event_id, e.hearing_id, e.question_id, c.theme, c.coder, c.applies, c.blind, c.decided_at, e.value_text,
                    -- Through current_answer's key, not a scan of every current answer per decision.
                    EXISTS (SELECT 1 FROM current_answer x WHERE x.hearing_id = e.hearing_id AND x.question_id = e.question_id
                            AND x.event = e.number) AS current
                FROM coding c JOIN answer_event e ON e.id = c.event_id JOIN hearing h ON h.id = e.hearing_id
                WHERE NOT EXISTS (SELECT 1 FROM coding d WHERE d.event_id = c.event_id AND d.theme = c.theme AND d.coder = c.coder
                                  AND (d.decided_at, d.id) > (c.decided_at, c.id))
                """
            if let theme { sql += " AND c.theme = \(theme)" }
            if let coders { sql += " AND c.coder IN \(coders)" }
            if let filter { sql += " AND \(filter.conditions)" }
            sql += " ORDER BY c.theme, c.event_id, c.coder"
            return try SQLRequest<Row>(literal: sql).fetchAll(db).compactMap { row in
                guard let event = UUID(uuidString: row[0]), let hearing = UUID(uuidString: row[1]) else { return nil }
                return Coding(
                    eventID: event, hearingID: hearing, questionID: row[2], theme: row[3], coder: row[4], applies: row[5], blind: row[6],
                    decidedAt: row[7], text: row[8], isCurrent: row[9])
            }
        }
    }

    /// The answers (event ids) on which a rule of the codebook found `theme`, whatever a person decided since.
    public func ruleFindings(theme: String) throws(StoreError) -> Set<UUID> {
        try read { db in
            Set(try SQLRequest<String>(literal: """
                SELECT e.id FROM tag t JOIN answer_event e ON e.number = t.event WHERE t.theme = \(theme) AND t.source = 'rule'
                """).fetchAll(db).compactMap(UUID.init(uuidString:)))
        }
    }

    /// `count` current text answers drawn by `seed` from all of them, ordered by their ids first, so
    /// that two coders with the same answers (merge first) get the same sample, in the same order.
    public func blindSample(count: Int, seed: UInt64) throws(StoreError) -> [CodingUnit] {
        var units = try read { db in
            try SQLRequest<Row>(literal: """
                SELECT e.id, e.hearing_id, e.question_id, e.value_text FROM current_answer c JOIN answer_event e ON e.number = c.event
                WHERE c.kind IN ('answered', 'changed') AND e.value_text IS NOT NULL ORDER BY e.id
                """).fetchAll(db).compactMap { row -> CodingUnit? in
                guard let event = UUID(uuidString: row[0]), let hearing = UUID(uuidString: row[1]) else { return nil }
                return CodingUnit(eventID: event, hearingID: hearing, questionID: row[2], text: row[3])
            }
        }
        var generator = SeededGenerator(seed: seed)
        units.shuffle(using: &generator)
        return Array(units.prefix(max(0, count)))
    }

    // MARK: Memos

    public func addMemo(_ subject: Memo.Subject, target: String, coder: String, text: String, now: Date = Date()) throws(StoreError) {
        try write { db in
            try db.execute(literal: """
                INSERT INTO memo (id, subject, target, coder, text, written_at)
                VALUES (\(id: UUID()), \(subject.rawValue), \(target), \(coder), \(text), \(now))
                """)
        }
    }

    /// Memos, oldest first, optionally on one subject or target; with `filter`, a hearing's memos
    /// only when the filter counts the hearing (a public filter leaves internal-only hearings out).
    public func memos(subject: Memo.Subject? = nil, target: String? = nil, filter: ReviewFilter? = nil) throws(StoreError) -> [Memo] {
        try read { db in
            var sql: SQL = "SELECT id, subject, target, coder, text, written_at FROM memo WHERE 1 = 1"
            if let subject { sql += " AND subject = \(subject.rawValue)" }
            if let target { sql += " AND target = \(target)" }
            if let filter {
                sql += " AND (subject = 'theme' OR EXISTS (SELECT 1 FROM hearing h WHERE h.id = memo.target AND \(filter.conditions)))"
            }
            sql += " ORDER BY written_at, id"
            return try SQLRequest<Row>(literal: sql).fetchAll(db).compactMap { row in
                guard let id = UUID(uuidString: row[0]), let subject = Memo.Subject(rawValue: row[1]) else { return nil }
                return Memo(id: id, subject: subject, target: row[2], coder: row[3], text: row[4], writtenAt: row[5])
            }
        }
    }
}
