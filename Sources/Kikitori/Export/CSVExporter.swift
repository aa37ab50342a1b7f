import KikitoriCore
import KikitoriStore
import Foundation

/// Writes the CSV appendices. What each cell may show is its ``Publication``'s decision: names,
/// masked text and suppressed counts come from there, never straight from the store.
public struct CSVExporter {
    /// Why an export cannot be made as asked.
    public enum Problem: Error, Equatable, Sendable {
        /// The wide table needs one questionnaire; these are in the database.
        case chooseQuestionnaire([String])
        /// Respondents' details are never public.
        case internalOnly(String)
        /// No hearing in the database used this questionnaire.
        case noHearings(String)
    }

    public let store: HearingStore
    public let publication: Publication

    public init(store: HearingStore, publication: Publication) {
        self.store = store
        self.publication = publication
    }

    /// Streams one export into `writer`: header first, then a row at a time from SQLite cursors.
    /// Every cell of a public export is checked for hidden names before it is written.
    /// Returns the questionnaire references that went into it, for the manifest.
    @discardableResult
    public func export(
        _ kind: ExportKind, options: ExportOptions, codebook: Codebook, writer: CSVWriter, progress: ((Int, Int) -> Void)? = nil
    ) throws -> [String] {
        let language = options.labels ?? .ja
        let filter = options.filter
        let isPublic = publication.isPublic
        let output = kind.rawValue
        let check = CellCheck(publication: publication, output: kind.rawValue)
        let write = { (fields: [String?]) throws in
            try check.check(fields)
            try writer.writeRow(fields)
        }
        let text = { (value: String?) in check.masked(value) }
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
            for reference in try store.snapshotReferences() {
                let questionnaire = try store.snapshot(reference)
                let questions = Dictionary(questionnaire.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                snapshots[reference] = (questionnaire, questions, questionnaire.id, String(questionnaire.version))
            }
            // Counted only for a progress bar: the count is a second pass over the answers.
            let total = progress == nil ? 0 : try store.countCurrentAnswers(filter: filter)
            var done = 0
            try store.forEachCurrentAnswer(filter: filter) { row in
                done += 1
                if done % 10_000 == 0 { progress?(done, total) }
                references.insert(row.questionnaire)
                guard let (questionnaire, questions, id, version) = snapshots[row.questionnaire] else { return }
                let question = questions[row.questionID]
                var fields: [String?] = [row.hearingID, id, version, row.respondentKind]
                fields.append(publication.respondent(row.respondentID, organisation: row.organisation))
                fields.append(row.questionID)
                if let labels = options.labels { fields.append(question?.label.text(labels, fallback: questionnaire.defaultLanguage)) }
                fields += [row.kind, row.code]
                if let labels = options.labels { fields.append(Self.valueLabel(row.code, question: question, in: questionnaire, language: labels)) }
                fields += [text(row.text), row.recordedAt.map(JapanTime.timestamp)]
                try write(fields)
            }
            progress?(done, total)
            return references.sorted()

        case .hearings:
            return try exportWide(options: options, writer: writer, text: text, write: write)

        case .tags:
            try writer.writeHeader([
                "hearing_id", "question_id", "theme", "state", "source", "rule", "codebook", "matched", "answer_text",
            ])
            try store.forEachTag(filter: filter) { row in
                // Matched words are cut from the text as shown, so a name inside one is masked too.
                let shown = row.answer.map { publication.text($0, spans: row.spans) }
                let matched = shown.map { shown in
                    let bytes = Array(shown.text.utf8)
                    return shown.spans.filter { $0.upperBound <= bytes.count }
                        .map { String(decoding: bytes[$0], as: UTF8.self) }.joined(separator: " | ")
                }
                check.wasMasked(shown?.text)
                try write([row.hearingID, row.questionID, row.theme, row.state, row.source, row.rule, row.codebook, matched, shown?.text])
            }
            return []

        case .tagMatrix:
            let themes = codebook.themes.map(\.id)
            let perHearing = options.unit == .hearing
            try writer.writeHeader((perHearing ? ["hearing_id"] : ["hearing_id", "question_id"]) + themes)
            try store.forEachThemeSet(filter: filter, perHearing: perHearing) { hearing, question, present in
                let flags = themes.map { present.contains($0) ? "1" : "0" }
                try writer.writeRow((perHearing ? [hearing] : [hearing, question]) + flags)
            }
            return []

        case .themes:
            let table = publication.crossTab(try store.crossTab(themes: codebook.themes.map(\.id), filter: filter))
            var header = ["theme"]
            if options.labels != nil { header.append("theme_label") }
            let groupName = { (group: String) in group == ThemeCrossTab.otherGroup ? "other_small_groups" : group }
            for group in table.groups { header += ["\(groupName(group))_hearings", "\(groupName(group))_share"] }
            header += ["total_hearings", "total_share"]
            try writer.writeHeader(header)
            let share = { (count: Int, n: Int) -> String in n == 0 ? "" : String(format: "%.3f", Double(count) / Double(n)) }
            let cell = { (theme: String, group: String?, count: Int, n: Int) -> [String?] in
                if table.isHidden(theme, group) { return [count > 0 && count < filter.smallCell ? "<\(filter.smallCell)" : "x", ""] }
                return [String(count), share(count, n)]
            }
            try writer.writeRow(["n"] + (options.labels != nil ? [""] : []) + table.groups.flatMap { [String(table.n[$0] ?? 0), ""] } + [String(table.total), ""])
            for theme in table.themes {
                var row: [String?] = [theme]
                if let labels = options.labels { row.append(codebook.theme(theme)?.label.text(labels) ?? theme) }
                for group in table.groups { row += cell(theme, group, table.count(theme, group), table.n[group] ?? 0) }
                row += cell(theme, nil, table.total(theme), table.total)
                try write(row)
            }
            return []

        case .quotes:
            try writer.writeHeader(["theme", "theme_label", "respondent", "quote", "hearing_date"])
            for theme in codebook.themes {
                for found in try store.quotes(theme: theme.id, filter: filter, limit: 20) {
                    let quote = publication.quote(found)
                    check.wasMasked(quote.text)
                    let who = [Phrase.respondentKindOne(quote.kind).text(language), quote.industry, quote.region, quote.organisation]
                        .compactMap { $0 }.joined(separator: Catalogue.listSeparator(language))
                    try write([theme.id, theme.label.text(language), who, quote.text, JapanTime.day(quote.date)])
                }
            }
            return []

        case .codebook:
            try Self.exportCodebook(codebook, writer: writer)
            return []

        case .respondents:
            guard !isPublic else { throw Problem.internalOnly(kind.rawValue) }
            try writer.writeHeader([
                "respondent_id", "kind", "organisation", "person_name", "person_role", "industry", "municipality", "region",
                "pseudonym", "hearings",
            ])
            let identities = publication.identities
            try store.forEachRespondent { respondent, hearings in
                let id = respondent.id.uuidString.lowercased()
                try writer.writeRow([
                    id, respondent.kind.rawValue, respondent.organisation, respondent.personName, respondent.personRole, respondent.industry,
                    respondent.municipality, respondent.region, identities.entries[id]?.pseudonym, String(hearings),
                ])
            }
            return []
        }
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
            }.joined(separator: Catalogue.choiceSeparator(language))
        default: return code
        }
    }
}

