import Foundation
import GRDB
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

/// Paper notes typed into Excel, and exports read back: checked by the engine, all or nothing.
@Suite("Import")
struct ImportTests {
    let directory: TemporaryDirectory
    let talent: Questionnaire

    init() throws {
        directory = try TemporaryDirectory()
        talent = try sampleLibrary.load("digital-talent@1")
    }

    func importer(existing: Set<String> = []) -> HearingImporter {
        HearingImporter(versions: [1: talent], fixedVersion: 1, existingHearings: existing)
    }

    static let header = "respondent_kind,respondent,consent,status,organisation_type,has_digital_staff,digital_staff_count,"
        + "shortage_level,hiring_difficulties__hiring_cost,hiring_difficulties__no_candidates,hiring_difficulties,hiring_detail,learning_hours,"
        + "training_wanted,comments"

    func read(_ rows: [String], encoding: String.Encoding = .utf8) throws(ImportFailure) -> HearingImporter.Result {
        let text = ([Self.header] + rows).joined(separator: "\r\n") + "\r\n"
        return try importer().read(Array(text.data(using: encoding) ?? Data()), path: "notes.csv")
    }

    func messages(_ rows: [String]) -> [String] {
        do {
            _ = try read(rows)
            return []
        } catch {
            return error.problems.map { $0.message(path: "notes.csv", language: .en, questionnaire: talent) }
        }
    }

    /// A valid paper row becomes a hearing whose events are what the shell would have saved.
    @Test func validRowBecomesHearing() throws {
        let result = try read([
            "municipal_staff,テスト町,public_anonymous,completed,municipality,はい,3,4,1,0,,\"採用が難しい。\n給与水準が合わない\",none,\"online_course,seminar\",費用の負担",
        ])
        #expect(result.sets.count == 1)
        #expect(result.encoding == .utf8)
        let states = AnswerState.current(from: result.sets[0].events)
        #expect(states["has_digital_staff"] == .answered(.yesNo(true)))
        #expect(states["digital_staff_count"] == .answered(.integer(3)))
        #expect(states["hiring_difficulties"] == .answered(.choices(["hiring_cost"], other: nil)))
        #expect(states["hiring_detail"] == .answered(.text("採用が難しい。\n給与水準が合わない")))
        #expect(result.sets[0].hearing.status == .completed)
        #expect(result.sets[0].respondent.organisation == "テスト町")
    }

