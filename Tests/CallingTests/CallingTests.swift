import Calling
import G2TCore
import HTS
import Testing
import TestSupport

@Suite struct NormalizationTests {
    struct Seq: ReferenceSource {
        let s = Array("GGGCACACAGTTTTA".utf8)  // positions 1…15
        func base(chrom: String, pos: Int) -> UInt8? { pos >= 1 && pos <= s.count ? s[pos - 1] : nil }
    }

    @Test func leftAlignsDeletionsInRepeats() {
        // Deleting "CA" anywhere in CACACA is the same event; its leftmost form is anchored on G at 3.
        let n = Normalization.normalize(.init(pos: 7, ref: "ACA", alt: "A"), chrom: "x", reference: Seq())
        #expect(n == .init(pos: 3, ref: "GCA", alt: "G"))
    }

    @Test func trimsSharedBases() {
        #expect(Normalization.normalize(.init(pos: 11, ref: "TTTA", alt: "TTTG"), chrom: "x", reference: Seq()) == .init(pos: 14, ref: "A", alt: "G"))
        #expect(Normalization.normalize(.init(pos: 14, ref: "A", alt: "G"), chrom: "x", reference: Seq()) == .init(pos: 14, ref: "A", alt: "G"))
    }

    @Test func leftAlignsInsertions() {
        let n = Normalization.normalize(.init(pos: 14, ref: "T", alt: "TT"), chrom: "x", reference: Seq())
        #expect(n == .init(pos: 10, ref: "G", alt: "GT"))
    }
}

/// The threshold caller on the simulated samples, against their truth VCFs.
@Suite struct PanelCallerTests {
    func call(_ sample: String) throws -> PanelCaller.Result {
        try CallingSetup.counted(sample).call()
    }

    func truth(_ sample: String) throws -> [VCFRecord] {
        try VCFReader(path: TestSupport.testData("truth/\(sample).truth.vcf.gz")).readAll()
    }

    @Test(arguments: ["demo-nsclc", "egfr-wildtype", "egfr-ex19del-t790m", "egfr-t790m-c797s-cis", "egfr-t790m-c797s-trans", "egfr-l858r-mnv", "egfr-ex20ins"])
    func findsExactlyTheTruth(sample: String) throws {
        var r = try call(sample)
        // As the pipeline does: phase nearby variants, then join cis SNVs of one codon into MNVs.
        let path = TestSupport.testData("samples/\(sample).bam")
        let phases = try Phaser().phase(r.variants, file: try AlignmentFile(path: path), filter: ReadFilter())
        r.variants = MNVMerger().merge(r.variants, phases: phases, reference: try PanelLoader.bundled(build: .grch38).reference,
                                       panelChrom: { $0 }).variants
        let truth = try truth(sample)
        let called = r.variants.filter(\.passed).map { "\($0.pos) \($0.ref)>\($0.alt)" }.sorted()
        #expect(called == truth.map { "\($0.position) \($0.ref)>\($0.alts[0])" }.sorted())
        for t in truth {
            guard case .floats(let af)? = t.info("AF"), let v = r.variants.first(where: { $0.pos == t.position }) else { continue }
            // Within sampling error for every class: soft-clipped reads count for indels.
            let tolerance = 0.08
            #expect(abs((v.vaf ?? -1) - Double(af[0])) < tolerance, "\(t.position): VAF \(String(describing: v.vaf)) vs truth \(af[0])")
        }
    }

    @Test func hotspotStatusesAndQC() throws {
        let r = try call("egfr-wildtype")
        #expect(r.hotspots.filter { $0.gene == "EGFR" }.allSatisfy { $0.status == .notDetected && $0.depth >= 100 })
        // 55 EGFR/ABCB1 targets + BRAF (18) and MET (20) on chr7, which is in the header (at 0x here);
        // KRAS/NRAS/PIK3CA (chr12/chr1/chr3, not in the header) are not queried.
        #expect(r.qc.targets.count == 93)
        #expect(r.qc.targets.filter { $0.gene == "EGFR" || $0.gene == "ABCB1" }.count == 55)
        #expect(r.qc.meanTargetDepth > 30)
        let partial = try call("egfr-ex19del-t790m")  // kinase exons only: ABCB1 has no reads
        #expect(partial.hotspots.filter { $0.gene == "ABCB1" }.allSatisfy { $0.status == .lowCoverage })
        #expect(partial.hotspots.first { $0.name == "EGFR T790M" }?.status == .detected)
    }

    @Test func thresholdsMatter() throws {
        var strict = CallingParameters()
        strict.minVAF = 0.5
        strict.hotspotMinVAF = 0.5
        let demo = try CallingSetup.counted("demo-nsclc", threads: 1)
        let r = demo.call(strict)
        #expect(!r.variants.contains { $0.pos == 55_191_822 }, "L858R at 30% must fall below a 50% threshold")
        // The threshold separates alleles rather than dropping everything: ABCB1 rs1045642 (50.5%) still passes.
        #expect(r.variants.contains { $0.pos == 87_509_329 && $0.passed })
        // Hotspot tier: with only the novel threshold raised, the L858R hotspot still passes…
        var novelOnly = CallingParameters()
        novelOnly.minVAF = 0.5
        let tiered = demo.call(novelOnly)
        #expect(tiered.variants.contains { $0.pos == 55_191_822 && $0.passed })
        // …and with only the hotspot threshold raised, it does not (the hotspot tier is the one applied to it).
        var hotspotOnly = CallingParameters()
        hotspotOnly.hotspotMinVAF = 0.5
        let hotspotTier = demo.call(hotspotOnly)
        #expect(!hotspotTier.variants.contains { $0.pos == 55_191_822 && $0.passed })
    }

