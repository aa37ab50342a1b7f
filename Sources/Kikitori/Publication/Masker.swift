import KikitoriCore
import KikitoriStore
import Foundation

/// Finds hidden names, extra masked terms, telephone numbers and e-mail addresses in any text and
/// replaces them, through ``FoldedText`` so that width, kana, spaces and corporate forms do not matter.
///
/// One automaton for every pattern, built once per publication: masking costs one pass per text.
struct Masker: Sendable {
    /// Whose name a pattern is, and what stands in its place.
    struct Owner: Sendable, Equatable {
        enum Kind: String, Sendable {
            case organisation, person, term, telephone, email
            /// A named respondent's own name: a hidden name found wholly inside it is not that name
            /// (「清水町」 inside 「小清水町」).
            case named
        }
        var kind: Kind
        /// The respondent's id; the hearing's id for a term; empty for telephone numbers and addresses.
        var id: String
        var replacement: String
    }

    /// A place in a text where something hidden stands.
    struct Finding: Sendable, Equatable {
        var range: Range<Int>
        var owner: Owner
    }

    private let automaton: AhoCorasick
    private let owners: [Owner]
    private let telephone: Owner
    private let email: Owner

    init(patterns: [(pattern: [UInt8], owner: Owner)], telephone: String, email: String) {
        // The same spelling for two owners keeps the first (registration order); a hidden owner
        // before a named one, so that a tie is masked.
        var seen: Set<[UInt8]> = []
        let ordered = patterns.filter { $0.owner.kind != .named } + patterns.filter { $0.owner.kind == .named }
        let kept = ordered.filter { !$0.pattern.isEmpty && seen.insert($0.pattern).inserted }
        automaton = AhoCorasick(patterns: kept.map(\.pattern))
        owners = kept.map(\.owner)
        self.telephone = Owner(kind: .telephone, id: "", replacement: telephone)
        self.email = Owner(kind: .email, id: "", replacement: email)
    }

    /// Every hidden thing in `text`, as original UTF-8 ranges; overlapping finds merged, longest owner first.
    func findings(in text: String, contacts: Bool = true) -> [Finding] {
        let folded = FoldedText(text)
        var found: [(start: Int, end: Int, owner: Owner)] = []
        if !owners.isEmpty {
            automaton.scan(folded.bytes) { pattern, end in
                found.append((end - Int(automaton.patternLengths[pattern]), end, owners[pattern]))
            }
        }
        if contacts {
            for range in Self.telephoneNumbers(folded.bytes) { found.append((range.lowerBound, range.upperBound, telephone)) }
            for range in Self.emailAddresses(folded.bytes) { found.append((range.lowerBound, range.upperBound, email)) }
        }
        guard !found.isEmpty else { return [] }
        let named = found.filter { $0.owner.kind == .named }
        if !named.isEmpty {
            found.removeAll { match in
                match.owner.kind == .named || named.contains { $0.start <= match.start && match.end <= $0.end && $0.end - $0.start > match.end - match.start }
            }
        }
        // A corporate form right before or after an organisation's name goes with it: 「(株)」 of
        // 「(株)ミナミカゼ物流」 when only the core was registered as typed.
        for index in found.indices where found[index].owner.kind == .organisation {
            for form in NameVariants.corporateForms {
                let start = found[index].start
                if start >= form.count, folded.bytes[(start - form.count)..<start].elementsEqual(form) {
                    found[index].start -= form.count
                    break
                }
            }
            for form in NameVariants.corporateForms {
                let end = found[index].end
                if end + form.count <= folded.bytes.count, folded.bytes[end..<(end + form.count)].elementsEqual(form) {
                    found[index].end += form.count
                    break
                }
            }
        }
        found.sort { $0.start < $1.start || ($0.start == $1.start && $0.end > $1.end) }
        var merged: [(start: Int, end: Int, owner: Owner)] = []
        for match in found {
            if let last = merged.last, match.start < last.end {
                merged[merged.count - 1].end = max(last.end, match.end)
            } else {
                merged.append(match)
            }
        }
        return merged.map { Finding(range: folded.originalRange($0.start, $0.end), owner: $0.owner) }
    }

