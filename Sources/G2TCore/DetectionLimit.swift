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
        var lo = 0.0, hi = 1.0
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if detectionProbability(depth: depth, fraction: mid, minAlt: minAlt) >= power { hi = mid } else { lo = mid }
        }
        return hi
    }

    /// P(X ≥ k) for X ~ Binomial(depth, fraction).
    package static func detectionProbability(depth n: Int, fraction f: Double, minAlt k: Int) -> Double {
        guard f > 0 else { return k <= 0 ? 1 : 0 }
        guard f < 1 else { return 1 }
        // 1 − Σ_{i<k} C(n,i) f^i (1−f)^(n−i), in log space for large n.
        var below = 0.0
        for i in 0..<max(0, k) {
            let logC = lgamma(Double(n + 1)) - lgamma(Double(i + 1)) - lgamma(Double(n - i + 1))
            below += exp(logC + Double(i) * log(f) + Double(n - i) * log1p(-f))
        }
        return max(0, 1 - below)
    }
}
