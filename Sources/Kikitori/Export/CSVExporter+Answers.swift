import Foundation
import KikitoriCore
import KikitoriStore

extension CSVExporter {
    /// One row per current answer.
    func exportAnswers(_ run: ExportRun) throws -> [String] {
        let options = run.options
        let writer = run.writer
        let progress = run.progress
        let filter = run.options.filter
        let write = run.write
        let text = run.text
        var header = ["hearing_id", "questionnaire", "questionnaire_version", "respondent_kind", "respondent", "question_id"]
        if options.labels != nil { header.append("question_label") }
        header += ["status", "value_code"]
        if options.labels != nil { header.append("value_label") }
        header += ["value_text", "answered_at"]
        try writer.writeHeader(header)
        var references: Set<String> = []
        // Snapshots are loaded before the cursor opens: the store's methods are not reentrant.
        var snapshots: [String: (questionnaire: Questionnaire, questions: [String: Question], id: String, version: String)] = [:]
        for reference in try store.snapshotReferences() {
            let questionnaire = try store.snapshot(reference)
            let questions = Dictionary(questionnaire.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            snapshots[reference] = (questionnaire, questions, questionnaire.id, String(questionnaire.version))
        }
        // Counted only for a progress bar: the count is a second pass over the answers.
        let total = progress == nil ? 0 : try store.countCurrentAnswers(filter: filter)
        var done = 0
        try store.forEachCurrentAnswer(filter: filter) { row in
            done += 1
            if done % 10_000 == 0 { progress?(done, total) }
            references.insert(row.questionnaire)
            guard let (questionnaire, questions, id, version) = snapshots[row.questionnaire] else { return }
            let question = questions[row.questionID]
            var fields: [String?] = [row.hearingID, id, version, row.respondentKind]
            fields.append(publication.respondent(row.respondentID, organisation: row.organisation))
            fields.append(row.questionID)
            if let labels = options.labels { fields.append(question?.label.text(labels, fallback: questionnaire.defaultLanguage)) }
            fields += [row.kind, row.code]
            if let labels = options.labels { fields.append(Self.valueLabel(row.code, question: question, in: questionnaire, language: labels)) }
            fields += [text(row.text), row.recordedAt.map(JapanTime.timestamp)]
            try write(fields)
        }
        progress?(done, total)
        return references.sorted()
    }
}
