import Foundation
import G2TCore

/// How much a damaged site's orientation share varies from site to site, learned per class from
/// the sample. Damage sits on one strand of the original molecule, so its fragments fall in one pair
/// orientation almost entirely (Mutect2's artefact states: alternate F1R2 fraction Beta(100, 1)); a
/// library whose damage is less one-sided at some sites (damage after adapter ligation, a mixture of
/// lesions, capture or PCR effects) shows it as extra spread of the sites' shares beyond chance. With
/// one fixed share per class, a damaged site whose own share is low (0.8 with a 1.5-SD low count:
/// 68% of 50 fragments) looks like a real allele with some damage on it; with the share spread as
/// the sample shows it, such a site stays damage, while a real allele's ~50% stays far outside.
extension DamageModel {
    /// The class's κ: learned if the EM found one, else the configured default.
    package func concentration(_ cls: SubstitutionClass) -> Double {
        concentrations[cls] ?? parameters.orientationConcentration
    }

    /// Method-of-moments κ from damage-weighted sites: a site with m alternate fragments, x of them
    /// in the damage's orientation, share μ expected, has E[(x/m − μ)²] = V + (μ(1 − μ) − V)/m when the
    /// site's share has variance V, so m·(x/m − μ)² − μ(1 − μ) estimates (m − 1)·V without bias;
    /// summed with the sites' damage responsibilities as weights, V = Σ / Σ w·(m − 1), and a
    /// Beta(mean μ, κ) has V = μ(1 − μ)/(κ + 1). Clamped to [minOrientationConcentration,
    /// maxOrientationConcentration]; with fewer than `orientationLearningSites` damage-weighted sites
    /// the configured `orientationConcentration` is kept.
    package func orientationConcentration(_ cls: SubstitutionClass, sites: [Candidate],
                                  responsibilities r: [(f1r2: Double, f2r1: Double, real: Double)]) -> Double {
        let p = parameters
        var num = 0.0, den = 0.0, weight = 0.0
        for (site, w) in zip(sites, r) where site.alt >= 2 && site.depth > 0 {
            let m = Double(site.alt)
            let mu = damageShare(cls, observed: m / Double(site.depth))
            let x = Double(min(max(0, site.lead), site.alt)) / m
            for (wk, dev) in [(w.f1r2, x - mu), (w.f2r1, (1 - x) - mu)] where wk > 0 {
                num += wk * (m * dev * dev - mu * (1 - mu))
                den += wk * (m - 1)
                weight += wk
            }
        }
        guard weight >= p.orientationLearningSites, den > 0 else { return p.orientationConcentration }
        let mean = learnedShare(cls)
        let variance = num / den
        // No spread beyond chance: as one-sided as the cap allows.
        guard variance > 0 else { return p.maxOrientationConcentration }
        return min(p.maxOrientationConcentration, max(p.minOrientationConcentration, mean * (1 - mean) / variance - 1))
    }
}
