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
            "respondent_id", "kind", "organisation", "person_name", "person_role", "industry", "municipality", "municipality_code", "region",
            "pseudonym", "hearings",
        ])
        // An internal publication does not work out pseudonyms (it shows names); this table shows both.
        let identities = Identities(try store.identities(), links: try store.links(), language: publication.language)
        try store.forEachRespondent { respondent, hearings in
            let id = respondent.id.uuidString.lowercased()
            try writer.writeRow([
                id, respondent.kind.rawValue, respondent.organisation, respondent.personName, respondent.personRole, respondent.industry,
                respondent.municipality, respondent.municipality.flatMap(Hokkaido.code(of:)), respondent.region, identities.entries[id]?.pseudonym,
                String(hearings),
            ])
        }
        return []
    }
}
