import Foundation
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

/// What a WG leader and an exporter found broken, fixed.
@Suite("Review fixes")
struct ReviewFixesTests {
    let fixture: ReviewFixture

    init() throws {
        fixture = try ReviewFixture()
    }

    /// A misspelt or absent questionnaire is an error naming the ones there are, not zeros.
    @Test func unknownQuestionnaireIsAnError() throws {
        #expect(throws: StoreError.unknownQuestionnaire("private-firm", known: ["municipality-head-open-data", "private-firm-data-use"])) {
            _ = try Publication(store: fixture.store, filter: ReviewFilter(questionnaire: QuestionnaireRef("private-firm")), language: .en)
        }
        #expect(throws: StoreError.self) {
            _ = try Publication(store: fixture.store, filter: ReviewFilter(questionnaire: QuestionnaireRef("private-firm-data-use@2")), language: .en)
        }
        _ = try Publication(store: fixture.store, filter: ReviewFilter(questionnaire: QuestionnaireRef("private-firm-data-use@1")), language: .en)
    }

    /// Months are Japan's: 08:30 on 1 December in Tokyo (23:30 UTC on 30 November) is December's.
    @Test func monthsInJapanTime() throws {
        let questionnaire = try sampleLibrary.load("digital-talent@1")
        let respondent = Respondent(kind: .municipalStaff, organisation: "月替わり町")
        let utc = ISO8601DateFormatter().date(from: "2026-11-30T23:30:00Z")!
        let hearing = Hearing(
            respondentID: respondent.id, questionnaire: questionnaire.reference, interviewer: "t", place: nil, startedAt: utc,
            endedAt: nil, status: .completed, consent: .internalOnly, language: .ja)
        try fixture.store.insert([.init(respondent: respondent, isNewRespondent: true, hearing: hearing, events: [])], snapshots: [questionnaire])
        let table = try fixture.store.crossTab(
            themes: [], by: .month, filter: ReviewFilter(questionnaire: QuestionnaireRef("digital-talent"), audience: .internal))
        #expect(table.groups == ["2026-12"])
    }

    /// The per-hearing tag matrix has a row for every hearing, themes or not.
    @Test func tagMatrixKeepsHearingsWithoutThemes() throws {
        var rows: [Set<String>] = []
        try fixture.store.forEachThemeSet(filter: ReviewFilter(status: nil, audience: .internal), perHearing: true) { _, _, themes in
            rows.append(themes)
        }
        #expect(rows.count == 9)
        #expect(rows.filter(\.isEmpty).count == 1)  // f4 said 特になし
    }

    /// Quotes: one per respondent, no repeats, spread over kinds before a second from one kind.
    @Test func quotesSpreadAndNeverRepeat() throws {
        let quotes = try fixture.store.quotes(theme: "privacy", filter: ReviewFilter(status: nil, audience: .internal), limit: 2)
        #expect(Set(quotes.map(\.kind)).count == 2)
        let all = try fixture.store.quotes(theme: "privacy", filter: ReviewFilter(status: nil, audience: .internal), limit: nil)
        #expect(all.count == Set(all.map(\.respondentID)).count)
        #expect(all.count == 6)  // f1, f2, h1, h3, h4, f5: f3's privacy was rejected
    }
}
