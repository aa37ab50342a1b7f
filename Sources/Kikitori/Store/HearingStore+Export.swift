import Foundation
import GRDB

extension HearingStore {
    /// Why an export cannot be made as asked.
    public enum ExportProblem: Error, Equatable, Sendable {
        /// The wide table needs one questionnaire; these are in the database.
        case chooseQuestionnaire([String])
        /// Respondents' details are never public.
        case internalOnly(String)
        /// No hearing in the database used this questionnaire.
        case noHearings(String)
    }

    /// Streams one export into `writer`: header first, then a row at a time from SQLite cursors.
    /// Returns the questionnaire references that went into it, for the manifest.
    @discardableResult
    public func export(
        _ kind: ExportKind, options: ExportOptions, codebook: Codebook, writer: CSVWriter, progress: ((Int, Int) -> Void)? = nil
    ) throws -> [String] {
        let language = options.labels ?? .ja
        let filter = options.filter
        let isPublic = filter.audience == .public
        // Built only where used: for a large internal export they were a tenth of its memory.
        let pseudonyms = isPublic || kind == .respondents ? try makePseudonyms(language: language) : nil
        let (conditions, arguments) = filter.conditions
        let text = { (value: String?) -> String? in
            guard isPublic, let names = pseudonyms else { return value }
            return value.map(names.mask)
        }
        let respondentLabel = { (id: String, consent: ConsentLevel, organisation: String) -> String in
            isPublic ? pseudonyms?.label(respondent: id, consent: consent) ?? "" : organisation
        }
        switch kind {
        case .answers:
            var header = ["hearing_id", "questionnaire", "questionnaire_version", "respondent_kind", "respondent", "question_id"]
            if options.labels != nil { header.append("question_label") }
            header += ["status", "value_code"]
            if options.labels != nil { header.append("value_label") }
            header += ["value_text", "answered_at"]
            try writer.writeHeader(header)
            var references: Set<String> = []
            // Snapshots are loaded before the cursor opens: the store's methods are not reentrant.
            var snapshots: [String: (questionnaire: Questionnaire, questions: [String: Question], id: String, version: String)] = [:]
            for reference in try read({ db in try String.fetchAll(db, sql: "SELECT reference FROM questionnaire_snapshot") }) {
                let questionnaire = try snapshot(reference)
                let questions = Dictionary(questionnaire.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                snapshots[reference] = (questionnaire, questions, questionnaire.id, String(questionnaire.version))
            }
            // Counted only for a progress bar: the count is a second pass over the answers.
            let total = progress == nil ? 0 : try read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM current_answer c JOIN hearing h ON h.id = c.hearing_id WHERE \(conditions)", arguments: StatementArguments(arguments))
            } ?? 0
            try readPassingErrors { db in
                let cursor = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT h.id, h.questionnaire, r.kind, r.id, r.organisation, h.consent, c.question_id, c.kind,
                               e.value_code, e.value_text, e.recorded_at
                        FROM current_answer c JOIN answer_event e ON e.id = c.event_id
                        JOIN hearing h ON h.id = c.hearing_id JOIN respondent r ON r.id = h.respondent_id
                        WHERE \(conditions) ORDER BY h.started_at, h.id
                        """, arguments: StatementArguments(arguments))
                var done = 0
                while let row = try cursor.next() {
                    done += 1
                    if done % 10_000 == 0 { progress?(done, total) }
                    let reference: String = row[1]
                    references.insert(reference)
                    guard let (questionnaire, questions, id, version) = snapshots[reference] else { continue }
                    let questionID: String = row[6]
                    let question = questions[questionID]
                    let code: String? = row[8]
                    var fields: [String?] = [row[0], id, version, row[2]]
                    fields.append(respondentLabel(row[3], ConsentLevel(rawValue: row[5]) ?? .internalOnly, row[4]))
                    fields.append(questionID)
                    if let labels = options.labels { fields.append(question?.label.text(labels, fallback: questionnaire.defaultLanguage)) }
                    fields += [row[7], code]
                    if let labels = options.labels { fields.append(Self.valueLabel(code, question: question, in: questionnaire, language: labels)) }
                    fields += [text(row[9]), (row[10] as Date?).map(Self.timestamp)]
                    try writer.writeRow(fields)
                }
                progress?(done, total)
            }
            return references.sorted()

        case .hearings:
            return try exportWide(options: options, writer: writer, text: text, respondentLabel: respondentLabel)

        case .tags:
            try writer.writeHeader([
                "hearing_id", "question_id", "theme", "state", "source", "rule", "codebook", "matched", "answer_text",
            ])
            try readPassingErrors { db in
                let cursor = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT t.hearing_id, t.question_id, t.theme, t.state, t.source, t.rule_source, t.codebook, t.spans, e.value_text
                        FROM tag t JOIN current_answer c ON c.hearing_id = t.hearing_id AND c.question_id = t.question_id AND c.event_id = t.event_id JOIN answer_event e ON e.id = t.event_id
                        JOIN hearing h ON h.id = t.hearing_id WHERE \(conditions) ORDER BY h.started_at, t.hearing_id, t.question_id, t.theme
                        """, arguments: StatementArguments(arguments))
                while let row = try cursor.next() {
                    let answer: String? = row[8]
                    let matched = answer.map { original in
                        let bytes = Array(original.utf8)
                        return ThemeTag.decode(row[7]).filter { $0.upperBound <= bytes.count }
                            .map { String(decoding: bytes[$0], as: UTF8.self) }.joined(separator: " | ")
                    }
                    try writer.writeRow([row[0], row[1], row[2], row[3], row[4], row[5], row[6], text(matched), text(answer)])
                }
            }
            return []

        case .tagMatrix:
            let themes = codebook.themes.map(\.id)
            let key = options.unit == .hearing ? "t.hearing_id" : "t.event_id"
            try writer.writeHeader((options.unit == .hearing ? ["hearing_id"] : ["hearing_id", "question_id"]) + themes)
            try readPassingErrors { db in
                let cursor = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT \(key), t.hearing_id, t.question_id, group_concat(t.theme, ' ')
                        FROM tag t JOIN current_answer c ON c.hearing_id = t.hearing_id AND c.question_id = t.question_id AND c.event_id = t.event_id JOIN hearing h ON h.id = t.hearing_id
                        WHERE t.state != 'rejected' AND \(conditions) GROUP BY \(key) ORDER BY MIN(h.started_at), \(key)
                        """, arguments: StatementArguments(arguments))
                while let row = try cursor.next() {
                    let present = Set(((row[3] as String?) ?? "").split(separator: " ").map(String.init))
                    let flags = themes.map { present.contains($0) ? "1" : "0" }
                    try writer.writeRow((options.unit == .hearing ? [row[1]] : [row[1], row[2]]) + flags)
                }
            }
            return []

        case .themes:
            let table = try crossTab(themes: codebook.themes.map(\.id), filter: filter)
            var header = ["theme"]
            if options.labels != nil { header.append("theme_label") }
            for group in table.groups { header += ["\(group)_hearings", "\(group)_share"] }
            header += ["total_hearings", "total_share"]
            try writer.writeHeader(header)
            let small = { (count: Int) in isPublic && count > 0 && count < filter.smallCell }
            let share = { (count: Int, n: Int) -> String in n == 0 ? "" : String(format: "%.3f", Double(count) / Double(n)) }
            try writer.writeRow(["n"] + (options.labels != nil ? [""] : []) + table.groups.flatMap { [String(table.n[$0] ?? 0), ""] } + [String(table.total), ""])
            for theme in table.themes {
                var row: [String?] = [theme]
                if let labels = options.labels { row.append(codebook.theme(theme)?.label.text(labels) ?? theme) }
                for group in table.groups {
                    let count = table.count(theme, group)
                    row += small(count) ? ["<\(filter.smallCell)", ""] : [String(count), share(count, table.n[group] ?? 0)]
                }
                let total = table.total(theme)
                row += small(total) ? ["<\(filter.smallCell)", ""] : [String(total), share(total, table.total)]
                try writer.writeRow(row)
            }
            return []

        case .quotes:
            try writer.writeHeader(["theme", "theme_label", "respondent", "quote", "hearing_date"])
            for theme in codebook.themes {
                for quote in try quotes(theme: theme.id, filter: filter, limit: 20) {
                    let who = [Phrase.respondentKindOne(quote.kind).text(language), quote.industry, quote.region,
                               isPublic ? (quote.consent == .publicNamed ? quote.organisation : nil) : quote.organisation]
                        .compactMap { $0 }.joined(separator: language == .ja ? "・" : ", ")
                    try writer.writeRow([theme.id, theme.label.text(language), who, text(quote.text), Self.day(quote.date)])
                }
            }
            return []

        case .codebook:
            try Self.exportCodebook(codebook, writer: writer)
            return []

        case .respondents:
            guard !isPublic else { throw ExportProblem.internalOnly(kind.rawValue) }
            try writer.writeHeader([
                "respondent_id", "kind", "organisation", "person_name", "person_role", "industry", "municipality", "region",
                "pseudonym", "hearings",
            ])
            try readPassingErrors { db in
                let cursor = try Row.fetchCursor(db, sql: """
                    SELECT r.id, r.kind, r.organisation, r.person_name, r.person_role, r.industry, r.municipality, r.region,
                           (SELECT COUNT(*) FROM hearing h WHERE h.respondent_id = r.id)
                    FROM respondent r ORDER BY r.created_at, r.id
                    """)
                while let row = try cursor.next() {
                    let id: String = row[0]
                    let count: Int = row[8]
                    try writer.writeRow([id, row[1], row[2], row[3], row[4], row[5], row[6], row[7], pseudonyms?.entries[id]?.pseudonym, String(count)])
                }
            }
            return []
        }
    }

    /// Pseudonyms for every respondent, in registration order; names hidden unless every hearing is public_named.
    func makePseudonyms(language: Language) throws(StoreError) -> Pseudonyms {
        let rows = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.id, r.kind, r.organisation, r.person_name,
                       EXISTS (SELECT 1 FROM hearing h WHERE h.respondent_id = r.id AND h.consent != 'public_named')
                FROM respondent r ORDER BY r.created_at, r.id
                """)
        }
        return Pseudonyms(
            rows: rows.map { row in
                (row[0], RespondentKind(rawValue: row[1]) ?? .other, row[2], row[3], row[4])
            }, links: try links(), language: language)
    }

    static func valueLabel(_ code: String?, question: Question?, in questionnaire: Questionnaire, language: Language) -> String? {
        guard let code, let question else { return nil }
        switch question.type {
        case .yesNo: return code == "yes" ? Phrase.yes.text(language) : (code == "no" ? Phrase.no.text(language) : code)
        case .selectOne, .selectMultiple:
            let choices = questionnaire.choices(for: question) ?? []
            return code.split(separator: " ").map { value in
                value == AnswerValue.otherCode && !choices.contains { $0.value == "other" }
                    ? ShellPhrase.other.text(language)
                    : choices.first { $0.value == value }?.label.text(language, fallback: questionnaire.defaultLanguage) ?? String(value)
            }.joined(separator: language == .ja ? "、" : "; ")
        default: return code
        }
    }

    /// Japan time, ISO 8601 (`2022-07-01T21:34:56+09:00`), as exports print every timestamp.
    ///
    /// Computed with integer arithmetic rather than `ISO8601DateFormatter`: Japan has kept UTC+9
    /// without daylight saving since 1951, and the formatter (ICU behind a lock) was a tenth of an
    /// export's time.
    static func timestamp(_ date: Date) -> String {
        // Japan kept summer time from 1948 to 1951; older dates go through the formatter.
        if date.timeIntervalSince1970 < -568_112_400 { return fallbackLock.withLock { fallbackFormatter.string(from: date) } }
        let seconds = Int((date.timeIntervalSince1970 + 9 * 3600).rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let time = "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
        return "\(year)-\(two(month))-\(two(day))T\(time)+09:00"
    }

    nonisolated(unsafe) private static let fallbackFormatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Tokyo")
        return formatter
    }()
    private static let fallbackLock = NSLock()

    static func day(_ date: Date) -> String {
        String(timestamp(date).prefix(10))
    }
}

