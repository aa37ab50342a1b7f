import Foundation

/// The one place that decides what an output may show: every command that prints or writes answer
/// text, respondents or counts asks its publication, public or internal.
///
/// Public (the default everywhere): `internal_only` hearings are left out (by the filter), hidden
/// respondents appear under their group's pseudonym, their names in every spelling, extra masked
/// terms, telephone numbers and e-mail addresses are replaced in every text, whoever's answer it is,
/// and counts go through ``DisclosureControl``. Internal: everything as stored, small counts marked.
public struct Publication: Sendable {
    public let filter: ReviewFilter
    public let language: Language
    public let identities: Identities
    let masker: Masker
    /// Respondents per kind, industry and region among the counted hearings, for attributions.
    private let attribution: [AttributionKey: Int]

    public var isPublic: Bool { filter.audience == .public }
    public var minCell: Int { filter.smallCell }

    /// Reads who may be named and what must be masked: three small queries, once per output.
    public init(store: HearingStore, filter: ReviewFilter, language: Language) throws(StoreError) {
        let identities = Identities(try store.identities(), links: try store.links(), language: language)
        let terms = filter.audience == .public ? try store.maskTerms() : []
        let attribution = filter.audience == .public ? try store.attributionGroups(filter: filter) : [:]
        self.init(filter: filter, language: language, identities: identities, terms: terms, attribution: attribution)
    }

    init(
        filter: ReviewFilter, language: Language, identities: Identities, terms: [(hearing: String, term: String)],
        attribution: [AttributionKey: Int] = [:]
    ) {
        self.filter = filter
        self.language = language
        self.identities = identities
        self.attribution = attribution
        var patterns: [(pattern: [UInt8], owner: Masker.Owner)] = []
        if filter.audience == .public {
            for id in identities.order {
                guard let entry = identities.entries[id] else { continue }
                let identity = entry.identity
                guard let pseudonym = entry.pseudonym else {
                    // Named: its own name shields the hidden names inside it.
                    let owner = Masker.Owner(kind: .named, id: id, replacement: "")
                    patterns.append((FoldedText.fold(identity.organisation), owner))
                    if let person = identity.person { patterns.append((FoldedText.fold(person), owner)) }
                    continue
                }
                let municipal = identity.kind == .municipalityHead || identity.kind == .municipalStaff
                let organisation = Masker.Owner(kind: .organisation, id: id, replacement: pseudonym)
                for variant in NameVariants.organisation(identity.organisation, municipal: municipal) {
                    patterns.append((variant, organisation))
                }
                if municipal, let municipality = identity.municipality {
                    for variant in NameVariants.organisation(municipality, municipal: true) { patterns.append((variant, organisation)) }
                }
                if let person = identity.person {
                    let owner = Masker.Owner(kind: .person, id: id, replacement: PrivacyPhrase.maskedPerson.text(language))
                    for variant in NameVariants.person(person) { patterns.append((variant, owner)) }
                }
            }
            for (hearing, term) in terms {
                let variant = FoldedText.fold(term)
                guard FoldedText.characters(variant) >= NameVariants.shortest else { continue }
                patterns.append((variant, Masker.Owner(kind: .term, id: hearing, replacement: PrivacyPhrase.maskedTerm.text(language))))
            }
        }
        masker = Masker(
            patterns: patterns, telephone: PrivacyPhrase.maskedTelephone.text(language), email: PrivacyPhrase.maskedEmail.text(language))
    }

    // MARK: Text

    /// Answer or note text as it may be shown.
    public func text(_ text: String) -> String {
        isPublic ? masker.mask(text).text : text
    }

    public func text(_ text: String?) -> String? {
        text.map { self.text($0) }
    }

    /// Text with highlighted ranges (matched words, search terms) moved to where they stand after masking.
    public func text(_ text: String, spans: [Range<Int>]) -> (text: String, spans: [Range<Int>]) {
        isPublic ? masker.mask(text, spans: spans) : (text, spans)
    }

    /// The respondent as this output may name it: the organisation, or its group's pseudonym.
    public func respondent(_ id: String, organisation: String) -> String {
        isPublic ? identities.label(id) : organisation
    }

    /// A quote with its text masked and its attribution cut to what may be shown: the organisation
    /// only when named, and industry and region only where enough respondents share them.
    public func quote(_ quote: HearingStore.Quote) -> HearingStore.Quote {
        guard isPublic else { return quote }
        var shown = quote
        (shown.text, shown.spans) = text(quote.text, spans: quote.spans)
        let named = identities.isNamed(quote.respondentID)
        shown.organisation = named ? quote.organisation : nil
        if !named {
            let full = AttributionKey(kind: quote.kind.rawValue, industry: quote.industry, region: quote.region)
            let withoutRegion = AttributionKey(kind: quote.kind.rawValue, industry: quote.industry, region: nil)
            if attribution[full, default: 0] < minCell {
                shown.region = nil
                let sharingIndustry = attribution.filter { $0.key.kind == withoutRegion.kind && $0.key.industry == quote.industry }.values.reduce(0, +)
                if sharingIndustry < minCell { shown.industry = nil }
            }
        }
        return shown
    }

    /// A search hit with its text masked and its respondent named as this output may.
    public func hit(_ hit: HearingStore.SearchHit) -> HearingStore.SearchHit {
        guard isPublic else { return hit }
        var shown = hit
        (shown.text, shown.spans) = text(hit.text, spans: hit.spans)
        shown.organisation = identities.label(hit.respondentID)
        return shown
    }

    // MARK: The last check

    /// Everything hidden that `text` still contains: names in any spelling, masked terms, and with
    /// `contacts` telephone numbers and e-mail addresses.
    public func findings(in text: String, contacts: Bool) -> [PrivacyFinding] {
        masker.findings(in: text, contacts: contacts).map {
            PrivacyFinding(range: $0.range, kind: $0.owner.kind.rawValue, id: $0.owner.id)
        }
    }

    /// Refuses a rendered public output that still holds a hidden name or masked term. Called on the
    /// whole output after rendering, so that a label, a heading or a new code path cannot leak one.
    /// - Throws: ``PrivacyProblem/leak(output:respondent:kind:)`` naming the respondent's id, never the name.
    public func check(_ rendered: String, output: String) throws(PrivacyProblem) {
        guard isPublic, let first = findings(in: rendered, contacts: false).first else { return }
        throw .leak(output: output, respondent: first.id, kind: first.kind)
    }
}

/// Something hidden found in a text: where, what kind (organisation, person, term, telephone,
/// email) and whose (respondent id, or hearing id for a term).
public struct PrivacyFinding: Sendable, Equatable {
    public var range: Range<Int>
    public var kind: String
    public var id: String
}
