import Foundation

/// A theme attached to an answer, by a rule, a linked choice, a person, or suggested by the
/// learned model.
public struct ThemeTag: Equatable, Sendable {
    public enum State: String, Sendable, CaseIterable {
        case auto
        case confirmed
        case rejected
        case manual
        /// Proposed by the learned model: not counted until a person confirms it.
        case suggested

        /// Whether the tag counts in themes, reports and exports (suggestions only when asked).
        public var counts: Bool { self != .rejected && self != .suggested }
        /// Decisions a person made; a re-run never overwrites them.
        public var isHuman: Bool { self == .confirmed || self == .rejected || self == .manual }

        /// The states that count, as SQL values: suggestions only with `includingSuggested`.
        public static func counted(includingSuggested: Bool) -> [String] {
            [State.auto, .confirmed, .manual].map(\.rawValue) + (includingSuggested ? [State.suggested.rawValue] : [])
        }
    }

    public enum Source: String, Sendable {
        case rule
        case choice
        case human
        /// The learned suggestion model.
        case model
    }

    public var eventID: UUID
    public var theme: String
    public var hearingID: UUID
    public var questionID: String
    public var state: State
    public var source: Source
    public var codebook: String?
    public var rule: Int?
    public var ruleSource: String?
    /// UTF-8 ranges of the matched words in the answer text.
    public var spans: [Range<Int>]
    /// A suggestion's probability under the learned model.
    public var score: Double?

    public init(
        eventID: UUID, theme: String, hearingID: UUID, questionID: String, state: State, source: Source, codebook: String?,
        rule: Int?, ruleSource: String?, spans: [Range<Int>], score: Double? = nil
    ) {
        self.score = score
        self.eventID = eventID
        self.theme = theme
        self.hearingID = hearingID
        self.questionID = questionID
        self.state = state
        self.source = source
        self.codebook = codebook
        self.rule = rule
        self.ruleSource = ruleSource
        self.spans = spans
    }

    package static func encode(_ spans: [Range<Int>]) -> String? {
        spans.isEmpty ? nil : spans.map { "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ",")
    }

    package static func decode(_ text: String?) -> [Range<Int>] {
        guard let text else { return [] }
        return text.split(separator: ",").compactMap { part in
            let bounds = part.split(separator: "-").compactMap { Int($0) }
            return bounds.count == 2 && bounds[0] <= bounds[1] ? bounds[0]..<bounds[1] : nil
        }
    }
}

/// What a tagging run did, or (dry run) would do.
public struct TagReport: Sendable {
    public var codebook: String
    /// Whether every current answer was looked at (new codebook or `--retag`), or only new answers.
    public var full: Bool
    public var dryRun: Bool
    public var answersScanned = 0
    public var textAnswers = 0
    /// Text answers (in the whole database) that carry no theme at all: where the codebook has gaps.
    public var untaggedTextAnswers = 0
    public var totalTextAnswers = 0
    public var added: [String: Int] = [:]
    public var removed: [String: Int] = [:]
    /// A few answers per theme that a dry run would add or remove, for a person to judge the edit.
    public var addedExamples: [String: [String]] = [:]
    public var removedExamples: [String: [String]] = [:]
    public var seconds: Double = 0

    package init(codebook: String, full: Bool, dryRun: Bool) {
        self.codebook = codebook
        self.full = full
        self.dryRun = dryRun
    }

    public var untaggedShare: Double {
        totalTextAnswers == 0 ? 0 : Double(untaggedTextAnswers) / Double(totalTextAnswers)
    }
}