extension CSVExporter {
    /// One row per hearing of one questionnaire, every version in one table: a code and a label
    /// column per question, select_multiple split into 0/1 columns plus a joined column. A question
    /// or choice a version lacks is empty there; no column moves because versions differ.
    fileprivate func exportWide(
        options: ExportOptions, writer: CSVWriter, text: (String?) -> String?, write: ([String?]) throws -> Void
    ) throws -> [String] {
        let filter = options.filter
        let available = try store.snapshotReferences()
        let ids = Array(Set(available.map { String($0.split(separator: "@")[0]) })).sorted()
        let id = filter.questionnaire.map { String($0.split(separator: "@")[0]) } ?? (ids.count == 1 ? ids[0] : nil)
        guard let id else { throw Problem.chooseQuestionnaire(ids) }
        let references = available.filter { $0.hasPrefix(id + "@") }
            .sorted { (Int($0.split(separator: "@").last ?? "") ?? 0) < (Int($1.split(separator: "@").last ?? "") ?? 0) }
        let versions = try references.map { try store.snapshot($0) }
        guard !versions.isEmpty else { throw Problem.noHearings(id) }
        let columns = HearingsLayout.columns(versions: versions, labels: options.labels != nil)
        try writer.writeHeader(HearingsLayout.metadata + columns.map(\.name))

        var conditions = filter
        conditions.questionnaire = id
        let byReference = Dictionary(uniqueKeysWithValues: zip(references, versions))
        try store.forEachHearingWithAnswers(filter: conditions) { hearing, answers in
            guard let version = byReference[hearing.questionnaire] else { return }
            let attribution = publication.attribution(
                respondent: hearing.respondentID, kind: hearing.respondentKind, industry: hearing.industry, region: hearing.region)
            var row: [String?] = [
                hearing.hearingID, String(hearing.questionnaire.split(separator: "@").last ?? ""), hearing.respondentKind,
                publication.respondent(hearing.respondentID, organisation: hearing.organisation), attribution.industry, attribution.region,
                hearing.interviewer, hearing.startedAt.map(JapanTime.timestamp), hearing.endedAt.map(JapanTime.timestamp), hearing.status,
                hearing.consent.rawValue,
            ]
            for (_, column) in columns {
                switch column {
                case .value(let question):
                    guard let question = version.question(question), let answer = answers[question.id] else { row.append(nil); continue }
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
                        version.choices(for: asked)?.contains(where: { $0.value == value }) == true,
                        let answer = answers[question], answer.kind == "answered" || answer.kind == "changed"
                    else { row.append(nil); continue }
                    row.append(answer.code?.split(separator: " ").contains(Substring(value)) == true ? "1" : "0")
                }
            }
            try write(row)
        }
        return references
    }
}

