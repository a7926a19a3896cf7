#if canImport(Glibc)
import Glibc
#endif

/// The limit of detection at a site: the smallest allele fraction that would give at least
/// `minAlt` alternate fragments with the wanted power at this depth (binomial sampling,
/// sequencing error ignored), as in the project's fact sheet §E4.
package enum DetectionLimit {
    /// The LOD as a fraction, or nil at depth 0 (or when `minAlt` exceeds the depth).
    package static func lod(depth: Int, minAlt: Int, power: Double = 0.95) -> Double? {
        guard depth > 0, minAlt <= depth else { return nil }
        // The binomial coefficients once, not in each of the 60 steps (3 lgamma per term and step were
        // ~2% of a ~1,000x run's instructions): the same doubles, so the same LOD to the last bit.
        let logC = logCoefficients(depth: depth, below: minAlt)
        var lo = 0.0, hi = 1.0
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if detectionProbability(depth: depth, fraction: mid, logCoefficients: logC) >= power { hi = mid } else { lo = mid }
        }
        return hi
    }

    /// P(X ≥ k) for X ~ Binomial(depth, fraction).
    package static func detectionProbability(depth n: Int, fraction f: Double, minAlt k: Int) -> Double {
        guard f > 0 else { return k <= 0 ? 1 : 0 }
        guard f < 1 else { return 1 }
        return detectionProbability(depth: n, fraction: f, logCoefficients: logCoefficients(depth: n, below: k))
    }

    /// log C(n, i) for i < k.
    static func logCoefficients(depth n: Int, below k: Int) -> [Double] {
        (0..<max(0, k)).map { (i: Int) -> Double in
            let logC: Double = lgamma(Double(n + 1)) - lgamma(Double(i + 1)) - lgamma(Double(n - i + 1))
            return logC
        }
    }

    /// P(X ≥ k) with log C(n, i), i < k, given: 1 − Σ_{i<k} C(n,i) f^i (1−f)^(n−i), in log space for large n.
    static func detectionProbability(depth n: Int, fraction f: Double, logCoefficients logC: [Double]) -> Double {
        guard f > 0 else { return logC.isEmpty ? 1 : 0 }
        guard f < 1 else { return 1 }
        let logF = log(f), logG = log1p(-f)
        var below = 0.0
        for (i, c) in logC.enumerated() {
            below += exp(c + Double(i) * logF + Double(n - i) * logG)
        }
        return max(0, 1 - below)
    }
}
