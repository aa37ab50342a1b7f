import KikitoriCore
import Foundation
import GRDB

extension HearingStore {
    // MARK: Respondents

    public func addRespondent(_ respondent: Respondent) throws(StoreError) {
        try write { db in try RespondentRecord(respondent).insert(db) }
    }

    public func respondents() throws(StoreError) -> [Respondent] {
        try read { db in try RespondentRecord.order(RespondentRecord.Columns.createdAt).fetchAll(db) }.compactMap(\.model)
    }

    /// Adds a register's respondents in one transaction: all or none.
    public func insertRespondents(_ respondents: [Respondent]) throws(StoreError) {
        try write { db in for respondent in respondents { try RespondentRecord(respondent).insert(db) } }
    }

    public func respondent(_ id: UUID) throws(StoreError) -> Respondent {
        let record = try read { db in try RespondentRecord.find(id, db) }
        guard let respondent = record?.model else { throw .unknownRespondent(id.storageKey) }
        return respondent
    }

    /// A respondent named by a unique prefix of its id.
    public func findRespondent(_ prefix: String) throws(StoreError) -> Respondent {
        let key = prefix.lowercased()
        let matches = try read { db in
            try RespondentRecord.withIDPrefix(key, limit: 10).fetchAll(db)
        }
        guard !matches.isEmpty, !key.isEmpty else { throw .unknownRespondent(prefix) }
        guard matches.count == 1, let respondent = matches[0].model else {
            throw .ambiguousRespondent(prefix, matches: matches.map { String($0.id.storageKey.prefix(8)) })
        }
        return respondent
    }

    // MARK: Hearings

    /// Starts a hearing in one transaction: the questionnaire snapshot, the respondent if new, the hearing.
    public func startHearing(
        questionnaire: Questionnaire, respondent: Respondent, isNewRespondent: Bool, interviewer: String,
        place: String?, consent: ConsentLevel, language: Language, previous: UUID? = nil, now: Date = Date()
    ) throws(StoreError) -> Hearing {
        let hearing = Hearing(
            respondentID: respondent.id, questionnaire: questionnaire.reference, interviewer: interviewer, place: place,
            startedAt: now, consent: consent, language: language, previousHearingID: previous)
        try write { db in
            // A follow-up hears the same respondent again.
            if let previous {
                guard let earlier = try HearingRecord.find(previous, db) else { throw StoreError.unknownHearing(previous.storageKey) }
                if earlier.respondentID != respondent.id { throw StoreError.followUpOfAnotherRespondent(String(previous.storageKey.prefix(8))) }
            }
            try Self.storeSnapshot(questionnaire, in: db)
            if isNewRespondent { try RespondentRecord(respondent).insert(db) }
            try HearingRecord(hearing).insert(db)
        }
        return hearing
    }

    public func hearing(_ id: UUID) throws(StoreError) -> Hearing {
        let record = try read { db in try HearingRecord.find(id, db) }
        guard let hearing = record?.model else { throw .unknownHearing(id.storageKey) }
        return hearing
    }

    /// A hearing named by a unique prefix of its id, as people type it in the shell.
    public func findHearing(_ prefix: String) throws(StoreError) -> Hearing {
        let key = prefix.lowercased()
        guard !key.isEmpty else { throw .unknownHearing(prefix) }
        let matches = try read { db in
            try HearingRecord.withIDPrefix(key, limit: 10).fetchAll(db)
        }
        guard !matches.isEmpty else { throw .unknownHearing(prefix) }
        guard matches.count == 1, let hearing = matches[0].model else {
            throw .ambiguousHearing(prefix, matches: matches.map { String($0.id.storageKey.prefix(8)) })
        }
        return hearing
    }

    /// What `hearings` lists, newest first.
    public struct HearingFilter: Sendable {
        public var status: HearingStatus?
        public var questionnaire: QuestionnaireRef?
        public var respondent: String?
        public var review: ReviewStatus?

        public init(status: HearingStatus? = nil, questionnaire: QuestionnaireRef? = nil, respondent: String? = nil, review: ReviewStatus? = nil) {
            self.status = status
            self.review = review
            self.questionnaire = questionnaire
            self.respondent = respondent
        }
    }

    /// A hearing with its respondent, for listings.
    public struct HearingSummary: Sendable {
        public var hearing: Hearing
        public var respondent: Respondent
        public var answered: Int
        /// The working group's review status.
        public var review: ReviewStatus
    }

