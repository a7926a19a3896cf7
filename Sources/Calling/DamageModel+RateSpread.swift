import Foundation
import G2TCore

/// How much a class's damage fraction varies from site to site, learned from the sample. The damage
/// hypothesis draws a site's fraction from Beta(mean = the class's rate, concentration k); with the
/// configured k = 5 that beta puts two thirds of its mass below 0.1% and a fifth of the sample's actual
/// mass on 0.5–5% (FFPE: most C sites carry 0.2–5% damage), so a damaged site at 1–3% looked unlikely
/// under damage, and, in the joint model (DamageModel+Joint.swift), a real allele sharing its site with
/// 3% damage looked unlikely too. By the method of moments over the learning sites (each position's
/// alternate fraction p = m/n): E[m(m − 1)/(n(n − 1))] = E[p²] without the binomial noise, so
/// Var(p) = E[p²] − E[p]², and a Beta(μ, k) has Var = μ(1 − μ)/(k + 1).
extension DamageModel {
    /// Per class: sites, Σ m/n and Σ m(m − 1)/(n(n − 1)) over the learning sites.
    package struct RateMoments: Sendable, Equatable {
        var sites = 0
        var sumFraction = 0.0
        var sumSquare = 0.0

        package init() {}

        package mutating func add(depth n: Int, alt m: Int) {
            guard n > 1 else { return }
            sites += 1
            sumFraction += Double(m) / Double(n)
            sumSquare += Double(m) * Double(m - 1) / (Double(n) * Double(n - 1))
        }
    }

    /// The class's k: learned where its damage rate is at least `rateSpreadMinRate`, else the configured one.
    package func rateConcentration(_ cls: SubstitutionClass) -> Double {
        rateConcentrations[cls] ?? parameters.rateConcentration
    }

    /// k per class from `rateMoments`, clamped to [rateConcentration, maxRateConcentration]; classes with
    /// less damage than `rateSpreadMinRate` (clean samples, the non-damage classes) keep the configured k.
    package func learnRateConcentrations() -> [SubstitutionClass: Double] {
        let p = parameters
        var out: [SubstitutionClass: Double] = [:]
        for (cls, mo) in rateMoments where mo.sites > 0 {
            guard let mu = rates[cls]?.rate, mu >= p.rateSpreadMinRate, mu < 1 else { continue }
            let n = Double(mo.sites)
            let mean = mo.sumFraction / n
            let variance = mo.sumSquare / n - mean * mean
            guard variance > 0 else {
                out[cls] = p.maxRateConcentration
                continue
            }
            out[cls] = min(p.maxRateConcentration, max(p.rateConcentration, mu * (1 - mu) / variance - 1))
        }
        return out
    }
}
