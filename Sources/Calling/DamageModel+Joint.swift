import Foundation
import G2TCore

/// The real-allele hypothesis as a joint model of a real allele and the site's own damage, in the
/// spirit of varlociraptor (Köster et al. 2020, Genome Biology 21:98), which treats artefacts as a
/// component of each hypothesis's likelihood rather than as a separate verdict, and of Mutect2's
/// read-orientation model (GATK pull request 4895), whose artefact states sit beside the allele's.
/// In an FFPE sample almost every C carries damage at 0–5%, so a real 2% C>T allele shares its site
/// with damage: its alternate fragments are a mixture of real ones (orientation ~50/50) and damaged
/// ones (one orientation ~90–99%). "All damage" and "all real, balanced" both fit such a mixture
/// badly, and damage won. Here, under "real", the alternate fraction g = f + d + background, with
///  - f, the real allele's fraction, log-uniform on [`realFractionFloor`, 1], flat below (density ∝ 1/f: tumour
///    allele fractions crowd at low values, Williams et al. 2016, Nat Genet 48:238, whose neutral
///    tail has a cumulative count ∝ 1/f; a uniform f made a 2% allele 9× less likely a priori);
///  - d, the site's damage fraction, from the class's damage-rate prior (Beta with mean = the learned
///    rate in context, concentration k learned per class, DamageModel+RateSpread.swift, as under "damage"), on a grid of
///    `jointDamageGridPoints` values from 0 to the observed fraction;
///  - the alternate fragments' orientation: a share d/g of them damage with the class's learned share
///    (spread κ as learned), the rest balanced (spread `realOrientationConcentration`): beta-binomial
///    with that mixture's mean and variance.
/// f is integrated analytically: ∫ Binomial(m; n, f + d) df ≈ P(G > d)/(n + 1), G ~ Beta(m + 1, n − m + 1),
/// with the prior density of f taken at g − d. The damage hypotheses are unchanged (f = 0).
extension DamageModel {
    /// ln P(depth n, alternate m, `x` of them in the class's damage orientation | real allele + damage).
    func logLikelihoodRealWithDamage(_ cls: SubstitutionClass, context: String?, depth n: Int, alt m: Int, dominantCount x: Int,
                                     concentration: Double? = nil) -> Double {
        let p = parameters
        guard n > 0, m > 0 else { return -log(Double(n + 1)) }
        let mean = min(0.5, max(p.minRate, rate(cls, context: context)))
        let alpha = mean * rateConcentration(cls), beta = (1 - mean) * rateConcentration(cls)
        let logBeta = lgamma(alpha) + lgamma(beta) - lgamma(alpha + beta)
        let share = learnedShare(cls)
        let kappa = concentration ?? self.concentration(cls)
        let kr = p.realOrientationConcentration
        let g = Double(m) / Double(n)
        let top = max(0, g - background)
        // Density of f: 1/(f·(1 + ln(1/floor))) from the floor up, flat below it (integrates to 1 on [0, 1]).
        let norm = 1 + log(1 / p.realFractionFloor)
        // No room for damage beside the background: a balanced real allele only.
        guard top > 0 else {
            return -log(Double(n + 1)) - log(max(g, p.realFractionFloor) * norm) + Self.logBetaBinomial(x, m, alpha: 0.5 * kr, beta: 0.5 * kr)
        }
        // The posterior of the total alternate fraction given m (normal approximation of its beta).
        let gm = Double(m + 1) / Double(n + 2)
        let gsd = (gm * (1 - gm) / Double(n + 3)).squareRoot()
        let points = p.jointDamageGridPoints
        var terms: [Double] = []
        terms.reserveCapacity(points)
        for j in 0..<points {
            let lo = top * Double(j) / Double(points), hi = top * Double(j + 1) / Double(points)
            let d = (lo + hi) / 2
            // Prior mass of the damage fraction on [lo, hi]: ∫ d^(α−1) exactly, (1 − d)^(β−1) at the middle.
            let mass = (pow(hi, alpha) - pow(lo, alpha)) / alpha * exp(-logBeta) * pow(1 - d, beta - 1)
            let f = g - d - background
            guard mass > 0 else { continue }
            let tail = 0.5 * erfc((d - gm) / (gsd * 2.0.squareRoot()))
            guard tail > 0 else { continue }
            let damaged = d / g, balanced = 1 - damaged
            let q = 0.5 + (share - 0.5) * damaged
            let variance = damaged * damaged * share * (1 - share) / (kappa + 1) + balanced * balanced * 0.25 / (kr + 1)
            // The mixture's share as a beta of the same mean and variance (capped: near-binomial).
            let kq = variance > 0 ? min(p.maxOrientationConcentration, max(1, q * (1 - q) / variance - 1)) : p.maxOrientationConcentration
            terms.append(log(mass * tail / (max(f, p.realFractionFloor) * norm)) + Self.logBetaBinomial(x, m, alpha: q * kq, beta: (1 - q) * kq))
        }
        guard let top1 = terms.max(), top1.isFinite else { return -.infinity }
        return -log(Double(n + 1)) + top1 + log(terms.reduce(0) { $0 + exp($1 - top1) })
    }
}