extension HearingStore {
    /// One row per hearing of one questionnaire, every version in one table: a code and a label
    /// column per question, select_multiple split into 0/1 columns plus a joined column. A question
    /// or choice a version lacks is empty there; no column moves because versions differ.
    fileprivate func exportWide(
        options: ExportOptions, writer: CSVWriter, text: (String?) -> String?,
        respondentLabel: (String, ConsentLevel, String) -> String
    ) throws -> [String] {
        let filter = options.filter
        let available = try read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT reference FROM questionnaire_snapshot ORDER BY reference")
        }
        let ids = Array(Set(available.map { String($0.split(separator: "@")[0]) })).sorted()
        let id = filter.questionnaire.map { String($0.split(separator: "@")[0]) } ?? (ids.count == 1 ? ids[0] : nil)
        guard let id else { throw ExportProblem.chooseQuestionnaire(ids) }
        let references = available.filter { $0.hasPrefix(id + "@") }
            .sorted { (Int($0.split(separator: "@").last ?? "") ?? 0) < (Int($1.split(separator: "@").last ?? "") ?? 0) }
        let versions = try references.map { try snapshot($0) }
        guard !versions.isEmpty else { throw ExportProblem.noHearings(id) }
        let columns = HearingsLayout.columns(versions: versions, labels: options.labels != nil)
        try writer.writeHeader(HearingsLayout.metadata + columns.map(\.name))

