import Foundation
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

@Suite("Fisher's exact test")
struct FisherExactTests {
    /// Two-sided p against SciPy's fisher_exact (the same as R's fisher.test).
    @Test(arguments: [
        ([1, 9, 11, 3], 0.0027594561852200836), ([3, 1, 1, 3], 0.48571428571428565), ([2, 2, 2, 1], 1.0),
        ([10, 2, 3, 15], 0.0005367241191434357), ([0, 5, 5, 0], 0.007936507936507938), ([7, 0, 0, 0], 1.0),
        ([12, 30, 5, 40], 0.05777270869768566),
    ])
    func knownValues(table: [Int], p: Double) {
        #expect(abs(FisherExact.twoSided(table[0], table[1], table[2], table[3]) - p) < 1e-9)
    }
}

/// A small database whose figures were worked out by hand:
///
/// | hearing | kind | status | consent | themes |
/// |---|---|---|---|---|
/// | f1 | firm | completed | public_named | privacy, cost |
/// | f2 | firm | completed | public_anonymous | privacy |
/// | f3 | firm | completed | public_anonymous | cost (privacy rejected) |
/// | f4 | firm | completed | public_anonymous | — |
/// | h1 | head | completed | public_anonymous | privacy |
/// | h2 | head | completed | public_anonymous | workload |
/// | h3 | head | completed | public_anonymous | privacy, workload |
/// | h4 | head | completed | internal_only | privacy |
/// | f5 | firm | paused | public_named | privacy |
final class ReviewFixture {
    let directory: TemporaryDirectory
    let store: HearingStore
    let codebook: Codebook
    static let day = Date(timeIntervalSince1970: 1_667_260_800)  // 2022-11-01

    init() throws {
        directory = try TemporaryDirectory()
        store = try HearingStore(path: directory.url.appendingPathComponent("review.sqlite").path)
        codebook = try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path)
        let firm = try sampleLibrary.load("private-firm-data-use@1")
        let municipal = try sampleLibrary.load("municipality-head-open-data@1")
        let rows: [(String, RespondentKind, HearingStatus, ConsentLevel, String, [String], [String])] = [
            ("f1", .privateFirm, .completed, .publicNamed, "個人情報とコストが心配です", ["privacy", "cost"], []),
            ("f2", .privateFirm, .completed, .publicAnonymous, "顧客のプライバシーを守りたい", ["privacy"], []),
            ("f3", .privateFirm, .completed, .publicAnonymous, "費用が出せない", ["cost", "privacy"], ["privacy"]),
            ("f4", .privateFirm, .completed, .publicAnonymous, "特になし", [], []),
            ("h1", .municipalityHead, .completed, .publicAnonymous, "住民の個人情報の扱いが不安", ["privacy"], []),
            ("h2", .municipalityHead, .completed, .publicAnonymous, "職員の仕事が増える", ["workload"], []),
            ("h3", .municipalityHead, .completed, .publicAnonymous, "個人情報の確認に手間がかかる", ["privacy", "workload"], []),
            ("h4", .municipalityHead, .completed, .internalOnly, "個人情報は出せない", ["privacy"], []),
            ("f5", .privateFirm, .paused, .publicNamed, "プライバシーが気になる", ["privacy"], []),
        ]
        for (index, row) in rows.enumerated() {
            let questionnaire = row.1 == .privateFirm ? firm : municipal
            let question = row.1 == .privateFirm ? "barrier_detail" : "barrier_detail"
            let respondent = Respondent(
                kind: row.1, organisation: "組織\(row.0)", personName: "氏名\(row.0)", industry: row.1 == .privateFirm ? "it" : nil,
                municipality: "ニセコ町", region: "後志総合振興局", createdAt: Self.day)
            let hearing = Hearing(
                respondentID: respondent.id, questionnaire: questionnaire.reference, interviewer: "t", place: nil,
                startedAt: Self.day.addingTimeInterval(Double(index) * 86_400), endedAt: nil, status: row.2, consent: row.3,
                language: .ja)
            let event = AnswerEvent(
                hearingID: hearing.id, sequence: 1, questionID: question, kind: .answered, value: .text(row.4),
                recordedAt: Self.day)
            try store.insert(
                [HearingStore.HearingRecordSet(respondent: respondent, isNewRespondent: true, hearing: hearing, events: [event])],
                snapshots: [questionnaire])
            for theme in row.5 {
                try store.decide(event: event.id, hearing: hearing.id, question: question, theme: theme, add: !row.6.contains(theme), coder: "tester")
            }
        }
    }
}

@Suite("Reviewing themes")
struct ReviewTests {
    let fixture: ReviewFixture
    var themes: [String] { fixture.codebook.themes.map(\.id) }

    init() throws {
        fixture = try ReviewFixture()
    }

    /// Hearings raising each theme by kind: completed only, internal-only left out, rejections not counted.
    @Test func crossTab() throws {
        let table = try fixture.store.crossTab(themes: themes)
        #expect(table.groups == ["private_firm", "municipality_head"])
        #expect(table.n == ["private_firm": 4, "municipality_head": 3])
        #expect(table.count("privacy", "private_firm") == 2)
        #expect(table.count("privacy", "municipality_head") == 2)
        #expect(table.count("cost", "private_firm") == 2)
        #expect(table.count("workload", "municipality_head") == 2)
        #expect(table.total("privacy") == 4)
        let inside = try fixture.store.crossTab(themes: themes, filter: ReviewFilter(audience: .internal))
        #expect(inside.n["municipality_head"] == 4)
        #expect(inside.count("privacy", "municipality_head") == 3)
        let everyStatus = try fixture.store.crossTab(themes: themes, filter: ReviewFilter(status: nil))
        #expect(everyStatus.n["private_firm"] == 5)
        let answers = try fixture.store.crossTab(themes: themes, unit: .answers)
        #expect(answers.count("privacy", "private_firm") == 2)
    }

