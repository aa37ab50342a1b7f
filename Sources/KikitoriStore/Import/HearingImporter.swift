import KikitoriCore
import Crypto
import Foundation

/// Turns a `hearings`-layout CSV (what `export hearings` writes, or a paper form typed into Excel)
/// into hearings, checking every row with the interview engine — types, constraints, skip logic,
/// required questions — before anything is written.
public struct HearingImporter: Sendable {
    /// The questionnaire's versions by number, as files in the questionnaires folder.
    public let versions: [Int: Questionnaire]
    /// Every row must be this version (`--questionnaire id@N`); nil lets each row's
    /// `questionnaire_version` choose, as in an export of several versions.
    public let fixedVersion: Int?
    /// Hearing ids already in the database: such rows are refused, never overwritten.
    public let existingHearings: Set<String>
    /// Fingerprints of rows imported before (→ their hearing): such rows are skipped and reported.
    public let importedRows: [String: String]
    /// Import a row again even when the same contents were imported before.
    public let allowDuplicates: Bool
    public let now: Date
    /// Repeat-group instances from a long `repeats` file, joined to the rows by hearing id.
    package var repeats: LongRepeats?

    public init(
        versions: [Int: Questionnaire], fixedVersion: Int?, existingHearings: Set<String>, importedRows: [String: String] = [:],
        allowDuplicates: Bool = false, now: Date = Date()
    ) {
        self.versions = versions
        self.fixedVersion = fixedVersion
        self.existingHearings = existingHearings
        self.importedRows = importedRows
        self.allowDuplicates = allowDuplicates
        self.now = now
    }

    public struct Result: Sendable {
        public var sets: [HearingStore.HearingRecordSet]
        public var encoding: ImportText.Encoding
        public var answers: Int
        /// Rows whose contents were imported before (or earlier in this file): line → that hearing's id
        /// (empty for a row repeated within the file).
        public var skipped: [(line: Int, hearing: String)] = []
    }