    /// A hotspot whose limit of detection exceeds the bound is low-coverage, not a negative.
    @Test func lodBoundMakesLowCoverage() throws {
        var p = CallingParameters()
        p.maxHotspotLOD = 0.01  // needs ~900 fragments with 3 alt reads; the demo has ~300
        let wildtype = try CallingSetup.counted("egfr-wildtype")
        let strict = wildtype.call(p)
        #expect(strict.hotspots.filter { $0.gene == "EGFR" }.allSatisfy { $0.status == .lowCoverage })
        let normal = wildtype.call()
        #expect(normal.hotspots.filter { $0.gene == "EGFR" }.allSatisfy { $0.status == .notDetected && ($0.lod ?? 1) <= 0.05 })
    }
}

/// Germline genotypes at the ABCB1 PGx sites against the simulated truth.
@Suite struct GermlineGenotyperTests {
    func genotypes(_ sample: String) throws -> [String: GermlineGenotype] {
        let r = try CallingSetup.counted(sample).call()
        return Dictionary(uniqueKeysWithValues: r.genotypes.map { ($0.rsid, $0) })
    }

    /// Truth: the demo carries rs1045642 and rs1128503 on one haplotype (heterozygous); the
    /// wild-type sample is homozygous for rs1045642's G; nothing else varies.
    @Test(arguments: [("demo-nsclc", ["rs1045642": "A/G", "rs2032582": "A/A", "rs1128503": "A/G"]),
                      ("egfr-wildtype", ["rs1045642": "G/G", "rs2032582": "A/A", "rs1128503": "A/A"])])
    func genotypesMatchTruth(sample: String, expected: [String: String]) throws {
        let g = try genotypes(sample)
        for (rsid, gt) in expected {
            #expect(g[rsid]?.genotype == gt && g[rsid]?.status == .called, "\(sample) \(rsid): \(String(describing: g[rsid]))")
            #expect((g[rsid]?.quality ?? 0) >= 20)
        }
    }

    @Test func noDataIsNoCallNeverReference() throws {
        // This sample has reads over EGFR exons 18–21 only.
        let g = try genotypes("egfr-ex19del-t790m")
        #expect(g.count == 3 && g.values.allSatisfy { $0.status == .noCall && $0.genotype == "./." && $0.depth == 0 })
    }

    @Test func triAllelicSiteAndThinData() {
        let t = GermlineGenotyper()
        let site = GermlineGenotyper.Site(gene: "ABCB1", rsid: "rs2032582", name: "rs2032582", chrom: "chr7", pos: 87_531_302, ref: "A", alts: ["C", "T"])
        #expect(t.call(site: site, depths: ["C": 30, "T": 28, "A": 1], chrom: "chr7").genotype == "C/T")
        let thin = t.call(site: site, depths: ["A": 4], chrom: "chr7")
        #expect(thin.status == .noCall && thin.genotype == "./.")
    }

    @Test func fromVCFGenotypes() throws {
        let r = try VCFImport.read(path: TestSupport.testData("vcf/deepvariant.vcf"), sample: nil, build: nil, panels: try PanelSet.bundled())
        let g = Dictionary(uniqueKeysWithValues: r.genotypes.map { ($0.rsid, $0) })
        #expect(g["rs2032582"]?.genotype == "C/T" && g["rs2032582"]?.status == .called)
        #expect(g["rs1045642"]?.status == .noCall, "absent from the VCF: not assumed reference")
    }
}

@Suite struct SoftClipRescueTests {
    /// bwa soft-clips reads that end inside the 15 bp exon 19 deletion; their clipped bases spell
    /// the deletion's haplotype, so they count, and the VAF comes out near the simulated 40%.
    @Test func clippedReadsSupportTheDeletion() throws {
        HTSEnvironment.configure()
        let panel = try PanelLoader.bundled(build: .grch38)
        let file = try AlignmentFile(path: TestSupport.testData("samples/egfr-ex19del-t790m.bam"))
        let counts = try file.counts(in: GenomicRegion(contig: "chr7", start: 55_174_701, end: 55_174_840), filter: ReadFilter())
        #expect(counts.clips.contains { $0.leading && $0.junction == 55_174_786 })
        let del = Normalization.Alleles(pos: 55_174_771, ref: "AGGAATTAAGAGAAGC", alt: "A")
        let rescued = PanelCaller.clipSupport(del, clips: counts.clips, chrom: "chr7", reference: panel.reference,
                                               minMatchShare: CallingParameters().candidates.clipMatchMinShare)
        #expect(rescued.total > 30)
        // A different deletion at the same place gets no support from these clips.
        let other = Normalization.Alleles(pos: 55_174_771, ref: "AGGAATTAAGAGAAG", alt: "A")
        #expect(PanelCaller.clipSupport(other, clips: counts.clips, chrom: "chr7", reference: panel.reference,
                                               minMatchShare: CallingParameters().candidates.clipMatchMinShare).total == 0)
        // The match share is the configuration's (`candidates.clipMatchMinShare`): above 1, no clip supports anything.
        #expect(PanelCaller.clipSupport(del, clips: counts.clips, chrom: "chr7", reference: panel.reference, minMatchShare: 1.01).total == 0)
    }

    /// The caller lists alleles from `candidates.listMinAltFragments` alternate fragments (a configuration value, once a literal 2).
    @Test func listingFloorIsTheConfiguration() throws {
        let demo = try CallingSetup.counted("demo-nsclc", threads: 1)
        let listed = demo.call().variants
        let lowest = try #require(listed.map(\.altDepth).min())
        var p = CallingParameters()
        p.candidates.listMinAltFragments = lowest + 1
        let fewer = demo.call(p).variants
        #expect(fewer.count < listed.count && fewer.allSatisfy { $0.altDepth > lowest })
    }
}
