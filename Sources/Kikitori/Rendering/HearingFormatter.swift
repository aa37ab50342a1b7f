import Foundation
import KikitoriCore
import KikitoriStore

/// Hearings as listings and the `show` screen print them, named and masked as `publication` allows:
/// the shell (the interviewer's own tool) passes an internal publication; the `hearings` and `show`
/// commands a public one unless `--audience internal` is asked for.
public struct HearingFormatter {
    public let publication: Publication
    private var language: Language { publication.language }

    public init(publication: Publication) {
        self.publication = publication
    }

    /// Who the case is, on one line: `株式会社… / 民間企業 / 鈴木`. The person is left out of public outputs.
    public func caseLine(_ respondent: Respondent) -> String {
        let id = respondent.id.storageKey
        var parts = [publication.respondent(id, organisation: respondent.organisation), Phrase.respondentKind(respondent.kind).text(language)]
        if !publication.isPublic, let person = respondent.personName { parts.append(person) }
        return parts.joined(separator: " / ")
    }

    /// The hearings as a table, newest first, fitting `width` columns (names are cut first).
    /// The review column appears once any listed hearing has been reviewed.
    public func list(_ summaries: [HearingStore.HearingSummary], width: Int = 80) -> String {
        let reviewed = summaries.contains { $0.review != .received }
        var headers = [
            ShellPhrase.columnHearing, .columnStatus, .columnQuestionnaire, .columnKind, .columnOrganisation, .columnStarted, .columnAnswers,
        ].map { $0.text(language) }
        if reviewed { headers.insert(ReviewStatusPhrase.columnReview.text(language), at: 2) }
        var table = TextTable(headers: headers, alignments: headers.indices.map { $0 == headers.count - 1 ? .right : .left })
        for summary in summaries {
            let organisation = publication.respondent(summary.respondent.id.storageKey, organisation: summary.respondent.organisation)
            var row = [
                summary.hearing.shortID, ShellPhrase.status(summary.hearing.status).text(language),
                summary.hearing.questionnaire, Phrase.respondentKind(summary.respondent.kind).text(language),
                organisation, JapanTime.day(summary.hearing.startedAt), String(summary.answered),
            ]
            if reviewed { row.insert(ReviewStatusPhrase.status(summary.review).text(language), at: 2) }
            table.append(row)
        }
        return table.render(maxWidth: width, shrinkable: reviewed ? [4, 3, 5] : [3, 2, 4])
    }

    /// One hearing for a reviewer: who, by whom, consent, the answers with their notes, and every
    /// amendment (old → new, when, why) and consent change.
    public func detail(
        hearing: Hearing, respondent: Respondent, questionnaire: Questionnaire, events: [AnswerEvent], consents: [ConsentChange],
        review: ReviewStatus, reviews: [ReviewChange], previous: Hearing? = nil, respondentEdits: [RespondentEdit] = [],
        memos: [Memo] = [], width: Int = 80, style: TextStyle = .plain
    ) -> String {
        let states = AnswerState.current(from: events)
        let shown = InterviewEngine(
            questionnaire: questionnaire,
            states: Dictionary(uniqueKeysWithValues: states.map { ($0.key, mask($0.value, of: $0.key, in: questionnaire)) }))
        var notes: [String: [String]] = [:]
        for event in events where event.kind == .note {
            if case .text(let text)? = event.value { notes[event.questionID ?? "", default: []].append(publication.text(text)) }
        }
        var lines = [
            "\(hearing.id.storageKey)  \(ShellPhrase.status(hearing.status).text(language))",
            "\(questionnaire.title.text(language, fallback: questionnaire.defaultLanguage))  (\(hearing.questionnaire))",
            caseLine(respondent) + (respondent.region.map { "  \($0)" } ?? ""),
            "\(ShellPhrase.columnInterviewer.text(language)): \(publication.interviewer(hearing.interviewer))  "
                + JapanTime.minute(hearing.startedAt) + (hearing.endedAt.map { " – " + JapanTime.minute($0) } ?? ""),
            "\(ShellPhrase.columnConsent.text(language)): \(ShellPhrase.consentLevel(hearing.consent).text(language))",
            ReviewStatusPhrase.current(review).text(language),
        ]
        if let previous, publication.linkedHearing(previous.shortID, consent: previous.consent) != nil {
            lines.append(ShellPhrase.followsHearing(previous.shortID).text(language))
        }
        for note in notes[""] ?? [] { lines.append("✎ " + note) }
        // Coders' memos are working notes of the group: internal readers only.
        if !publication.isPublic {
            for memo in memos { lines.append("✎ \(memo.coder) \(JapanTime.minute(memo.writtenAt)): \(memo.text)") }
        }
        var text = lines.joined(separator: "\n") + "\n"
        text += QuestionScreen(engine: shown, language: language).review(style: style, width: width, notes: notes)
        // Corrections of the respondent name people: shown to internal readers only.
        let edits = publication.isPublic ? [] : respondentEdits.map { edit in
            (edit.editedAt, FieldDataPhrase.respondentEdited(String(respondent.id.storageKey.prefix(8)), field: edit.field, from: edit.previous, to: edit.value)
                .text(language) + " (\(edit.reason))")
        }
        let history = amendments(events, questionnaire: questionnaire) + consents.map(consentLine) + reviews.map(reviewLine)
            + edits.map { (date: $0.0, line: $0.1) }
        if !history.isEmpty {
            text += style.bold(ShellPhrase.historyHeading.text(language)) + "\n"
            text += history.sorted { $0.date < $1.date }.map { "  " + JapanTime.minute($0.date) + "  " + $0.line }.joined(separator: "\n") + "\n"
        }
        return text
    }

