#if canImport(Glibc)
import Glibc
#endif

/// The per-allele test that replaces fixed thresholds: a log10 likelihood ratio, as Mutect2's TLOD,
/// of "this allele is present at its observed fraction" against "its reads are errors", with the
/// alternate side's error rate from its reads (each the weakest of base quality, mapping quality
/// and a read-end penalty).
package enum AlleleLikelihood {
    /// log10 LR for `alt` alternate and `other` non-alternate fragments, with mean error rates.
    package static func lod(alt: Int, altError: Double, other: Int, otherError: Double) -> Double {
        guard alt > 0 else { return 0 }
        let n = Double(alt + other)
        let f = Double(alt) / n
        let ea = min(max(altError, 1e-6), 0.5), er = min(max(otherError, 1e-6), 0.5)
        // An alternate read: the allele read right, or another allele misread as it (1 of 3 wrong bases).
        let altPresent = log10(f * (1 - ea) + (1 - f) * ea / 3), altAbsent = log10(ea / 3)
        let otherPresent = log10((1 - f) * (1 - er) + f * er / 3), otherAbsent = log10(1 - er)
        return Double(alt) * (altPresent - altAbsent) + Double(other) * (otherPresent - otherAbsent)
    }

    /// The fewest alternate fragments (at least `floor`) that reach `threshold` at this depth.
    package static func minAlt(depth: Int, error: Double, threshold: Double, floor: Int) -> Int? {
        guard depth > 0 else { return nil }
        for k in max(1, floor)...max(max(1, floor), depth) where lod(alt: k, altError: error, other: depth - k, otherError: error) >= threshold {
            return k
        }
        return nil
    }
}
