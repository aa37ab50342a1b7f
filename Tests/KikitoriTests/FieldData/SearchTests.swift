import Foundation
import KikitoriTestSupport
import Testing

@testable import Kikitori
@testable import KikitoriCore
@testable import KikitoriStore

/// Finding what respondents said, including the two-character words Japanese concerns are made of.
@Suite("Search")
struct SearchTests {
    let directory: TemporaryDirectory
    let store: HearingStore
    let hearing: Hearing
    let questionnaire: Questionnaire

    init() throws {
        directory = try TemporaryDirectory()
        store = try HearingStore(path: directory.url.appendingPathComponent("search.sqlite").path)
        questionnaire = try sampleLibrary.load("digital-talent@1")
        hearing = try store.startHearing(
            questionnaire: questionnaire, respondent: Respondent(kind: .municipalStaff, organisation: "テスト町"), isNewRespondent: true,
            interviewer: "佐藤", place: nil, consent: .publicNamed, language: .ja)
    }

    func answer(_ question: String, _ text: String, kind: AnswerEvent.Kind = .answered) throws {
        try store.append(AnswerEvent(hearingID: hearing.id, sequence: 0, questionID: question, kind: kind, value: .text(text)))
    }

    /// As the working group searches its own data: internal, every hearing.
    func search(_ terms: String..., kind: RespondentKind? = nil, questionnaire: String? = nil, theme: String? = nil) throws -> [String] {
        try store.search(HearingStore.SearchQuery(terms: terms, theme: theme, respondentKind: kind, questionnaire: questionnaire.flatMap(QuestionnaireRef.init), audience: .internal))
            .hits.map(\.text)
    }

    /// Two-character words go through the scan, longer ones through the trigram index; both at once too.
    @Test func findsShortAndLongJapaneseWords() throws {
        try answer("hiring_detail", "採用の費用が高く、研修の負担も大きい。")
        try answer("comments", "オープンデータの公開は進めたい")
        #expect(try search("費用") == ["採用の費用が高く、研修の負担も大きい。"])
        #expect(try search("負担") == ["採用の費用が高く、研修の負担も大きい。"])
        #expect(try search("オープンデータ") == ["オープンデータの公開は進めたい"])
        #expect(try search("費用", "研修の負担") == ["採用の費用が高く、研修の負担も大きい。"])
        #expect(try search("費用", "オープン").isEmpty)
        #expect(try search("予算").isEmpty)
    }

    /// Width and case do not matter (NFKC); the snippet highlights the respondent's own characters.
    @Test func matchingIsNFKCAware() throws {
        try answer("comments", "ＤＸ推進の担当がいない")
        let result = try store.search(HearingStore.SearchQuery(terms: ["dx"]))
        #expect(result.hits.map(\.text) == ["ＤＸ推進の担当がいない"])
        let snippet = SearchFormatter(language: .ja).snippet(result.hits[0], style: .plain)
        #expect(snippet == "【ＤＸ】推進の担当がいない")
        try answer("hiring_detail", "オープンデータは難しい")
        #expect(Array(NormalizedText.normalize("ｵｰﾌﾟﾝ").utf8) == Array("オープン".utf8))
        #expect(try search("ｵｰﾌﾟﾝ") == ["オープンデータは難しい"])
    }

    /// A superseded answer is not found; its replacement and the interviewer's notes are.
    @Test func searchesCurrentAnswersAndNotes() throws {
        try answer("comments", "費用が心配")
        try answer("comments", "人手が足りない", kind: .changed)
        try store.append(AnswerEvent(hearingID: hearing.id, sequence: 0, questionID: "comments", kind: .note, value: .text("費用の話は後で")))
        #expect(try search("費用") == ["費用の話は後で"])
        let hits = try store.search(HearingStore.SearchQuery(terms: ["費用"])).hits
        #expect(hits[0].isNote)
        #expect(try search("人手") == ["人手が足りない"])
    }

    /// Filters by respondent kind, questionnaire and theme; the total counts past the limit.
    @Test func filtersAndLimit() throws {
        try answer("comments", "費用がかかる")
        #expect(try search("費用", kind: .municipalStaff).count == 1)
        #expect(try search("費用", kind: .privateFirm).isEmpty)
        #expect(try search("費用", questionnaire: "digital-talent").count == 1)
        #expect(try search("費用", questionnaire: "digital-talent@2").isEmpty)
        #expect(try search("費用", theme: "cost").isEmpty)
        let codebook = try CodebookLoader.load(path: repositoryRoot.appendingPathComponent("questionnaires/codebook.yaml").path)
        _ = try store.tag(with: ThemeMatcher(codebook: codebook))
        #expect(try search("費用", theme: "cost") == ["費用がかかる"])
        for index in 0..<5 { try answer("hiring_detail", "費用 \(index)") }
        let limited = try store.search(HearingStore.SearchQuery(terms: ["費用"], limit: 2))
        #expect(limited.hits.count == 2)
        #expect(limited.total == 2)  // hiring_detail's current answer and comments
    }

    /// The index follows every write path: merged events are searchable at once.
    @Test func mergedAnswersAreSearchable() throws {
        let other = try HearingStore(path: directory.url.appendingPathComponent("field.sqlite").path)
        let theirs = try other.startHearing(
            questionnaire: questionnaire, respondent: Respondent(kind: .privateFirm, organisation: "札幌データ"), isNewRespondent: true,
            interviewer: "鈴木", place: nil, consent: .internalOnly, language: .ja)
        try other.append(AnswerEvent(hearingID: theirs.id, sequence: 0, questionID: "comments", kind: .answered, value: .text("法的根拠が分からない")))
        other.close()
        #expect(try search("根拠").isEmpty)
        _ = try store.merge([directory.url.appendingPathComponent("field.sqlite").path])
        #expect(try search("根拠") == ["法的根拠が分からない"])
        #expect(try search("法的根拠", kind: .privateFirm) == ["法的根拠が分からない"])
        // A public search leaves the internal-only hearing out.
        #expect(try store.search(HearingStore.SearchQuery(terms: ["根拠"])).hits.isEmpty)
    }

    /// FTS5's query syntax never leaks through: operators, quotes and stars are just text.
    @Test func queryCharactersAreLiteral() throws {
        try answer("comments", "NOT \"quoted\" a*b (費用) it's")
        for term in ["NOT", "\"quoted\"", "a*b", "(費用)", "it's", "OR", "\""] {
            #expect(try search(term).count == (term == "OR" ? 0 : 1), "\(term)")
        }
    }

    /// The snippet keeps context around the first match and marks cut ends.
    @Test func snippetWindow() {
        let text = String(repeating: "あ", count: 30) + "費用" + String(repeating: "い", count: 80)
        let hit = HearingStore.SearchHit(
            hearingID: "h", questionnaire: "q@1", respondentKind: .other, respondentID: "r", organisation: "o", questionID: "c", isNote: false, text: text,
            spans: HearingStore.spans(of: ["費用"], in: text))
        let snippet = SearchFormatter(language: .ja).snippet(hit, style: .plain)
        #expect(snippet == "…" + String(repeating: "あ", count: 20) + "【費用】" + String(repeating: "い", count: 48) + "…")
    }
}
