import Foundation

/// A questionnaire as people name it: `id` (every version, or the latest when one is needed) or
/// `id@N` (one version). Parsed once where it is typed or read, then passed typed.
public struct QuestionnaireRef: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var id: String
    public var version: Int?

    public init(id: String, version: Int? = nil) {
        self.id = id
        self.version = version
    }

    /// `id` or `id@N` with N ≥ 1; full-width digits and `＠` are read as typed by an input method.
    public init?(_ text: String) {
        let parts = text.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
            .split(separator: "@", omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty, parts.count <= 2 else { return nil }
        if parts.count == 2 {
            guard let version = Int(parts[1]), version > 0 else { return nil }
            self.init(id: String(first), version: version)
        } else {
            self.init(id: String(first))
        }
    }

    public var description: String { version.map { "\(id)@\($0)" } ?? id }

    /// `id@2` before `id@10`; every version of an id after its bare id.
    public static func < (a: Self, b: Self) -> Bool {
        (a.id, a.version ?? 0) < (b.id, b.version ?? 0)
    }

    /// Orders stored `id@N` strings as references; an unreadable one sorts by its text.
    public static func versionOrder(_ a: String, _ b: String) -> Bool {
        switch (QuestionnaireRef(a), QuestionnaireRef(b)) {
        case let (left?, right?): return left < right
        default: return a < b
        }
    }
}

/// One answer as people name it: `hearing:question`, the hearing by a unique prefix of its id.
public struct AnswerRef: Hashable, Sendable, CustomStringConvertible {
    public var hearing: String
    public var question: String

    public init(hearing: String, question: String) {
        self.hearing = hearing
        self.question = question
    }

    /// `hearing:question`; a full-width colon is read as typed by an input method.
    public init?(_ text: String) {
        let normalized = text.replacingOccurrences(of: "：", with: ":").trimmingCharacters(in: .whitespaces)
        let parts = normalized.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(hearing: parts[0].lowercased(), question: parts[1])
    }

    public var description: String { "\(hearing):\(question)" }
}