    /// Firms against municipalities with Fisher's test; small samples said plainly.
    @Test func differences() throws {
        let rows = try fixture.store.crossTab(themes: themes).differences()
        let privacy = try #require(rows.first { $0.theme == "privacy" })
        #expect(privacy.first == (2, 4) && privacy.second == (2, 3))
        #expect(privacy.p == 1.0)
        #expect(privacy.isSmallSample)
        let text = ReviewFormatter(codebook: fixture.codebook, language: .en, filter: ReviewFilter())
            .differences(rows, first: "firms", second: "municipalities")
        #expect(text.contains("Caution: a group has fewer than 5 hearings"))
    }

    /// Themes raised together: counts and Jaccard.
    @Test func coOccurrence() throws {
        let pairs = try fixture.store.coOccurrence()
        #expect(pairs.count == 2)
        let cost = try #require(pairs.first { $0.first == "cost" && $0.second == "privacy" })
        #expect(cost.both == 1 && cost.either == 5)
        #expect(cost.jaccard == 0.2)
        let workload = try #require(pairs.first { $0.first == "privacy" && $0.second == "workload" })
        #expect(workload.both == 1 && workload.either == 5)
    }

    /// Quotes name the organisation only with public_named consent; internal-only hearings stay out.
    @Test func quotesHonourConsent() throws {
        let publication = try Publication(store: fixture.store, filter: ReviewFilter(), language: .ja)
        let quotes = try fixture.store.quotes(theme: "privacy", limit: 10).map(publication.quote)
        #expect(quotes.count == 4)
        #expect(quotes.filter { $0.organisation != nil }.map(\.organisation) == ["組織f1"])
        #expect(!quotes.contains { $0.text == "個人情報は出せない" })
        let text = ReviewFormatter(codebook: fixture.codebook, language: .ja, filter: ReviewFilter())
            .quotes(quotes, theme: "privacy", style: .plain)
        #expect(!text.contains("組織f2") && !text.contains("氏名"))
    }

    /// Small cells: suppressed in public tables, marked internally.
    @Test func smallCells() throws {
        let table = try fixture.store.crossTab(themes: themes)
        let publication = try Publication(store: fixture.store, filter: ReviewFilter(), language: .en)
        let publicText = ReviewFormatter(codebook: fixture.codebook, language: .en, filter: ReviewFilter()).themes(publication.crossTab(table))
        #expect(publicText.contains("<3"))
        #expect(!publicText.contains("2 (50%)"))
        let internalText = ReviewFormatter(codebook: fixture.codebook, language: .en, filter: ReviewFilter(audience: .internal))
            .themes(table)
        #expect(internalText.contains("2 (50%)*"))
        #expect(publicText.contains("4 (57%)"))
    }

    /// The Markdown report matches the reviewed snapshot (regenerate with KIKITORI_UPDATE_SNAPSHOTS=1).
    @Test func markdownSnapshot() throws {
        let report = try Report.build(
            store: fixture.store, codebook: fixture.codebook,
            publication: Publication(store: fixture.store, filter: ReviewFilter(), language: .en), now: ReviewFixture.day)
        let markdown = ReportRenderer(report: report, language: .en).markdown()
        let snapshot = repositoryRoot.appendingPathComponent("Tests/KikitoriTests/Fixtures/report-snapshot.md")
        if ProcessInfo.processInfo.environment["KIKITORI_UPDATE_SNAPSHOTS"] != nil {
            try Data(markdown.utf8).write(to: snapshot)
        }
        let expected = try String(contentsOf: snapshot, encoding: .utf8)
        #expect(markdown == expected)
    }

    /// The HTML report is self-contained: no external resources, Japanese font stack, SVG charts.
    @Test func htmlIsSelfContained() throws {
        let report = try Report.build(
            store: fixture.store, codebook: fixture.codebook, publication: Publication(store: fixture.store, filter: ReviewFilter(), language: .ja))
        let html = ReportRenderer(report: report, language: .ja).html()
        #expect(html.contains("<svg"))
        #expect(html.contains("Noto Sans CJK JP"))
        #expect(!html.contains("http://") || !html.contains("src=\"http"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("組織f2") && !html.contains("個人情報は出せない"))
        #expect(html.contains("@page { size: A4"))
    }

    /// The HTML report renders to a non-blank page in headless Chromium.
    @Test func htmlRendersInChromium() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else {
            print("note: Chromium is not installed; skipping the rendering check (apt-get install chromium)")
            return
        }
        let report = try Report.build(
            store: fixture.store, codebook: fixture.codebook, publication: Publication(store: fixture.store, filter: ReviewFilter(), language: .ja))
        let page = fixture.directory.url.appendingPathComponent("report.html")
        try Data(ReportRenderer(report: report, language: .ja).html().utf8).write(to: page)
        let png = fixture.directory.url.appendingPathComponent("report.png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=900,1400",
            "--screenshot=\(png.path)", page.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let data = try Data(contentsOf: png)
        #expect(data.count > 10_000)
        // A blank page compresses to almost nothing; text and charts do not.
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }
}
