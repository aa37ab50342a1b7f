import Synchronization
import KikitoriCore
import KikitoriStore
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
    /// Who may be named, and every hidden group's pseudonym; empty for an internal publication.
    let identities: Identities
    let masker: Masker
    /// Labels already put to the masker (``hides(_:)``), shared by the copies of this publication.
    private let hiddenLabels = LabelMemory()
    /// Respondents per kind, industry and region among the counted hearings, for attributions, and
    /// per kind and industry whatever the region.
    private let attribution: [AttributionKey: Int]
    private let byIndustry: [AttributionKey: Int]
    /// Public outputs number interviewers (staff, not respondents, but not named to the council
    /// either): 1 for the first to hold a hearing here.
    private let interviewerNumbers: [String: Int]

    public var isPublic: Bool { filter.audience == .public }
    public var minCell: Int { filter.smallCell }
    /// The fewest answers or hearings a group may have to be shown on its own: the small-cell
    /// threshold for the public, any for an internal output.
    public var smallestShownGroup: Int { isPublic ? minCell : 1 }

    /// Reads who may be named and what must be masked: three small queries, once per output. An
    /// internal output reads none of them — it shows respondents as registered and masks nothing —
    /// so the shell, internal search and internal exports do not scan every respondent (a second at
    /// a million answers); the one internal table that shows pseudonyms (the respondents register)
    /// works them out itself.
    public init(store: HearingStore, filter: ReviewFilter, language: Language) throws(StoreError) {
        if let questionnaire = filter.questionnaire { try store.checkQuestionnaire(questionnaire) }
        let identities = filter.audience == .public
            ? Identities(try store.identities(), links: try store.links(), language: language)
            : Identities([], links: [:], language: language)
        let terms = filter.audience == .public ? try store.maskTerms() : []
        let attribution = filter.audience == .public ? try store.attributionGroups(filter: filter) : [:]
        let interviewers = filter.audience == .public ? try store.interviewers() : []
        self.init(
            filter: filter, language: language, identities: identities, terms: terms, attribution: attribution, interviewers: interviewers)
    }

    init(
        filter: ReviewFilter, language: Language, identities: Identities, terms: [(hearing: String, term: String)],
        attribution: [AttributionKey: Int] = [:], interviewers: [String] = []
    ) {
        self.filter = filter
        self.language = language
        self.identities = identities
        self.attribution = attribution
        interviewerNumbers = Dictionary(interviewers.enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        var byIndustry: [AttributionKey: Int] = [:]
        for (key, count) in attribution { byIndustry[AttributionKey(kind: key.kind, industry: key.industry, region: nil), default: 0] += count }
        self.byIndustry = byIndustry
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

    /// An interviewer as this output may show them: by name internally, numbered in public.
    public func interviewer(_ name: String) -> String {
        guard isPublic else { return name }
        return PrivacyPhrase.interviewer(interviewerNumbers[name] ?? interviewerNumbers.count + 1).text(language)
    }

    /// `table` with its groups as this output may show them (interviewers numbered in public), before
    /// anything is counted, compared or named from it; a table already shown so is left as it is.
    public func groupsAsShown(_ table: ThemeCrossTab) -> ThemeCrossTab {
        guard isPublic, table.dimension == .interviewer, table.groups.contains(where: { interviewerNumbers[$0] != nil }) else { return table }
        var renamed = table.renamingGroups(interviewer)
        renamed.groups.sort { $0.compare($1, options: .numeric) == .orderedAscending }
        return renamed
    }

    /// A group of `dimension` as this output may show it: interviewers numbered in public, any other as it is.
    public func group(_ value: String, of dimension: ThemeCrossTab.Dimension?) -> String {
        dimension == .interviewer ? interviewer(value) : value
    }

    // MARK: Text

    /// Answer or note text as it may be shown.
    public func text(_ text: String) -> String {
        isPublic ? masker.mask(text).text : text
    }

    public func text(_ text: String?) -> String? {
        text.map { self.text($0) }
    }

    // MARK: Choices

    /// Whether a choice's label names someone this output hides — the municipality of a hidden
    /// municipal respondent, chosen from the register, say. Such a choice identifies as surely as
    /// the name in a text: its value and label are shown as the mask, its 0/1 column left empty,
    /// and distributions count it under one row with the other hidden ones (list order would tell).
    public func hides(_ choice: Choice) -> Bool {
        isPublic && choice.label.values.values.contains(where: hidesLabel)
    }

    /// Whether masking changes a label, asked once per label: exports ask it for every choice
    /// cell of every row, and a list's labels are few.
    private func hidesLabel(_ label: String) -> Bool {
        if let known = hiddenLabels.memory.withLock({ $0[label] }) { return known }
        let hidden = masker.mask(label).text != label
        hiddenLabels.memory.withLock { $0[label] = hidden }
        return hidden
    }

    /// A select answer's stored code as it may be shown: each hidden choice's value replaced by its
    /// masked label.
    public func choiceCode(_ code: String, choices: [Choice]) -> String {
        guard isPublic else { return code }
        return code.split(separator: " ").map { value in
            guard let choice = choices.first(where: { $0.value == value }), hides(choice) else { return String(value) }
            return text(choice.label.text(language, fallback: language))
        }.joined(separator: " ")
    }

    /// Text with highlighted ranges (matched words, search terms) moved to where they stand after masking.
    public func text(_ text: String, spans: [Range<Int>]) -> (text: String, spans: [Range<Int>]) {
        isPublic ? masker.mask(text, spans: spans) : (text, spans)
    }

    /// The hearing a follow-up follows, as this output may name it: not at all in public when that
    /// hearing is internal only (its existence is the respondent's internal business too).
    public func linkedHearing(_ id: String?, consent: ConsentLevel?) -> String? {
        guard let id else { return nil }
        return isPublic && consent != .publicNamed && consent != .publicAnonymous ? nil : id
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
        shown.organisation = identities.isNamed(quote.respondentID) ? quote.organisation : nil
        (shown.industry, shown.region) = attribution(
            respondent: quote.respondentID, kind: quote.kind.rawValue, industry: quote.industry, region: quote.region)
        return shown
    }

    /// A respondent's industry and region as this output may show them beside its words: for a
    /// hidden respondent, only where at least `minCell` respondents of its kind share them (the
    /// region goes first, then the industry), so that 「運輸・後志」 cannot single out one firm.
    public func attribution(respondent: String, kind: String, industry: String?, region: String?) -> (industry: String?, region: String?) {
        guard isPublic, !identities.isNamed(respondent) else { return (industry, region) }
        if attribution[AttributionKey(kind: kind, industry: industry, region: region), default: 0] >= minCell { return (industry, region) }
        let sharingIndustry = byIndustry[AttributionKey(kind: kind, industry: industry, region: nil), default: 0]
        return (sharingIndustry >= minCell ? industry : nil, nil)
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
    /// `contacts` telephone numbers and e-mail addresses. Markup (HTML, XML, SVG) is read twice, as
    /// it is and as its reader sees it (tags dropped, entities decoded), so that neither
    /// 「サン<b>プル</b>」 nor 「A&amp;B」 hides a name.
    public func findings(in text: String, contacts: Bool) -> [PrivacyFinding] {
        var found: [PrivacyFinding] = []
        var seen: Set<String> = []
        let lines = LineIndex(text)
        for (variant, map) in [(text, nil)] + (text.contains("<") || text.contains("&") ? [Self.readable(text)].map { ($0.text, Optional($0.origin)) } : []) {
            for finding in masker.findings(in: variant, contacts: contacts) {
                let offset = map.map { $0[min(finding.range.lowerBound, $0.count - 1)] } ?? finding.range.lowerBound
                let (line, column) = lines.position(of: offset)
                guard seen.insert("\(line):\(finding.owner.kind):\(finding.owner.id)").inserted else { continue }
                found.append(PrivacyFinding(line: line, column: column, kind: finding.owner.kind.rawValue, id: finding.owner.id))
            }
        }
        return found.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// Refuses a rendered public output that still holds a hidden name or masked term. Called on the
    /// whole output after rendering, so that a label, a heading or a new code path cannot leak one.
    /// - Throws: ``PrivacyProblem/leak(output:respondent:kind:)`` naming the respondent's id, never the name.
    public func check(_ rendered: String, output: String) throws(PrivacyProblem) {
        guard isPublic else { return }
        // One scan in the common case: positions are worked out only by `findings`.
        var hit = masker.findings(in: rendered, contacts: false).first
        if hit == nil, rendered.utf8.contains(where: { $0 == 0x3C || $0 == 0x26 }) {
            hit = masker.findings(in: Self.readable(rendered).text, contacts: false).first
        }
        if let hit { throw .leak(output: output, respondent: hit.owner.id, kind: hit.owner.kind.rawValue) }
    }

    /// Markup as its reader sees it: tags dropped (their line breaks kept), the common entities
    /// decoded; `origin` maps each UTF-8 offset of the result to one in `markup`.
    static func readable(_ markup: String) -> (text: String, origin: [Int]) {
        let bytes = Array(markup.utf8)
        var result: [UInt8] = []
        var origin: [Int] = []
        let entities: [(String, UInt8)] = [("&amp;", 0x26), ("&lt;", 0x3C), ("&gt;", 0x3E), ("&quot;", 0x22), ("&#39;", 0x27), ("&nbsp;", 0x20)]
        var index = 0
        var inTag = false
        while index < bytes.count {
            let byte = bytes[index]
            if inTag {
                if byte == 0x3E { inTag = false }
                if byte == 0x0A { result.append(byte); origin.append(index) }
                index += 1
            } else if byte == 0x3C {
                inTag = true
                index += 1
            } else if byte == 0x26, let (entity, value) = entities.first(where: { bytes[index...].starts(with: Array($0.0.utf8)) }) {
                result.append(value)
                origin.append(index)
                index += entity.utf8.count
            } else {
                result.append(byte)
                origin.append(index)
                index += 1
            }
        }
        origin.append(bytes.count)
        return (String(decoding: result, as: UTF8.self), origin)
    }
}

/// Line and column (in characters, from 1) of UTF-8 offsets in a text.
struct LineIndex {
    private let bytes: [UInt8]
    private let starts: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        self.starts = starts
    }

    func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let column = bytes[starts[low]..<min(offset, bytes.count)].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } + 1
        return (low + 1, column)
    }
}

/// Something hidden found in a text: where (line and column from 1), what kind (organisation,
/// person, term, telephone, email) and whose (respondent id, or hearing id for a term). Never the
/// words themselves, so that a report of findings is not itself a leak.
public struct PrivacyFinding: Sendable, Equatable {
    public var line: Int
    public var column: Int
    public var kind: String
    public var id: String
}

/// What the masker said of each choice label, kept across the cells of one output.
private final class LabelMemory: Sendable {
    let memory = Mutex<[String: Bool]>([:])
}
