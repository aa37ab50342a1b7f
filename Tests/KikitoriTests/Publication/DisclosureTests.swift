import Foundation
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore
@testable import KikitoriText

/// An independent oracle for leaks: NFKC, upper case, katakana, no spaces or middle dots. It shares
/// no code with the masker, so a bug there cannot hide itself here.
func oracleFold(_ text: String) -> String {
    let nfkc = text.precomposedStringWithCompatibilityMapping.uppercased()
    let katakana = nfkc.applyingTransform(.hiraganaToKatakana, reverse: false) ?? nfkc
    return String(katakana.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) && $0 != "・" })
}

/// Words that must never reach a public output of ``AdversarialFixture``, in the oracle's form.
let forbiddenCores = ["ミナミカゼ", "鷲尾", "慎之介", "XYZ商事", "JANE", "SMITH", "モモノキ", "音威子府", "ヒバリノ", "佐藤課長", "WASHIO@"]

/// The leaks in `output`, by the oracle.
func leaks(_ output: String) -> [String] {
    let folded = oracleFold(output)
    var found = forbiddenCores.filter { folded.contains($0) }
    let digits = String(folded.unicodeScalars.filter { CharacterSet.decimalDigits.contains($0) })
    if digits.contains("0112345678") { found.append("telephone") }
    return found
}

/// Respondents who must stay hidden, each mentioned by the others in every spelling a person might
/// type, plus named respondents who must stay named.
///
/// | key | organisation (as registered) | consent | why it is here |
/// |---|---|---|---|
/// | a | 株式会社ミナミカゼ物流, 鷲尾 慎之介 | anonymous | corporate forms, kana width, person parts, contacts, a masked word |
/// | b | ＸＹＺ商事, Jane Smith | anonymous | full-width registration, Latin names |
/// | c | ｶﾌﾞｼｷｶﾞｲｼｬﾓﾓﾉｷ | anonymous | half-width kana corporate form, hiragana mention |
/// | d | 音威子府村, 九条 頼子 | internal only | a municipality others talk about |
/// | e | 北海道データ株式会社 | named | says it all about the others |
/// | f | 合同会社ひばりの | named + anonymous | one organisation, two consents |
/// | g | ミナミカゼ物流 | named, linked to a | a second registration of a hidden firm |
/// | n1…n4 | named firms | named | enough hearings for counts |
final class AdversarialFixture {
    let directory: TemporaryDirectory
    let store: HearingStore
    let codebook: Codebook
    let questionnaire: Questionnaire
    var hearings: [String: UUID] = [:]
    var respondents: [String: UUID] = [:]
    /// Each hearing's one text answer, by key.
    var answers: [String: UUID] = [:]
    static let day = Date(timeIntervalSince1970: 1_667_260_800)

    static let mentions = """
        (株)ミナミカゼ物流さん、㈱ミナミカゼ物流、ミナミカゼ物流社、ﾐﾅﾐｶｾﾞ物流、株式会社 ミナミカゼ物流、ミ ナ ミ カ ゼ物流、\
        鷲尾さん、慎之介さん、鷲尾 慎之介氏、ＸＹＺ商事、XYZ 商事、xyz商事、Jane、SMITH、カブシキガイシャモモノキ、もものき、\
        ﾓﾓﾉｷ社、音威子府村長、音威子府村役場、ひばりの、ヒバリノ、佐藤課長、０１１（２３４）５６７８、\
        ｗａｓｈｉｏ＠ｍｉｎａｍｉｋａｚｅ．ｅｘａｍｐｌｅ．ｊｐ とは個人情報の扱いで話した
        """

