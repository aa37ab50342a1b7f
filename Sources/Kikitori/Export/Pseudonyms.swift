import Foundation

/// Stable stand-in names for respondents who agreed to be published without their names
/// (企業A, 市町村B / Firm A, Municipality B), and masking of their names inside free text.
///
/// Letters follow the order respondents were registered, so the same database always gives the
/// same pseudonyms.
public struct Pseudonyms: Sendable {
    public struct Entry: Sendable {
        public var organisation: String
        public var person: String?
        public var pseudonym: String
        /// Whether names must be hidden: some hearing of this respondent is not `public_named`.
        public var hidden: Bool
    }

    public let entries: [String: Entry]
    /// Built on first use: internal exports never mask, and the automaton grows with the respondents.
    private let masker: Masker
    private var replacements: [String] { masker.replacements }

    private final class Masker: @unchecked Sendable {
        let patterns: [[UInt8]]
        let replacements: [String]
        private let lock = NSLock()
        private var built: AhoCorasick?

        init(patterns: [[UInt8]], replacements: [String]) {
            self.patterns = patterns
            self.replacements = replacements
        }

        var automaton: AhoCorasick {
            lock.withLock {
                if let built { return built }
                let automaton = AhoCorasick(patterns: patterns)
                built = automaton
                return automaton
            }
        }
    }

    /// - Parameter links: respondent id → the respondent it was linked to as the same organisation;
    ///   a linked group shares one pseudonym, and its names are hidden if any member's must be.
    public init(
        rows: [(id: String, kind: RespondentKind, organisation: String, person: String?, hidden: Bool)], links: [String: String] = [:],
        language: Language
    ) {
        var counters: [String: Int] = [:]
        var entries: [String: Entry] = [:]
        var patterns: [[UInt8]] = []
        var replacements: [String] = []
        var hiddenGroups: Set<String> = []
        for row in rows where row.hidden { hiddenGroups.insert(links[row.id] ?? row.id) }
        // Group leaders first, so that members find their leader's pseudonym.
        let ordered = rows.filter { links[$0.id] == nil } + rows.filter { links[$0.id] != nil }
        for var row in ordered {
            let group = links[row.id] ?? row.id
            row.hidden = hiddenGroups.contains(group)
            let pseudonym: String
            if let leader = entries[group], group != row.id {
                pseudonym = leader.pseudonym
            } else {
                let prefix: String
                switch row.kind {
                case .privateFirm: prefix = language == .ja ? "企業" : "Firm "
                case .municipalityHead, .municipalStaff: prefix = language == .ja ? "市町村" : "Municipality "
                case .other: prefix = language == .ja ? "団体" : "Organisation "
                }
                let index = counters[prefix, default: 0]
                counters[prefix] = index + 1
                pseudonym = prefix + Self.letters(index)
            }
            entries[row.id] = Entry(organisation: row.organisation, person: row.person, pseudonym: pseudonym, hidden: row.hidden)
            guard row.hidden else { continue }
            // Names of a character or two would mask ordinary words; they stay.
            if row.organisation.count >= 2 {
                patterns.append(Array(row.organisation.utf8))
                replacements.append(pseudonym)
            }
            if let person = row.person, person.count >= 2 {
                patterns.append(Array(person.utf8))
                replacements.append(language == .ja ? "（氏名）" : "(name)")
            }
        }
        self.entries = entries
        masker = Masker(patterns: patterns, replacements: replacements)
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

    /// The organisation as it may be shown for a hearing with `consent`.
    public func label(respondent: String, consent: ConsentLevel) -> String {
        guard let entry = entries[respondent] else { return "" }
        return consent == .publicNamed ? entry.organisation : entry.pseudonym
    }

    /// `text` with every hidden respondent's organisation and person name replaced, longest match first.
    public func mask(_ text: String) -> String {
        guard !masker.patterns.isEmpty else { return text }
        let bytes = Array(text.utf8)
        let automaton = masker.automaton
        var found: [(start: Int, end: Int, pattern: Int)] = []
        automaton.scan(bytes) { pattern, end in
            found.append((end - Int(automaton.patternLengths[pattern]), end, pattern))
        }
        guard !found.isEmpty else { return text }
        found.sort { $0.start < $1.start || ($0.start == $1.start && $0.end > $1.end) }
        var result: [UInt8] = []
        var position = 0
        for match in found where match.start >= position {
            result += bytes[position..<match.start]
            result += Array(replacements[match.pattern].utf8)
            position = match.end
        }
        result += bytes[position...]
        return String(decoding: result, as: UTF8.self)
    }
}
