import Foundation
import G2TCore
import Knowledge
import Pipeline
import Reporting
import Testing
import TestSupport

/// Issue 18: KRAS, NRAS, BRAF, MET and PIK3CA on the generated GRCh38 samples of TestData/samples/panel18
/// (real LRG sequence, art_illumina + bwa; truth VCFs in TestData/truth/panel18).
@Suite struct Panel18Tests {
    static let dir = TestSupport.testData("samples/panel18")

    struct Expected: Sendable, CustomStringConvertible {
        var sample: String
        var gene: String
        var hgvsc: String
        var hgvsp: String?
        var consequence: Consequence
        var hotspot: String?
        var vaf: Double
        var description: String { "\(sample) \(gene) \(hgvsc)" }
    }

    /// Each sample's truth variant, named as Sources/G2TCore/Data/hotspots.tsv names it.
    static let expected: [Expected] = [
        .init(sample: "crc-kras-g12d", gene: "KRAS", hgvsc: "c.35G>A", hgvsp: "p.Gly12Asp", consequence: "missense_variant", hotspot: "KRAS G12D", vaf: 0.30),
        .init(sample: "kras-g12c", gene: "KRAS", hgvsc: "c.34G>T", hgvsp: "p.Gly12Cys", consequence: "missense_variant", hotspot: "KRAS G12C", vaf: 0.25),
        .init(sample: "kras-g13d", gene: "KRAS", hgvsc: "c.38G>A", hgvsp: "p.Gly13Asp", consequence: "missense_variant", hotspot: "KRAS G13D", vaf: 0.20),
        .init(sample: "kras-q61h", gene: "KRAS", hgvsc: "c.183A>C", hgvsp: "p.Gln61His", consequence: "missense_variant", hotspot: "KRAS Q61H (c.183A>C)", vaf: 0.30),
        .init(sample: "kras-a146t", gene: "KRAS", hgvsc: "c.436G>A", hgvsp: "p.Ala146Thr", consequence: "missense_variant", hotspot: "KRAS A146T", vaf: 0.15),
        .init(sample: "nras-q61k", gene: "NRAS", hgvsc: "c.181C>A", hgvsp: "p.Gln61Lys", consequence: "missense_variant", hotspot: "NRAS Q61K", vaf: 0.30),
        .init(sample: "braf-v600e", gene: "BRAF", hgvsc: "c.1799T>A", hgvsp: "p.Val600Glu", consequence: "missense_variant", hotspot: "BRAF V600E", vaf: 0.30),
        .init(sample: "braf-v600k", gene: "BRAF", hgvsc: "c.1798_1799delinsAA", hgvsp: "p.Val600Lys", consequence: "missense_variant", hotspot: "BRAF V600K", vaf: 0.25),
        .init(sample: "met-ex14-donor", gene: "MET", hgvsc: "c.3028+1G>T", hgvsp: nil, consequence: "splice_donor_variant",
              hotspot: "MET c.3028+1G>T", vaf: 0.30),
        .init(sample: "pik3ca-e545k", gene: "PIK3CA", hgvsc: "c.1633G>A", hgvsp: "p.Glu545Lys", consequence: "missense_variant", hotspot: "PIK3CA E545K", vaf: 0.30),
        .init(sample: "egfr-l858r-pik3ca-h1047r", gene: "PIK3CA", hgvsc: "c.3140A>G", hgvsp: "p.His1047Arg", consequence: "missense_variant", hotspot: "PIK3CA H1047R", vaf: 0.20),
    ]

    static func analyse(_ sample: String, tumorType: String, pon: Bool = false, purity: Double? = nil) throws -> Analysis {
        var o = CallOptions(input: "\(dir)/\(sample).bam", tumorType: tumorType, environment: ["SOURCE_DATE_EPOCH": "0"])
        if pon { o.pon = "\(dir)/panel-pon.json" }
        o.purity = purity
        let set = try PanelSet.bundled()
        return try Stages.score(try Stages.annotate(try Stages.call(o), panels: set), kb: try KnowledgeBaseLoader.bundled(), panels: set)
    }

    static func call(_ a: Analysis, _ drug: String) -> TherapyCall.Call? { a.therapies.first { $0.drug == drug }?.call }

