import Foundation
import G2TCore

/// The per-class prior of the damage posterior, learned from the sample: which share of a class's
/// candidate sites are damage (in each orientation) and which are real. Mutect2's
/// LearnReadOrientationModel learns such priors per context by expectation-maximisation over the
/// sample's sites (GATK pull request 4895); here per class, shrunk towards the configured neutral
/// prior by `priorPseudoSites`, so a clean sample (few candidates) keeps about the neutral prior,
/// while in an FFPE sample, where almost every C carries damage at 1–5%, a C>T candidate at such a
/// fraction must show real orientation balance before it is believed.
extension DamageModel {
    package struct Prior: Sendable, Equatable {
        package var f1r2: Double
        package var f2r1: Double
        package var real: Double

        /// `prior` of damage, split evenly between the orientations.
        init(neutral prior: Double) {
            f1r2 = prior / 2
            f2r1 = prior / 2
            real = 1 - prior
        }

        package init(f1r2: Double, f2r1: Double, real: Double) {
            self.f1r2 = f1r2
            self.f2r1 = f2r1
            self.real = real
        }

        /// The three hypotheses' posterior weights given their log-likelihoods.
        func responsibilities(_ l: (f1r2: Double, f2r1: Double, real: Double)) -> (f1r2: Double, f2r1: Double, real: Double) {
            let w = (log(f1r2) + l.f1r2, log(f2r1) + l.f2r1, log(real) + l.real)
            let top = max(w.0, w.1, w.2)
            let e = (exp(w.0 - top), exp(w.1 - top), exp(w.2 - top))
            let z = e.0 + e.1 + e.2
            return (e.0 / z, e.1 / z, e.2 / z)
        }
    }

    /// Expectation-maximisation of each class's mixture weights over its candidate sites, with
    /// `priorPseudoSites` sites' worth of the neutral prior as a Dirichlet pseudo-count; each step also
    /// re-estimates the class's orientation concentration κ from the sites' damage responsibilities
    /// (DamageModel+Dispersion.swift), starting from the configured `orientationConcentration`.
    package func learnPriors() -> (priors: [SubstitutionClass: Prior], concentrations: [SubstitutionClass: Double]) {
        let neutral = Prior(neutral: parameters.prior)
        let pseudo = parameters.priorPseudoSites
        var out: [SubstitutionClass: Prior] = [:]
        var kappas: [SubstitutionClass: Double] = [:]
        for cls in SubstitutionClass.allCases {
            let sites = candidates.filter { $0.cls == cls }
            var p = neutral
            var kappa = parameters.orientationConcentration
            // Converges in a few tens of steps: three weights and one concentration, one mode.
            for _ in 0..<parameters.priorIterations {
                var s = (pseudo * neutral.f1r2, pseudo * neutral.f2r1, pseudo * neutral.real)
                var r: [(f1r2: Double, f2r1: Double, real: Double)] = []
                r.reserveCapacity(sites.count)
                for site in sites {
                    let l = logLikelihoods(cls, context: site.context, depth: site.depth, alt: site.alt, lead: site.lead, concentration: kappa)
                    let w = p.responsibilities(l)
                    r.append(w)
                    s.0 += w.f1r2
                    s.1 += w.f2r1
                    s.2 += w.real
                }
                let z = s.0 + s.1 + s.2
                p = Prior(f1r2: s.0 / z, f2r1: s.1 / z, real: s.2 / z)
                kappa = orientationConcentration(cls, sites: sites, responsibilities: r)
            }
            out[cls] = p
            kappas[cls] = kappa
        }
        return (out, kappas)
    }
}
