#if canImport(Glibc)
import Glibc
#endif
import G2TCore
import HTS

/// The family-class hotspot tier of UMI mode (issue 16, branch cls1; prototyped outside g2t on branch
/// cfpeer2, scripts/bench-cfdna-class-test.py). Every alternate molecule at a panel hotspot SNV counts,
/// weighted by its class (`MoleculeClass`: duplex, one strand of ≥ 3, 2 or 1 read pairs) against that
/// class's own background in the sample, so that one duplex and one ss3 molecule can together be
/// significant where neither tier alone sees enough (the duplex tier needs ≥ 2 duplex molecules; the
/// likelihood rule treats every molecule alike at the consensus error).
///
/// Statistic: T = Σ_c k_c·w_c with w_c = ln(1 + F0/b_c), the log likelihood ratio of one alternate
/// molecule of class c between a variant at `designFraction` and error alone; p = P(T ≥ t) with
/// X_c ~ Binomial(n_c, b_c) independent, summed exactly over the classes' joint counts; called when
/// tests · p ≤ `DuplexHotspotTier.alpha` (Bonferroni over the panel's SNV hotspots, as the duplex tier).
package enum FamilyClassTier {
    /// The variant fraction the weights are built for: 0.1%, issue 16's lowest bin, where the tier is needed
    /// (at higher fractions the likelihood rule already calls).
    package static let designFraction = 0.001
    /// A stratum with fewer molecule-bases than this cannot bound its rate below `designFraction` (the
    /// rule-of-three bound 3/n exceeds it): its class is left out of the test at that hotspot (its
    /// molecules add neither to T nor to the null), the conservative choice.
    package static let minStratumMolecules = Int((Double(DuplexHotspotTier.ruleOfThree) / designFraction).rounded())

    /// What the tier saw at one hotspot allele, per class (indexed by `MoleculeClass.rawValue`).
    package struct Evidence: Sendable, Equatable {
        /// Alternate molecules and molecules that gave a base, per class.
        package var alt: [Int]
        package var depth: [Int]
        /// Background rate per class in the hotspot's stratum (nil: the class is left out, `minStratumMolecules`).
        package var rate: [Double?]
        /// Hotspot SNVs the tier tests in the sample (the Bonferroni factor).
        package var tests: Int

        /// The classes that enter the test: a rate and molecules.
        var used: [(n: Int, k: Int, rate: Double)] {
            MoleculeClass.allCases.compactMap { c in
                guard let r = rate[c.rawValue], depth[c.rawValue] > 0 else { return nil }
                return (depth[c.rawValue], alt[c.rawValue], r)
            }
        }

        /// The Bonferroni-corrected p-value (at most 1; 1 without an alternate molecule in a used class).
        package var correctedP: Double {
            let u = used
            let p = FamilyClassTier.tail(depths: u.map(\.n), rates: u.map(\.rate), observed: u.map(\.k))
            return min(1, Double(max(1, tests)) * p)
        }

        /// Whether the tier calls the allele.
        package var detected: Bool {
            used.contains { $0.k > 0 } && correctedP <= DuplexHotspotTier.alpha
        }

        /// The allele fraction the tier detects with 95% power (nil: no class enters the test, or none can).
        package var lod: Double? {
            let u = used
            return FamilyClassTier.lod(depths: u.map(\.n), rates: u.map(\.rate), tests: tests)
        }
    }

    /// Each class's weight: ln(1 + F0 / rate).
    static func weights(_ rates: [Double]) -> [Double] { rates.map { log1p(designFraction / $0) } }

    /// P(T ≥ t_obs) under error alone: X_c ~ Binomial(depths[c], rates[c]), T = Σ w_c X_c, t_obs = Σ w_c observed[c].
    package static func tail(depths: [Int], rates: [Double], observed: [Int]) -> Double {
        let w = weights(rates)
        let t = zip(w, observed).reduce(0.0) { $0 + $1.0 * Double($1.1) }
        guard t > 0 else { return 1 }
        return max(0, 1 - below(t, depths: depths, probabilities: rates, weights: w))
    }

    /// P(T < t) for X_c ~ Binomial(depths[c], probabilities[c]): the joint counts below t, class by class
    /// (weights are positive, so each class's count stops where it alone reaches what is left of t).
    /// Equal sums count as reaching t (1e-9: weights are sums of logarithms).
    static func below(_ t: Double, depths: [Int], probabilities: [Double], weights w: [Double]) -> Double {
        let budget = t - 1e-9
        // Each class's binomial probabilities for counts with x·w < budget.
        let pmfs: [[Double]] = depths.indices.map { c in
            let n = depths[c], p = min(max(probabilities[c], 0), 1)
            let top = min(n, Int((budget / w[c]).rounded(.up)))
            guard top >= 0 else { return [] }
            if p >= 1 { return (0...top).map { $0 == n ? 1 : 0 } }
            var out = [exp(Double(n) * log1p(-p))]
            var x = 0
            while x < top {
                out.append(out[x] * Double(n - x) / Double(x + 1) * p / (1 - p))
                x += 1
            }
            return out
        }
        func rec(_ c: Int, _ left: Double) -> Double {
            guard c < pmfs.count else { return 1 }
            var sum = 0.0
            for (x, px) in pmfs[c].enumerated() {
                let used = Double(x) * w[c]
                guard used < left else { break }
                sum += px * rec(c + 1, left - used)
            }
            return sum
        }
        return rec(0, budget)
    }

    /// The smallest statistic value t with tests · P(T ≥ t) ≤ alpha under error alone (to 1e-6), nil when no class enters.
    static func criticalValue(depths: [Int], rates: [Double], tests: Int) -> Double? {
        guard !depths.isEmpty else { return nil }
        let w = weights(rates)
        let target = DuplexHotspotTier.alpha / Double(max(1, tests))
        func significant(_ t: Double) -> Bool { 1 - below(t, depths: depths, probabilities: rates, weights: w) <= target }
        // T ≤ Σ n_c w_c: beyond it nothing is significant.
        let maximum = zip(depths, w).reduce(0.0) { $0 + Double($1.0) * $1.1 }
        var hi = w.max() ?? 1
        while !significant(hi) {
            guard hi <= maximum else { return nil }
            hi *= 2
        }
        var lo = 0.0
        while hi - lo > 1e-6 {
            let mid = (lo + hi) / 2
            if significant(mid) { hi = mid } else { lo = mid }
        }
        return hi
    }

    /// The allele fraction f at which the tier calls with 95% power: a variant molecule of any class shows
    /// the allele, so class c shows it at b_c + f·(1 − b_c) (binomial sampling, as `DetectionLimit.lod`).
    package static func lod(depths: [Int], rates: [Double], tests: Int, power: Double = 0.95) -> Double? {
        guard let critical = criticalValue(depths: depths, rates: rates, tests: tests) else { return nil }
        let w = weights(rates)
        func detects(_ f: Double) -> Bool {
            1 - below(critical, depths: depths, probabilities: rates.map { $0 + f * (1 - $0) }, weights: w) >= power
        }
        guard detects(1) else { return nil }
        var lo = 0.0, hi = 1.0
        // Relative precision 1e-4 is far below the 2 significant digits the report prints.
        while hi - lo > hi * 1e-4 {
            let mid = (lo + hi) / 2
            if detects(mid) { hi = mid } else { lo = mid }
        }
        return hi
    }
}
