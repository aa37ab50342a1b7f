import Foundation
import KikitoriCore
import KikitoriStore

extension CSVExporter {
    /// The long layout of repeat groups: one row per instance a hearing holds, with the hearing's
    /// id to join back to `hearings`, the group, the instance's index (as stored, `format[3]` → 3)
    /// and, for a group over choices, the item it is about; then the group's questions under their
    /// plain ids — the table Kobo users build by hand from the wide one.
    func exportRepeats(_ run: ExportRun) throws -> [String] {
        let (id, references, versions) = try versionsOfOneQuestionnaire(run.options.filter)
        let groups = versions.reversed().flatMap(\.repeatGroups).reduce(into: [RepeatGroup]()) { kept, group in
            if !kept.contains(where: { $0.id == group.id }) { kept.append(group) }
        }
        let labels = run.options.labels != nil
        // Each group's columns, named by plain question id, made for any instance index.
        let members = groups.map { group in
            (group, group.questions.compactMap { question in versions.reversed().lazy.compactMap { $0.question(question) }.first })
        }
        var header = ["hearing_id", "questionnaire_version", "repeat", "instance", "instance_value"]
        if labels { header.append("instance_label") }
        var questionColumns: [String] = []
        for (_, questions) in members {
            for question in questions {
                for column in HearingsLayout.columns(for: question, id: question.id, versions: versions, labels: labels).map(\.name)
                where !questionColumns.contains(column) {
                    questionColumns.append(column)
                }
            }
        }
        try run.writer.writeHeader(header + questionColumns)
        var conditions = run.options.filter
        conditions.questionnaire = run.options.filter.questionnaire ?? QuestionnaireRef(id: id)
        let byReference = Dictionary(uniqueKeysWithValues: zip(references, versions))
        var columnsByInstance: [String: [HearingsLayout.Column?]] = [:]
        try store.forEachHearingWithAnswers(filter: conditions) { hearing, answers in
            guard let version = byReference[hearing.questionnaire] else { return }
            // The instances this hearing holds, by question, read from its answers' ids once.
            var held: [String: Set<Int>] = [:]
            for key in answers.keys { if let (question, index) = Questionnaire.splitInstanceID(key) { held[question, default: []].insert(index) } }
            for (group, questions) in members {
                for index in group.questions.reduce(into: Set<Int>(), { $0.formUnion(held[$1] ?? []) }).sorted() {
                    var item: Choice?
                    if case .choices(let source) = group.source, let question = version.question(source) {
                        let choices = version.choices(for: question) ?? []
                        item = index <= choices.count ? choices[index - 1] : nil
                    }
                    var row: [String?] = [
                        hearing.hearingID, (QuestionnaireRef(hearing.questionnaire)?.version).map(String.init) ?? "", group.id, String(index),
                        item?.value,
                    ]
                    if let language = run.options.labels { row.append(item?.label.text(language, fallback: version.defaultLanguage)) }
                    let key = "\(group.id)[\(index)]"
                    if columnsByInstance[key] == nil {
                        // Worked out once per group and index, not per row: each output column's cell there.
                        var byName: [String: HearingsLayout.Column] = [:]
                        for question in questions {
                            let plain = HearingsLayout.columns(for: question, id: question.id, versions: versions, labels: labels)
                            let instance = HearingsLayout.columns(
                                for: question, id: Questionnaire.instanceID(question.id, index), versions: versions, labels: labels)
                            for (name, column) in zip(plain.map(\.name), instance.map(\.column)) { byName[name] = column }
                        }
                        columnsByInstance[key] = questionColumns.map { byName[$0] }
                    }
                    row += (columnsByInstance[key] ?? []).map { column in
                        column.flatMap { cell($0, answers: answers, version: version, labels: run.options.labels, text: run.text) }
                    }
                    try run.write(row)
                }
            }
        }
        return references
    }
}
