/// How far coders agree on whether a theme applies, over the units (answer × theme) the coders
/// being compared all decided on — an explicit "no" counts, an answer a coder never looked at does
/// not: counting every uncoded answer as agreement on "no" inflates agreement and makes kappa
/// misleading (the complaint QualCoder's users raise).
public struct AgreementFigures: Equatable, Sendable {
    /// Units compared: decided on by at least two of the coders (by both, for two coders).
    public var units: Int
    /// Units on which every coder who decided it said the same.
    public var agreed: Int
    /// Cohen's kappa, for exactly two coders; nil when chance agreement is total (one category only).
    public var kappa: Double?
    /// Krippendorff's alpha (nominal), for any number of coders and units coded by some of them.
    public var alpha: Double?

    /// Share of units agreed on, nil when there are none.
    public var percent: Double? { units == 0 ? nil : Double(agreed) / Double(units) * 100 }
}

public enum Agreement {
    /// The figures for `units`, each a unit's decisions by coder; units decided by fewer than two of
    /// `coders` are not compared. Kappa is given for exactly two coders.
    public static func figures(_ units: [[String: Bool]], coders: [String]) -> AgreementFigures {
        let wanted = Set(coders)
        let compared = units.map { $0.filter { wanted.contains($0.key) } }.filter { $0.count >= 2 }
        let agreed = compared.filter { Set($0.values).count == 1 }.count
        var figures = AgreementFigures(units: compared.count, agreed: agreed, kappa: nil, alpha: alpha(compared.map { Array($0.values) }))
        if coders.count == 2 {
            figures.kappa = kappa(compared.compactMap { unit in
                guard let a = unit[coders[0]], let b = unit[coders[1]] else { return nil }
                return (a, b)
            })
        }
        return figures
    }

    /// Cohen's kappa for two raters' yes/no decisions on the same units:
    /// (observed − chance agreement) / (1 − chance agreement).
    public static func kappa(_ pairs: [(Bool, Bool)]) -> Double? {
        guard !pairs.isEmpty else { return nil }
        let n = Double(pairs.count)
        let observed = Double(pairs.filter { $0.0 == $0.1 }.count) / n
        let first = Double(pairs.filter(\.0).count) / n
        let second = Double(pairs.filter(\.1).count) / n
        let chance = first * second + (1 - first) * (1 - second)
        guard chance < 1 else { return nil }
        return (observed - chance) / (1 - chance)
    }

    /// Krippendorff's alpha for nominal yes/no values: 1 − observed / expected disagreement, from
    /// the coincidence matrix of the pairable values (units with at least two values).
    public static func alpha(_ units: [[Bool]]) -> Double? {
        // o[c][k]: coincidences of values c and k within units, each pair weighted 1 / (m − 1).
        var o = [[0.0, 0.0], [0.0, 0.0]]
        for values in units where values.count >= 2 {
            let m = Double(values.count)
            for (i, a) in values.enumerated() {
                for (j, b) in values.enumerated() where i != j {
                    o[a ? 1 : 0][b ? 1 : 0] += 1 / (m - 1)
                }
            }
        }
        let nc = [o[0][0] + o[0][1], o[1][0] + o[1][1]]
        let n = nc[0] + nc[1]
        guard n > 1 else { return nil }
        let observed = o[0][1] + o[1][0]
        let expected = 2 * nc[0] * nc[1] / (n - 1)
        guard expected > 0 else { return nil }
        return 1 - observed / expected
    }
}