    /// Problems name the line, the column, the value and the reason — all of them, not the first.
    @Test func problemsNameLineColumnValueAndReason() {
        let problems = messages([
            "municipal_staff,A町,public_anonymous,completed,municipality,yes,many,4,,,,,none,seminar,",
            "municipal_staff,B町,public,completed,municipality,no,,4,,,,,none,seminar,",
            "municipal_staff,C町,internal_only,completed,municipality,no,3,4,,,,,none,seminar,",
            "municipal_staff,D町,internal_only,completed,,no,,4,,,,,none,seminar,",
            "municipal_staff,E町,internal_only,completed,municipality,no,,9,,,,,none,seminar,",
            "municipal_staff,F町,internal_only",
        ])
        #expect(problems == [
            "notes.csv:2: column 'digital_staff_count' ('many'): 'many' is not a whole number.",
            "notes.csv:3: column 'consent' ('public'): must be one of public_named, public_anonymous, internal_only",
            "notes.csv:4: column 'digital_staff_count' ('3'): this question is not asked given the row's other answers (asked only if [has_digital_staff] = \"Yes\")",
            "notes.csv:5: status is completed but required questions are empty: organisation_type",
            "notes.csv:6: column 'shortage_level' ('9'): '9' is out of range; type a whole number from 1 to 5.",
            "notes.csv:7: 3 fields, but the header has 15",
        ])
    }

    /// Free text never appears in an error message (it could be pasted into a ticket); its length does.
    @Test func errorsDoNotQuoteFreeText() {
        let problems = messages(["municipal_staff,A町,internal_only,paused,,,,2,,,,山田さんが担当,,,"])
        #expect(problems == [
            "notes.csv:2: column 'hiring_detail' (text, 7 characters): this question is not asked given the row's other answers (asked only if [shortage_level] ≥ 3)",
        ])
    }

    /// Unknown columns are refused with a suggestion before any row is read.
    @Test func unknownColumnSuggestsTheRightOne() throws {
        let text = "respondent_kind,respondent,consent,shortage_levl\nprivate_firm,X,internal_only,3\n"
        #expect(throws: ImportFailure(path: "x.csv", problems: [
            ImportProblem(line: 1, column: "shortage_levl", reason: .unknownColumn(suggestion: "shortage_level")),
        ])) { try importer().read(Array(text.utf8), path: "x.csv") }
    }

    /// CP932 from Japanese Excel is detected; bytes that are neither encoding are located.
    @Test func detectsCP932AndLocatesBadBytes() throws {
        let row = "private_firm,株式会社オホーツク水産,public_named,paused,private_firm,いいえ,,2,,,,,none,seminar,①の件"
        let result = try read([row], encoding: .shiftJIS)
        #expect(result.encoding == .cp932)
        #expect(result.sets[0].respondent.organisation == "株式会社オホーツク水産")
        #expect(result.sets[0].hearing.status == .paused)
        var bytes = Array((Self.header + "\n").utf8)
        bytes += [0x70, 0x72, 0x0A, 0xFF, 0xFF, 0xFF]
        #expect(throws: ImportFailure(path: "notes.csv", problems: [ImportProblem(line: 3, reason: .undecodable(offset: bytes.count - 3))])) {
            try importer().read(bytes, path: "notes.csv")
        }
    }

    /// A UTF-8 file with a byte-order mark reads the same as without.
    @Test func acceptsByteOrderMark() throws {
        let text = Self.header + "\nprivate_firm,X社,internal_only,paused,,,,,,,,,,,\n"
        let result = try importer().read([0xEF, 0xBB, 0xBF] + Array(text.utf8), path: "x.csv")
        #expect(result.encoding == .utf8BOM)
        #expect(result.sets.count == 1)
    }

    /// Hearing ids already in the database, or twice in the file, are refused.
    @Test func refusesKnownAndRepeatedHearingIDs() {
        let id = UUID().uuidString.lowercased()
        let text = "hearing_id,respondent_kind,respondent,consent,status\n\(id),municipal_staff,X,internal_only,paused\n\(id),municipal_staff,Y,internal_only,paused\n"
        #expect(throws: ImportFailure(path: "x.csv", problems: [
            ImportProblem(line: 2, column: "hearing_id", value: id, reason: .alreadyInDatabase),
            ImportProblem(line: 3, column: "hearing_id", value: id, reason: .duplicateID(firstLine: 2)),
            ImportProblem(line: 3, column: "hearing_id", value: id, reason: .alreadyInDatabase),
        ])) { try importer(existing: [id]).read(Array(text.utf8), path: "x.csv") }
    }

    /// The 0/1 choice columns and the code column must agree when both are filled.
    @Test func choiceColumnsMustAgree() {
        let problems = messages(["municipal_staff,A町,internal_only,paused,,,,4,1,0,no_candidates,,,,"])
        #expect(problems == ["notes.csv:2: column 'hiring_difficulties' ('no_candidates'): does not match the 0/1 columns (hiring_cost)"])
    }

    /// CSV syntax errors name the line where the broken record starts.
    @Test func reportsUnterminatedQuote() {
        let problems = messages(["municipal_staff,A町,internal_only,paused,,,,,,,,\"never closed,,,", "x"])
        #expect(problems == ["notes.csv:2: a quote (\") opened on this line is never closed"])
    }

    /// Export → import gives back the same answers, including other text, non-answers, multi-line
    /// text and a choice whose value is `other`: for every sample questionnaire, with several seeds.
    @Test(arguments: ["private-firm-data-use", "municipality-head-open-data", "digital-talent", "data-inventory"], [21, 22])
    func exportImportRoundTrip(id: String, seed: UInt64) throws {
        let questionnaires = try sampleLibrary.entries().filter { $0.id == id }
            .map { try sampleLibrary.load("\($0.id)@\($0.version)") }
        let source = try HearingStore(path: directory.url.appendingPathComponent("source.sqlite").path)
        try SyntheticHearings(questionnaires: questionnaires, seed: seed).write(hearings: 40, to: source)
        let codebook = try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path)
        let exported = directory.url.appendingPathComponent("hearings.csv").path
        let options = ExportOptions(filter: ReviewFilter(status: nil, questionnaire: QuestionnaireRef(id: id), audience: .internal), labels: .ja)
        try OutputFile.stream(to: exported, force: true, mode: 0o600) { sink in
            let writer = try CSVWriter(encoding: .utf8BOM, sink: sink)
            try CSVExporter(store: source, publication: Publication(store: source, filter: options.filter, language: .ja))
                .export(.hearings, options: options, codebook: codebook, writer: writer)
            try writer.flush()
        }
        let versions = Dictionary(uniqueKeysWithValues: questionnaires.map { ($0.version, $0) })
        let result = try HearingImporter(versions: versions, fixedVersion: nil, existingHearings: [])
            .read(Array(try Data(contentsOf: URL(fileURLWithPath: exported))), path: exported)
        #expect(result.sets.count == 40)
        let target = try HearingStore(path: directory.url.appendingPathComponent("target.sqlite").path)
        try target.insert(result.sets, snapshots: questionnaires)
        for set in result.sets {
            let questionnaire = try source.snapshot(set.hearing.questionnaire)
            let before = AnswerState.current(from: try source.events(of: set.hearing.id, questionnaire: questionnaire))
            let after = AnswerState.current(from: try target.events(of: set.hearing.id, questionnaire: questionnaire))
            #expect(after == before)
            #expect(try target.hearing(set.hearing.id).status == (try source.hearing(set.hearing.id).status))
            #expect(try target.hearing(set.hearing.id).consent == (try source.hearing(set.hearing.id).consent))
        }
    }

    /// An invalid file writes nothing: the database keeps exactly what it had.
    @Test func invalidImportLeavesDatabaseUnchanged() throws {
        let store = try HearingStore(path: directory.url.appendingPathComponent("wg.sqlite").path)
        try SyntheticHearings(questionnaires: [talent], seed: 3).write(hearings: 5, to: store)
        let before = try store.hearingIDs()
        let text = Self.header + "\nmunicipal_staff,A町,internal_only,paused,,,,,,,,,,,\nmunicipal_staff,B町,internal_only,paused,,,,7,,,,,,,\n"
        #expect(throws: ImportFailure.self) {
            let result = try importer(existing: before).read(Array(text.utf8), path: "x.csv")
            try store.insert(result.sets, snapshots: [talent])
        }
        #expect(try store.hearingIDs() == before)
    }
}