extension CSVExporter {
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

/// The last check of a public export, cell by cell, without scanning anything twice: text that went
/// through the masker was scanned as it was masked; every other cell (labels, respondent names,
/// codes) is scanned once per distinct value, since the same few repeat on every row.
private final class CellCheck {
    let publication: Publication
    let output: String
    /// Masked cells of the row being built; cleared when it is written.
    private var masked: Set<String> = []
    private var clean: Set<String> = []

    init(publication: Publication, output: String) {
        self.publication = publication
        self.output = output
    }

    /// `value` as this export may show it, noted as scanned.
    func masked(_ value: String?) -> String? {
        let shown = publication.text(value)
        wasMasked(shown)
        return shown
    }

    func wasMasked(_ value: String?) {
        if publication.isPublic, let value { masked.insert(value) }
    }

    /// ASCII whose only letters are hex digits or ISO 8601's T: a UUID, a number, a timestamp.
    static func isIdentifierOrNumber(_ field: String) -> Bool {
        field.utf8.allSatisfy { byte in
            byte < 0x41 || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte) || byte == UInt8(ascii: "T")
        }
    }

    func check(_ fields: [String?]) throws {
        defer { masked.removeAll(keepingCapacity: true) }
        guard publication.isPublic else { return }
        for case let field? in fields where !masked.contains(field) && !clean.contains(field) {
            // Numbers, ids and timestamps hold no name (and a short Latin name could match inside a
            // hex id by chance): only cells with other letters are read.
            guard !Self.isIdentifierOrNumber(field) else { continue }
            try publication.check(field, output: output)
            // Long cells are free text and rarely repeat: remembering them would only cost memory.
            if field.utf8.count <= 256 && clean.count < 100_000 { clean.insert(field) }
        }
    }
}
