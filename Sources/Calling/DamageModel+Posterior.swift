import Foundation
import G2TCore

/// The posterior probability that a candidate SNV is damage rather than a real variant: a small
/// explicit mixture in the spirit of Mutect2's read-orientation model (damage in F1R2, damage in
/// F2R1, real), with the mixture weights learned per substitution class from the sample's own
/// candidate sites (DamageModel+Prior.swift), as Mutect2 learns its artefact priors per context.
/// - damage: the site's damage fraction follows Beta(mean = the learned rate of the class in its
///   trinucleotide context, concentration k learned per class, DamageModel+RateSpread.swift, or `rateConcentration`), so the alternate count is
///   beta-binomial; its fragments sit in one orientation with a share that varies from site to
///   site as Beta(mean = the class's learned share, at least `minOrientationShare`, diluted by the
///   sample's background errors, which are balanced; concentration κ learned per class,
///   DamageModel+Dispersion.swift), so the orientation count is beta-binomial too, as in Mutect2's
///   artefact states (whose alternate F1R2 fraction is Beta(100, 1));
/// - real: a real allele plus the site's own damage (DamageModel+Joint.swift): the allele's fraction
///   log-uniform, the site's damage fraction from the same prior as under damage, the alternate
///   fragments' orientation a mixture of balanced (real) and one-sided (damaged) fragments, both
///   marginalised; a real 2% allele on a site with 4% damage is no longer judged as all damage.
extension DamageModel {
    /// Natural-log likelihoods of a site's counts under damage in F1R2 (as read on the C/T strand),
    /// damage in F2R1, and a real allele; `lead` = alternate fragments in F1R2 on the C/T strand.
    /// `concentration`: κ of the damage's orientation share (default: the class's learned one).
    func logLikelihoods(_ cls: SubstitutionClass, context: String?, depth n: Int, alt m: Int, lead: Int,
                        concentration: Double? = nil) -> (f1r2: Double, f2r1: Double, real: Double) {
        let mean = min(0.5, max(parameters.minRate, rate(cls, context: context)))
        let k = rateConcentration(cls)
        let a = min(max(0, lead), m)
        // The site's alternate fragments under damage also hold background errors (both orientations):
        // the damaged part of the observed fraction carries the learned share, the rest is balanced.
        let observed = Double(m) / Double(n)
        let share = damageShare(cls, observed: observed)
        let kappa = concentration ?? self.concentration(cls)
        let countDamage = Self.logBetaBinomial(m, n, alpha: mean * k, beta: (1 - mean) * k)
        // The damage a real allele carries lies in the class's dominant orientation (as read on the C/T strand).
        let dominant = rates[cls]?.f1r2Dominant ?? true
        return (countDamage + Self.logBetaBinomial(a, m, alpha: share * kappa, beta: (1 - share) * kappa),
                countDamage + Self.logBetaBinomial(a, m, alpha: (1 - share) * kappa, beta: share * kappa),
                logLikelihoodRealWithDamage(cls, context: context, depth: n, alt: m, dominantCount: dominant ? a : m - a,
                                            concentration: kappa))
    }

    /// The class's learned orientation share, at least `minOrientationShare` (at most 0.99).
    func learnedShare(_ cls: SubstitutionClass) -> Double {
        min(0.99, max(parameters.minOrientationShare, rates[cls]?.orientationShare ?? 0.5))
    }

    /// The mean share of a damaged site's alternate fragments in the damage's orientation at an
    /// observed alternate fraction: the damaged part carries the learned share, the background part is balanced.
    func damageShare(_ cls: SubstitutionClass, observed: Double) -> Double {
        0.5 + (learnedShare(cls) - 0.5) * max(0, 1 - background / observed)
    }

    /// P(damage | counts) under the class's prior (`priors`, or the configured neutral prior).
    package func posterior(_ cls: SubstitutionClass, context: String?, depth: Int, alt: Int, lead: Int) -> Double {
        let l = logLikelihoods(cls, context: context, depth: depth, alt: alt, lead: lead)
        let w = (priors[cls] ?? Prior(neutral: parameters.prior)).responsibilities(l)
        return w.f1r2 + w.f2r1
    }

    /// P(damage | depth, alternate fragments, of them F1R2 as read) for ref>alt at a 1-based position.
    func posterior(ref: UInt8, alt: UInt8, chrom: String, pos: Int, depth: Int, altCount: Int, altF1R2: Int,
                   reference: ReferenceSource) -> Double {
        guard used, depth > 0, altCount > 0, altCount <= depth, let (cls, flipped) = SubstitutionClass.of(ref: ref, alt: alt) else { return 0 }
        let ctx = Self.context(chrom: chrom, pos: pos, flipped: flipped, reference: reference)
        let f1 = min(altF1R2, altCount)
        return posterior(cls, context: ctx, depth: depth, alt: altCount, lead: flipped ? altCount - f1 : f1)
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