    init() throws {
        directory = try TemporaryDirectory()
        store = try HearingStore(path: directory.url.appendingPathComponent("adversarial.sqlite").path)
        codebook = try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path)
        questionnaire = try sampleLibrary.load("private-firm-data-use@1")
        let rows: [(key: String, organisation: String, person: String?, consent: ConsentLevel, text: String)] = [
            ("a", "株式会社ミナミカゼ物流", "鷲尾 慎之介", .publicAnonymous,
             "弊社ミナミカゼ物流では個人情報が心配。佐藤課長が詳しい。連絡は011-234-5678 か washio@minamikaze.example.jp へ"),
            ("b", "ＸＹＺ商事", "Jane Smith", .publicAnonymous, "XYZ商事としても個人情報の扱いが不安です"),
            ("c", "ｶﾌﾞｼｷｶﾞｲｼｬﾓﾓﾉｷ", nil, .publicAnonymous, "モモノキは個人情報を持っていない"),
            ("d", "音威子府村", "九条 頼子", .internalOnly, "音威子府村の個人情報は出せない"),
            ("e", "北海道データ株式会社", "高橋 一郎", .publicNamed, Self.mentions),
            ("f1", "合同会社ひばりの", nil, .publicNamed, "ひばりのとしては個人情報の公開に賛成"),
            ("f2", "合同会社ひばりの", nil, .publicAnonymous, "個人情報は匿名なら話せる"),
            ("g", "ミナミカゼ物流", nil, .publicNamed, "ミナミカゼ物流の個人情報の方針"),
            ("n1", "札幌ネクスト株式会社", nil, .publicNamed, "個人情報とミナミカゼの件"),
            ("n2", "函館ベイ商会", nil, .publicNamed, "個人情報は大事"),
            ("n3", "釧路マリン", nil, .publicNamed, "個人情報の研修が必要"),
            ("n4", "旭川ウッド", nil, .publicNamed, "個人情報について"),
        ]
        var byOrganisation: [String: Respondent] = [:]
        for (index, row) in rows.enumerated() {
            let known = byOrganisation[row.organisation]
            let respondent = known ?? Respondent(
                kind: row.organisation.hasSuffix("村") ? .municipalityHead : .privateFirm, organisation: row.organisation,
                personName: row.person, industry: "logistics", municipality: row.organisation.hasSuffix("村") ? row.organisation : "札幌市",
                region: "石狩振興局", createdAt: Self.day.addingTimeInterval(Double(index)))
            byOrganisation[row.organisation] = respondent
            respondents[row.key] = respondent.id
            let hearing = Hearing(
                respondentID: respondent.id, questionnaire: questionnaire.reference, interviewer: "t", place: nil,
                startedAt: Self.day.addingTimeInterval(Double(index) * 3600), status: .completed, consent: row.consent, language: .ja)
            hearings[row.key] = hearing.id
            let answer = AnswerEvent(
                hearingID: hearing.id, sequence: 1, questionID: "barrier_detail", kind: .answered, value: .text(row.text), recordedAt: Self.day)
            answers[row.key] = answer.id
            let note = AnswerEvent(
                hearingID: hearing.id, sequence: 2, questionID: nil, kind: .note, value: .text("メモ: " + Self.mentions), recordedAt: Self.day)
            try store.insert(
                [HearingStore.HearingRecordSet(respondent: respondent, isNewRespondent: known == nil, hearing: hearing, events: [answer, note])],
                snapshots: [questionnaire])
            try store.decide(event: answer.id, hearing: hearing.id, question: "barrier_detail", theme: "privacy", add: true, coder: "tester")
        }
        if let a = respondents["a"], let g = respondents["g"] { try store.link(g, to: a) }
        if let a = hearings["a"] { try store.addMaskTerm("佐藤課長", hearing: a) }
    }

    /// Every public output Kikitori makes of this database, by name.
    func publicOutputs(minCell: Int = 3) throws -> [(name: String, text: String)] {
        try outputs(ReviewFilter(audience: .public, smallCell: minCell))
    }

    func outputs(_ filter: ReviewFilter) throws -> [(name: String, text: String)] {
        let publication = try Publication(store: store, filter: filter, language: .ja)
        var outputs: [(String, String)] = []
        for kind in ExportKind.allCases where ![.respondents, .notes, .memos, .codebook].contains(kind) {
            for encoding in [CSVEncoding.utf8BOM, .cp932] {
                var data = Data()
                let writer = try CSVWriter(encoding: encoding, replace: true) { data.append($0) }
                let options = ExportOptions(filter: filter, labels: .ja)
                try CSVExporter(store: store, publication: publication).export(kind, options: options, codebook: codebook, writer: writer)
                try writer.flush()
                outputs.append(("export \(kind.rawValue) \(encoding.rawValue)", try ImportText.decode(Array(data)).text))
            }
        }
        for language in Language.allCases {
            let published = try Publication(store: store, filter: filter, language: language)
            let report = try Report.build(store: store, codebook: codebook, publication: published)
            let renderer = ReportRenderer(report: report, language: language)
            outputs.append(("report html \(language)", renderer.html()))
            outputs.append(("report md \(language)", renderer.markdown()))
        }
        let formatter = ReviewFormatter(codebook: codebook, language: .ja, filter: filter)
        outputs.append(("quotes", formatter.quotes(try store.quotes(theme: "privacy", filter: filter, limit: 20).map(publication.quote), theme: "privacy", style: .plain)))
        outputs.append(("answers", try store.distributions(of: "barrier_detail", language: .ja, words: ChoiceWords(.ja), filter: filter).map(publication.distribution).map(formatter.distribution).joined()))
        outputs.append(("themes", formatter.themes(publication.crossTab(try store.crossTab(themes: codebook.themes.map(\.id), filter: filter)))))
        var result = try store.search(HearingStore.SearchQuery(terms: ["個人情報"], limit: 100, audience: filter.audience))
        result.hits = result.hits.map(publication.hit)
        outputs.append(("search", SearchFormatter(language: .ja).render(result, terms: ["個人情報"], style: .plain)))
        outputs.append(("project", try QDAProject(store: store, publication: publication, codebook: codebook, language: .ja).projectXML().xml))
        outputs.append(("tag gaps", TagReportFormatter.gaps(try store.gaps(filter: filter, publication: publication, top: 60), language: .ja)))
        let words = try store.gaps(filter: filter, publication: publication, top: 60, lemmatizer: try MeCabTagger().lemmatizer)
        outputs.append(("tag gaps by words", TagReportFormatter.gaps(words, language: .ja)))
        return outputs
    }
}

