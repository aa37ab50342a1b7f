import Foundation
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

/// Hearing a respondent again: last time's answers offered, Enter keeping them, and how they moved.
@Suite("Follow-up hearings")
struct FollowUpTests {
    let directory: TemporaryDirectory
    let store: HearingStore
    let firm = Respondent(kind: .privateFirm, organisation: "株式会社テスト")

    init() throws {
        directory = try TemporaryDirectory()
        store = try HearingStore(path: directory.url.appendingPathComponent("f.sqlite").path)
    }

    func start(
        _ reference: String, respondent: Respondent, isNew: Bool, previous: UUID? = nil, consent: ConsentLevel = .publicAnonymous
    ) throws -> HearingSession {
        try HearingSession.start(
            store: store, questionnaire: try sampleLibrary.load(reference), respondent: respondent, isNewRespondent: isNew,
            interviewer: "tester", place: nil, consent: consent, language: .ja, previous: previous)
    }

    func exportHearings(_ audience: ReviewFilter.Audience) throws -> String {
        let codebook = try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path)
        let options = ExportOptions(filter: ReviewFilter(status: nil, questionnaire: QuestionnaireRef(id: "private-firm-data-use"), audience: audience), labels: nil)
        let path = directory.url.appendingPathComponent("h-\(audience.rawValue).csv").path
        try OutputFile.stream(to: path, force: true, mode: 0o600) { sink in
            let writer = try CSVWriter(encoding: .utf8, sink: sink)
            try CSVExporter(store: store, publication: Publication(store: store, filter: options.filter, language: .ja))
                .export(.hearings, options: options, codebook: codebook, writer: writer)
            try writer.flush()
        }
        return path
    }

    /// Last year in version 2, this year in version 1: answers version 1 can take are offered,
    /// a choice it does not have is not.
    @Test func enterKeepsLastAnswersTheQuestionnaireCanTake() throws {
        let first = try start("private-firm-data-use@2", respondent: firm, isNew: true)
        try first.jump(to: "employees")
        try first.answer("120")
        try first.jump(to: "willingness")
        try first.answer("2")
        try first.jump(to: "barriers")
        try first.answer("privacy, legal_uncertainty")
        first.close()

        let second = try start("private-firm-data-use@1", respondent: firm, isNew: false, previous: first.hearing.id)
        #expect(second.hearing.previousHearingID == first.hearing.id)
        #expect(second.carried["employees"] == .answered(.integer(120)))
        #expect(second.carried["willingness"] != nil)
        // legal_uncertainty is not a choice of version 1: barriers is asked afresh.
        #expect(second.carried["barriers"] == nil)

        try second.jump(to: "employees")
        let employees = try #require(second.current)
        #expect(second.previousAnswer(for: employees) == .answered(.integer(120)))
        #expect(QuestionScreen(engine: second.engine, language: .ja).render(employees, previous: second.previousAnswer(for: employees))
            .contains("前回: 120（Enter でそのまま）"))
        try second.answer("")
        #expect(second.engine.states["employees"] == .answered(.integer(120)))
        #expect(second.previousAnswer(for: employees) == nil)
        let events = try store.events(of: second.hearing.id, questionnaire: second.questionnaire)
        let kept = try #require(events.first { $0.questionID == "employees" })
        #expect(kept.kind == .answered && kept.reason == AnswerEvent.keptFromPreviousReason)

        try second.jump(to: "willingness")
        try second.answer("4")
        second.close()
        #expect(try store.hearing(second.hearing.id).previousHearingID == first.hearing.id)

        // How answers moved: one follow-up, employees the same, willingness 2 → 4.
        let filter = ReviewFilter(status: nil, audience: .internal)
        let employeesMoved = try store.answerTransitions(of: "employees", language: .en, filter: filter)
        #expect(employeesMoved.pairs == 1 && employeesMoved.unchanged == 1)
        #expect(employeesMoved.cells == [.init(from: "120", to: "120", count: 1)])
        let willingness = try store.answerTransitions(of: "willingness", language: .en, filter: filter)
        #expect(willingness.unchanged == 0 && willingness.cells.count == 1)
        #expect(willingness.cells[0].from.hasPrefix("2") && willingness.cells[0].to.hasPrefix("4"))
        // In public, one follow-up is too few to show.
        let publication = try Publication(store: store, filter: ReviewFilter(status: nil), language: .en)
        #expect(publication.transitions(try store.answerTransitions(of: "willingness", language: .en, filter: ReviewFilter(status: nil))).hidden)

        // A resumed follow-up still offers what is left.
        let resumed = try HearingSession.resume(store: store, hearingID: second.hearing.id)
        #expect(resumed.carried["employees"] != nil)
        resumed.close()
    }

    /// A follow-up hears the same respondent: another's hearing is refused before anything is saved.
    @Test func followUpOfAnotherRespondentIsRefused() throws {
        let first = try start("private-firm-data-use@2", respondent: firm, isNew: true)
        first.close()
        let before = try store.hearings().count
        #expect(throws: StoreError.followUpOfAnotherRespondent(first.hearing.shortID)) {
            try start("private-firm-data-use@2", respondent: Respondent(kind: .privateFirm, organisation: "別会社"), isNew: true, previous: first.hearing.id)
        }
        #expect(try store.hearings().count == before)
        #expect(try store.respondents().count == 1)
    }

    /// A follow-up of an internal-only hearing does not name it in public: not in the export, not in `show`.
    @Test func linkToAnInternalHearingStaysInternal() throws {
        let first = try start("private-firm-data-use@2", respondent: firm, isNew: true, consent: .internalOnly)
        first.close()
        let second = try start("private-firm-data-use@2", respondent: firm, isNew: false, previous: first.hearing.id)
        second.close()
        let key = first.hearing.id.storageKey
        #expect(!(try String(contentsOfFile: try exportHearings(.public), encoding: .utf8)).contains(key))
        #expect(try String(contentsOfFile: try exportHearings(.internal), encoding: .utf8).contains(key))
        func shown(_ audience: ReviewFilter.Audience) throws -> String {
            let questionnaire = try store.snapshot(second.hearing.questionnaire)
            return HearingFormatter(publication: try Publication(store: store, filter: ReviewFilter(status: nil, audience: audience), language: .en)).detail(
                hearing: try store.hearing(second.hearing.id), respondent: firm, questionnaire: questionnaire,
                events: try store.events(of: second.hearing.id, questionnaire: questionnaire), consents: [], review: .received, reviews: [],
                previous: try store.hearing(first.hearing.id))
        }
        #expect(!(try shown(.public)).contains("Follows hearing"))
        #expect(try shown(.internal).contains("Follows hearing \(first.hearing.shortID)"))
    }

    /// The link travels in the wide export and comes back with import; a link to nothing is a problem.
    @Test func linkIsExportedAndImported() throws {
        let first = try start("private-firm-data-use@2", respondent: firm, isNew: true)
        first.close()
        let second = try start("private-firm-data-use@2", respondent: firm, isNew: false, previous: first.hearing.id)
        second.close()
        let exported = try exportHearings(.internal)
        let lines = try String(contentsOfFile: exported, encoding: .utf8).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let column = try #require(lines[0].firstIndex(of: "previous_hearing_id"))
        let rows = Dictionary(uniqueKeysWithValues: lines.dropFirst().map { (String($0[0]), String($0[column])) })
        #expect(rows == [first.hearing.id.storageKey: "", second.hearing.id.storageKey: first.hearing.id.storageKey])

        // Into a new database: both come back, linked.
        let versions = [2: try sampleLibrary.load("private-firm-data-use@2")]
        let result = try HearingImporter(versions: versions, fixedVersion: nil, existingHearings: [])
            .read(Array(try Data(contentsOf: URL(fileURLWithPath: exported))), path: exported)
        let target = try HearingStore(path: directory.url.appendingPathComponent("target.sqlite").path)
        try target.insert(result.sets, snapshots: Array(versions.values))
        #expect(try target.hearing(second.hearing.id).previousHearingID == first.hearing.id)

        // Only the follow-up's row, into a database without the hearing it follows: refused.
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: exported)), as: UTF8.self)
        let withoutFirst = text.split(separator: "\r\n").filter { !$0.hasPrefix(first.hearing.id.storageKey) }.joined(separator: "\r\n") + "\r\n"
        #expect {
            _ = try HearingImporter(versions: versions, fixedVersion: nil, existingHearings: []).read(Array(withoutFirst.utf8), path: "h.csv")
        } throws: { error in
            (error as? ImportFailure)?.problems.contains { $0.column == "previous_hearing_id" && $0.reason == .unknownPreviousHearing } == true
        }
    }
}
