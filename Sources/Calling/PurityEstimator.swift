#if canImport(Glibc)
import Glibc
#endif
import G2TCore

/// Tumour purity from somatic allele fractions: the purity that best explains the VAFs of the
/// somatic candidates at once (maximum likelihood on a 0.05–1 grid). Each candidate is heterozygous
/// in a diploid region (VAF = p·CCF/2; 10% prior on the allele being on both copies after LOH,
/// VAF = p·CCF), clonal (CCF 1) with prior 0.5 as in `CCFEstimator`; and it may still be germline with
/// the origin model's probability, in which case its VAF says nothing about purity. So a lone clonal
/// variant gives twice its VAF; several give the clonal cluster; a germline-like one does not count.
package enum PurityEstimator {
    /// A candidate: a passing variant and its probability of being germline (0 when a normal proved it somatic).
    package struct Candidate: Sendable {
        package var variant: VariantCall
        package var germlineProbability: Double
        package init(variant: VariantCall, germlineProbability: Double) {
            self.variant = variant
            self.germlineProbability = germlineProbability
        }
    }

    static let purityGrid = stride(from: 0.05, through: 1.0 + 1e-9, by: 0.01).map { min(1, $0) }
    static let ccfGrid = stride(from: 0.02, through: 0.98 + 1e-9, by: 0.02).map { $0 }

    /// The estimate and what it rests on; nil without a likely somatic candidate.
    /// `copies` gives a gene's total copies (variants in genes not at ~2 copies are skipped: their VAF is not p·CCF/2).
    /// `settings` gives the minimum depth of a usable variant and the clonal prior (`CallingParameters.Purity`).
    package static func estimate(_ candidates: [Candidate], copies: (String?) -> Double?,
                                settings: CallingParameters.Purity = .init(), threads: Int = 1) -> (purity: Double, basis: String)? {
        estimate(candidates.map(\.variant), germlineProbability: candidates.map(\.germlineProbability), copies: copies,
                 settings: settings, threads: threads)
    }

    /// As `estimate(_:copies:settings:threads:)`, reading the variants where they are: `germlineProbability[i]`
    /// is that of `variants[i]`. A dense VCF's 200,000 variants are not copied into candidates (nor
    /// filtered or sorted as copies): only indices are.
    package static func estimate(_ variants: [VariantCall], germlineProbability: [Double], copies: (String?) -> Double?,
                                settings: CallingParameters.Purity = .init(), threads: Int = 1) -> (purity: Double, basis: String)? {
        precondition(variants.count == germlineProbability.count, "one germline probability per variant")
        let minDepth = settings.minVariantDepth
        let eligible = variants.indices.filter { i in
            let v = variants[i]
            return v.passed && !(v.originCall?.mayBeGermline ?? false) && v.depth >= minDepth && v.vaf != nil
                && abs((copies(v.gene) ?? 2) - 2) < 0.5
        }
        guard eligible.contains(where: { germlineProbability[$0] < 0.5 }) else { return nil }
        func site(_ i: Int) -> (String, Int, String, String) { (variants[i].chrom, variants[i].pos, variants[i].ref, variants[i].alt) }
        // At most `maxCandidates`: likely somatic first, then the deepest, then by position (deterministic).
        let usable: [Int]
        if eligible.count <= settings.maxCandidates {
            usable = eligible
        } else {
            // Sort keys made once per candidate, not twice per comparison.
            let keys = eligible.map { i in (somatic: germlineProbability[i] < 0.5, depth: variants[i].depth, site: site(i)) }
            let order = keys.indices.sorted { x, y in
                let (a, b) = (keys[x], keys[y])
                if a.somatic != b.somatic { return a.somatic }
                if a.depth != b.depth { return a.depth > b.depth }
                return a.site < b.site
            }
            usable = order.prefix(settings.maxCandidates).sorted { keys[$0].site < keys[$1].site }.map { eligible[$0] }
        }
        let logLs = gridLogLikelihoods(variants, usable: usable, germlineProbability: germlineProbability,
                                       clonalPrior: settings.clonalPrior, threads: threads)
        var best = (p: 0.0, logL: -Double.infinity)
        for (p, total) in zip(purityGrid, logLs) where total > best.logL { best = (p, total) }
        let purity = Rounding.places(best.p, 2)
        // The basis names at most `shownInBasis` variants (a dense VCF has thousands).
        let shownInBasis = 10
        var names = usable.prefix(shownInBasis).map { i in
            let v = variants[i]
            return (v.hotspot ?? "\(v.gene ?? v.chrom) \(v.chrom):\(v.pos) \(v.ref)>\(v.alt)") + " VAF \(TextFormat.fixed(v.vaf ?? 0, 3))"
        }
        if usable.count > shownInBasis { names.append("\(usable.count - shownInBasis) more") }
        if eligible.count > usable.count { names.append("(the \(usable.count) deepest likely somatic of \(eligible.count) candidates)") }
        return (purity, "most likely purity given the VAFs of \(names.joined(separator: ", ")) (heterozygous, diploid, clonal cluster at CCF 1)")
    }

    /// The hypotheses of one purity grid point: (index into `means`, prior weight), in the order the
    /// likelihood sums them (multiplicity 1 then 2; clonal, then each CCF below 1).
    struct Grid: Sendable {
        /// The distinct expected VAFs of the whole grid (3,129 of its 9,600 hypotheses: p·CCF·m/2 repeats
        /// across purities), each with its beta-binomial shape computed once.
        var means: [AlleleFractionModel.Mean] = []
        var points: [[(mean: Int, weight: Double)]] = []

        init(clonalPrior clonal: Double) {
            var index: [UInt64: Int] = [:]
            func mean(_ vaf: Double) -> Int {
                // By the VAF's exact bits: equal bits make an equal `Mean`, so sharing it changes no value.
                if let i = index[vaf.bitPattern] { return i }
                means.append(AlleleFractionModel.Mean(vaf: vaf))
                index[vaf.bitPattern] = means.count - 1
                return means.count - 1
            }
            for p in purityGrid {
                var hypotheses: [(mean: Int, weight: Double)] = []
                for (m, wm) in [(1.0, 0.9), (2.0, 0.1)] {
                    hypotheses.append((mean(p * m / 2), wm * clonal))
                    for f in ccfGrid {
                        hypotheses.append((mean(p * f * m / 2), wm * (1 - clonal) / Double(ccfGrid.count)))
                    }
                }
                points.append(hypotheses)
            }
        }
    }

    /// The log likelihood of the usable candidates at each purity of `purityGrid`. Each candidate's
    /// likelihood under each distinct expected VAF is computed once (not once per grid point holding it),
    /// and its germline term once (it does not depend on purity): the same `logLikelihood` calls on the
    /// same arguments, summed in the same order, so the same values as computing them per grid point.
    static func gridLogLikelihoods(_ variants: [VariantCall], usable: [Int], germlineProbability: [Double],
                                   clonalPrior: Double, threads: Int) -> [Double] {
        let grid = Grid(clonalPrior: clonalPrior)
        let heterozygous = AlleleFractionModel.Mean(vaf: 0.5)
        // Per candidate: its log likelihood under every distinct mean, and its germline term.
        let tables = ParallelMap.map(usable.count, threads: threads) { u -> (somatic: [Double], germline: Double) in
            let i = usable[u]
            let k = min(variants[i].altDepth, variants[i].depth), n = variants[i].depth
            return (AlleleFractionModel.logLikelihoods(alt: k, depth: n, means: grid.means),
                    AlleleFractionModel.logLikelihood(alt: k, depth: n, mean: heterozygous))
        }
        let weights = usable.map { min(max(germlineProbability[$0], 1e-6), 1 - 1e-6) }
        return ParallelMap.map(grid.points.count, threads: threads) { j -> Double in
            let hypotheses = grid.points[j]
            var total = 0.0
            for (u, table) in tables.enumerated() {
                let somatic = AlleleFractionModel.logMeanExp(hypotheses.map { (table.somatic[$0.mean], $0.weight) })
                let g = weights[u]
                total += AlleleFractionModel.logMeanExp([(somatic, 1 - g), (table.germline, g)])
            }
            return total
        }
    }
}