@Suite("Disclosure control: names")
struct NameMaskingTests {
    let fixture: AdversarialFixture

    init() throws {
        fixture = try AdversarialFixture()
    }

    /// No public output shows a hidden name, in any spelling, a masked word or a contact.
    @Test func noPublicOutputLeaks() throws {
        for output in try fixture.publicOutputs() {
            #expect(leaks(output.text).isEmpty, "\(output.name) leaks \(leaks(output.text))")
        }
    }

    /// `tag gaps` reads the answers as the public may see them: hidden names said in several
    /// uncoded answers become neither a word nor a phrase, while the answers are still grouped.
    @Test func gapsReadMaskedAnswers() throws {
        for (key, answer) in fixture.answers {
            let hearing = try #require(fixture.hearings[key])
            try fixture.store.decide(event: answer, hearing: hearing, question: "barrier_detail", theme: "privacy", add: false, coder: "tester")
        }
        let filter = ReviewFilter(audience: .public, smallCell: 3)
        let publication = try Publication(store: fixture.store, filter: filter, language: .ja)
        for lemmatizer in [nil, try MeCabTagger().lemmatizer] {
            let gaps = try fixture.store.gaps(filter: filter, publication: publication, top: 200, lemmatizer: lemmatizer)
            #expect(gaps.untagged > 0 && gaps.groups.contains { $0.phrase.contains("個人") })
            let phrases = gaps.groups.map(\.phrase).joined(separator: " ")
            #expect(leaks(phrases).isEmpty, "\(leaks(phrases))")
            #expect(leaks(TagReportFormatter.gaps(gaps, language: .ja, width: 400)).isEmpty)
        }
    }

