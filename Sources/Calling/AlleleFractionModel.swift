#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Likelihoods of an observed allele count under germline and somatic origin, in the spirit of
/// SGZ (Sun et al. 2018, PLoS Comput Biol 14:e1005965): the expected VAF follows from purity p,
/// local total copy number C and the alleles' copies, and reads are beta-binomial around it.
///
/// - germline heterozygous, m_t alternate copies of C in the tumour (m_t = C/2 balanced; 0 or C after LOH):
///   VAF = (p·m_t + (1 − p)) / (p·C + 2(1 − p))
/// - germline homozygous: VAF = 1
/// - somatic, cancer-cell fraction CCF, multiplicity m: VAF = p·CCF·m / (p·C + 2(1 − p))
///
/// Unknown quantities are averaged over a grid (marginal likelihood), so a hypothesis is not
/// favoured merely for having more free parameters to fit with.
package enum AlleleFractionModel {
    /// Beta-binomial overdispersion ρ: capture panels spread heterozygous VAFs (~0.42–0.58 at
    /// 500×) more than a binomial does; ρ = 0.005 reproduces that spread.
    package static let overdispersion = 0.005
    /// Per-read error folded into every expected VAF, so VAF 0 and 1 are never impossible.
    static let readError = 0.005
    /// Share of germline heterozygous prior mass on loss-of-heterozygosity states (m_t = 0 or C):
    /// without segment data LOH is possible but not the default.
    static let lohWeight = 0.1
    /// Share of somatic prior mass on the allele being on every copy (m = C, e.g. LOH or amplified allele).
    static let allCopiesWeight = 0.1
    /// Purity grid when purity is unknown.
    static let purityGrid: [Double] = stride(from: 0.1, through: 1.0, by: 0.05).map { $0 }
    /// CCF grid for the somatic hypothesis.
    static let ccfGrid: [Double] = stride(from: 0.05, through: 1.0, by: 0.05).map { $0 }
    /// A given or estimated purity is trusted to ±0.15 (pathologist and VAF estimates commonly differ by ~0.1).
    static let purityTolerance = 0.15

    /// The purities to average over: a window around a known purity, the whole grid otherwise.
    static func purities(_ p: Double?) -> [Double] {
        guard let p else { return purityGrid }
        let lo = max(0.05, p - purityTolerance), hi = min(1, p + purityTolerance)
        return stride(from: lo, through: hi + 1e-9, by: 0.05).map { min($0, 1) }
    }

    /// log beta-binomial probability of `k` of `n` at mean `vaf` (the binomial coefficient, common
    /// to every hypothesis, is left out).
    package static func logLikelihood(alt k: Int, depth n: Int, vaf: Double) -> Double {
        logLikelihood(alt: k, depth: n, mean: Mean(vaf: vaf))
    }

    /// An expected VAF with its beta-binomial shape and normaliser computed once: a hypothesis grid is
    /// the same for every variant of a run, so each variant then costs two `lgamma` per grid point
    /// instead of six (the same arithmetic, so the same results).
    package struct Mean: Sendable {
        let a: Double, b: Double, lbetaAB: Double
        package init(vaf: Double) {
            let e = readError
            let mu = min(max(vaf * (1 - e) + (1 - vaf) * e, 1e-6), 1 - 1e-6)
            let rho = overdispersion
            a = mu * (1 - rho) / rho
            b = (1 - mu) * (1 - rho) / rho
            lbetaAB = lbeta(a, b)
        }
    }

    static func logLikelihood(alt k: Int, depth n: Int, mean m: Mean) -> Double {
        lbeta(Double(k) + m.a, Double(n - k) + m.b) - m.lbetaAB
    }

    static func lbeta(_ a: Double, _ b: Double) -> Double { lgamma(a) + lgamma(b) - lgamma(a + b) }

    /// `logLikelihood(alt:depth:mean:)` under each of `means`, with the last lgamma of each, of
    /// (k + a) + (n − k + b), kept for the last two arguments by their exact bits: a + b is the same for
    /// every mean (1/ρ − 1), so the argument rounds to one or two values for one k of n (the purity
    /// grid's 3,129 means then take ~2 of those 3,129 lgamma). The same operations in the same order,
    /// so the same values.
    static func logLikelihoods(alt k: Int, depth n: Int, means: [Mean]) -> [Double] {
        var keys: (UInt64, UInt64) = (0, 0)
        var values = (0.0, 0.0)
        var held = 0  // how many of the two are set
        return means.map { m in
            let x = Double(k) + m.a, y = Double(n - k) + m.b
            let sum = x + y
            let last: Double
            if held >= 1 && sum.bitPattern == keys.0 {
                last = values.0
            } else if held >= 2 && sum.bitPattern == keys.1 {
                last = values.1
            } else {
                last = lgamma(sum)
                keys = (sum.bitPattern, keys.0)
                values = (last, values.0)
                held = min(held + 1, 2)
            }
            return lgamma(x) + lgamma(y) - last - m.lbetaAB
        }
    }

    /// log of the mean of exp(xs) (weights sum to 1).
    static func logMeanExp(_ xs: [(logL: Double, weight: Double)]) -> Double {
        // Plain loops: this is the innermost step of origin and purity for every variant.
        var m = -Double.infinity
        for x in xs where x.logL > m { m = x.logL }
        guard m.isFinite else { return m }
        var sum = 0.0
        for x in xs { sum += x.weight * exp(x.logL - m) }
        return m + log(sum)
    }

    /// Integer total copies for the formulas (1–12; 2 when unknown).
    static func copies(_ c: Double?) -> Int { c.map { min(12, max(1, Int($0.rounded()))) } ?? 2 }

    /// Every hypothesis' expected VAF and prior weight at one purity (or unknown) and total copy number:
    /// germline heterozygous (balanced and LOH states), germline homozygous, and somatic.
    package struct Hypotheses: Sendable {
        var heterozygous: [(mean: Mean, weight: Double)] = []
        var homozygous = Mean(vaf: 1)
        var somatic: [(mean: Mean, weight: Double)] = []

        package init(purity: Double?, copies C: Int) {
            let ps = purities(purity)
            // Balanced states: the alternate on about half the tumour copies (1 of 2, 1–2 of 3, …).
            let balanced = C >= 2 ? Array(Set([C / 2, (C + 1) / 2])).sorted() : [0, 1]
            let loh = C >= 2 ? [0, C] : []
            for p in ps {
                for m in balanced {
                    let w = (loh.isEmpty ? 1 : 1 - lohWeight) / Double(balanced.count * ps.count)
                    heterozygous.append((Mean(vaf: (p * Double(m) + (1 - p)) / (p * Double(C) + 2 * (1 - p))), w))
                }
                for m in loh {
                    heterozygous.append((Mean(vaf: (p * Double(m) + (1 - p)) / (p * Double(C) + 2 * (1 - p))), lohWeight / Double(loh.count * ps.count)))
                }
            }
            let ms: [(Int, Double)] = C >= 2 ? [(1, 1 - allCopiesWeight), (C, allCopiesWeight)] : [(1, 1)]
            for p in ps {
                for f in ccfGrid {
                    for (m, wm) in ms {
                        let vaf = p * f * Double(m) / (p * Double(C) + 2 * (1 - p))
                        somatic.append((Mean(vaf: vaf), wm / Double(ps.count * ccfGrid.count)))
                    }
                }
            }
        }

        /// Germline heterozygous and homozygous log likelihoods.
        package func germline(alt: Int, depth: Int) -> (het: Double, hom: Double) {
            (logMeanExp(heterozygous.map { (logLikelihood(alt: alt, depth: depth, mean: $0.mean), $0.weight) }),
             logLikelihood(alt: alt, depth: depth, mean: homozygous))
        }

        /// Somatic log likelihood, averaged over CCF, multiplicity and (unknown) purity.
        package func somatic(alt: Int, depth: Int) -> Double {
            logMeanExp(somatic.map { (logLikelihood(alt: alt, depth: depth, mean: $0.mean), $0.weight) })
        }

        /// lgamma(alt + a) for every somatic grid point: common to every depth with this alternate count.
        package func somaticTerms(alt k: Int) -> [Double] { somatic.map { lgamma(Double(k) + $0.mean.a) } }
        /// lgamma(ref + b) for every somatic grid point: common to every key with this reference count.
        package func somaticTerms(ref r: Int) -> [Double] { somatic.map { lgamma(Double(r) + $0.mean.b) } }
        /// As `somaticTerms(alt:)`, for the germline heterozygous grid.
        package func heterozygousTerms(alt k: Int) -> [Double] { heterozygous.map { lgamma(Double(k) + $0.mean.a) } }
        /// As `somaticTerms(ref:)`, for the germline heterozygous grid.
        package func heterozygousTerms(ref r: Int) -> [Double] { heterozygous.map { lgamma(Double(r) + $0.mean.b) } }

        /// `somatic(alt:depth:)` with its first two lgamma terms from `somaticTerms(alt:)` and
        /// `somaticTerms(ref:)` (ref = depth − alt): the same operations in the same order, so the same value.
        package func somatic(alt k: Int, depth n: Int, altTerms: [Double], refTerms: [Double]) -> Double {
            var sums = SumTerms(count: somatic.count)
            return somatic(alt: k, depth: n, altTerms: altTerms, refTerms: refTerms, sums: &sums)
        }

        /// As `somatic(alt:depth:altTerms:refTerms:)`; `sums` remembers each grid point's last third term (see `SumTerms`).
        package func somatic(alt k: Int, depth n: Int, altTerms: [Double], refTerms: [Double], sums: inout SumTerms) -> Double {
            AlleleFractionModel.logMeanExp(somatic, alt: k, depth: n, altTerms: altTerms, refTerms: refTerms, sums: &sums)
        }

        /// The heterozygous half of `germline(alt:depth:)` from `heterozygousTerms(alt:)` and
        /// `heterozygousTerms(ref:)`, as `somatic(alt:depth:altTerms:refTerms:sums:)` is the somatic likelihood.
        package func heterozygous(alt k: Int, depth n: Int, altTerms: [Double], refTerms: [Double], sums: inout SumTerms) -> Double {
            AlleleFractionModel.logMeanExp(heterozygous, alt: k, depth: n, altTerms: altTerms, refTerms: refTerms, sums: &sums)
        }

        /// The homozygous half of `germline(alt:depth:)`.
        package func homozygous(alt k: Int, depth n: Int) -> Double { logLikelihood(alt: k, depth: n, mean: homozygous) }
    }

    /// `logMeanExp` of `grid`'s log likelihoods of k of n, the first two lgamma terms of each from tables
    /// (`somaticTerms`, `heterozygousTerms`) and the third from `sums`: the operations of
    /// `logLikelihood(alt:depth:mean:)` and `logMeanExp` in the same order, so the same value.
    static func logMeanExp(_ grid: [(mean: Mean, weight: Double)], alt k: Int, depth n: Int, altTerms: [Double], refTerms: [Double],
                           sums: inout SumTerms) -> Double {
        var logLs = [Double](repeating: 0, count: grid.count)
        var m = -Double.infinity
        if sums.arguments.count != grid.count { sums = SumTerms(count: grid.count) }
        for j in grid.indices {
            let mean = grid[j].mean
            // lbeta(k + a, n − k + b) − lbeta(a, b), as `logLikelihood(alt:depth:mean:)`.
            let l = altTerms[j] + refTerms[j] - sums.term((Double(k) + mean.a) + (Double(n - k) + mean.b), at: j) - mean.lbetaAB
            logLs[j] = l
            if l > m { m = l }
        }
        // `logMeanExp`, on the values kept above.
        guard m.isFinite else { return m }
        var sum = 0.0
        for j in grid.indices { sum += grid[j].weight * exp(logLs[j] - m) }
        return m + log(sum)
    }

    /// The last lgamma(k + a + n − k + b) of each grid point (somatic or heterozygous), by its argument's exact bits.
    /// a + b is the same for every grid point (1/ρ − 1), so for one depth the argument rounds to the same
    /// one or two values whatever the alternate count: keys taken in depth order find it here most of the
    /// time (one lgamma in ~10 instead of every one). The value is lgamma's own for those bits, so the
    /// likelihoods are bit-identical to computing it every time. One per worker thread.
    package struct SumTerms: Sendable {
        fileprivate var arguments: [UInt64]
        fileprivate var values: [Double]
        package init(count: Int = 0) {
            // NaN bits no sum can have: the first look-up of each grid point computes.
            arguments = [UInt64](repeating: Double.nan.bitPattern, count: count)
            values = [Double](repeating: 0, count: count)
        }
        /// lgamma(x), the sum term of grid point `j`.
        mutating func term(_ x: Double, at j: Int) -> Double {
            if arguments[j] == x.bitPattern { return values[j] }
            let y: Double = lgamma(x)
            arguments[j] = x.bitPattern
            values[j] = y
            return y
        }
    }

    /// The hypotheses of each total copy number (1–12) at one purity: each built on its first use and
    /// then kept (a run asks for one or two of the twelve; building all twelve up front cost ~5 M
    /// instructions of lgamma per run). Copies share the built values; workers may ask concurrently.
    package struct HypothesisTable: Sendable {
        let purity: Double?
        private let built: Built

        private final class Built: Sendable {
            let byCopies = Mutex<[Hypotheses?]>(Array(repeating: nil, count: 12))
        }

        package init(purity: Double?) {
            self.purity = purity
            built = Built()
        }

        package func callAsFunction(copies c: Double?) -> Hypotheses { self[copies: AlleleFractionModel.copies(c)] }

        /// The hypotheses of `copies` (1–12), built now if no one has asked for them yet.
        subscript(copies copies: Int) -> Hypotheses {
            let purity = purity
            return built.byCopies.withLock { all -> Hypotheses in
                if let h = all[copies - 1] { return h }
                let h = Hypotheses(purity: purity, copies: copies)
                all[copies - 1] = h
                return h
            }
        }
    }

    /// Germline heterozygous and homozygous log likelihoods.
    package static func germline(alt: Int, depth: Int, purity: Double?, copies c: Double?) -> (het: Double, hom: Double) {
        Hypotheses(purity: purity, copies: copies(c)).germline(alt: alt, depth: depth)
    }

    /// Somatic log likelihood, averaged over CCF, multiplicity and (unknown) purity.
    package static func somatic(alt: Int, depth: Int, purity: Double?, copies c: Double?) -> Double {
        Hypotheses(purity: purity, copies: copies(c)).somatic(alt: alt, depth: depth)
    }
}