/// Cancer-cell fraction of a somatic variant: CCF = VAF·(p·C + 2(1 − p)) / (p·m), with the
/// multiplicity m the smallest that keeps CCF ≤ 1 within sampling error (Wilson interval).
///
/// Value and 95% interval are the median and 2.5/97.5% quantiles of the posterior over CCF
/// (beta-binomial reads, `AlleleFractionModel`) under a prior with half its mass on CCF = 1 and
/// half spread evenly below: clonal mutations form one cluster at CCF 1 (as in ABSOLUTE and
/// PyClone), and EGFR drivers are clonal in nearly every NSCLC (Jamal-Hanjani et al. 2017,
/// N Engl J Med 376:2109). Sampling noise alone then does not make a clonal variant look subclonal.
package enum CCFEstimator {
    /// `clonalPrior`: prior probability that a somatic variant is clonal (CCF = 1; `CallingParameters.Purity.clonalPrior`).
    package static func ccf(alt: Int, depth: Int, purity p: Double, copies c: Double?,
                           clonalPrior: Double = CallingParameters.Purity().clonalPrior) -> CancerCellFraction? {
        guard depth > 0, p > 0 else { return nil }
        let C = Double(AlleleFractionModel.copies(c))
        let n = Double(depth)
        let neff = max(1, n / (1 + (n - 1) * AlleleFractionModel.overdispersion))
        let k = min(alt, depth)
        let f = Double(k) / n
        let z = 1.96, z2 = z * z
        let centre = (f + z2 / (2 * neff)) / (1 + z2 / neff)
        let half = z / (1 + z2 / neff) * (f * (1 - f) / neff + z2 / (4 * neff * neff)).squareRoot()
        let scale = p * C + 2 * (1 - p)
        var m = 1.0
        while m < C && (max(0, centre - half)) * scale / (p * m) > 1 { m += 1 }
        // Posterior on a grid 0.01…1 (1 carrying the clonal point mass).
        let grid = (1...100).map { Double($0) / 100 }
        let logs = grid.map { x in
            AlleleFractionModel.logLikelihood(alt: k, depth: depth, vaf: p * x * m / scale)
                + log(x == 1 ? clonalPrior : (1 - clonalPrior) / Double(grid.count - 1))
        }
        let top = logs.max() ?? 0
        let w = logs.map { exp($0 - top) }
        let total = w.reduce(0, +)
        func quantile(_ q: Double) -> Double {
            var acc = 0.0
            for (x, wi) in zip(grid, w) {
                acc += wi / total
                if acc >= q { return x }
            }
            return 1
        }
        return CancerCellFraction(value: quantile(0.5), low: quantile(0.025), high: quantile(0.975))
    }
}
