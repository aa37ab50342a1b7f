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

    /// - Parameter versions: the questionnaire's versions, oldest first.
    public static func columns(versions: [Questionnaire], labels: Bool) -> [(name: String, column: Column)] {
        guard let latest = versions.last else { return [] }
        var order: [Question] = latest.questions.filter(\.type.isAnswerable)
        for version in versions.reversed() {
            for question in version.questions where question.type.isAnswerable && !order.contains(where: { $0.id == question.id }) {
                order.append(question)
            }
        }
        var columns: [(name: String, column: Column)] = []
        for question in order {
            let asked = versions.compactMap { version in version.question(question.id).map { (version, $0) } }
            let choices = asked.flatMap { version, q in version.choices(for: q) ?? [] }
            switch question.type {
            case .selectMultiple:
                var seen: Set<String> = []
                for choice in choices where seen.insert(choice.value).inserted {
                    columns.append(("\(question.id)__\(choice.value)", .choice(question: question.id, value: choice.value)))
                }
                columns.append((question.id, .value(question: question.id)))
                if labels { columns.append(("\(question.id)_label", .label(question: question.id))) }
            case .selectOne, .yesNo:
                columns.append((question.id, .value(question: question.id)))
                if labels { columns.append(("\(question.id)_label", .label(question: question.id))) }
            default:
                columns.append((question.id, .value(question: question.id)))
            }
            if asked.contains(where: { $0.1.allowOther }) { columns.append(("\(question.id)_other", .other(question: question.id))) }
        }
        return columns
    }
}
