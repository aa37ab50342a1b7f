import KikitoriCore
import GRDB

/// The full-text index's text form, shared by the SQL trigger that fills it and the query that reads it.
///
/// Kept as a SQL function so that every write — an answer in the shell, a bulk import, a merge —
/// updates the index in the same statement, without a code path that could forget it.
package enum SearchIndex {
    package static let normalizeFunction = "kikitori_search_text"

    /// NFKC and Latin lower case, as the tagger sees text, so `ＤＸ` finds `dx`.
    package static let function = DatabaseFunction(normalizeFunction, argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).map(NormalizedText.normalize)
    }

    /// FTS5's trigram tokenizer needs three characters; shorter terms (費用, 負担) are found by a scan.
    package static let shortestIndexedTerm = 3
}

/// The organisation key as a SQL function, so a migration can recompute it when the key's rules change
/// without reading rows into app types.
package enum OrganisationKeyFunction {
    package static let name = "kikitori_organisation_key"

    package static let function = DatabaseFunction(name, argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).map(OrganisationKey.make)
    }
}