    @Test(arguments: expected)
    func calledAndNamedAsTheHotspotTable(e: Expected) throws {
        let a = try Self.analyse(e.sample, tumorType: "LUAD")
        // Build told from chr1, chr3, chr7 and chr12 together.
        #expect(a.reference.build == .grch38)
        let v = try #require(a.variants.first { $0.gene == e.gene && $0.passed }, "no passing \(e.gene) call in \(e.sample)")
        #expect(v.annotation?.hgvsc == e.hgvsc)
        #expect(v.annotation?.hgvsp == e.hgvsp)
        #expect(v.annotation?.consequence == e.consequence)
        #expect(v.hotspot == e.hotspot)
        #expect(abs((v.vaf ?? 0) - e.vaf) < 0.08, "VAF \(v.vaf ?? -1) vs truth \(e.vaf)")
        let hs = try #require(a.hotspots.first { $0.name == e.hotspot })
        #expect(hs.status == .detected)
        // Only the truth variant passes in these samples' genes (no false positives at the new loci).
        #expect(a.variants.filter { $0.passed && $0.gene != "ABCB1" && $0.gene != "EGFR" }.count == 1)
    }

    @Test func metExon14SpliceDonorIsMETex14Skipping() throws {
        let a = try Self.analyse("met-ex14-donor", tumorType: "LUAD")
        let v = try #require(a.variants.first { $0.gene == "MET" && $0.passed })
        #expect(v.annotation?.intron == 14)
        for drug in ["capmatinib", "tepotinib"] {
            let t = try #require(a.therapies.first { $0.drug == drug })
            #expect(t.call == .sensitive)
            #expect(t.evidence.contains { $0.counted && $0.biomarker.contains("METex14 skipping") })
        }
    }

    @Test func metExon14DeletionIsMETex14Skipping() throws {
        let a = try Self.analyse("met-ex14-del", tumorType: "LUAD")
        let v = try #require(a.variants.first { $0.gene == "MET" && $0.passed }, "the 21-bp exon 14 deletion is not called")
        #expect(v.pos == 116_771_978 && v.ref == "CTTTTCCAGAAGGTATATTTCA" && v.alt == "C")
        #expect(v.annotation?.hgvsc == "c.3018_3028+10del")
        #expect(v.annotation?.exon == 14)
        #expect(v.annotation?.consequence.contains(.spliceDonorVariant) == true)
        let t = try #require(a.therapies.first { $0.drug == "capmatinib" })
        #expect(t.call == .sensitive)
        #expect(t.evidence.contains { $0.counted && $0.biomarker.contains("METex14 skipping") })
    }

    // Issue 18 acceptance: the knowledge base over the generated samples.

    @Test func colorectalKRASG12DIsAntiEGFRResistant() throws {
        let a = try Self.analyse("crc-kras-g12d", tumorType: "COADREAD")
        #expect(Self.call(a, "cetuximab") == .resistant)
        #expect(Self.call(a, "panitumumab") == .resistant)
        let limit = try #require(a.panelLimits?.first { $0.drugs.contains("cetuximab") })
        #expect(limit.wildType == false)
        #expect(limit.assessment?.mutated == ["KRAS p.G12D"])
        // The per-drug table says what the panel found over the limit's genes, in both antibody rows.
        // No eligibility statement beside the resistance: the wild-type rule does not match a KRAS-mutant tumour.
        for drug in ["cetuximab", "panitumumab"] {
            let t = try #require(a.therapies.first { $0.drug == drug })
            #expect(!t.evidence.contains { $0.effect == .sensitivity }, "\(drug): \(t.evidence.map(\.biomarker))")
        }
        let html = try Self.html(a)
        #expect(html.components(separatedBy: "Panel limit: ").count - 1 == 2)
        #expect(html.components(separatedBy: "This panel: KRAS/NRAS/BRAF mutated: KRAS p.G12D — not wild type.").count - 1 == 2)
    }