    /// Named respondents stay named where they speak; the others appear under pseudonyms.
    @Test func namedRespondentsStayNamed() throws {
        let outputs = Dictionary(uniqueKeysWithValues: try fixture.publicOutputs().map { ($0.name, $0.text) })
        let answers = try #require(outputs["export answers utf-8-bom"])
        #expect(answers.contains("北海道データ株式会社"))
        #expect(answers.contains("企業A"))
        // The respondent with a named and an anonymous hearing is a pseudonym in both rows.
        #expect(!answers.contains("合同会社ひばりの"))
        // The internal-only municipality's hearing is in no public row (its name, mentioned by
        // others, is masked as 市町村A).
        #expect(!answers.contains(fixture.hearings["d"]?.uuidString.lowercased() ?? "-"))
        #expect(answers.contains("市町村A長"))
        let quotes = try #require(outputs["quotes"])
        #expect(quotes.contains("北海道データ株式会社"))
    }

    /// The masked sentence reads as a sentence: each variant replaced, honorifics kept.
    @Test func maskedTextReadsWell() throws {
        let publication = try Publication(store: fixture.store, filter: ReviewFilter(), language: .ja)
        let a = publication.respondent(fixture.respondents["a"]?.uuidString.lowercased() ?? "", organisation: "")
        #expect(publication.text("(株)ミナミカゼ物流さんと鷲尾さん") == "\(a)さんと（氏名）さん")
        #expect(publication.text("電話 011-234-5678 まで") == "電話 （電話番号） まで")
        // A date range is not a telephone number, though folded it reads as ten digits from a 0.
        #expect(publication.text("期間 2022-07-02 – 2023-01-27") == "期間 2022-07-02 – 2023-01-27")
        #expect(publication.text("2022-07-02 に 0112345678 へ") == "2022-07-02 に （電話番号） へ")
        #expect(publication.text("音威子府村長が") == "市町村A長が")
        #expect(publication.text("ミナミカゼの件") == "\(a)の件")
        #expect(publication.text("北海道データ株式会社です") == "北海道データ株式会社です")
        // A linked second registration shares the group's pseudonym.
        #expect(publication.respondent(fixture.respondents["g"]?.uuidString.lowercased() ?? "", organisation: "ミナミカゼ物流") == a)
    }

    /// Highlighted words move with the masking, and a highlight inside a name becomes the pseudonym.
    @Test func spansFollowMasking() throws {
        let publication = try Publication(store: fixture.store, filter: ReviewFilter(), language: .ja)
        let text = "鷲尾さんは個人情報が心配"
        let start = Array("鷲尾さんは".utf8).count
        let shown = publication.text(text, spans: [start..<(start + Array("個人情報".utf8).count), 0..<3])
        let bytes = Array(shown.text.utf8)
        #expect(shown.spans.map { String(decoding: bytes[$0], as: UTF8.self) } == ["（氏名）", "個人情報"])
    }

    /// Internal outputs still show every name and every hearing.
    @Test func internalOutputsShowEverything() throws {
        let outputs = Dictionary(uniqueKeysWithValues: try fixture.outputs(ReviewFilter(audience: .internal)).map { ($0.name, $0.text) })
        let answers = try #require(outputs["export answers utf-8-bom"])
        #expect(answers.contains("株式会社ミナミカゼ物流") && answers.contains("音威子府村") && answers.contains("011-234-5678"))
        #expect(try #require(outputs["report html ja"]).contains("取扱注意"))
    }

    /// The last check refuses a rendered output that still holds a hidden name, naming the id.
    @Test func lastCheckRefuses() throws {
        let publication = try Publication(store: fixture.store, filter: ReviewFilter(), language: .ja)
        let id = fixture.respondents["b"]?.uuidString.lowercased() ?? ""
        #expect(throws: PrivacyProblem.leak(output: "x.html", respondent: id, kind: "organisation")) {
            try publication.check("<td>ＸＹＺ<b>商事</b></td>", output: "x.html")
        }
        #expect(throws: PrivacyProblem.self) { try publication.check("X&amp;Y 鷲尾", output: "x") }
        try publication.check("企業A と 北海道データ株式会社", output: "x")
        let findings = publication.findings(in: "一行目\n二行目に 鷲尾 と 011-234-5678", contacts: true)
        #expect(findings.map(\.line) == [2, 2])
        #expect(findings.map(\.kind) == ["person", "telephone"])
        #expect(findings.first?.column == 6)
    }

    /// A consent withdrawn after the hearing takes it out of every public output; the change is an event.
    @Test func withdrawnConsent() throws {
        let hearing = try #require(fixture.hearings["n2"])
        #expect(try fixture.publicOutputs().contains { $0.text.contains("函館ベイ商会") })
        let change = try fixture.store.changeConsent(hearing: hearing, to: .internalOnly, reason: "電話で撤回")
        #expect(change.previous == .publicNamed)
        for output in try fixture.publicOutputs() {
            #expect(!oracleFold(output.text).contains(oracleFold("函館ベイ商会")), "\(output.name)")
        }
        #expect(try fixture.store.consentHistory(hearing: hearing).map(\.consent) == [.internalOnly])
    }
}

