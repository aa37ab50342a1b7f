/// Which hearings a review counts, and for whom the output is.
public struct ReviewFilter: Sendable {
    /// `public` leaves out `internal_only` hearings and suppresses small cells; `internal` shows all.
    public enum Audience: String, Sendable, CaseIterable {
        case `public`
        case `internal`
    }

    public var status: HearingStatus?
    /// `id` (every version) or `id@N`.
    public var questionnaire: String?
    public var audience: Audience
    /// Cells below this many hearings are marked, and suppressed in public outputs.
    public var smallCell: Int

    public init(status: HearingStatus? = .completed, questionnaire: String? = nil, audience: Audience = .public, smallCell: Int = 3) {
        self.status = status
        self.questionnaire = questionnaire
        self.audience = audience
        self.smallCell = smallCell
    }

    /// The SQL condition on `h.questionnaire` for `reference` (bound as its argument): `id@N` is one
    /// version, `id` every version.
    static func questionnaireCondition(_ reference: String) -> String {
        reference.contains("@") ? "h.questionnaire = ?" : "h.questionnaire LIKE ? || '@%'"
    }

    /// SQL conditions on `h` (hearing) and their arguments.
    var conditions: (sql: String, arguments: [String]) {
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
    var sql: String {
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