    /// The fingerprint of a row's contents: questionnaire and every cell but `hearing_id` (paper notes
    /// have none, and an export has a different one each time it is made), header order ignored.
    /// `extra`: the row's cells from a long `repeats` file, under their wide names.
    package static func fingerprint(
        _ record: CSVReader.Record, header: CSVReader.Record, questionnaire: String, extra: [String: String] = [:]
    ) -> String {
        var cells: [(String, String)] = []
        var given: Set<String> = []
        for (name, value) in zip(header.fields, record.fields) where name != "hearing_id" {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty {
                cells.append((name, trimmed))
                given.insert(name)
            }
        }
        for (name, value) in extra where !given.contains(name) { cells.append((name, value)) }
        let canonical = ([questionnaire] + cells.sorted { $0.0 < $1.0 }.map { $0.0 + "=" + $0.1 }).joined(separator: "\u{1F}")
        return SHA256.hash(data: Data(canonical.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    package static let requiredColumns = ["respondent_kind", "respondent", "consent"]
    /// Problems listed before giving up: enough to fix a file in one pass, short enough to read.
    public static let problemLimit = 50

    /// Reads the long `repeats` file that goes with the `hearings` file to be read, checking it
    /// first: its problems are its own file's.
    public mutating func readRepeats(_ bytes: [UInt8], path: String) throws(ImportFailure) {
        repeats = try LongRepeats.read(bytes, path: path, versions: versions)
        repeatsPath = path
    }

    private var repeatsPath = ""

    /// Reads and checks the whole file. Throws ``ImportFailure`` listing every problem found.
    public func read(_ bytes: [UInt8], path: String, progress: ((Int, Int) -> Void)? = nil) throws(ImportFailure) -> Result {
        let (records, encoding) = try ImportText.records(bytes, path: path)
        guard let header = records.first else { throw ImportFailure(path: path, problems: [ImportProblem(line: 1, reason: .empty)]) }

        let (headerProblems, more) = checkHeader(header)
        guard headerProblems.isEmpty else { throw ImportFailure(path: path, problems: headerProblems, more: more) }
        var problems: [ImportProblem] = []
        var index: [String: Int] = [:]
        for (position, name) in header.fields.enumerated() { index[name] = position }

        if let repeats {
            guard let column = index["hearing_id"] else {
                throw ImportFailure(path: path, problems: [ImportProblem(line: header.line, column: "hearing_id", reason: .missingColumn)])
            }
            // Every hearing of the long file must join a row: instances of no hearing are a mistake,
            // reported before the rows (which would only miss them).
            let ids = Set(records.dropFirst().compactMap { $0.fields.indices.contains(column) ? $0.fields[column].trimmingCharacters(in: .whitespaces).lowercased() : nil })
            let unmatched = repeats.lines.filter { !ids.contains($0.key) }.sorted { $0.value < $1.value }
            if !unmatched.isEmpty {
                let listed = unmatched.prefix(Self.problemLimit).map { ImportProblem(line: $0.value, column: "hearing_id", value: $0.key, reason: .unmatchedHearing) }
                throw ImportFailure(path: repeatsPath, problems: Array(listed), more: unmatched.count - listed.count)
            }
        }
        var sets: [HearingStore.HearingRecordSet] = []
        var respondents: [String: Respondent] = [:]
        var seenIDs: [String: Int] = [:]
        var answers = 0
        var skipped: [(line: Int, hearing: String)] = []
        var fingerprints: Set<String> = []
        let questionnaireID = versions.values.first?.id ?? ""
        var stopped = false
        for (done, record) in records.dropFirst().enumerated() {
            guard problems.count < Self.problemLimit else {
                stopped = true
                break
            }
            if done % 1000 == 0 { progress?(done, records.count - 1) }
            guard record.fields.count == header.fields.count else {
                problems.append(ImportProblem(line: record.line, reason: .ragged(fields: record.fields.count, expected: header.fields.count)))
                continue
            }
            let id = index["hearing_id"].map { record.fields[$0].trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            let extra = id.isEmpty ? [:] : repeats?.cells[id] ?? [:]
            let fingerprint = Self.fingerprint(record, header: header, questionnaire: questionnaireID, extra: extra)
            if !allowDuplicates {
                // A row imported before is skipped; with a hearing id, only when it is that very
                // hearing (a different row claiming an existing id is refused below).
                if let hearing = importedRows[fingerprint], id.isEmpty || id == hearing {
                    skipped.append((record.line, hearing))
                    continue
                }
                if !fingerprints.insert(fingerprint).inserted {
                    skipped.append((record.line, ""))
                    continue
                }
            }
            let row = Row(record: record, index: index, extra: extra)
            var rowProblems: [ImportProblem] = []
            for (name, value) in extra.sorted(by: { $0.key < $1.key }) {
                if let wide = row.ownValue(name), wide != value {
                    rowProblems.append(ImportProblem(line: record.line, column: name, value: wide, reason: .repeatsDisagree(value)))
                }
            }
            guard let set = hearing(from: row, respondents: &respondents, seenIDs: &seenIDs, problems: &rowProblems), rowProblems.isEmpty else {
                problems += rowProblems
                continue
            }
            answers += set.events.count
            var imported = set
            imported.importFingerprint = fingerprint
            sets.append(imported)
        }
        guard problems.isEmpty else {
            let listed = Array(problems.prefix(Self.problemLimit))
            throw ImportFailure(path: path, problems: listed, more: stopped ? nil : problems.count - listed.count)
        }
        return Result(sets: sets, encoding: encoding, answers: answers, skipped: skipped)
    }

    // MARK: Header

    private var knownColumns: Set<String> {
        let versions = versions.keys.sorted().compactMap { self.versions[$0] }
        // Any instance a group can have: a file from another database may hold more than this one.
        var instances: [String: Int] = [:]
        for group in versions.flatMap(\.repeatGroups) { for question in group.questions { instances[question] = RepeatGroup.maximumInstances } }
        return Set(HearingsLayout.metadata + HearingsLayout.columns(versions: versions, labels: true, instances: instances).map(\.name))
    }

    /// The header's problems, the first ``problemLimit`` of them in full, and how many more there are
    /// (counted without working out suggestions: a million unknown columns cost seconds, not minutes).
    private func checkHeader(_ header: CSVReader.Record) -> (problems: [ImportProblem], more: Int) {
        var (problems, more) = Self.checkHeader(header, known: knownColumns, required: Self.requiredColumns)
        if fixedVersion == nil, versions.count > 1, !header.fields.contains("questionnaire_version") {
            problems.append(ImportProblem(line: header.line, column: "questionnaire_version", reason: .missingColumn))
        }
        return (problems, more)
    }

    /// Duplicate and unknown columns (with the nearest known name) and missing required ones: the
    /// check every CSV import makes of its header.
    package static func checkHeader(_ header: CSVReader.Record, known: Set<String>, required: [String]) -> (problems: [ImportProblem], more: Int) {
        var problems: [ImportProblem] = []
        var more = 0
        let sortedKnown = known.sorted()
        var seen: Set<String> = []
        for name in header.fields {
            let duplicate = !seen.insert(name).inserted
            guard duplicate || !known.contains(name) else { continue }
            guard problems.count < problemLimit else {
                more += 1
                continue
            }
            problems.append(ImportProblem(
                line: header.line, column: name,
                reason: duplicate ? .duplicateColumn : .unknownColumn(suggestion: YAMLReader.suggestion(for: name, among: sortedKnown))))
        }
        for name in required where !seen.contains(name) {
            problems.append(ImportProblem(line: header.line, column: name, reason: .missingColumn))
        }
        return (problems, more)
    }

    // MARK: Rows

    private struct Row {
        let record: CSVReader.Record
        let index: [String: Int]
        /// This hearing's instance cells from a long `repeats` file, under their wide names.
        var extra: [String: String] = [:]

        /// The trimmed cell (or the long file's), nil when the column is absent or the cell empty.
        func value(_ column: String) -> String? {
            ownValue(column) ?? extra[column]
        }

        /// The trimmed cell of this file alone.
        func ownValue(_ column: String) -> String? { record.cell(index[column]) }
    }

    private func hearing(
        from row: Row, respondents: inout [String: Respondent], seenIDs: inout [String: Int], problems: inout [ImportProblem]
    ) -> HearingStore.HearingRecordSet? {
        let line = row.record.line
        func problem(_ column: String?, _ reason: ImportProblem.Reason) {
            problems.append(ImportProblem(line: line, column: column, value: column.flatMap(row.value), reason: reason))
        }
        func parse<T: RawRepresentable>(_ column: String, _ type: T.Type, default fallback: T? = nil) -> T?
        where T.RawValue == String, T: CaseIterable {
            guard let value = row.value(column) else {
                if fallback == nil { problem(column, .required) }
                return fallback
            }
            guard let parsed = T(rawValue: value) else {
                problem(column, .invalid(allowed: T.allCases.map(\.rawValue)))
                return nil
            }
            return parsed
        }

        var id = UUID()
        if let text = row.value("hearing_id") {
            if let parsed = UUID(uuidString: text) {
                id = parsed
                let key = parsed.uuidString.lowercased()
                if let first = seenIDs[key] { problem("hearing_id", .duplicateID(firstLine: first)) }
                if existingHearings.contains(key) { problem("hearing_id", .alreadyInDatabase) }
                seenIDs[key] = line
            } else {
                problem("hearing_id", .badID)
            }
        }
        var previous: UUID?
        if let text = row.value("previous_hearing_id") {
            let key = text.lowercased()
            if let parsed = UUID(uuidString: text), existingHearings.contains(key) || seenIDs[key] != nil, key != id.uuidString.lowercased() {
                previous = parsed
            } else {
                problem("previous_hearing_id", UUID(uuidString: text) == nil ? .badID : .unknownPreviousHearing)
            }
        }
        let version: Int?
        if let text = row.value("questionnaire_version") {
            if let fixedVersion, Int(text) != fixedVersion {
                problem("questionnaire_version", .wrongVersion(expected: fixedVersion))
                version = nil
            } else if let number = Int(text), versions[number] != nil {
                version = number
            } else {
                problem("questionnaire_version", .unknownVersion(known: versions.keys.sorted()))
                version = nil
            }
        } else {
            version = fixedVersion ?? versions.keys.max()
        }
        let kind = parse("respondent_kind", RespondentKind.self)
        let consent = parse("consent", ConsentLevel.self)
        var status = parse("status", HearingStatus.self, default: .completed)
        // A hearing read from paper is not running anywhere.
        if status == .inProgress { status = .paused }
        let organisation = row.value("respondent")
        if organisation == nil { problem("respondent", .required) }
        let startedAt = time(row, "started_at", problem: problem) ?? now
        let endedAt = time(row, "ended_at", problem: problem)
        guard let version, let questionnaire = versions[version], let kind, let consent, let status, let organisation else { return nil }
        guard questionnaire.audience.contains(kind) else {
            problem("respondent_kind", .outsideAudience(allowed: questionnaire.audience.map(\.rawValue)))
            return nil
        }

        let events = answers(row, questionnaire: questionnaire, hearingID: id, status: status, problem: problem)
        guard problems.isEmpty else { return nil }

        let respondentKey = kind.rawValue + "\u{1F}" + OrganisationKey.make(organisation)
        let isNew = respondents[respondentKey] == nil
        let region = row.value("respondent_region")
        let respondent = respondents[respondentKey] ?? Respondent(
            kind: kind, organisation: organisation, industry: row.value("respondent_industry"),
            region: region.map { Hokkaido.subprefecture(named: $0)?.name ?? $0 }, createdAt: now)
        respondents[respondentKey] = respondent
        let hearing = Hearing(
            id: id, respondentID: respondent.id, questionnaire: questionnaire.reference,
            interviewer: row.value("interviewer") ?? "import", startedAt: startedAt,
            endedAt: endedAt ?? (status == .completed || status == .abandoned ? startedAt : nil), status: status, consent: consent,
            language: questionnaire.defaultLanguage, previousHearingID: previous)
        return HearingStore.HearingRecordSet(respondent: respondent, isNewRespondent: isNew, hearing: hearing, events: events)
    }

    /// Each answerable question in order: skip logic decides which may be answered, the engine
    /// parses and checks each value, and a completed hearing must have every required answer.
    private func answers(
        _ row: Row, questionnaire: Questionnaire, hearingID: UUID, status: HearingStatus,
        problem: (String?, ImportProblem.Reason) -> Void
    ) -> [AnswerEvent] {
        var engine = InterviewEngine(questionnaire: questionnaire)
        var events: [AnswerEvent] = []
        var refused: Set<String> = []
        // The engine's questions as they stand: a repeat group unrolls into its instances
        // (`format[3]`) once what it repeats over has been read from the row.
        var index = 0
        while index < engine.unrolledQuestions.count {
            let question = engine.unrolledQuestions[index]
            index += 1
            guard question.type.isAnswerable,
                let input = anotherInstance(question, in: row, questionnaire: questionnaire)
                    ?? input(for: question, in: row, questionnaire: questionnaire, problem: problem)
            else { continue }
            guard engine.isRelevant(question) else {
                problem(question.id, .notAsked)
                refused.insert(question.id)
                continue
            }
            let state: AnswerState
            do {
                switch input {
                case "dont_know": state = .dontKnow
                case "refused": state = .refused
                case "skipped": state = .skipped
                default: state = try engine.evaluate(input, for: question)
                }
                try engine.check(state, for: question)
            } catch {
                problem(question.id, .answer(error))
                refused.insert(question.id)
                continue
            }
            engine.record(state, for: question.id)
            var event = AnswerEvent.recording(state, previous: nil, hearing: hearingID, question: question.id)
            event.sequence = events.count + 1
            event.recordedAt = now
            events.append(event)
            // A calculation's column is not read: the engine works it out again from the answers.
            for var calculated in engine.recalculate(hearing: hearingID) {
                calculated.sequence = events.count + 1
                calculated.recordedAt = now
                events.append(calculated)
            }
        }
        if status == .completed {
            // A question whose value was refused above is not reported a second time as missing.
            let missing = engine.missingRequired.map(\.id).filter { !refused.contains($0) }
            if !missing.isEmpty { problem(nil, .incomplete(missing)) }
        }
        return events
    }

    /// An open-ended group's "another?" has no column: it was answered yes when the row holds
    /// anything for the next instance, no when it holds this instance and nothing after it, and
    /// not at all when the row holds nothing of the group.
    private func anotherInstance(_ question: Question, in row: Row, questionnaire: Questionnaire) -> String? {
        guard let instance = question.instance, question.id == Questionnaire.instanceID(instance.group, instance.index),
            let group = questionnaire.repeatGroup(instance.group)
        else { return nil }
        func holds(_ index: Int) -> Bool {
            group.questions.compactMap(questionnaire.question).contains { member in
                var copy = member
                copy.id = Questionnaire.instanceID(member.id, index)
                return input(for: copy, in: row, questionnaire: questionnaire, problem: { _, _ in }) != nil
            }
        }
        if holds(instance.index + 1) { return "yes" }
        return holds(instance.index) ? "no" : nil
    }

    /// What an interviewer would have typed: the code column, or the 0/1 choice columns, with
    /// "other" text from `<q>_other`.
    private func input(
        for question: Question, in row: Row, questionnaire: Questionnaire, problem: (String?, ImportProblem.Reason) -> Void
    ) -> String? {
        var code = row.value(question.id)
        if case .selectMultiple = question.type {
            let choices = questionnaire.choices(for: question) ?? []
            let cells = choices.map { (value: $0.value, cell: row.value("\(question.id)__\($0.value)")) }
            let marked = cells.filter { $0.cell == "1" }.map(\.value)
            let columnsUsed = cells.contains { $0.cell != nil }
            if code == nil, !marked.isEmpty {
                code = marked.joined(separator: " ")
            } else if let given = code, columnsUsed, !["dont_know", "refused", "skipped"].contains(given) {
                let listed = Set(given.split(separator: " ").map(String.init)).subtracting([AnswerValue.otherCode])
                if listed != Set(marked) { problem(question.id, .choiceColumnsDisagree(marked.joined(separator: " "))) }
            }
        }
        let other = row.value(question.id + "_other")
        guard var code else {
            return other.map { "\(AnswerValue.otherCode): \($0)" }
        }
        if let other, code.split(separator: " ").contains(Substring(AnswerValue.otherCode)) {
            let rest = code.split(separator: " ").filter { $0 != AnswerValue.otherCode }.joined(separator: " ")
            code = (rest.isEmpty ? "" : rest + " ") + "\(AnswerValue.otherCode): \(other)"
        }
        return code
    }

    /// Made once, not per cell: a `DateFormatter` costs more to make than to use. The lock is for
    /// importers on several threads; the formatters are not thread-safe.
    nonisolated(unsafe) private static let isoFormatter = ISO8601DateFormatter()
    private static let localFormatters: [DateFormatter] =
        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd", "yyyy/MM/dd HH:mm", "yyyy/MM/dd"].map { format in
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "Asia/Tokyo")
            formatter.dateFormat = format
            return formatter
        }
    private static let formatterLock = NSLock()

    /// ISO 8601 as exports write it, or a plain date and time read as Japan time.
    private func time(_ row: Row, _ column: String, problem: (String?, ImportProblem.Reason) -> Void) -> Date? {
        guard let text = row.value(column) else { return nil }
        let date = Self.formatterLock.withLock {
            Self.isoFormatter.date(from: text) ?? Self.localFormatters.lazy.compactMap { $0.date(from: text) }.first
        }
        if let date { return date }
        problem(column, .badTime)
        return nil
    }
}
