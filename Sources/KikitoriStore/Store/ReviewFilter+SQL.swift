import KikitoriCore
import GRDB
/// How a review's filter and columns read in SQL over hearings `h` and respondents `r`.
extension ReviewFilter {
    /// The SQL condition on `h.questionnaire` for `reference`: `id@N` is one version, `id` every
    /// version (an id holds no LIKE wildcards: they are escaped all the same).
    package static func questionnaireCondition(_ reference: QuestionnaireRef) -> SQL {
        reference.version == nil
            ? "h.questionnaire LIKE \(HearingStore.escapeLike(reference.id)) || '@%' ESCAPE '\\'"
            : "h.questionnaire = \(reference.description)"
    }

    /// The tag states this review counts, for a tag table aliased `t`.
    package var countedTags: SQL {
        "t.state IN \(ThemeTag.State.counted(includingSuggested: includeSuggested))"
    }

    /// SQL conditions on `h` (hearing).
    package var conditions: SQL {
        var parts: [SQL] = []
        if let status { parts.append("h.status = \(status.rawValue)") }
        if let review { parts.append("h.review = \(review.rawValue)") }
        if let questionnaire { parts.append(Self.questionnaireCondition(questionnaire)) }
        if audience == .public { parts.append("h.consent != 'internal_only'") }
        return parts.isEmpty ? "1 = 1" : parts.joined(separator: " AND ")
    }
}

extension ThemeCrossTab.Dimension {
    /// The SQL expression grouping hearings `h` with respondents `r`.
    package var sql: SQL {
        switch self {
        case .kind: return "r.kind"
        case .industry: return "COALESCE(r.industry, '')"
        case .region: return "COALESCE(r.region, '')"
        case .questionnaire: return "substr(h.questionnaire, 1, instr(h.questionnaire, '@') - 1)"
        case .version: return "h.questionnaire"
        // Japan time, as every export and the report print dates (UTC+9, no daylight saving): a
        // hearing at 08:00 on 1 December is December's, though its stored UTC time is November's.
        case .month: return "strftime('%Y-%m', h.started_at, '+9 hours')"
        case .interviewer: return "h.interviewer"
        }
    }
}
