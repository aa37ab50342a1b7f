import Foundation
import KikitoriCore

/// The long `repeats` layout (what `export repeats` writes: one row per instance) read back for
/// `import --repeats`: each row's cells renamed to the wide layout's instance columns
/// (`data_format` on the row of `field` instance 7 → `data_format[7]`), so the importer reads a
/// hearing's instances exactly as if the `hearings` file held them, and checks them the same way.
package struct LongRepeats: Sendable {
    /// Per hearing id (lower case): wide column name → value.
    package private(set) var cells: [String: [String: String]] = [:]
    /// The first line of each hearing, for reporting one no `hearings` row claims.
    package private(set) var lines: [String: Int] = [:]

    package static let fixedColumns = ["hearing_id", "questionnaire_version", "repeat", "instance", "instance_value", "instance_label"]
    package static let requiredColumns = ["hearing_id", "repeat", "instance"]

    /// Reads and checks the whole file against the questionnaire's versions.
    package static func read(_ bytes: [UInt8], path: String, versions: [Int: Questionnaire]) throws(ImportFailure) -> LongRepeats {
        let (records, _) = try ImportText.records(bytes, path: path)
        guard let header = records.first else { throw ImportFailure(path: path, problems: [ImportProblem(line: 1, reason: .empty)]) }
        let ordered = versions.keys.sorted().compactMap { versions[$0] }
        // Each group (latest definition first) with its members' plain columns and their makers per index.
        var groups: [String: (group: RepeatGroup, version: Questionnaire, questions: [Question])] = [:]
        for version in ordered.reversed() {
            for group in version.repeatGroups where groups[group.id] == nil {
                groups[group.id] = (group, version, group.questions.compactMap(version.question))
            }
        }
        var memberOf: [String: String] = [:]
        for (id, entry) in groups {
            for question in entry.questions {
                for column in HearingsLayout.columns(for: question, id: question.id, versions: ordered, labels: true) { memberOf[column.name] = id }
            }
        }

        let (headerProblems, more) = HearingImporter.checkHeader(header, known: Set(fixedColumns).union(memberOf.keys), required: requiredColumns)
        guard headerProblems.isEmpty else { throw ImportFailure(path: path, problems: headerProblems, more: more) }
        var problems: [ImportProblem] = []
        var index: [String: Int] = [:]
        for (position, name) in header.fields.enumerated() { index[name] = position }

        var result = LongRepeats()
        var seen: [String: Int] = [:]
        var renames: [String: [String: String]] = [:]
        for record in records.dropFirst() {
            guard problems.count < HearingImporter.problemLimit else { break }
            guard record.fields.count == header.fields.count else {
                problems.append(ImportProblem(line: record.line, reason: .ragged(fields: record.fields.count, expected: header.fields.count)))
                continue
            }
            func cell(_ name: String) -> String? { record.cell(index[name]) }
            func problem(_ column: String, _ reason: ImportProblem.Reason) {
                problems.append(ImportProblem(line: record.line, column: column, value: cell(column), reason: reason))
            }
            guard let hearing = cell("hearing_id").flatMap(UUID.init(uuidString:))?.uuidString.lowercased() else {
                problem("hearing_id", cell("hearing_id") == nil ? .required : .badID)
                continue
            }
            guard let groupID = cell("repeat"), let entry = groups[groupID] else {
                problem("repeat", groups.isEmpty ? .invalid(allowed: []) : .invalid(allowed: groups.keys.sorted()))
                continue
            }
            guard let instance = cell("instance").flatMap({ Int($0) }), (1...RepeatGroup.maximumInstances).contains(instance) else {
                problem("instance", .badInstance(maximum: RepeatGroup.maximumInstances))
                continue
            }
            if case .choices(let source) = entry.group.source, let question = entry.version.question(source) {
                let choices = entry.version.choices(for: question) ?? []
                guard instance <= choices.count else {
                    problem("instance", .badInstance(maximum: choices.count))
                    continue
                }
                if let value = cell("instance_value"), value != choices[instance - 1].value {
                    problem("instance_value", .instanceValueDisagrees(expected: choices[instance - 1].value))
                }
            }
            let key = "\(hearing) \(groupID)[\(instance)]"
            if let first = seen[key] {
                problem("instance", .duplicateInstance(firstLine: first))
                continue
            }
            seen[key] = record.line
            let rename = renames["\(groupID)[\(instance)]"] ?? {
                var names: [String: String] = [:]
                for question in entry.questions {
                    let plain = HearingsLayout.columns(for: question, id: question.id, versions: ordered, labels: true)
                    let wide = HearingsLayout.columns(for: question, id: Questionnaire.instanceID(question.id, instance), versions: ordered, labels: true)
                    for (from, to) in zip(plain, wide) { names[from.name] = to.name }
                }
                return names
            }()
            renames["\(groupID)[\(instance)]"] = rename
            if result.lines[hearing] == nil { result.lines[hearing] = record.line }
            for (name, position) in index where !fixedColumns.contains(name) {
                guard let value = record.cell(position) else { continue }
                guard let wide = rename[name] else {
                    problem(name, .notInGroup(groupID))
                    continue
                }
                result.cells[hearing, default: [:]][wide] = value
            }
        }
        guard problems.isEmpty else { throw ImportFailure(path: path, problems: problems) }
        return result
    }
}