@Suite("Disclosure control: attributions")
struct AttributionTests {
    /// A hidden firm alone in its industry and region loses the region, and the industry too when
    /// it is alone in that as well; a named firm keeps both.
    @Test func rareCombinationsAreDropped() {
        let identities = Identities(
            [
                RespondentIdentity(id: "h", kind: .privateFirm, organisation: "隠れ運輸", strictestConsent: .publicAnonymous),
                RespondentIdentity(id: "n", kind: .privateFirm, organisation: "名前運輸", strictestConsent: .publicNamed),
            ], links: [:], language: .ja)
        let counts: [AttributionKey: Int] = [
            AttributionKey(kind: "private_firm", industry: "運輸", region: "後志"): 1,
            AttributionKey(kind: "private_firm", industry: "運輸", region: "石狩"): 4,
            AttributionKey(kind: "private_firm", industry: "漁業", region: "後志"): 1,
        ]
        let publication = Publication(filter: ReviewFilter(), language: .ja, identities: identities, terms: [], attribution: counts)
        #expect(publication.attribution(respondent: "h", kind: "private_firm", industry: "運輸", region: "後志") == ("運輸", nil))
        #expect(publication.attribution(respondent: "h", kind: "private_firm", industry: "運輸", region: "石狩") == ("運輸", "石狩"))
        #expect(publication.attribution(respondent: "h", kind: "private_firm", industry: "漁業", region: "後志") == (nil, nil))
        #expect(publication.attribution(respondent: "n", kind: "private_firm", industry: "漁業", region: "後志") == ("漁業", "後志"))
    }
}

@Suite("Disclosure control: counts")
struct CountSuppressionTests {
    let publication = Publication(
        filter: ReviewFilter(audience: .public, smallCell: 3), language: .en, identities: Identities([], links: [:], language: .en), terms: [])

    let codebook: Codebook

