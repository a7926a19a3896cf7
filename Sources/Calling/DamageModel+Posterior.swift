import Foundation
import G2TCore

/// The posterior probability that a candidate SNV is damage rather than a real variant: a small
/// explicit two-hypothesis model in the spirit of Mutect2's read-orientation model.
/// - damage: the site's damage fraction follows Beta(mean = the learned rate of the class in its
///   trinucleotide context, concentration `rateConcentration`), so the alternate count is
///   beta-binomial; its fragments sit in one orientation with the learned share (at least
///   `minOrientationShare`, diluted by the sample's background errors, which are balanced), F1R2 or
///   F2R1 with equal weight (an orientation artefact of either kind);
/// - real: any allele fraction is as likely (alternate count uniform on 0…depth), and the fragments
///   are orientation-balanced (binomial, one half).
extension DamageModel {
    /// P(damage | depth, alternate fragments, of them F1R2) for ref>alt at a 1-based position.
    func posterior(ref: UInt8, alt: UInt8, chrom: String, pos: Int, depth: Int, altCount: Int, altF1R2: Int,
                   reference: ReferenceSource) -> Double {
        guard used, depth > 0, altCount > 0, altCount <= depth, let (cls, flipped) = SubstitutionClass.of(ref: ref, alt: alt) else { return 0 }
        let ctx = Self.context(chrom: chrom, pos: pos, flipped: flipped, reference: reference)
        let mean = min(0.5, max(parameters.minRate, rate(cls, context: ctx)))
        let learned = min(0.99, max(parameters.minOrientationShare, rates[cls]?.orientationShare ?? 0.5))
        let k = parameters.rateConcentration
        let m = altCount, n = depth, a = min(altF1R2, altCount)
        // The site's alternate fragments under damage also hold background errors (both orientations):
        // the damaged part of the observed fraction carries the learned share, the rest is balanced.
        let observed = Double(m) / Double(n)
        let share = 0.5 + (learned - 0.5) * max(0, 1 - background / observed)
        let countDamage = Self.logBetaBinomial(m, n, alpha: mean * k, beta: (1 - mean) * k)
        let countReal = -log(Double(n + 1))
        let o1 = Self.logBinomial(a, m, share), o2 = Self.logBinomial(a, m, 1 - share)
        let top = max(o1, o2)
        let orientationDamage = top + log(0.5 * exp(o1 - top) + 0.5 * exp(o2 - top))
        let orientationReal = Self.logBinomial(a, m, 0.5)
        let logOdds = log(parameters.prior) - log(1 - parameters.prior)
            + countDamage + orientationDamage - countReal - orientationReal
        return 1 / (1 + exp(-logOdds))
    }

    static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }

    static func logBinomial(_ k: Int, _ n: Int, _ p: Double) -> Double {
        logChoose(n, k) + Double(k) * log(p) + Double(n - k) * log(1 - p)
    }

    static func logBetaBinomial(_ k: Int, _ n: Int, alpha: Double, beta: Double) -> Double {
        func logB(_ x: Double, _ y: Double) -> Double { lgamma(x) + lgamma(y) - lgamma(x + y) }
        return logChoose(n, k) + logB(Double(k) + alpha, Double(n - k) + beta) - logB(alpha, beta)
    }
}
