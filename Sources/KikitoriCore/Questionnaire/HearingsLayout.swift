/// The columns of the wide `hearings` table: what `export hearings` writes, `import` reads, and
/// `import --template` hands out for typing paper notes.
///
/// One row per hearing; a code column per question (and a label column when asked for),
/// select_multiple split into 0/1 columns before its joined column, and `<q>_other` where a version
/// allows other answers. Questions come in the latest version's order, then those only older
/// versions asked, so no column moves because versions differ.
public enum HearingsLayout {
    public enum Column: Equatable, Sendable {
        case value(question: String)
        case label(question: String)
        case other(question: String)
        case choice(question: String, value: String)
    }

    public static let metadata = [
        "hearing_id", "questionnaire_version", "respondent_kind", "respondent", "respondent_industry", "respondent_region", "interviewer",
        "started_at", "ended_at", "status", "consent", "previous_hearing_id",
    ]

    /// - Parameters:
    ///   - versions: the questionnaire's versions, oldest first.
    ///   - instances: for repeat groups not over a choice list, the highest instance index the data
    ///     holds per group (``instanceCounts(_:)``). A group over choices has a column set per
    ///     choice of its list, whatever was chosen, so its columns never move.
    public static func columns(versions: [Questionnaire], labels: Bool, instances: [String: Int] = [:]) -> [(name: String, column: Column)] {
        guard let latest = versions.last else { return [] }
        var order: [Question] = latest.questions.filter(\.type.holdsValue)
        for version in versions.reversed() {
            for question in version.questions where question.type.holdsValue && !order.contains(where: { $0.id == question.id }) {
                order.append(question)
            }
        }
        var columns: [(name: String, column: Column)] = []
        var unrolled: Set<String> = []
        for question in order {
            guard let group = versions.reversed().lazy.compactMap({ $0.repeatGroup(containing: question.id) }).first else {
                columns += self.columns(for: question, id: question.id, versions: versions, labels: labels)
                continue
            }
            // A group's columns come together, instance by instance: q1[1], q2[1], q1[2], q2[2]…
            guard unrolled.insert(group.id).inserted else { continue }
            let members = order.filter { group.questions.contains($0.id) }
            for index in 1...max(1, instanceCount(group, versions: versions, instances: instances)) {
                for member in members {
                    columns += self.columns(for: member, id: Questionnaire.instanceID(member.id, index), versions: versions, labels: labels)
                }
            }
        }
        return columns
    }

    /// The columns of one question, or of one instance's copy of it (`id` = `format[3]`).
    public static func columns(for question: Question, id: String, versions: [Questionnaire], labels: Bool) -> [(name: String, column: Column)] {
        let asked = versions.compactMap { version in version.question(question.id).map { (version, $0) } }
        let choices = asked.flatMap { version, q in version.choices(for: q) ?? [] }
        var columns: [(name: String, column: Column)] = []
        switch question.type {
        case .selectMultiple:
            var seen: Set<String> = []
            for choice in choices where seen.insert(choice.value).inserted {
                columns.append(("\(id)__\(choice.value)", .choice(question: id, value: choice.value)))
            }
            columns.append((id, .value(question: id)))
            if labels { columns.append(("\(id)_label", .label(question: id))) }
        case .selectOne, .yesNo:
            columns.append((id, .value(question: id)))
            if labels { columns.append(("\(id)_label", .label(question: id))) }
        default:
            columns.append((id, .value(question: id)))
        }
        if asked.contains(where: { $0.1.allowOther }) { columns.append(("\(id)_other", .other(question: id))) }
        return columns
    }

    /// How many instance column sets a group gets: one per choice of the list it repeats over
    /// (the longest any version had), else the highest index in the data.
    public static func instanceCount(_ group: RepeatGroup, versions: [Questionnaire], instances: [String: Int]) -> Int {
        if case .choices(let source) = group.source {
            return versions.compactMap { version in version.question(source).flatMap { version.choices(for: $0)?.count } }.max() ?? 0
        }
        return group.questions.compactMap { instances[$0] }.max() ?? 0
    }

    /// The highest instance index per question, from the stored ids of instances' answers.
    public static func instanceCounts(_ ids: some Sequence<String>) -> [String: Int] {
        var counts: [String: Int] = [:]
        for id in ids {
            guard let (question, index) = Questionnaire.splitInstanceID(id) else { continue }
            counts[question] = max(counts[question] ?? 0, index)
        }
        return counts
    }
}
