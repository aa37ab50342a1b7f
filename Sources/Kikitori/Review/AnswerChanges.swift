import KikitoriCore
import KikitoriStore

/// How one question's answers moved from each hearing to its follow-up (`answers <q> --change`).
public struct AnswerTransitions: Sendable {
    public struct Cell: Sendable, Equatable {
        public var from: String
        public var to: String
        public var count: Int
        public var hidden = false
    }

    public var question: String
    public var label: String
    public var isText: Bool
    /// Follow-up hearings compared.
    public var pairs: Int
    /// Of those, with the same answer both times.
    public var unchanged: Int
    /// Choice, number and scale questions: (before → after) with counts, most frequent first.
    public var cells: [Cell] = []
    /// Text questions: each pair of answers, in the order the follow-ups were held.
    public var texts: [(from: String, to: String)] = []
    /// Public, and too few follow-ups to show anything but that there were few.
    public var hidden = false
}

extension HearingStore {
    /// The transitions of `question` over the follow-up hearings of `filter`, labelled by each
    /// hearing's own questionnaire version.
    public func answerTransitions(of question: String, language: Language, filter: ReviewFilter) throws(StoreError) -> AnswerTransitions {
        let rows = try answerChanges(of: question, filter: filter)
        var snapshots: [String: Questionnaire] = [:]
        for reference in Set(rows.flatMap { [$0.questionnaire, $0.previousQuestionnaire] }) { snapshots[reference] = try snapshot(reference) }
        func describe(_ answer: (kind: String, code: String?, text: String?)?, in reference: String) -> String {
            guard let answer, let questionnaire = snapshots[reference], let asked = questionnaire.question(question) else { return "—" }
            let state: AnswerState?
            switch answer.kind {
            case AnswerEvent.Kind.dontKnow.rawValue: state = .dontKnow
            case AnswerEvent.Kind.refused.rawValue: state = .refused
            case AnswerEvent.Kind.skipped.rawValue: state = .skipped
            case AnswerEvent.Kind.calculated.rawValue where answer.code == nil && answer.text == nil: state = nil
            default: state = AnswerValue(type: asked.type, code: answer.code, text: answer.text).map(AnswerState.answered)
            }
            return AnswerFormatter(questionnaire: questionnaire, language: language).text(state, for: asked)
        }
        let latest = rows.last.flatMap { snapshots[$0.questionnaire]?.question(question) }
        let label = latest.map { $0.label.text(language, fallback: snapshots[rows.last?.questionnaire ?? ""]?.defaultLanguage ?? .ja) } ?? question
        var result = AnswerTransitions(
            question: question, label: label, isText: latest?.type == .text, pairs: rows.count, unchanged: 0)
        var counts: [String: AnswerTransitions.Cell] = [:]
        for row in rows {
            let from = describe(row.before, in: row.previousQuestionnaire)
            let to = describe(row.after, in: row.questionnaire)
            if row.before?.kind == row.after?.kind, row.before?.code == row.after?.code, row.before?.text == row.after?.text { result.unchanged += 1 }
            if result.isText {
                result.texts.append((from, to))
            } else {
                counts[from + "\u{1F}" + to, default: .init(from: from, to: to, count: 0)].count += 1
            }
        }
        result.cells = counts.values.sorted { ($1.count, $0.from, $0.to) < ($0.count, $1.from, $1.to) }
        return result
    }
}
