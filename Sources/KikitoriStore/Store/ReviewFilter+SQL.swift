import KikitoriCore
/// How a review's filter and columns read in SQL over hearings `h` and respondents `r`.
extension ReviewFilter {
    /// The SQL condition on `h.questionnaire` for `reference` (bound as its argument): `id@N` is one
    /// version, `id` every version.
    package static func questionnaireCondition(_ reference: String) -> String {
        reference.contains("@") ? "h.questionnaire = ?" : "h.questionnaire LIKE ? || '@%'"
    }

    /// SQL conditions on `h` (hearing) and their arguments.
    package var conditions: (sql: String, arguments: [String]) {
        var parts: [String] = []
        var arguments: [String] = []
        if let status {
            parts.append("h.status = ?")
            arguments.append(status.rawValue)
        }
        if let questionnaire {
            parts.append(Self.questionnaireCondition(questionnaire))
            arguments.append(questionnaire)
        }
        if audience == .public { parts.append("h.consent != 'internal_only'") }
        return (parts.isEmpty ? "1 = 1" : parts.joined(separator: " AND "), arguments)
    }
}

extension ThemeCrossTab.Dimension {
    /// The SQL expression grouping hearings `h` with respondents `r`.
    package var sql: String {
        switch self {
        case .kind: return "r.kind"
        case .industry: return "COALESCE(r.industry, '')"
        case .region: return "COALESCE(r.region, '')"
        case .questionnaire: return "substr(h.questionnaire, 1, instr(h.questionnaire, '@') - 1)"
        case .version: return "h.questionnaire"
        case .month: return "substr(h.started_at, 1, 7)"
        case .interviewer: return "h.interviewer"
        }
    }
}
