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

    /// Off-target counts: `chr7` reads on chr7 beyond the targets, `others` on the other autosomes.
    func ot(chr7: Int, others: Int) -> OffTargetCounts { OffTargetCounts(panelChromosomes: ["chr7": chr7], otherAutosomes: others) }

    func pon() throws -> PanelOfNormals {
        try CopyNumberEstimator.panel(build: "GRCh38", normals: [.init(id: "N1", targets: targets(egfr: 100, abcb1: 100)),
                                                                 .init(id: "N2", targets: targets(egfr: 60, abcb1: 60)),
                                                                 .init(id: "N3", targets: targets(egfr: 150, abcb1: 150))])
    }

    /// Three normals whose target depth is in proportion to their off-target reads (one capture balance).
    func ponWithOffTarget() throws -> PanelOfNormals {
        try CopyNumberEstimator.panel(build: "GRCh38", normals: [
            .init(id: "N1", targets: targets(egfr: 100, abcb1: 100), offTarget: ot(chr7: 4000, others: 20_000)),
            .init(id: "N2", targets: targets(egfr: 60, abcb1: 60), offTarget: ot(chr7: 2400, others: 12_000)),
            .init(id: "N3", targets: targets(egfr: 150, abcb1: 150), offTarget: ot(chr7: 6000, others: 30_000)),
        ])
    }

    @Test func panelScalesEachNormalByItsMedian() throws {
        let p = try pon()
        #expect(p.normals == ["N1", "N2", "N3"])
        #expect(p.medianDepths == [100, 60, 150])
        // Every normal has the same shape, so the median relative depth is the jitter and the spread is 0.
        #expect(p.targets.map(\.relativeDepth).prefix(5) == [1.0, 0.9, 1.1, 1.05, 0.95])
        #expect(p.targets.allSatisfy { $0.mad == 0 })
        #expect(p.format == "g2t-pon/2" && p.offTarget == nil && p.offTargetNote?.contains("N1 has 0 off-target reads") == true)
    }

    @Test func panelKeepsTheOffTargetScale() throws {
        let p = try ponWithOffTarget()
        let scale = try #require(p.offTarget)
        #expect(scale.chromosomeFraction == ["chr7": 0.2])
        #expect(scale.captureSpread == 0)
        // 100× per 20,000 off-target reads = 5,000× per million, times the target's shape.
        #expect(p.targets.first?.depthPerMillionOffTarget == 5000)
    }

    @Test func purityCorrectionFollowsTheMixture() {
        // R = (p·CN + 2(1 − p)) / 2: an 8-copy tumour at purity 0.5 shows R = 2.5.
        #expect(CopyNumberEstimator.copies(ratio: 2.5, purity: 0.5) == 8)
        #expect(CopyNumberEstimator.copies(ratio: 2.5, purity: nil) == 5)
        #expect(abs(CopyNumberEstimator.copies(ratio: 1, purity: 0.3) - 2) < 1e-12, "a diploid gene stays diploid at any purity")
        #expect(abs(CopyNumberEstimator.copies(ratio: 0.75, purity: 0.5) - 1) < 1e-12)
        // Noise below the normal cells' share is clamped at 0 copies, not negative.
        #expect(CopyNumberEstimator.copies(ratio: 0.2, purity: 0.5) == 0)
    }

    @Test(arguments: [(2.0, CopyNumberCall.Status.neutral), (4.0, .gain), (8.0, .amplification)])
    func twoGenesWithoutOffTargetUseTheLowerGene(copies: Double, status: CopyNumberCall.Status) throws {
        // Tumour depth 300× for diploid EGFR; ABCB1 at `copies`, with the target shape of the normals.
        let calls = CopyNumberEstimator.estimate(targets(egfr: 300, abcb1: 300 * copies / 2), offTarget: nil, pon: try pon(), purity: nil)
        let abcb1 = try #require(calls.first { $0.gene == "ABCB1" })
        let egfr = try #require(calls.first { $0.gene == "EGFR" })
        if copies > 2 {
            #expect(abs((abcb1.copies ?? 0) - copies) < 1e-6)
            #expect(abs((abcb1.log2Ratio ?? 0) - log2(copies / 2)) < 1e-3)
            #expect(abcb1.status == status && abcb1.targets == 5 && abcb1.baseline == .lowestGene)
            // The baseline gene is named, assumed diploid and not itself assessed: never "2.0 copies, neutral".
            #expect(egfr.status == .notAssessed && egfr.copies == nil)
            #expect(egfr.note?.contains("EGFR is the baseline") == true && egfr.note?.contains("assumed to have 2 copies") == true)
        }
        for c in calls {
            #expect(c.note?.contains("chromosome 7 gain cannot be told from focal gain") == true)
            #expect(c.note?.contains("Not corrected for purity") == true || c.status == .notAssessed)
        }
    }

    @Test func purityReachesTheCallAndItsNote() throws {
        // EGFR 8 copies at purity 0.5 is observed at ratio 2.5 against diploid ABCB1.
        let calls = CopyNumberEstimator.estimate(targets(egfr: 250, abcb1: 100), offTarget: nil, pon: try pon(), purity: 0.5)
        let egfr = try #require(calls.first { $0.gene == "EGFR" })
        #expect(abs((egfr.copies ?? 0) - 8) < 1e-6 && egfr.status == .amplification && egfr.purity == 0.5)
        #expect(abs((egfr.log2Ratio ?? 0) - log2(2.5)) < 1e-3, "the log2 ratio stays the observed one")
        #expect(egfr.note?.contains("Corrected for purity 0.50") == true)
        let uncorrected = CopyNumberEstimator.estimate(targets(egfr: 250, abcb1: 100), offTarget: nil, pon: try pon(), purity: nil)
        #expect(uncorrected.first { $0.gene == "EGFR" }?.copies == 5)
    }

    @Test func threeGenesUseTheMedianAndCanCallLoss() throws {
        let normal = targets(egfr: 100, abcb1: 100, kras: 100)
        let p = try CopyNumberEstimator.panel(build: "GRCh38", normals: [.init(id: "N1", targets: normal), .init(id: "N2", targets: normal)])
        let calls = CopyNumberEstimator.estimate(targets(egfr: 100, abcb1: 50, kras: 100), offTarget: nil, pon: p, purity: nil)
        #expect(calls.first { $0.gene == "ABCB1" }?.status == .loss)
        #expect(calls.first { $0.gene == "EGFR" }?.copies == 2)
        #expect(calls.allSatisfy { $0.baseline == .panelMedian })
    }

    @Test func offTargetReadsTellAChromosomeGainFromAFocalOne() throws {
        let p = try ponWithOffTarget()
        // Whole chr7 at 4 copies: both genes and chr7's off-target reads doubled, other autosomes not.
        let chr7 = CopyNumberEstimator.estimate(targets(egfr: 200, abcb1: 200), offTarget: ot(chr7: 8000, others: 20_000), pon: p, purity: nil)
        for c in chr7 {
            #expect(c.baseline == .offTarget && c.status == .gain && abs((c.copies ?? 0) - 4) < 1e-6 && c.chromosomeCopies == 4, "\(c)")
            #expect(c.note?.contains("whole-chromosome change, not a focal one") == true)
        }
        // The panel-gene baseline sees nothing here: both genes rose together.
        let blind = CopyNumberEstimator.estimate(targets(egfr: 200, abcb1: 200), offTarget: nil, pon: try pon(), purity: nil)
        #expect(blind.allSatisfy { $0.status != .gain })
        // Focal EGFR at 8 copies: chr7 stays at 2.
        let focal = CopyNumberEstimator.estimate(targets(egfr: 400, abcb1: 100), offTarget: ot(chr7: 4000, others: 20_000), pon: p, purity: nil)
        let egfr = try #require(focal.first { $0.gene == "EGFR" })
        #expect(egfr.copies == 8 && egfr.status == .amplification && egfr.chromosomeCopies == 2)
        #expect(egfr.note?.contains("focal") == true && egfr.note?.contains("whole-chromosome") == false)
        #expect(focal.first { $0.gene == "ABCB1" }?.status == .neutral)
        // Losses can be called against the genome.
        let loss = CopyNumberEstimator.estimate(targets(egfr: 100, abcb1: 50), offTarget: ot(chr7: 4000, others: 20_000), pon: p, purity: nil)
        #expect(loss.first { $0.gene == "ABCB1" }?.status == .loss)
    }

    @Test func tooFewOffTargetReadsFallBackAndSaySo() throws {
        let calls = CopyNumberEstimator.estimate(targets(egfr: 400, abcb1: 100), offTarget: ot(chr7: 10, others: 999),
                                                 pon: try ponWithOffTarget(), purity: nil)
        let egfr = try #require(calls.first { $0.gene == "EGFR" })
        #expect(egfr.baseline == .lowestGene && egfr.copies == 8)
        #expect(egfr.note?.contains("999 off-target reads on the other autosomes") == true)
        #expect(egfr.note?.contains("chromosome 7 gain cannot be told from focal gain") == true)
    }

    @Test func aGeneMissingFromThePanelOfNormalsIsNotAssessed() throws {
        // A panel of normals with EGFR targets only.
        let egfrOnly = { (t: [TargetCoverage]) in t.filter { $0.gene == "EGFR" } }
        let p = try CopyNumberEstimator.panel(build: "GRCh38", normals: [
            .init(id: "N1", targets: egfrOnly(targets(egfr: 100, abcb1: 100)), offTarget: ot(chr7: 4000, others: 20_000)),
            .init(id: "N2", targets: egfrOnly(targets(egfr: 60, abcb1: 60)), offTarget: ot(chr7: 2400, others: 12_000)),
        ])
        // With off-target reads EGFR is still measured; ABCB1 (8 copies) is not assessed, never "2.0 copies, neutral".
        let withOT = CopyNumberEstimator.estimate(targets(egfr: 100, abcb1: 400), offTarget: ot(chr7: 4000, others: 20_000), pon: p, purity: nil)
        let abcb1 = try #require(withOT.first { $0.gene == "ABCB1" })
        #expect(abcb1.status == .notAssessed && abcb1.copies == nil && abcb1.note?.contains("no usable targets for ABCB1") == true)
        #expect(withOT.first { $0.gene == "EGFR" }?.copies == 2)
        // Without off-target reads the lone EGFR has nothing to be measured against: not assessed either.
        let without = CopyNumberEstimator.estimate(targets(egfr: 100, abcb1: 400), offTarget: nil, pon: p, purity: nil)
        #expect(without.count == 2 && without.allSatisfy { $0.status == .notAssessed && $0.copies == nil })
        #expect(without.first { $0.gene == "EGFR" }?.note?.contains("nothing to measure EGFR against") == true)
    }

    @Test func mismatchedNormalsAreRejected() {
        #expect(throws: CopyNumberError.targetsDiffer("N2")) {
            try CopyNumberEstimator.panel(build: "GRCh38", normals: [.init(id: "N1", targets: targets(egfr: 100, abcb1: 100)),
                                                                     .init(id: "N2", targets: Array(targets(egfr: 100, abcb1: 100).dropFirst()))])
        }
        #expect(throws: CopyNumberError.noNormals) { try CopyNumberEstimator.panel(build: "GRCh38", normals: []) }
    }
}