    /// The state as a public reader may see it: texts masked, a choice that names a hidden
    /// respondent shown as its masked label (which the formatter prints as it stands).
    private func mask(_ state: AnswerState, of question: String, in questionnaire: Questionnaire) -> AnswerState {
        guard publication.isPublic, case .answered(let value) = state else { return state }
        let choices = questionnaire.question(question).flatMap { questionnaire.choices(for: $0) } ?? []
        switch value {
        case .text(let text): return .answered(.text(publication.text(text)))
        case .other(let text): return .answered(.other(publication.text(text)))
        case .choice(let code): return .answered(.choice(publication.choiceCode(code, choices: choices)))
        case .choices(let codes, let other):
            return .answered(.choices(codes.map { publication.choiceCode($0, choices: choices) }, other: publication.text(other)))
        default: return state
        }
    }

    /// Every answer that replaced another, as `question: old → new (reason)`. Calculations follow
    /// the answers they read and are not amendments of their own.
    private func amendments(_ events: [AnswerEvent], questionnaire: Questionnaire) -> [(date: Date, line: String)] {
        let formatter = AnswerFormatter(questionnaire: questionnaire, language: language)
        var last: [String: AnswerState] = [:]
        var result: [(Date, String)] = []
        for event in events where event.kind != .note && event.kind != .calculated {
            guard let id = event.questionID, let question = questionnaire.question(id) else { continue }
            let state = AnswerState.current(from: [event])[id]
            if let before = last[id], before != state {
                let old = formatter.text(mask(before, of: id, in: questionnaire), for: question)
                let new = formatter.text(state.map { mask($0, of: id, in: questionnaire) }, for: question)
                let reason = event.reason.map { " (\(publication.text($0)))" } ?? ""
                result.append((event.recordedAt, "\(id): \(old) → \(new)\(reason)"))
            }
            last[id] = state
        }
        return result
    }

    /// A review decision; who reviewed is the working group's business, shown to internal readers.
    private func reviewLine(_ change: ReviewChange) -> (date: Date, line: String) {
        let line = ReviewStatusPhrase.status(change.previous).text(language) + " → " + ReviewStatusPhrase.status(change.status).text(language)
        let reviewer = publication.isPublic ? "" : " [\(change.reviewer)]"
        let comment = change.comment.map { " (\(publication.text($0)))" } ?? ""
        return (change.recordedAt, "\(ReviewStatusPhrase.columnReview.text(language)): \(line)\(reviewer)\(comment)")
    }

    private func consentLine(_ change: ConsentChange) -> (date: Date, line: String) {
        let line = ShellPhrase.consentLevel(change.previous).text(language) + " → " + ShellPhrase.consentLevel(change.consent).text(language)
        return (change.recordedAt, "\(ShellPhrase.columnConsent.text(language)): \(line) (\(publication.text(change.reason)))")
    }
}
