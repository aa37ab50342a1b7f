import KikitoriCore
import KikitoriStore
import Foundation

/// Everything the printable report shows, gathered from the store in a few SQL queries.
public struct Report: Sendable {
    public var title: String
    public var generated: Date
    public var filter: ReviewFilter
    public var codebook: Codebook
    public var byKind: [String: Int]
    public var byStatus: [String: Int]
    public var byVersion: [String: Int]
    public var period: (first: Date, last: Date)?
    public var themes: ThemeCrossTab
    public var differences: [GroupDifference]
    public var coOccurrence: [CoOccurrence]
    public var quotes: [String: [HearingStore.Quote]]
    public var distributions: [AnswerDistribution]
    /// `id@N` → fingerprint of every questionnaire version counted.
    public var questionnaires: [(reference: String, fingerprint: String)]
    /// Text answers counted, and those no theme covers.
    public var textCoverage: (untagged: Int, total: Int) = (0, 0)
    /// Themes by region (振興局) and by industry, through the same disclosure control.
    public var byRegion: ThemeCrossTab?
    public var byIndustry: ThemeCrossTab?
    /// Industry codes as the questionnaires label them (`tourism` → 観光・宿泊・飲食).
    public var industryLabels: [String: String] = [:]
    /// Co-occurrence networks of words, one per respondent kind (label, inline SVG), drawn by the
    /// caller that can read Japanese text into words (the kikitori command, through MeCab).
    public var networks: [(group: String, svg: String)] = []
    /// The internal report's appendix: interviewers' notes, hearing by hearing.
    public var notes: [(hearing: String, question: String?, text: String)] = []
    /// The internal report's appendix: coders' memos on themes and hearings.
    public var memos: [Memo] = []

    /// Builds the report as `publication` may show it; a few queries, no per-answer work in Swift.
    public static func build(
        store: HearingStore, codebook: Codebook, publication: Publication, now: Date = Date()
    ) throws(StoreError) -> Report {
        let filter = publication.filter
        let language = publication.language
        let themeIDs = codebook.themes.map(\.id)
        var everyStatus = filter
        everyStatus.status = nil
        let overview = try store.overview(filter: filter, everyStatus: everyStatus)
        let counted = try store.crossTab(themes: themeIDs, by: .kind, filter: filter)
        let themes = publication.crossTab(counted)
        let compared: Set<String> = [RespondentKind.privateFirm.rawValue, RespondentKind.municipalityHead.rawValue, RespondentKind.municipalStaff.rawValue]
        let differences = publication.differences(counted.differences(), table: themes, groups: compared)
        let pairs = publication.coOccurrence(try store.coOccurrence(filter: filter))
        var quotes: [String: [HearingStore.Quote]] = [:]
        // Three per theme, and a statement quoted once in the whole report: an answer raising two
        // themes is quoted under the first.
        var quoted = Set<String>()
        for theme in themeIDs {
            var chosen: [HearingStore.Quote] = []
            for quote in try store.quotes(theme: theme, filter: filter, limit: 12) where chosen.count < 3 {
                if quoted.insert(NormalizedText.normalize(quote.text)).inserted { chosen.append(quote) }
            }
            quotes[theme] = chosen.map(publication.quote)
        }
        var distributions: [AnswerDistribution] = []
        var snapshots: [(String, String)] = []
        for reference in overview.byVersion.keys.sorted() {
            let questionnaire = try store.snapshot(reference)
            snapshots.append((reference, questionnaire.fingerprint))
        }
        // Choice questions whose choices stand for themes, and scales: the structured side of the concerns.
        // One aggregating query per questionnaire.
        var byQuestionnaire: [(id: String, questions: [String])] = []
        for (reference, _) in snapshots {
            let questionnaire = try store.snapshot(reference)
            for question in questionnaire.questions {
                let themed = questionnaire.choices(for: question)?.contains { $0.theme != nil } ?? false
                guard themed || [.scale, .integer, .decimal].contains(question.type) else { continue }
                if let index = byQuestionnaire.firstIndex(where: { $0.id == questionnaire.id }) {
                    if !byQuestionnaire[index].questions.contains(question.id) { byQuestionnaire[index].questions.append(question.id) }
                } else {
                    byQuestionnaire.append((questionnaire.id, [question.id]))
                }
            }
        }
        for (id, questions) in byQuestionnaire {
            var narrowed = filter
            if filter.questionnaire?.version == nil { narrowed.questionnaire = QuestionnaireRef(id: id) }
            distributions += try store.distributions(of: questions, language: language, words: ChoiceWords(language), filter: narrowed).map(publication.distribution)
        }
        var report = Report(
            title: ReportPhrase.title.text(language), generated: now, filter: filter,
            codebook: codebook, byKind: overview.byKind, byStatus: overview.byStatus, byVersion: overview.byVersion,
            period: overview.period, themes: themes, differences: differences, coOccurrence: pairs, quotes: quotes,
            distributions: distributions, questionnaires: snapshots)
        report.textCoverage = try store.textCoverage(filter: filter)
        report.byRegion = publication.crossTab(try store.crossTab(themes: themeIDs, by: .region, filter: filter))
        report.byIndustry = publication.crossTab(try store.crossTab(themes: themeIDs, by: .industry, filter: filter))
        report.industryLabels = try store.industryLabels(language: language)
        if !publication.isPublic {
            do {
                try store.forEachEvent(filter: filter, kind: .note) { event in
                    guard let text = event.text else { return }
                    report.notes.append((String(event.hearingID.prefix(8)), event.questionID, text))
                }
            } catch {
                throw error as? StoreError ?? .sqlite(String(describing: error))
            }
            report.memos = try store.memos()
        }
        return report
    }
}

extension HearingStore {
    /// Industry codes with their labels, from every stored questionnaire's `industries` list.
    public func industryLabels(language: Language) throws(StoreError) -> [String: String] {
        var labels: [String: String] = [:]
        for reference in try snapshotReferences() {
            let questionnaire = try snapshot(reference)
            for choice in questionnaire.choiceList("industries")?.choices ?? [] where labels[choice.value] == nil {
                labels[choice.value] = choice.label.text(language, fallback: questionnaire.defaultLanguage)
            }
        }
        return labels
    }
}