    init() throws {
        codebook = try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path)
    }

    func table(_ counts: [String: [String: Int]], n: [String: Int]) -> ThemeCrossTab {
        ThemeCrossTab(unit: .hearings, dimension: .region, groups: n.keys.sorted(), themes: counts.keys.sorted(), counts: counts, n: n)
    }

    /// No row of a public table has exactly one hidden part beside a shown total.
    static func derivable(_ table: ThemeCrossTab) -> [String] {
        table.themes.filter { theme in
            !table.isHidden(theme, nil) && table.groups.filter { table.isHidden(theme, $0) }.count == 1
        }
    }

    /// retail × cost = 2 is hidden, and so is the next smallest cell, so 125 − 123 says nothing.
    @Test func complementarySuppression() {
        let shown = publication.crossTab(table(["cost": ["retail": 2, "transport": 50, "it": 73]], n: ["retail": 10, "transport": 60, "it": 80]))
        #expect(shown.isHidden("cost", "retail"))
        #expect(shown.isHidden("cost", "transport"))
        #expect(!shown.isHidden("cost", "it") && !shown.isHidden("cost", nil))
        #expect(Self.derivable(shown).isEmpty)
    }

    /// Groups under the minimum merge into one column; still too small, it is hidden whole.
    @Test func smallGroupsMerge() {
        let shown = publication.crossTab(table(["cost": ["a": 1, "b": 5, "c": 6]], n: ["a": 2, "b": 8, "c": 9]))
        #expect(shown.groups == ["b", "c", ThemeCrossTab.otherGroup])
        #expect(shown.mergedGroups == ["a"])
        #expect(shown.isHidden("cost", ThemeCrossTab.otherGroup))
        #expect(Self.derivable(shown).isEmpty)
        let text = ReviewFormatter(codebook: codebook, language: .en, filter: publication.filter).themes(shown)
        #expect(text.contains("Other (small groups)") && text.contains("merged"))
    }

    /// Group tests: none for a row with a hidden count; Holm-adjusted otherwise; tiny p printed as such.
    @Test func differences() {
        let rows = [
            GroupDifference(theme: "a", first: (10, 20), second: (3, 20), p: 0.01),
            GroupDifference(theme: "b", first: (10, 20), second: (4, 20), p: 0.04),
            GroupDifference(theme: "c", first: (10, 20), second: (5, 20), p: 0.03),
            GroupDifference(theme: "d", first: (2, 20), second: (9, 20), p: 0.0001),
        ]
        let counted = table(["a": ["x": 10, "y": 3], "b": ["x": 10, "y": 4], "c": ["x": 10, "y": 5], "d": ["x": 2, "y": 9]], n: ["x": 20, "y": 20])
        let result = publication.differences(rows, table: publication.crossTab(counted), groups: ["x", "y"])
        #expect(result.map(\.hidden) == [false, false, false, true])
        #expect(result.prefix(3).map(\.adjustedP) == [0.03, 0.06, 0.06])
        #expect(!result[3].isSignificant)
        let formatter = ReviewFormatter(codebook: codebook, language: .en, filter: publication.filter)
        #expect(formatter.pValue(0.0004) == "< 0.001")
        #expect(formatter.differences(result, first: "x", second: "y").contains("–"))
    }

    /// Hidden pairs carry no count, no Jaccard figure and no rank.
    @Test func coOccurrence() {
        let pairs = [
            CoOccurrence(first: "a", second: "b", both: 2, either: 10), CoOccurrence(first: "c", second: "d", both: 5, either: 10),
            CoOccurrence(first: "a", second: "c", both: 1, either: 10),
        ]
        let shown = publication.coOccurrence(pairs)
        #expect(shown.map(\.hidden) == [false, true, true])
        #expect(shown.map(\.first) == ["c", "a", "a"] && shown.map(\.second) == ["d", "b", "c"])
        let text = ReviewFormatter(codebook: codebook, language: .en, filter: publication.filter).coOccurrence(shown)
        #expect(!text.contains("0.20") && !text.contains("0.10"))
    }

    /// One answer per hearing: a single hidden choice would be the total minus the rest, so a second goes.
    @Test func distributionComplement() {
        let rows = [("yes", 1), ("no", 10), ("maybe", 7)].map { AnswerDistribution.Row(value: $0.0, label: $0.0, count: $0.1, onlyIn: []) }
        let distribution = AnswerDistribution(
            question: "q", label: "Q", type: .selectOne(list: "l"), versions: ["q@1"], rows: rows, answered: 18, dontKnow: 1, refused: 0, texts: [])
        let shown = publication.distribution(distribution)
        #expect(shown.rows.map(\.hidden) == [true, false, true])
        #expect(shown.dontKnowHidden && !shown.refusedHidden)
    }
}

