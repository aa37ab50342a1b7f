import KikitoriCore
import KikitoriStore
/// Who may be named in public, and the stand-in name of everyone else.
///
/// The rule: a respondent is named only when every hearing of it, of every respondent linked to it
/// as the same organisation, and of every respondent registered under the same name (in any width
/// or kana; an unlinked duplicate is still the same organisation to a reader) is `public_named`. Otherwise the whole group is 企業A / 市町村B in
/// every public output, including its own named hearings, so that no named row can decode a
/// pseudonym. Letters go to hidden groups only, in registration order, so the same database always
/// gives the same letters and a gap in them reveals nothing.
public struct Identities: Sendable {
    public struct Entry: Sendable {
        public var identity: RespondentIdentity
        /// The group's stand-in name; nil when the group may be named.
        public var pseudonym: String?
        public var hidden: Bool { pseudonym != nil }
    }

    public let entries: [String: Entry]
    /// Respondents in registration order.
    public let order: [String]

    /// - Parameter links: respondent id → the respondent it was linked to as the same organisation.
    public init(_ identities: [RespondentIdentity], links: [String: String], language: Language) {
        func group(_ id: String) -> String { links[id] ?? id }
        var hiddenGroups: Set<String> = []
        var hiddenNames: Set<[UInt8]> = []
        for identity in identities where identity.strictestConsent != .publicNamed {
            hiddenGroups.insert(group(identity.id))
            hiddenNames.insert(FoldedText.fold(identity.organisation))
        }
        for identity in identities where hiddenNames.contains(FoldedText.fold(identity.organisation)) { hiddenGroups.insert(group(identity.id)) }
        var counters: [String: Int] = [:]
        var pseudonyms: [String: String] = [:]
        // Group leaders first, so that members take their leader's letter.
        let ordered = identities.filter { links[$0.id] == nil } + identities.filter { links[$0.id] != nil }
        var entries: [String: Entry] = [:]
        for identity in ordered {
            let key = group(identity.id)
            var pseudonym: String?
            if hiddenGroups.contains(key) {
                if let known = pseudonyms[key] {
                    pseudonym = known
                } else {
                    let prefix = PrivacyPhrase.pseudonymPrefix(identity.kind).text(language)
                    let index = counters[prefix, default: 0]
                    counters[prefix] = index + 1
                    pseudonym = prefix + Self.letters(index)
                    pseudonyms[key] = pseudonym
                }
            }
            entries[identity.id] = Entry(identity: identity, pseudonym: pseudonym)
        }
        self.entries = entries
        order = identities.map(\.id)
    }

    /// A, B, …, Z, AA, AB, …
    static func letters(_ index: Int) -> String {
        var index = index
        var text = ""
        repeat {
            text = String(UnicodeScalar(UInt8(65 + index % 26))) + text
            index = index / 26 - 1
        } while index >= 0
        return text
    }

    /// The organisation, or its pseudonym when the group is hidden; hidden when unknown.
    public func label(_ respondent: String) -> String {
        guard let entry = entries[respondent] else { return "" }
        return entry.pseudonym ?? entry.identity.organisation
    }

    public func isNamed(_ respondent: String) -> Bool {
        entries[respondent].map { !$0.hidden } ?? false
    }
}
