import Foundation
import KikitoriCore
import KikitoriStore

extension CSVExporter {
    /// Every respondent with its pseudonym: internal only.
    func exportRespondents(_ run: ExportRun) throws -> [String] {
        let writer = run.writer
        let isPublic = publication.isPublic
        let kind = run.kind
        guard !isPublic else { throw Problem.internalOnly(kind.rawValue) }
        try writer.writeHeader([
            "respondent_id", "kind", "organisation", "person_name", "person_role", "industry", "municipality", "region",
            "pseudonym", "hearings",
        ])
        let identities = publication.identities
        try store.forEachRespondent { respondent, hearings in
            let id = respondent.id.uuidString.lowercased()
            try writer.writeRow([
                id, respondent.kind.rawValue, respondent.organisation, respondent.personName, respondent.personRole, respondent.industry,
                respondent.municipality, respondent.region, identities.entries[id]?.pseudonym, String(hearings),
            ])
        }
        return []
    }
}