@Suite("Disclosure control: generated databases")
struct GeneratedDisclosureTests {
    /// For databases generated with several seeds, with hidden respondents' names typed into other
    /// respondents' answers: no public output shows a hidden name, and no table row lets a hidden
    /// count be solved from its total.
    @Test(arguments: [3, 17, 42])
    func generated(seed: Int) throws {
        let directory = try TemporaryDirectory()
        let store = try HearingStore(path: directory.url.appendingPathComponent("g.sqlite").path)
        let questionnaires = try sampleLibrary.entries().map { try sampleLibrary.load("\($0.id)@\($0.version)") }
        try SyntheticHearings(questionnaires: questionnaires, seed: UInt64(seed)).write(hearings: 60, to: store)
        let codebook = try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path)
        _ = try store.tag(with: ThemeMatcher(codebook: codebook))
        let identities = try store.identities()
        let everyone = Identities(identities, links: try store.links(), language: .ja)
        let named = identities.filter { everyone.isNamed($0.id) }.map { oracleFold($0.organisation) }
        let hidden = identities.filter { !everyone.isNamed($0.id) }
        // Hidden names typed into named respondents' answers, half-width and with a space.
        let speakers = try store.hearings(HearingStore.HearingFilter()).filter { everyone.isNamed($0.respondent.id.uuidString.lowercased()) }
        for (index, speaker) in speakers.prefix(10).enumerated() {
            let mention = hidden[index % max(1, hidden.count)]
            let text = "先日 \(mention.organisation.applyingTransform(.fullwidthToHalfwidth, reverse: false) ?? "") の \(mention.person ?? "") さんが個人情報の話をした"
            try store.append(AnswerEvent(hearingID: speaker.hearing.id, sequence: 100, questionID: "comments", kind: .answered, value: .text(text)))
        }
        // A hidden name that is part of a named one (「清水町」 in 「小清水町」) may stand inside it.
        let mustNotAppear = hidden.flatMap { [$0.organisation] + ($0.person.map { [$0] } ?? []) }.map(oracleFold)
            .filter { name in !named.contains { $0.contains(name) } }
        for minCell in [3, 5] {
            let filter = ReviewFilter(status: nil, audience: .public, smallCell: minCell)
            let publication = try Publication(store: store, filter: filter, language: .ja)
            var outputs: [(String, String)] = []
            for kind in ExportKind.allCases where ![.respondents, .notes, .memos, .codebook].contains(kind) {
                var data = Data()
                let writer = try CSVWriter(encoding: .utf8, raw: true) { data.append($0) }
                var options = ExportOptions(filter: filter, labels: .ja)
                if kind == .hearings { options.filter.questionnaire = QuestionnaireRef(id: "private-firm-data-use") }
                // The long layout of the inventory's repeat group: instance texts pass the same checks.
                if kind == .repeats { options.filter.questionnaire = QuestionnaireRef(id: "data-inventory") }
                try CSVExporter(store: store, publication: publication).export(kind, options: options, codebook: codebook, writer: writer)
                try writer.flush()
                outputs.append((kind.rawValue, String(decoding: data, as: UTF8.self)))
            }
            let report = try Report.build(store: store, codebook: codebook, publication: publication)
            outputs.append(("report", ReportRenderer(report: report, language: .ja).html()))
            // The REFI-QDA project: cases, sources and notes pass the same publication.
            outputs.append(("project", try QDAProject(store: store, publication: publication, codebook: codebook, language: .ja).projectXML().xml))
            outputs.append(("tag gaps", TagReportFormatter.gaps(try store.gaps(filter: filter, publication: publication, top: 60), language: .ja)))
            let words = try store.gaps(filter: filter, publication: publication, top: 60, lemmatizer: try MeCabTagger().lemmatizer)
            outputs.append(("tag gaps by words", TagReportFormatter.gaps(words, language: .ja)))
            for (name, text) in outputs {
                let folded = oracleFold(text)
                let leaked = mustNotAppear.filter { folded.contains($0) }
                #expect(leaked.isEmpty, "seed \(seed), min-cell \(minCell), \(name): \(leaked.count) hidden names")
            }
            for dimension in ThemeCrossTab.Dimension.allCases {
                let table = publication.crossTab(try store.crossTab(themes: codebook.themes.map(\.id), by: dimension, filter: filter))
                #expect(CountSuppressionTests.derivable(table).isEmpty, "seed \(seed), \(dimension)")
                for theme in table.themes {
                    for group in table.groups where !table.isHidden(theme, group) {
                        let count = table.count(theme, group)
                        #expect(count == 0 || count >= minCell)
                        #expect((table.n[group] ?? 0) >= minCell)
                    }
                }
            }
        }
    }
}
