@testable import Calling
#if canImport(Glibc)
import Glibc
#endif
import G2TCore
import Testing
import TestSupport

/// The purity grid's likelihoods (each candidate's likelihood computed once per distinct expected VAF)
/// against the per-grid-point version they replaced (`referenceGrid`, kept here as it was): the same
/// values, bit for bit, at every purity, on committed samples' calls and on hand-made candidates.
@Suite struct PurityGridTests {
    static let samples = ["demo-nsclc", "ffpe/ffpe-deam", "ffpe/ffpe-oxo", "egfr-l858r-mnv", "trap-orientation"]

    @Test(arguments: samples) func samplesGiveTheSameLikelihoodsAtEveryPurity(sample: String) throws {
        let c = try CallingSetup.counted(sample)
        let variants = c.call().variants.filter { $0.vaf != nil && $0.depth > 0 }
        #expect(!variants.isEmpty, "the sample must give candidates")
        // Germline probabilities spread over (0, 1), the clamped ends included.
        let g = variants.indices.map { [0.0, 0.02, 0.3, 0.49, 0.8, 1.0][$0 % 6] }
        try Self.expectSame(variants, germline: g, threads: 1)
        try Self.expectSame(variants, germline: g, threads: 2)
    }

    @Test func handMadeCandidatesGiveTheSameLikelihoods() throws {
        // Depths from 1 to 20,000, VAFs from 0 to 1: the extremes of the beta-binomial terms.
        var variants: [VariantCall] = []
        for (n, depth) in [1, 7, 60, 500, 3_000, 20_000].enumerated() {
            for (m, vaf) in [0.0, 0.013, 0.1, 0.37, 0.5, 0.92, 1.0].enumerated() {
                variants.append(CallingSetup.variant(pos: 55_000_000 + 10 * n + m, vaf: vaf, depth: depth))
            }
        }
        let g = variants.indices.map { Double($0 % 11) / 10 }
        try Self.expectSame(variants, germline: g, threads: 1)
        try Self.expectSame(variants, germline: g, threads: 2)
        #expect(PurityEstimator.Grid(clonalPrior: 0.5).means.count < PurityEstimator.purityGrid.count * 100, "the grid shares means")
    }

    /// `logLikelihoods` (the last lgamma kept for its last two arguments) against `logLikelihood` per
    /// mean, bit for bit: the grid's means in order and scattered (so the kept arguments keep changing),
    /// and means of other VAF sets, at alternate counts 0…n over depths 0 to 20,000.
    @Test func logLikelihoodsAreLogLikelihoodPerMean() {
        let grid = PurityEstimator.Grid(clonalPrior: 0.5).means
        // A fixed permutation (7,919 is prime and does not divide the count) scattering neighbours.
        let scattered = grid.indices.sorted { ($0 * 7_919) % grid.count < ($1 * 7_919) % grid.count }.map { grid[$0] }
        let sets = [grid, scattered, (0...200).map { AlleleFractionModel.Mean(vaf: Double($0) / 200) },
                    [AlleleFractionModel.Mean(vaf: 0.5)], []]
        for means in sets {
            for n in [0, 1, 2, 9, 60, 499, 3_001, 20_000] {
                for k in Set([0, 1, n / 7, n / 2, n - 1, n].filter { $0 >= 0 && $0 <= n }) {
                    let got = AlleleFractionModel.logLikelihoods(alt: k, depth: n, means: means)
                    let want = means.map { AlleleFractionModel.logLikelihood(alt: k, depth: n, mean: $0) }
                    #expect(got.map(\.bitPattern) == want.map(\.bitPattern), "\(k) of \(n), \(means.count) means")
                }
            }
        }
    }

    /// Every usable subset the estimator may pass: all candidates and each alone.
    static func expectSame(_ variants: [VariantCall], germline: [Double], threads: Int) throws {
        for clonal in [0.5, 0.9] {
            var subsets = [Array(variants.indices)]
            subsets += variants.indices.prefix(8).map { [$0] }
            for usable in subsets {
                let got = PurityEstimator.gridLogLikelihoods(variants, usable: usable, germlineProbability: germline,
                                                             clonalPrior: clonal, threads: threads)
                let want = referenceGrid(variants, usable: usable, germlineProbability: germline, clonal: clonal)
                #expect(got.count == want.count)
                #expect(got.map(\.bitPattern) == want.map(\.bitPattern), "usable \(usable), clonal prior \(clonal)")
            }
        }
    }

    /// The grid as `PurityEstimator.estimate` computed it before: every hypothesis' likelihood at every purity.
    static func referenceGrid(_ variants: [VariantCall], usable: [Int], germlineProbability: [Double], clonal: Double) -> [Double] {
        PurityEstimator.purityGrid.map { p -> Double in
            var hypotheses: [(mean: AlleleFractionModel.Mean, weight: Double)] = []
            for (m, wm) in [(1.0, 0.9), (2.0, 0.1)] {
                hypotheses.append((AlleleFractionModel.Mean(vaf: p * m / 2), wm * clonal))
                for f in PurityEstimator.ccfGrid {
                    hypotheses.append((AlleleFractionModel.Mean(vaf: p * f * m / 2), wm * (1 - clonal) / Double(PurityEstimator.ccfGrid.count)))
                }
            }
            let heterozygous = AlleleFractionModel.Mean(vaf: 0.5)
            var total = 0.0
            for i in usable {
                let k = min(variants[i].altDepth, variants[i].depth), n = variants[i].depth
                let somatic = AlleleFractionModel.logMeanExp(hypotheses.map { (AlleleFractionModel.logLikelihood(alt: k, depth: n, mean: $0.mean), $0.weight) })
                let germline = AlleleFractionModel.logLikelihood(alt: k, depth: n, mean: heterozygous)
                let g = min(max(germlineProbability[i], 1e-6), 1 - 1e-6)
                total += AlleleFractionModel.logMeanExp([(somatic, 1 - g), (germline, g)])
            }
            return total
        }
    }
}