    @Test func brafV600EByTumourType() throws {
        let crc = try Self.analyse("braf-v600e", tumorType: "COADREAD")
        #expect(Self.call(crc, "encorafenib + cetuximab") == .sensitive)
        #expect(Self.call(crc, "dabrafenib + trametinib").map { $0 != .sensitive && $0 != .likelySensitive } ?? true,
                "BRAF V600E tumour-agnostic approval excludes colorectal cancer")
        #expect(Self.call(crc, "cetuximab") == .likelyResistant)
        let lung = try Self.analyse("braf-v600e", tumorType: "LUAD")
        #expect(Self.call(lung, "dabrafenib + trametinib") == .sensitive)
    }

    @Test func kRASG12CByTumourType() throws {
        let crc = try Self.analyse("kras-g12c", tumorType: "COADREAD")
        #expect(Self.call(crc, "sotorasib + panitumumab") == .sensitive)
        #expect(Self.call(crc, "adagrasib + cetuximab") == .sensitive)
        #expect(Self.call(crc, "cetuximab") == .resistant)
        let lung = try Self.analyse("kras-g12c", tumorType: "LUAD")
        #expect(Self.call(lung, "sotorasib") == .sensitive && Self.call(lung, "adagrasib") == .sensitive)
    }

    @Test func egfrL858RWithMETAmplificationInLung() throws {
        let a = try Self.analyse("met-amp-egfr-l858r", tumorType: "LUAD", pon: true)
        let met = try #require(a.copyNumber?.first { $0.gene == "MET" })
        #expect(met.status == .amplification, "MET \(met.copies ?? -1) copies")
        // Truth: MET read share 4.0 (log2 ratio 2), the simulator's 8 copies in a pure tumour.
        #expect(abs((met.log2Ratio ?? 0) - 2) < 0.25, "log2 \(met.log2Ratio ?? -1)")
        for g in ["EGFR", "KRAS", "BRAF"] {
            #expect(a.copyNumber?.first { $0.gene == g }?.status == .neutral, "\(g)")
        }
        // Issue 18 point 3: no off-target reads here, but EGFR, BRAF and ABCB1 share chromosome 7 and are not
        // gained, so the report says the MET gain is focal, not chromosome 7 polysomy.
        #expect(met.note?.contains("the MET gain is focal relative to them, not chromosome 7 polysomy") == true, "\(met.note ?? "")")
        #expect(Self.call(a, "osimertinib") == .sensitive)
        let info = try #require(a.informational?.first { $0.biomarker.contains("MET amplification") })
        #expect(info.statement.contains("resistance to EGFR TKIs"))
        // The report: MET amplification as a resistance mechanism beside the EGFR sensitivity.
        let html = try Self.html(a)
        #expect(html.contains("Copy number: MET amplification"))
        #expect(html.contains("sensitivity evidence for") && html.contains("osimertinib"))
        #expect(html.contains("Informational only: \(info.biomarker)"))
    }

    /// Why MET came out at ~12 copies, not the simulated 8: the simulator draws the MET read share for a
    /// pure tumour (×4) but the L858R VAF independently (0.3), and a clonal heterozygous L858R at VAF 0.28
    /// implies purity ≈ 0.57. g2t corrects the read share for that purity: (2·4 − 2·0.43)/0.57 ≈ 12.5.
    /// Given the simulation's purity (1.0) it gives 8; the disagreement is named in the summary.
    @Test func metCopiesFollowThePurityUsed() throws {
        let estimated = try Self.analyse("met-amp-egfr-l858r", tumorType: "LUAD", pon: true)
        let p = try #require(estimated.sample.purity?.estimated)
        #expect(abs(p - 0.57) < 0.08, "purity from the L858R VAF: \(p)")
        let met = try #require(estimated.copyNumber?.first { $0.gene == "MET" })
        let ratio = pow(2, met.log2Ratio ?? 0)
        #expect(abs((met.copies ?? 0) - (2 * ratio - 2 * (1 - p)) / p) < 0.05, "\(met)")
        #expect((met.copies ?? 0) > 10)

        let given = try Self.analyse("met-amp-egfr-l858r", tumorType: "LUAD", pon: true, purity: 1.0)
        let met1 = try #require(given.copyNumber?.first { $0.gene == "MET" })
        #expect(abs((met1.copies ?? 0) - 8) < 1.0 && met1.status == .amplification, "\(met1)")
        #expect(try Self.html(given).contains("Purity: given 1.00, estimated from somatic VAFs"))
    }

    static func html(_ a: Analysis) throws -> String {
        try ReportRenderer.html(a, genes: try PanelLoader.bundled(build: a.reference.build).genes)
    }

    @Test func extendedRASBRAFWildTypeNeedsEveryCodon() throws {
        let wt = try Self.analyse("crc-ras-wt", tumorType: "COADREAD")
        let ok = try #require(wt.panelLimits?.first { $0.drugs.contains("cetuximab") })
        let codons = try #require(ok.assessment?.codons)
        #expect(ok.wildType == true)
        #expect(ok.notAssessed == [])
        #expect(codons.count == 13)
        for codon in ["KRAS G12", "KRAS G13", "KRAS Q61", "KRAS A146", "NRAS K117", "NRAS A146", "BRAF V600"] {
            let c = try #require(codons.first { $0.label == codon }, "\(codon) not listed")
            #expect(c.assessed && (c.lod ?? 1) <= wt.parameters.maxHotspotLOD, "\(c)")
        }
        // The report states it, with the LOD of every codon.
        let html = try Self.html(wt)
        #expect(html.contains("Extended KRAS/NRAS/BRAF wild type: all 13 listed codons assessed"))
        for c in codons { #expect(html.contains("\(c.label) LOD \(TextFormat.percent(c.lod ?? 1))"), "\(c.label)") }

        // Issue 18: the drug table has a row for each antibody, from the knowledge base's wild-type rule, with its level and sources.
        for drug in ["cetuximab", "panitumumab"] {
            let t = try #require(wt.therapies.first { $0.drug == drug }, "no \(drug) row")
            let e = try #require(t.evidence.first { $0.biomarker.hasPrefix("Extended RAS/BRAF wild type") })
            #expect(e.effect == .sensitivity && e.counted && e.inTumorType)
            #expect(e.ampLevel == "IA" && e.oncokbLevel.isEmpty)
            #expect(e.sources.contains { $0.hasPrefix("VECTIBIX (panitumumab) and ERBITUX (cetuximab) labels") })
            #expect(e.matchedBy.hasPrefix("KRAS/NRAS/BRAF wild type: all 13 listed codons assessed, none mutated"))
            #expect(e.summary.contains("Eligible per RAS/BRAF wild type, not a recommendation") && e.summary.contains("left-sided"))
            #expect(t.call == .sensitive)
        }
        #expect(html.components(separatedBy: "KRAS/NRAS/BRAF wild type: all 13 listed codons assessed, none mutated").count - 1 >= 2)
        // The same sample outside colorectal cancer: the rule is scoped to COADREAD, no row.
        let lung = try Self.analyse("crc-ras-wt", tumorType: "LUAD")
        #expect(Self.call(lung, "cetuximab") == nil)

        let low = try Self.analyse("crc-ras-lowcov", tumorType: "COADREAD")
        let no = try #require(low.panelLimits?.first { $0.drugs.contains("cetuximab") })
        #expect(no.wildType == false)
        #expect(no.assessment?.mutated == [])
        #expect(no.notAssessed?.map(\.label) == ["NRAS K117", "NRAS A146"])
        let lowHTML = try Self.html(low)
        #expect(lowHTML.contains("Extended KRAS/NRAS/BRAF wild type NOT established"))
        #expect(!lowHTML.contains("Extended KRAS/NRAS/BRAF wild type:"))
        #expect(lowHTML.contains("NRAS K117 (") && lowHTML.contains("NRAS A146 ("))
        // Not established: no eligibility row for either antibody, and the limit is stated in the summary.
        #expect(Self.call(low, "cetuximab") == nil && Self.call(low, "panitumumab") == nil)
        #expect(!lowHTML.contains("KRAS/NRAS/BRAF wild type: all"))
    }

    /// Issue 18 review: panel genes without a single read (the demo holds EGFR and ABCB1 only) are named as
    /// not assessed and left out of the mean depth, instead of pulling it towards zero.
    @Test func genesWithoutReadsAreNamedAndLeftOutOfTheMeanDepth() throws {
        let set = try PanelSet.bundled()
        let a = try Stages.call(CallOptions(input: TestSupport.testData("samples/demo-nsclc.bam"), tumorType: "LUAD"))
        let panelGenes = try set.panel(a.reference.build).genes.map(\.symbol)
        #expect(Set(a.qc.genesWithoutReads ?? []) == Set(panelGenes).subtracting(["EGFR", "ABCB1"]))
        let read = a.qc.targets.filter { ["EGFR", "ABCB1"].contains($0.gene) }
        let unread = a.qc.targets.filter { !["EGFR", "ABCB1"].contains($0.gene) }
        #expect(!unread.isEmpty && unread.allSatisfy { $0.meanDepth == 0 }, "BRAF and MET share chr7 and are listed at 0×")
        func mean(_ ts: [TargetCoverage]) -> Double {
            let len = ts.map { Double($0.end - $0.start + 1) }
            return zip(ts, len).map { $0.meanDepth * $1 }.reduce(0, +) / len.reduce(0, +)
        }
        #expect(abs(a.qc.meanTargetDepth - mean(read)) < 0.5, "\(a.qc.meanTargetDepth) vs \(mean(read))")
        #expect(mean(read + unread) < a.qc.meanTargetDepth - 10, "the zeros would have dragged it down")
        let html = try Self.html(try Stages.score(try Stages.annotate(a, panels: set), kb: try KnowledgeBaseLoader.bundled(), panels: set))
        #expect(html.contains("Not assessed — no read in any target: \((a.qc.genesWithoutReads ?? []).joined(separator: ", ")).") )
        #expect(html.contains("over the genes with reads only"))
    }
}
