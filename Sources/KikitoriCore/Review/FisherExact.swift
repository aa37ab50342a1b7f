import Foundation

/// Fisher's exact test on a 2×2 table, two-sided: the sum of the probabilities of every table with
/// the same margins that is no more likely than the one observed. Hearings are few, so the
/// chi-squared approximation would mislead.
public enum FisherExact {
    /// Two-sided p for the table `[[a, b], [c, d]]`.
    public static func twoSided(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Double {
        let row1 = a + b
        let row2 = c + d
        let column1 = a + c
        let n = row1 + row2
        guard n > 0 else { return 1 }
        let low = max(0, column1 - row2)
        let high = min(column1, row1)
        let constant = logFactorial(row1) + logFactorial(row2) + logFactorial(column1) + logFactorial(n - column1) - logFactorial(n)
        func probability(_ x: Int) -> Double {
            exp(constant - logFactorial(x) - logFactorial(row1 - x) - logFactorial(column1 - x) - logFactorial(row2 - column1 + x))
        }
        let observed = probability(a)
        var p = 0.0
        for x in low...high {
            let value = probability(x)
            // A relative tolerance, as R does, so that ties are not lost to rounding.
            if value <= observed * (1 + 1e-7) { p += value }
        }
        return min(1, p)
    }

    package static func logFactorial(_ n: Int) -> Double {
        lgamma(Double(n) + 1)
    }
}