@Suite struct NormalSitesTests {
    func call(_ pos: Int, _ ref: String, _ alt: String, depth: Int, alt altDepth: Int) -> VariantCall {
        VariantCall(gene: "EGFR", chrom: "chr7", pos: pos, ref: ref, alt: alt, vaf: Double(altDepth) / Double(depth), depth: depth,
                    altDepth: altDepth, altForward: altDepth / 2, altReverse: altDepth - altDepth / 2, filter: "PASS")
    }

    @Test func sitesCountNormalsWithSupport() {
        let sites = NormalSites.sites(perNormal: [
            [call(55181370, "G", "A", depth: 60, alt: 30), call(55174827, "TTC", "T", depth: 50, alt: 20)],
            [call(55181370, "G", "A", depth: 60, alt: 28), call(55191822, "T", "G", depth: 300, alt: 2)],  // 2 of 300 < 1%
            [call(55181370, "G", "A", depth: 60, alt: 1), call(55174827, "TTC", "T", depth: 50, alt: 25)],  // 1 fragment < 2
        ])
        #expect(sites.map(\.pos) == [55174827, 55181370])
        #expect(sites.map(\.normals) == [2, 2])
        #expect(sites.last?.maxVAF == 0.5)
    }

    @Test func lookupSaysWhenThereIsNoSiteData() throws {
        let t = [TargetCoverage(gene: "EGFR", exon: 20, chrom: "chr7", start: 55181273, end: 55181498, meanDepth: 60, minDepth: 50, fractionCovered: 1)]
        var p = try CopyNumberEstimator.panel(build: "GRCh38", normals: [.init(id: "N1", targets: t)],
                                              sites: [.init(chrom: "chr7", pos: 55181370, ref: "G", alt: "A", normals: 1, maxVAF: 0.5)],
                                              siteRule: NormalSites.rule())
        #expect(p.normalsWithSupport(chrom: "chr7", pos: 55181370, ref: "G", alt: "A") == 1)
        #expect(p.normalsWithSupport(chrom: "7", pos: 55181370, ref: "G", alt: "A") == 1, "contig names with or without chr")
        #expect(p.normalsWithSupport(chrom: "chr7", pos: 55181370, ref: "G", alt: "T") == 0)
        #expect(p.normalsWithSupport(chrom: "chr7", pos: 55191822, ref: "T", alt: "G") == nil, "outside the panel's targets")
        p.sites = nil
        #expect(p.normalsWithSupport(chrom: "chr7", pos: 55181370, ref: "G", alt: "A") == nil && !p.hasSiteData)
    }
}
