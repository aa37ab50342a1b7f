import Foundation
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

/// Coding as a team: every decision with its coder, a blind sample two coders share, agreement
/// (kappa, alpha) over the units they both decided, disagreements kept through merges.
@Suite("Team coding")
struct TeamCodingTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// Cohen's kappa on the textbook table (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: 0.4), and
    /// Krippendorff's alpha on the same (0.4) and with a third coder and a missing value (0.5625).
    @Test func statistics() {
        let pairs = Array(repeating: (true, true), count: 20) + Array(repeating: (true, false), count: 5)
            + Array(repeating: (false, true), count: 10) + Array(repeating: (false, false), count: 15)
        #expect(abs((Agreement.kappa(pairs) ?? 0) - 0.4) < 1e-9)
        #expect(abs((Agreement.alpha(pairs.map { [$0.0, $0.1] }) ?? 0) - 0.4) < 1e-9)
        #expect(abs((Agreement.alpha([[true, true, true], [true, false], [false, false, false]]) ?? 0) - 0.5625) < 1e-9)
        // One category only: chance agreement is total, kappa is undefined rather than 0 or 1.
        #expect(Agreement.kappa([(true, true), (true, true)]) == nil)
        // Units one coder never decided are not compared.
        let figures = Agreement.figures([["a": true, "b": true], ["a": false], ["a": false, "b": true]], coders: ["a", "b"])
        #expect(figures.units == 2 && figures.agreed == 1 && figures.percent == 50)
    }

    /// Two coders on two laptops code the same blind sample; merged, both decisions stay, the
    /// disagreements are listed with each coder's, and agreement is measured over those units.
    @Test func twoCodersBlindSampleMergeAndAgreement() throws {
        let questionnaires = try sampleLibrary.entries().map { try sampleLibrary.load("\($0.id)@\($0.version)") }
        let first = try HearingStore(path: directory.url.appendingPathComponent("a.sqlite").path)
        try SyntheticHearings(questionnaires: questionnaires, seed: 3).write(hearings: 40, to: first)
        let codebook = try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path)
        _ = try first.tag(with: ThemeMatcher(codebook: codebook))
        first.close()
        let secondPath = directory.url.appendingPathComponent("b.sqlite").path
        try FileManager.default.copyItem(atPath: directory.url.appendingPathComponent("a.sqlite").path, toPath: secondPath)
        let a = try HearingStore(path: directory.url.appendingPathComponent("a.sqlite").path)
        let b = try HearingStore(path: secondPath)

        let sampleA = try a.blindSample(count: 12, seed: 7)
        let sampleB = try b.blindSample(count: 12, seed: 7)
        #expect(sampleA.count == 12 && sampleA == sampleB)
        #expect(try a.blindSample(count: 12, seed: 8) != sampleA)

        // 高橋 says cost applies to the first eight; 佐藤 to the first six and the last two.
        for (index, unit) in sampleA.enumerated() {
            try a.decide(event: unit.eventID, hearing: unit.hearingID, question: unit.questionID, theme: "cost", add: index < 8, coder: "高橋", blind: true)
            try b.decide(event: unit.eventID, hearing: unit.hearingID, question: unit.questionID, theme: "cost", add: index < 6 || index >= 10, coder: "佐藤", blind: true)
        }
        b.close()
        _ = try a.merge([secondPath])

        let codings = try a.codings(theme: "cost")
        #expect(codings.count == 24 && Set(codings.map(\.coder)) == ["高橋", "佐藤"] && codings.allSatisfy(\.blind))
        let disagreements = try a.disagreements(theme: "cost")
        #expect(disagreements.count == 4)
        #expect(disagreements.allSatisfy { Set($0.decisions.map(\.coder)) == ["高橋", "佐藤"] })
        // A public listing leaves internal-only hearings out, masked or not.
        let shown = try a.disagreements(theme: "cost", filter: ReviewFilter(status: nil, audience: .public))
        let internalOnly = try disagreements.filter { try a.hearing($0.hearingID).consent == .internalOnly }
        #expect(shown.count == disagreements.count - internalOnly.count)
        #expect(try shown.allSatisfy { try a.hearing($0.hearingID).consent != .internalOnly })

        let report = try a.agreement(coders: ["高橋", "佐藤"], theme: "cost")
        let cost = try #require(report.rows.first)
        // 8 of 12 agree; 高橋 8 yes, 佐藤 8 yes: chance 0.556 → kappa 0.25.
        #expect(cost.figures.units == 12 && cost.figures.agreed == 8)
        #expect(abs((cost.figures.kappa ?? 0) - 0.25) < 1e-9)
        #expect(cost.versusRules["高橋"] != nil)
        let text = AgreementFormatter(report: report, language: .ja).render()
        #expect(text.contains("比べる単位") && text.contains("67%") && text.contains("0.25"))

        // A coder's later decision replaces their own earlier one, never the other coder's.
        let unit = sampleA[0]
        try a.decide(event: unit.eventID, hearing: unit.hearingID, question: unit.questionID, theme: "cost", add: false, coder: "佐藤")
        #expect(try a.disagreements(theme: "cost").count == 5)
        #expect(throws: CodingProblem.fewerThanTwoCoders(["高橋"])) { try a.agreement(coders: ["高橋"]) }
    }

    /// Memos on themes and hearings: dated, signed, merged.
    @Test func memos() throws {
        let store = try HearingStore(path: directory.url.appendingPathComponent("m.sqlite").path)
        try store.addMemo(.theme, target: "cost", coder: "高橋", text: "補助金の話は cost に含める", now: Date(timeIntervalSince1970: 10))
        try store.addMemo(.theme, target: "cost", coder: "佐藤", text: "人件費は workload", now: Date(timeIntervalSince1970: 20))
        #expect(try store.memos(subject: .theme, target: "cost").map(\.coder) == ["高橋", "佐藤"])
        #expect(try store.memos(subject: .hearing).isEmpty)
        // A memo on an internal-only hearing is not listed to the public.
        let questionnaire = try sampleLibrary.load("digital-talent@1")
        let session = try HearingSession.start(
            store: store, questionnaire: questionnaire, respondent: Respondent(kind: .privateFirm, organisation: "株式会社テスト"), isNewRespondent: true,
            interviewer: "t", place: nil, consent: .internalOnly, language: .ja)
        session.close()
        try store.addMemo(.hearing, target: session.hearing.id.storageKey, coder: "高橋", text: "担当者が異動")
        #expect(try store.memos(subject: .hearing).count == 1)
        #expect(try store.memos(subject: .hearing, filter: ReviewFilter(status: nil, audience: .public)).isEmpty)
        #expect(try store.memos(filter: ReviewFilter(status: nil, audience: .public)).count == 2)
        #expect(Coder.name("　ｔａｋａｈａｓｈｉ ") == "takahashi" && Coder.name("") == nil && Coder.name("a\u{7}b") == nil)
    }
}
