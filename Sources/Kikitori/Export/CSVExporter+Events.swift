import Foundation
import KikitoriCore
import KikitoriStore

extension CSVExporter {
    /// The audit trail: one row per event (answers, changes with the value before and the reason,
    /// non-answers, notes), with the seconds the question was on screen.
    func exportEvents(_ run: ExportRun) throws -> [String] {
        let text = run.text
        try run.writer.writeHeader([
            "hearing_id", "questionnaire", "respondent_kind", "respondent", "question_id", "kind", "value_code", "value_text",
            "previous_code", "previous_text", "reason", "shown_at", "recorded_at", "seconds_on_question",
        ])
        var references: Set<String> = []
        try store.forEachEvent(filter: run.options.filter) { event in
            references.insert(event.questionnaire)
            let seconds = event.shownAt.map { String(format: "%.1f", event.recordedAt.timeIntervalSince($0)) }
            try run.write([
                event.hearingID, event.questionnaire, event.respondentKind, publication.respondent(event.respondentID, organisation: event.organisation),
                event.questionID, event.kind, event.code, text(event.text), event.previousCode, text(event.previousText), text(event.reason),
                event.shownAt.map(JapanTime.timestamp), JapanTime.timestamp(event.recordedAt), seconds,
            ])
        }
        return references.sorted()
    }

    /// Paradata per hearing and question: seconds on the question (summed over every time it was
    /// answered), how often the answer changed, don't-know and refusal, and the hearing's duration.
    func exportParadata(_ run: ExportRun) throws -> [String] {
        try run.writer.writeHeader([
            "hearing_id", "questionnaire", "question_id", "seconds_on_question", "answers", "changes", "dont_know", "refused", "hearing_seconds",
        ])
        struct Question { var seconds = 0.0, answers = 0, changes = 0, dontKnow = false, refused = false }
        var references: Set<String> = []
        var current: (hearing: String, questionnaire: String, duration: String?)?
        var order: [String] = []
        var questions: [String: Question] = [:]
        func flush() throws {
            guard let current else { return }
            for id in order {
                guard let question = questions[id] else { continue }
                try run.write([
                    current.hearing, current.questionnaire, id, String(format: "%.1f", question.seconds), String(question.answers),
                    String(question.changes), question.dontKnow ? "1" : "0", question.refused ? "1" : "0", current.duration,
                ])
            }
            order = []
            questions = [:]
        }
        try store.forEachEvent(filter: run.options.filter) { event in
            references.insert(event.questionnaire)
            if event.hearingID != current?.hearing {
                try flush()
                current = (event.hearingID, event.questionnaire, event.endedAt.map { String(format: "%.0f", $0.timeIntervalSince(event.startedAt)) })
            }
            guard let id = event.questionID, event.kind != AnswerEvent.Kind.note.rawValue else { return }
            if questions[id] == nil { order.append(id) }
            var question = questions[id] ?? Question()
            if let shown = event.shownAt { question.seconds += max(0, event.recordedAt.timeIntervalSince(shown)) }
            question.answers += 1
            if event.kind == AnswerEvent.Kind.changed.rawValue { question.changes += 1 }
            if event.kind == AnswerEvent.Kind.dontKnow.rawValue { question.dontKnow = true }
            if event.kind == AnswerEvent.Kind.refused.rawValue { question.refused = true }
            questions[id] = question
        }
        try flush()
        return references.sorted()
    }

    /// Interviewers' notes with their hearing and question: internal only, they are about people.
    func exportNotes(_ run: ExportRun) throws -> [String] {
        guard !publication.isPublic else { throw Problem.internalOnly(ExportKind.notes.rawValue) }
        try run.writer.writeHeader(["hearing_id", "questionnaire", "respondent", "question_id", "note", "recorded_at"])
        var references: Set<String> = []
        try store.forEachEvent(filter: run.options.filter) { event in
            guard event.kind == AnswerEvent.Kind.note.rawValue else { return }
            references.insert(event.questionnaire)
            try run.write([
                event.hearingID, event.questionnaire, publication.respondent(event.respondentID, organisation: event.organisation),
                event.questionID, event.text, JapanTime.timestamp(event.recordedAt),
            ])
        }
        return references.sorted()
    }

    /// Coders' memos on themes and hearings, dated and signed: internal only, like notes.
    func exportMemos(_ run: ExportRun) throws -> [String] {
        guard !publication.isPublic else { throw Problem.internalOnly(ExportKind.memos.rawValue) }
        try run.writer.writeHeader(["written_at", "subject", "target", "coder", "memo"])
        for memo in try store.memos() {
            try run.write([JapanTime.timestamp(memo.writtenAt), memo.subject.rawValue, memo.target, memo.coder, memo.text])
        }
        return []
    }
}
