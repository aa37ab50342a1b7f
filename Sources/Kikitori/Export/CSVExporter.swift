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
        _ kind: ExportKind, options: ExportOptions, codebook: Codebook, writer: TableWriter, progress: ((Int, Int) -> Void)? = nil
    ) throws -> [String] {
        let check = CellCheck(publication: publication, output: kind.rawValue)
        let run = ExportRun(
            kind: kind, options: options, codebook: codebook, writer: writer, check: check, progress: progress,
            write: { fields in
                try check.check(fields)
                try writer.writeRow(fields)
            },
            text: { value in check.masked(value) })
        switch kind {
        case .answers: return try exportAnswers(run)
        case .hearings: return try exportHearings(run)
        case .repeats: return try exportRepeats(run)
        case .tags: return try exportTags(run)
        case .tagMatrix: return try exportTagMatrix(run)
        case .themes: return try exportThemes(run)
        case .quotes: return try exportQuotes(run)
        case .codebook: return try exportCodebook(run)
        case .respondents: return try exportRespondents(run)
        case .events: return try exportEvents(run)
        case .paradata: return try exportParadata(run)
        case .notes: return try exportNotes(run)
        case .memos: return try exportMemos(run)
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

/// What one export's kinds share: its options and the writer with the last check in front of it.
struct ExportRun {
    let kind: ExportKind
    let options: ExportOptions
    let codebook: Codebook
    let writer: TableWriter
    let check: CellCheck
    let progress: ((Int, Int) -> Void)?
    /// Writes a row after the last check of a public export.
    let write: ([String?]) throws -> Void
    /// Answer text as this export may show it, noted as already scanned.
    let text: (String?) -> String?
}

extension CSVExporter {
    /// One row per hearing of one questionnaire, every version in one table: a code and a label
    /// column per question, select_multiple split into 0/1 columns plus a joined column. A question
    /// or choice a version lacks is empty there; no column moves because versions differ.
    func exportWide(
        options: ExportOptions, writer: TableWriter, text: (String?) -> String?, write: ([String?]) throws -> Void
    ) throws -> [String] {
        let filter = options.filter
        let (id, references, versions) = try versionsOfOneQuestionnaire(filter)
        var conditions = filter
        conditions.questionnaire = filter.questionnaire ?? QuestionnaireRef(id: id)
        // Only a group not over a choice list takes its column count from the data.
        let counted = versions.flatMap(\.repeatGroups).contains { if case .choices = $0.source { false } else { true } }
        let instances = counted ? HearingsLayout.instanceCounts(try store.instanceQuestionIDs(filter: conditions)) : [:]
        let columns = HearingsLayout.columns(versions: versions, labels: options.labels != nil, instances: instances)
        try writer.writeHeader(HearingsLayout.metadata + columns.map(\.name))

        let byReference = Dictionary(uniqueKeysWithValues: zip(references, versions))
        try store.forEachHearingWithAnswers(filter: conditions) { hearing, answers in
            guard let version = byReference[hearing.questionnaire] else { return }
            let attribution = publication.attribution(
                respondent: hearing.respondentID, kind: hearing.respondentKind, industry: hearing.industry, region: hearing.region)
            var row: [String?] = [
                hearing.hearingID, (QuestionnaireRef(hearing.questionnaire)?.version).map(String.init) ?? "", hearing.respondentKind,
                publication.respondent(hearing.respondentID, organisation: hearing.organisation), attribution.industry, attribution.region,
                publication.interviewer(hearing.interviewer), hearing.startedAt.map(JapanTime.timestamp), hearing.endedAt.map(JapanTime.timestamp), hearing.status,
                hearing.consent.rawValue, publication.linkedHearing(hearing.previousHearingID, consent: hearing.previousHearingConsent),
            ]
            for (_, column) in columns { row.append(cell(column, answers: answers, version: version, labels: options.labels, text: text)) }
            try write(row)
        }
        return references
    }
}

extension CSVExporter {
    /// The one questionnaire a wide or long table is about (the filter's, or the only one stored)
    /// and every version of it, oldest first: columns come from every version, so that no column
    /// moves when another version is exported.
    func versionsOfOneQuestionnaire(_ filter: ReviewFilter) throws -> (id: String, references: [String], versions: [Questionnaire]) {
        let stored = try store.snapshotReferences().compactMap(QuestionnaireRef.init)
        let ids = Array(Set(stored.map(\.id))).sorted()
        let id = filter.questionnaire?.id ?? (ids.count == 1 ? ids[0] : nil)
        guard let id else { throw Problem.chooseQuestionnaire(ids) }
        let references = stored.filter { $0.id == id }.sorted().map(\.description)
        let versions = try references.map { try store.snapshot($0) }
        guard !versions.isEmpty else { throw Problem.noHearings(id) }
        return (id, references, versions)
    }

    /// One cell of a wide or long table: a question's (or an instance's) code, label, "other" words or 0/1 choice.
    func cell(
        _ column: HearingsLayout.Column, answers: [String: HearingStore.WideAnswer], version: Questionnaire, labels: Language?,
        text: (String?) -> String?
    ) -> String? {
        switch column {
        case .value(let question):
            guard let asked = version.question(question), let answer = answers[question] else { return nil }
            if answer.kind == "dont_know" || answer.kind == "refused" || answer.kind == "skipped" { return answer.kind }
            // A calculation's text (a concat may hold a name) is masked like any text answer.
            if asked.type == .text || answer.code == nil { return text(answer.text) }
            guard let code = answer.code, let choices = version.choices(for: asked) else { return answer.code }
            return publication.choiceCode(code, choices: choices)
        case .label(let question):
            let asked = version.question(question)
            // Labels pass the masker too: a choice may name a hidden respondent (a municipality).
            return answers[question].flatMap { answer in labels.flatMap { text(Self.valueLabel(answer.code, question: asked, in: version, language: $0)) } }
        case .other(let question):
            let answer = answers[question]
            return answer?.code?.split(separator: " ").contains(Substring(AnswerValue.otherCode)) == true ? text(answer?.text) : nil
        case .choice(let question, let value):
            guard let asked = version.question(question),
                let choice = version.choices(for: asked)?.first(where: { $0.value == value }), !publication.hides(choice),
                let answer = answers[question], ["answered", "changed", "calculated"].contains(answer.kind)
            else { return nil }
            return answer.code?.split(separator: " ").contains(Substring(value)) == true ? "1" : "0"
        }
    }
}

extension CSVExporter {
    /// The codebook as CSV: one row per rule. Needs no database.
    public static func exportCodebook(_ codebook: Codebook, writer: TableWriter) throws {
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
final class CellCheck {
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