        var conditions = filter
        conditions.questionnaire = id
        let (sql, arguments) = conditions.conditions
        let byReference = Dictionary(uniqueKeysWithValues: zip(references, versions))
        try readPassingErrors { db in
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT h.id, h.questionnaire, r.kind, r.id, r.organisation, r.industry, r.region, h.interviewer,
                           h.started_at, h.ended_at, h.status, h.consent, c.question_id, c.kind, e.value_code, e.value_text
                    FROM hearing h JOIN respondent r ON r.id = h.respondent_id
                    LEFT JOIN current_answer c ON c.hearing_id = h.id
                    LEFT JOIN answer_event e ON e.id = c.event_id
                    WHERE \(sql) ORDER BY h.started_at, h.id
                    """, arguments: StatementArguments(arguments))
            var current: [String?]?
            var answers: [String: (kind: String, code: String?, text: String?)] = [:]
            var version: Questionnaire?
            func emit() throws {
                guard let meta = current, let version else { return }
                var row = meta
                for (_, column) in columns {
                    switch column {
                    case .value(let question):
                        guard let question = version.question(question) else { row.append(nil); continue }
                        guard let answer = answers[question.id] else { row.append(nil); continue }
                        if answer.kind == "dont_know" || answer.kind == "refused" || answer.kind == "skipped" {
                            row.append(answer.kind)
                        } else if question.type == .text {
                            row.append(text(answer.text))
                        } else {
                            row.append(answer.code)
                        }
                    case .label(let question):
                        let asked = version.question(question)
                        row.append(answers[question].flatMap { answer in
                            options.labels.flatMap { Self.valueLabel(answer.code, question: asked, in: version, language: $0) }
                        })
                    case .other(let question):
                        let answer = answers[question]
                        row.append(answer?.code?.split(separator: " ").contains(Substring(AnswerValue.otherCode)) == true ? text(answer?.text) : nil)
                    case .choice(let question, let value):
                        guard let asked = version.question(question),
                            version.choices(for: asked)?.contains(where: { $0.value == value }) == true
                        else { row.append(nil); continue }
                        guard let answer = answers[question], answer.kind == "answered" || answer.kind == "changed" else {
                            row.append(nil)
                            continue
                        }
                        row.append(answer.code?.split(separator: " ").contains(Substring(value)) == true ? "1" : "0")
                    }
                }
                try writer.writeRow(row)
            }
            var hearing: String?
            while let entry = try cursor.next() {
                let id: String = entry[0]
                if id != hearing {
                    try emit()
                    hearing = id
                    answers = [:]
                    let reference: String = entry[1]
                    version = byReference[reference]
                    let consent = ConsentLevel(rawValue: entry[11]) ?? .internalOnly
                    current = [
                        id, String(reference.split(separator: "@").last ?? ""), entry[2], respondentLabel(entry[3], consent, entry[4]),
                        entry[5], entry[6], entry[7], (entry[8] as Date?).map(Self.timestamp), (entry[9] as Date?).map(Self.timestamp),
                        entry[10], entry[11],
                    ]
                }
                if let question = entry[12] as String? { answers[question] = (entry[13], entry[14], entry[15]) }
            }
            try emit()
        }
        return references
    }
}

extension HearingStore {
    /// The codebook as CSV: one row per rule. Needs no database.
    public static func exportCodebook(_ codebook: Codebook, writer: CSVWriter) throws {
        try writer.writeHeader(["theme", "label_ja", "label_en", "group", "colour", "rule_number", "rule"])
        for theme in codebook.themes {
            for (index, rule) in theme.rules.enumerated() {
                try writer.writeRow([theme.id, theme.label[.ja], theme.label[.en], theme.group, theme.colour, String(index + 1), rule])
            }
        }
    }
}
