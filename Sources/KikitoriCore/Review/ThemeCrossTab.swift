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
    /// Cells a public output must not show (``DisclosureControl``): `theme` + `group`, or `theme` alone for its total.
    public var hidden: Set<Cell> = []
    /// Groups too small to show on their own, counted in ``otherGroup`` instead.
    public var mergedGroups: [String] = []

    /// A cell of the table; `group` nil is the theme's total.
    public struct Cell: Hashable, Sendable {
        public var theme: String
        public var group: String?
        public init(_ theme: String, _ group: String?) {
            self.theme = theme
            self.group = group
        }
    }

    /// The column small groups are merged into in public outputs.
    public static let otherGroup = "\u{1F}other"

    public init(unit: Unit, dimension: Dimension, groups: [String], themes: [String], counts: [String: [String: Int]], n: [String: Int]) {
        self.unit = unit
        self.dimension = dimension
        self.groups = groups
        self.themes = themes
        self.counts = counts
        self.n = n
    }

    /// The same table with each group renamed (interviewers numbered for the public); groups that
    /// come to the same name are added together.
    public func renamingGroups(_ rename: (String) -> String) -> ThemeCrossTab {
        var groups: [String] = []
        for group in self.groups where !groups.contains(rename(group)) { groups.append(rename(group)) }
        var renamed = ThemeCrossTab(
            unit: unit, dimension: dimension, groups: groups, themes: themes,
            counts: counts.mapValues { row in Dictionary(row.map { (rename($0.key), $0.value) }, uniquingKeysWith: +) },
            n: Dictionary(n.map { (rename($0.key), $0.value) }, uniquingKeysWith: +))
        renamed.hidden = hidden
        renamed.mergedGroups = mergedGroups.map(rename)
        return renamed
    }

    /// Whether a public output hides this cell (`group` nil: the theme's total).
    public func isHidden(_ theme: String, _ group: String?) -> Bool { hidden.contains(Cell(theme, group)) }

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
    /// Holm-adjusted over every theme tested in the same table.
    public var adjustedP: Double
    /// A count behind this row is hidden: neither the counts nor a p-value may be shown.
    public var hidden = false

    public init(theme: String, first: (raised: Int, n: Int), second: (raised: Int, n: Int), p: Double) {
        self.theme = theme
        self.first = first
        self.second = second
        self.p = p
        adjustedP = p
    }

    public static func == (lhs: GroupDifference, rhs: GroupDifference) -> Bool {
        lhs.theme == rhs.theme && lhs.first == rhs.first && lhs.second == rhs.second && lhs.p == rhs.p
            && lhs.adjustedP == rhs.adjustedP && lhs.hidden == rhs.hidden
    }

    /// Conventional 5 % level after Holm's correction; the report says plainly that it is a screening figure.
    public var isSignificant: Bool { !hidden && adjustedP < 0.05 }
    /// Fewer than five hearings in a group: say so rather than over-read the figure.
    public var isSmallSample: Bool { first.n < 5 || second.n < 5 }
}

/// Themes raised together in one hearing.
public struct CoOccurrence: Sendable, Equatable {
    public var first: String
    public var second: String
    public var both: Int
    public var either: Int
    /// Too few hearings raised both for a public output to show the count or anything made from it.
    public var hidden = false

    public init(first: String, second: String, both: Int, either: Int) {
        self.first = first
        self.second = second
        self.both = both
        self.either = either
    }

    public var jaccard: Double { either == 0 ? 0 : Double(both) / Double(either) }
}

extension ThemeCrossTab {
    /// For each theme, the share of hearings raising it in two groups of a counted table, with
    /// Fisher's exact test. By default firms against municipalities (heads and staff together).
    public func differences(
        first: Set<String> = [RespondentKind.privateFirm.rawValue],
        second: Set<String> = [RespondentKind.municipalityHead.rawValue, RespondentKind.municipalStaff.rawValue]
    ) -> [GroupDifference] {
        let n1 = first.reduce(0) { $0 + (n[$1] ?? 0) }
        let n2 = second.reduce(0) { $0 + (n[$1] ?? 0) }
        return themes.map { theme in
            let a = first.reduce(0) { $0 + count(theme, $1) }
            let c = second.reduce(0) { $0 + count(theme, $1) }
            return GroupDifference(
                theme: theme, first: (a, n1), second: (c, n2), p: FisherExact.twoSided(a, n1 - a, c, n2 - c))
        }
    }
}
