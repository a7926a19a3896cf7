import Calling
import Foundation
import G2TCore
import Testing

@Suite struct CopyNumberEstimatorTests {
    func targets(egfr: Double, abcb1: Double, kras: Double? = nil, jitter: [Double] = [1.0, 0.9, 1.1, 1.05, 0.95]) -> [TargetCoverage] {
        var out: [TargetCoverage] = []
        for (gene, depth, base) in [("EGFR", egfr, 1000), ("ABCB1", abcb1, 5000)] + (kras.map { [("KRAS", $0, 9000)] } ?? []) {
            for (i, j) in jitter.enumerated() {
                out.append(TargetCoverage(gene: gene, exon: i + 1, chrom: "chr7", start: base + i * 100, end: base + i * 100 + 50,
                                          meanDepth: depth * j, minDepth: 0, fractionCovered: 1))
            }
        }
        return out
    }

    func pon() throws -> PanelOfNormals {
        try CopyNumberEstimator.panel(build: "GRCh38", normals: [("N1", targets(egfr: 100, abcb1: 100)), ("N2", targets(egfr: 60, abcb1: 60)),
                                                                 ("N3", targets(egfr: 150, abcb1: 150))])
    }

    @Test func panelScalesEachNormalByItsMedian() throws {
        let p = try pon()
        #expect(p.normals == ["N1", "N2", "N3"])
        #expect(p.medianDepths == [100, 60, 150])
        // Every normal has the same shape, so the median relative depth is the jitter and the spread is 0.
        #expect(p.targets.map(\.relativeDepth).prefix(5) == [1.0, 0.9, 1.1, 1.05, 0.95])
        #expect(p.targets.allSatisfy { $0.mad == 0 })
    }

    @Test(arguments: [(2.0, CopyNumberCall.Status.neutral), (4.0, .gain), (8.0, .amplification)])
    func copiesFollowTheDepthRatio(copies: Double, status: CopyNumberCall.Status) throws {
        // Tumour depth 300× for diploid EGFR; ABCB1 at `copies`, with the target shape of the normals.
        let calls = CopyNumberEstimator.estimate(targets(egfr: 300, abcb1: 300 * copies / 2), pon: try pon())
        let abcb1 = try #require(calls.first { $0.gene == "ABCB1" })
        #expect(abs(abcb1.copies - copies) < 1e-6)
        #expect(abs(abcb1.log2Ratio - log2(copies / 2)) < 1e-3)
        #expect(abcb1.status == status && abcb1.targets == 5)
        #expect(calls.first { $0.gene == "EGFR" }?.status == .neutral)
    }

    @Test func threeGenesUseTheMedianAndCanCallLoss() throws {
        let normal = targets(egfr: 100, abcb1: 100, kras: 100)
        let p = try CopyNumberEstimator.panel(build: "GRCh38", normals: [("N1", normal), ("N2", normal)])
        let calls = CopyNumberEstimator.estimate(targets(egfr: 100, abcb1: 50, kras: 100), pon: p)
        #expect(calls.first { $0.gene == "ABCB1" }?.status == .loss)
        #expect(calls.first { $0.gene == "EGFR" }?.copies == 2)
    }

    @Test func mismatchedNormalsAreRejected() {
        #expect(throws: CopyNumberError.targetsDiffer("N2")) {
            try CopyNumberEstimator.panel(build: "GRCh38", normals: [("N1", targets(egfr: 100, abcb1: 100)),
                                                                     ("N2", Array(targets(egfr: 100, abcb1: 100).dropFirst()))])
        }
        #expect(throws: CopyNumberError.noNormals) { try CopyNumberEstimator.panel(build: "GRCh38", normals: []) }
    }
}
