/// How often each theme was raised, by group: the table behind `kikitori themes` and the report.
public struct ThemeCrossTab: Sendable, Equatable {
    /// What is counted: hearings that raised a theme, or answers that carry it.
    public enum Unit: String, Sendable, CaseIterable {
        case hearings
        case answers
    }

    /// The column the table splits by.
    public enum Dimension: String, Sendable, CaseIterable {
        case kind, industry, region, questionnaire, version, month, interviewer
    }

    public var unit: Unit
    public var dimension: Dimension
    /// Column values, in display order.
    public var groups: [String]
    public var themes: [String]
    /// `counts[theme][group]`.
    public var counts: [String: [String: Int]]
    /// Hearings (or answers) per group: the denominators.
    public var n: [String: Int]

    public var total: Int { n.values.reduce(0, +) }

    public func count(_ theme: String, _ group: String) -> Int { counts[theme]?[group] ?? 0 }

    public func total(_ theme: String) -> Int { counts[theme]?.values.reduce(0, +) ?? 0 }

    public func share(_ theme: String, _ group: String) -> Double {
        let denominator = n[group] ?? 0
        return denominator == 0 ? 0 : Double(count(theme, group)) / Double(denominator)
    }

    /// Whether a cell is so small that a respondent could be recognised; public outputs suppress it.
    public func isSmall(_ count: Int, threshold: Int) -> Bool {
        count > 0 && count < threshold
    }
}

/// A comparison of one theme's share between two groups of hearings.
public struct GroupDifference: Sendable, Equatable {
    public var theme: String
    public var first: (raised: Int, n: Int)
    public var second: (raised: Int, n: Int)
    public var p: Double

    public static func == (lhs: GroupDifference, rhs: GroupDifference) -> Bool {
        lhs.theme == rhs.theme && lhs.first == rhs.first && lhs.second == rhs.second && lhs.p == rhs.p
    }

    /// Conventional 5 % level; the report says plainly that it is a screening figure.
    public var isSignificant: Bool { p < 0.05 }
    /// Fewer than five hearings in a group: say so rather than over-read the figure.
    public var isSmallSample: Bool { first.n < 5 || second.n < 5 }
}

/// Themes raised together in one hearing.
public struct CoOccurrence: Sendable, Equatable {
    public var first: String
    public var second: String
    public var both: Int
    public var either: Int

    public var jaccard: Double { either == 0 ? 0 : Double(both) / Double(either) }
}