    public func hearings(_ filter: HearingFilter = HearingFilter()) throws(StoreError) -> [HearingSummary] {
        try read { db in
            var conditions: [SQL] = []
            if let status = filter.status { conditions.append("h.status = \(status.rawValue)") }
            if let review = filter.review { conditions.append("h.review = \(review.rawValue)") }
            if let questionnaire = filter.questionnaire { conditions.append(ReviewFilter.questionnaireCondition(questionnaire)) }
            if let respondent = filter.respondent {
                // % and _ typed by a person are characters, not wildcards.
                conditions.append("""
                    (r.id LIKE \(Self.escapeLike(respondent.lowercased())) || '%' ESCAPE '\\'
                     OR r.organisation LIKE '%' || \(Self.escapeLike(respondent)) || '%' ESCAPE '\\')
                    """)
            }
            let whereClause: SQL = conditions.isEmpty ? "" : "WHERE \(conditions.joined(separator: " AND "))"
            let rows = try SQLRequest<Row>(literal: """
                    SELECT h.*, r.id AS r_id, r.kind AS r_kind, r.organisation AS r_organisation,
                           r.organisation_key AS r_organisation_key, r.person_name AS r_person_name,
                           r.person_role AS r_person_role, r.industry AS r_industry,
                           r.municipality AS r_municipality, r.region AS r_region, r.created_at AS r_created_at,
                           (SELECT COUNT(DISTINCT e.question_id) FROM answer_event e
                             WHERE e.hearing_id = h.id AND e.kind IN ('answered', 'changed')) AS answered
                    FROM hearing h JOIN respondent r ON r.id = h.respondent_id
                    \(whereClause)
                    ORDER BY h.started_at DESC
                    """).fetchAll(db)
            return rows.compactMap { row -> HearingSummary? in
                guard let hearing = (try? HearingRecord(row: row))?.model else { return nil }
                let respondentRow: Row = [
                    "id": row["r_id"], "kind": row["r_kind"], "organisation": row["r_organisation"],
                    "organisation_key": row["r_organisation_key"], "person_name": row["r_person_name"],
                    "person_role": row["r_person_role"], "industry": row["r_industry"],
                    "municipality": row["r_municipality"], "region": row["r_region"], "created_at": row["r_created_at"],
                ]
                guard let respondent = (try? RespondentRecord(row: respondentRow))?.model else { return nil }
                return HearingSummary(
                    hearing: hearing, respondent: respondent, answered: row["answered"], review: ReviewStatus(rawValue: row["review"]) ?? .received)
            }
        }
    }

    public func setStatus(_ status: HearingStatus, of hearingID: UUID, at date: Date = Date()) throws(StoreError) {
        try write { db in
            let ended: Date? = status == .completed || status == .abandoned ? date : nil
            try db.execute(literal: "UPDATE hearing SET status = \(status.rawValue), ended_at = \(ended) WHERE id = \(id: hearingID)")
        }
    }

    // MARK: Answer events

    /// Appends an event, numbering it after the hearing's last; committed durably before returning.
    @discardableResult
    public func append(_ event: AnswerEvent) throws(StoreError) -> AnswerEvent {
        try write { db in try Self.append(event, in: db) }
    }

    /// Appends several events of one hearing in one transaction: all or none.
    @discardableResult
    public func append(_ events: [AnswerEvent]) throws(StoreError) -> [AnswerEvent] {
        try write { db in try events.map { try Self.append($0, in: db) } }
    }

    /// An answer replacing an earlier one is stored as `changed` with the earlier value, judged from
    /// the log in this transaction rather than from what the writing process remembered.
    package static func append(_ event: AnswerEvent, in db: Database) throws -> AnswerEvent {
        var event = event
        let last = try SQLRequest<Int>("SELECT MAX(sequence) FROM answer_event WHERE hearing_id = \(id: event.hearingID)").fetchOne(db)
        event.sequence = (last ?? 0) + 1
        var record = AnswerEventRecord(event)
        if event.kind == .answered || event.kind == .changed, let question = event.questionID {
            let earlier = try SQLRequest<Row>("""
                SELECT e.value_code, e.value_text FROM current_answer c JOIN answer_event e ON e.number = c.event
                WHERE c.hearing_id = \(id: event.hearingID) AND c.question_id = \(question) AND c.kind IN ('answered', 'changed')
                """).fetchOne(db)
            if let earlier {
                record.kind = AnswerEvent.Kind.changed.rawValue
                record.previousCode = earlier["value_code"]
                record.previousText = earlier["value_text"]
                event.kind = .changed
            }
        }
        try record.insert(db)
        return event
    }

    /// Every event of a hearing, in order, typed by the hearing's questionnaire.
    public func events(of hearingID: UUID, questionnaire: Questionnaire) throws(StoreError) -> [AnswerEvent] {
        let records = try read { db in
            try AnswerEventRecord.filter(AnswerEventRecord.Columns.hearingID == hearingID.storageKey)
                .order(AnswerEventRecord.Columns.sequence, AnswerEventRecord.Columns.id).fetchAll(db)
        }
        return records.compactMap { $0.model(in: questionnaire) }
    }

    package static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}

extension HearingStore {
    /// The reason code of the note that records why a hearing was abandoned.
    package static let abandonedReason = "abandoned"

    /// Ends a hearing without completing it: its answers stay in the log, it leaves every count,
    /// and why is kept as a note on the hearing (reason code `abandoned`), in one transaction.
    public func abandon(_ hearingID: UUID, reason: String, at date: Date = Date()) throws(StoreError) {
        try write { db in
            guard let hearing = try HearingRecord.find(hearingID, db) else { throw StoreError.unknownHearing(hearingID.storageKey) }
            guard hearing.status != HearingStatus.abandoned.rawValue else { return }
            var note = AnswerEvent(hearingID: hearingID, sequence: 0, questionID: nil, kind: .note, value: .text(reason), recordedAt: date)
            note.reason = Self.abandonedReason
            _ = try Self.append(note, in: db)
            try db.execute(literal: "UPDATE hearing SET status = 'abandoned', ended_at = \(date) WHERE id = \(id: hearingID)")
        }
    }

    /// Marks a hearing paused unless it already ended; used when the program is stopped by a signal.
    public func pauseIfInProgress(_ hearingID: UUID) throws(StoreError) {
        try write { db in
            try db.execute(literal: "UPDATE hearing SET status = 'paused' WHERE id = \(id: hearingID) AND status = 'in_progress'")
        }
    }
}