    /// `text` with every finding replaced, and `spans` (highlighted words) moved to where they now stand.
    func mask(_ text: String, spans: [Range<Int>] = []) -> (text: String, spans: [Range<Int>]) {
        let findings = findings(in: text)
        guard !findings.isEmpty else { return (text, spans) }
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var position = 0
        // Original offset → masked offset at each replacement's edges.
        var edges: [(original: Range<Int>, masked: Range<Int>)] = []
        for finding in findings where finding.range.lowerBound >= position {
            result += bytes[position..<finding.range.lowerBound]
            let from = result.count
            result += Array(finding.owner.replacement.utf8)
            edges.append((finding.range, from..<result.count))
            position = finding.range.upperBound
        }
        result += bytes[position...]
        func moved(_ offset: Int, upper: Bool) -> Int {
            var shift = 0
            for edge in edges {
                if offset <= edge.original.lowerBound { break }
                if offset < edge.original.upperBound || (upper && offset == edge.original.upperBound) {
                    return upper ? edge.masked.upperBound : edge.masked.lowerBound
                }
                shift = edge.masked.upperBound - edge.original.upperBound
            }
            return offset + shift
        }
        let movedSpans = spans.map { moved($0.lowerBound, upper: false)..<moved($0.upperBound, upper: true) }.filter { !$0.isEmpty }
        return (String(decoding: result, as: UTF8.self), ThemeMatcher.merge(movedSpans))
    }

    // MARK: Contacts

    private static let dash: [UInt8] = [0xE3, 0x83, 0xBC]  // ー: NormalizedText's form of every hyphen

    /// Japanese telephone numbers: 10 or 11 digits starting with 0 (or +81 and 9–10 digits), with any
    /// hyphens, brackets or spaces between them, not inside a longer run of letters or digits.
    static func telephoneNumbers(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        func isAlphanumeric(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte) }
        while index < bytes.count {
            let byte = bytes[index]
            // Not inside a longer run: after a letter or digit, or after a digit and a hyphen, as the
            // day of `2022-07-02 – 2023-01-27` is (folded, the range reads as ten digits from a 0).
            let continues = index >= 4 && bytes[(index - 3)..<index].elementsEqual(dash) && (0x30...0x39).contains(bytes[index - 4])
            guard byte == UInt8(ascii: "0") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "("),
                index == 0 || !isAlphanumeric(bytes[index - 1]), !continues
            else { index += 1; continue }
            var end = index
            // Counted, not collected: this runs at every 0, + or ( of every public text.
            var digits = 0
            var firstDigit: UInt8 = 0
            var secondDigit: UInt8 = 0
            while end < bytes.count {
                let next = bytes[end]
                if (0x30...0x39).contains(next) {
                    if digits == 0 { firstDigit = next } else if digits == 1 { secondDigit = next }
                    digits += 1
                    end += 1
                } else if next == UInt8(ascii: "(") || next == UInt8(ascii: ")") || next == UInt8(ascii: "+") {
                    end += 1
                } else if end + 2 < bytes.count, bytes[end..<end + 3].elementsEqual(dash), digits > 0 {
                    end += 3
                } else {
                    break
                }
            }
            while end > index, !(0x30...0x39).contains(bytes[end - 1]) && bytes[end - 1] != UInt8(ascii: ")") { end -= 1 }
            let international = bytes[index] == UInt8(ascii: "+") && firstDigit == UInt8(ascii: "8") && secondDigit == UInt8(ascii: "1")
            let domestic = firstDigit == UInt8(ascii: "0") && (10...11).contains(digits)
            let abroad = international && (11...12).contains(digits)
            if (domestic || abroad) && (end == bytes.count || !isAlphanumeric(bytes[end])) {
                ranges.append(index..<end)
                index = end
            } else {
                index += 1
            }
        }
        return ranges
    }

    /// `local@domain.tld` in folded text.
    static func emailAddresses(_ bytes: [UInt8]) -> [Range<Int>] {
        func isLocal(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
        }
        func isDomain(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: ".") }
        var ranges: [Range<Int>] = []
        for (at, byte) in bytes.enumerated() where byte == UInt8(ascii: "@") {
            if let last = ranges.last, at < last.upperBound { continue }
            var start = at
            while start > 0 {
                if isLocal(bytes[start - 1]) {
                    start -= 1
                } else if start >= 3, bytes[(start - 3)..<start].elementsEqual(dash) {
                    start -= 3
                } else {
                    break
                }
            }
            var end = at + 1
            while end < bytes.count, isDomain(bytes[end]) || (end + 2 < bytes.count && bytes[end..<end + 3].elementsEqual(dash)) {
                end += bytes[end] == 0xE3 ? 3 : 1
            }
            while end > at + 1, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
            let domain = bytes[(at + 1)..<end]
            guard start < at, let dot = domain.lastIndex(of: UInt8(ascii: ".")), dot > at + 1, dot < end - 1 else { continue }
            ranges.append(start..<end)
        }
        return ranges
    }
}
