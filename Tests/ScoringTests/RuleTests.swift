import G2TCore
import Knowledge
import Scoring
import Testing

/// Small annotated samples for each knowledge-base rule the issue names.
enum Fixture {
    static func variant(_ short: String, _ consequence: Consequence, pos: Int, vaf: Double = 0.3, gene: String = "EGFR", exon: Int? = nil) -> VariantCall {
        var v = VariantCall(gene: gene, chrom: "chr7", pos: pos, ref: "C", alt: "T", vaf: vaf, depth: 200, altDepth: Int(vaf * 200),
                            altForward: 30, altReverse: 30, filter: "PASS")
        v.annotation = VariantAnnotation(transcript: "NM_TEST.1", hgvsc: "c.?", hgvsp: short, hgvspShort: short, consequence: consequence, exon: exon)
        return v
    }
    static let l858r = variant("p.L858R", "missense_variant", pos: 55191822)
    static let ex19del = variant("p.E746_A750del", "inframe_deletion", pos: 55174771)
    static let t790m = variant("p.T790M", "missense_variant", pos: 55181378, vaf: 0.2)
    static let c797s = variant("p.C797S", "missense_variant", pos: 55181399, vaf: 0.2)

    static func phase(_ a: VariantCall, _ b: VariantCall, _ r: PhaseCall.Relation) -> PhaseCall {
        PhaseCall(variants: ["EGFR T790M", "EGFR C797S"], keys: [a.key, b.key], relation: r,
                  both: r == .cis ? 40 : 0, firstOnly: r == .cis ? 0 : 38, secondOnly: r == .cis ? 0 : 41, neither: 120)
    }

    static func genotype(_ rsid: String, _ gt: String) -> GermlineGenotype {
        GermlineGenotype(gene: "ABCB1", rsid: rsid, name: rsid, chrom: "chr7", pos: 1, genotype: gt, status: .called,
                         depth: 100, quality: 99, alleleDepths: [:])
    }
}

@Suite struct RuleTests {
    let kb: KnowledgeBase
    init() throws { kb = try KnowledgeBaseLoader.bundled().kb }

    func calls(_ f: SampleFindings, _ lineage: [String] = ["LUAD", "NSCLC", "LUNG"]) -> [String: TherapyCall] {
        Dictionary(uniqueKeysWithValues: TherapyScorer(kb: kb, tumorLineage: lineage).score(f).therapies.map { ($0.drug, $0) })
    }

    @Test func l858rSensitisesToOsimertinibAtLevel1AndGefitinib() throws {
        let c = calls(SampleFindings(variants: [Fixture.l858r]))
        let osi = try #require(c["osimertinib"])
        #expect(osi.call == .sensitive)
        #expect(osi.evidence.contains { $0.oncokbLevel == "1" && $0.effect == .sensitivity })
        #expect(c["gefitinib"]?.call == .sensitive)
        #expect(osi.explanation.contains("EGFR L858R → sensitivity") && osi.explanation.contains("+3.0"))
    }

    @Test func l858rWithT790mFailsFirstGeneration() {
        let c = calls(SampleFindings(variants: [Fixture.l858r, Fixture.t790m]))
        #expect(c["osimertinib"]?.call == .sensitive)
        #expect(c["gefitinib"]?.call == .resistant)
        #expect(c["erlotinib"]?.call == .resistant)
    }

    @Test func c797sInCisWithT790mDefeatsEveryTKI() {
        let f = SampleFindings(variants: [Fixture.ex19del, Fixture.t790m, Fixture.c797s],
                               phases: [Fixture.phase(Fixture.t790m, Fixture.c797s, .cis)])
        let c = calls(f)
        for drug in ["osimertinib", "gefitinib", "erlotinib", "afatinib", "gefitinib + osimertinib"] {
            #expect(c[drug]?.call == .resistant, "\(drug) must be resistant with C797S in cis")
        }
        #expect(c["osimertinib"]?.explanation.contains("overrides") == true)
        #expect(c["osimertinib"]?.evidence.contains { $0.matchedBy.contains("cis from reads (40 fragments with both") } == true)
    }

    @Test func c797sInTransNotesTheCombination() throws {
        let f = SampleFindings(variants: [Fixture.ex19del, Fixture.t790m, Fixture.c797s],
                               phases: [Fixture.phase(Fixture.t790m, Fixture.c797s, .trans)])
        let c = calls(f)
        let combo = try #require(c["gefitinib + osimertinib"], "the combination is reported in trans")
        #expect(combo.evidence.contains { $0.effect == .sensitivity && $0.biomarker == "EGFR T790M and C797S in trans" })
        #expect(combo.call != .resistant)
        #expect(c["osimertinib"]?.call == .resistant, "C797S still defeats osimertinib alone")
        #expect(c["gefitinib"]?.call == .resistant, "T790M still defeats gefitinib alone")
        // Without a phase call neither rule fires: the combination is not reported.
        #expect(calls(SampleFindings(variants: [Fixture.ex19del, Fixture.t790m, Fixture.c797s]))["gefitinib + osimertinib"] == nil)
    }

    @Test func c797sWithoutT790mKeepsFirstGeneration() {
        let c = calls(SampleFindings(variants: [Fixture.ex19del, Fixture.c797s]))
        #expect(c["osimertinib"]?.call == .resistant)
        #expect(c["gefitinib"]?.call == .sensitive)
        #expect(c["gefitinib"]?.evidence.contains { $0.biomarker == "EGFR C797S without T790M" } == true)
    }

    @Test func exon20InsertionMeansAmivantamabNotGefitinib() {
        let ins = Fixture.variant("p.A767_V769dup", "inframe_insertion", pos: 55181305)
        let c = calls(SampleFindings(variants: [ins]))
        #expect(c["amivantamab"]?.call == .sensitive)
        #expect(c["gefitinib"]?.call == .resistant)
    }

    @Test func g719sWithS768iFavoursAfatinib() {
        let c = calls(SampleFindings(variants: [Fixture.variant("p.G719S", "missense_variant", pos: 55174014),
                                                Fixture.variant("p.S768I", "missense_variant", pos: 55181312)]))
        #expect(c["afatinib"]?.call == .sensitive)
        #expect(c["afatinib"]?.evidence.filter { $0.oncokbLevel == "1" }.count == 2)
        #expect((c["afatinib"]?.score ?? 0) > (c["gefitinib"]?.score ?? 0))
    }

    func abcb1(_ copies: Double) -> [CopyNumberCall] {
        [CopyNumberCall(gene: "ABCB1", log2Ratio: 0, copies: copies, status: copies >= 5 ? .amplification : copies >= 3 ? .gain : .neutral, targets: 5),
         CopyNumberCall(gene: "EGFR", log2Ratio: 0, copies: 2, status: .neutral, targets: 5)]
    }

    @Test func abcb1GainInSquamousCarcinomaHitsPaclitaxelNotCarboplatin() throws {
        let lusc = ["LUSC", "NSCLC", "LUNG"]
        let c = calls(SampleFindings(variants: [], copyNumber: abcb1(8)), lusc)
        let pac = try #require(c["paclitaxel"])
        #expect(pac.mdrRisk == .high)
        #expect(pac.score < 0 && pac.evidence.contains { $0.biomarker.contains("P-gp") && $0.weight == -0.5 })
        #expect(pac.context?.contains("squamous") == true)
        let carbo = try #require(c["carboplatin"])
        #expect(carbo.mdrRisk == MDRRisk.none && carbo.mdrNote == "P-gp substrate status unknown")
        #expect(carbo.call == .standardOption && carbo.score == 0)
        // Other substrates carry the risk too; a gain (4 copies) is low, 6 moderate; diploid is none.
        #expect(c["doxorubicin"]?.mdrRisk == .high)
        #expect(calls(SampleFindings(variants: [], copyNumber: abcb1(4)), lusc)["paclitaxel"]?.mdrRisk == .low)
        #expect(calls(SampleFindings(variants: [], copyNumber: abcb1(6)), lusc)["paclitaxel"]?.mdrRisk == .moderate)
        #expect(calls(SampleFindings(variants: [], copyNumber: abcb1(2)), lusc)["paclitaxel"]?.mdrRisk == MDRRisk.none)
        #expect(calls(SampleFindings(variants: [], copyNumber: abcb1(2)), lusc)["bevacizumab"]?.call == .notStandard)
    }

    @Test func expressionSetsTheRiskByThreshold() {
        let s = TherapyScorer(kb: kb, tumorLineage: ["LUSC", "NSCLC"])
        func risk(_ tpm: Double) -> MDRRisk { s.mdrAssessment(SampleFindings(variants: [], expression: [GeneExpression(gene: "ABCB1", tpm: tpm, source: "test")])).risk }
        // Normal lung 1.1 TPM (HPA GTEx) × 4/16/64 = 4.4/17.6/70.4 TPM.
        #expect(risk(4.3) == MDRRisk.none && risk(4.5) == .low && risk(17.5) == .low && risk(17.7) == .moderate)
        #expect(risk(70.3) == .moderate && risk(70.5) == .high)
        // The same 250 TPM is high in lung but moderate in colon, whose normal tissue expresses ABCB1 about 5× more.
        let colon = TherapyScorer(kb: kb, tumorLineage: ["COADREAD", "BOWEL"])
        #expect(colon.mdrAssessment(SampleFindings(variants: [], expression: [GeneExpression(gene: "ABCB1", tpm: 250, source: "test")])).risk == .moderate)
        #expect(risk(250) == .high)
        let none = s.mdrAssessment(SampleFindings(variants: []))
        #expect(!none.assessed && none.notAssessed.count == 2)
    }

    @Test func germlineTTTAloneIsInformationalOnly() {
        let f = SampleFindings(variants: [], genotypes: [Fixture.genotype("rs1045642", "A/A"), Fixture.genotype("rs1128503", "A/A"),
                                                         Fixture.genotype("rs2032582", "A/A")])
        let r = TherapyScorer(kb: kb, tumorLineage: ["LUSC", "NSCLC"]).score(f)
        #expect(r.mdr.risk == MDRRisk.none && !r.mdr.assessed)
        #expect(r.therapies.allSatisfy { $0.mdrRisk == MDRRisk.none })
        #expect(r.informational.contains { $0.biomarker.contains("1236T-2677T-3435T") && $0.statement.contains("not evidence of tumour multidrug resistance") })
        #expect(r.informational.allSatisfy { $0.level.contains("no CPIC guideline") })
        // Heterozygous at one site: no haplotype statement.
        let het = SampleFindings(variants: [], genotypes: [Fixture.genotype("rs1045642", "A/G"), Fixture.genotype("rs1128503", "A/A"),
                                                           Fixture.genotype("rs2032582", "A/A")])
        #expect(TherapyScorer(kb: kb, tumorLineage: []).score(het).informational.isEmpty)
    }

    @Test func egfrAmplificationIsLevel3AInOesophagogastricAdenocarcinoma() {
        let cn = [CopyNumberCall(gene: "EGFR", log2Ratio: 2, copies: 8, status: .amplification, targets: 5)]
        let c = calls(SampleFindings(variants: [], copyNumber: cn), ["STAD", "STOMACH"])
        #expect(c["cetuximab"]?.evidence.contains { $0.oncokbLevel == "3A" && $0.inTumorType } == true)
        #expect(c["cetuximab"]?.call == .likelySensitive)
        let lung = TherapyScorer(kb: kb, tumorLineage: ["LUAD", "NSCLC"]).score(SampleFindings(variants: [], copyNumber: cn))
        #expect(lung.informational.contains { $0.biomarker == "EGFR amplification" })
        #expect(lung.therapies.first { $0.drug == "gefitinib" } == nil, "amplification alone does not select an EGFR TKI")
    }

    @Test func subclonalSensitivityWeighsLessResistanceDoesNot() throws {
        var sub = Fixture.variant("p.L858R", "missense_variant", pos: 55191822, vaf: 0.05)
        sub.originCall = OriginCall(origin: .likelySomatic, ccf: CancerCellFraction(value: 0.125, low: 0.06, high: 0.2))
        var clonalDriver = Fixture.variant("p.E746_A750del", "inframe_deletion", pos: 55174771, vaf: 0.4)
        clonalDriver.originCall = OriginCall(origin: .likelySomatic, ccf: CancerCellFraction(value: 1, low: 0.85, high: 1))
        var t790m = Fixture.variant("p.T790M", "missense_variant", pos: 55181378, vaf: 0.04)
        t790m.originCall = OriginCall(origin: .likelySomatic, ccf: CancerCellFraction(value: 0.1, low: 0.05, high: 0.18))
        let c = calls(SampleFindings(variants: [clonalDriver, sub, t790m]))
        let osi = try #require(c["osimertinib"])
        let l858 = try #require(osi.evidence.first { $0.biomarker == "EGFR L858R" })
        #expect(l858.clonality == .subclonal && l858.weight == 1.5 && l858.ccf?.value == 0.125)
        #expect(osi.explanation.contains("CCF 0.13 (95% CI 0.06–0.20); subclonal, ×0.5"))
        #expect(osi.evidence.first { $0.biomarker.contains("exon 19") }?.clonality == .clonal)
        // Without a CCF (purity unknown) clonality is unknown and the weight is not reduced.
        let noCCF = calls(SampleFindings(variants: [Fixture.variant("p.L858R", "missense_variant", pos: 55191822, vaf: 0.05)]))
        #expect(noCCF["osimertinib"]?.evidence.first?.clonality == .unknown && noCCF["osimertinib"]?.evidence.first?.weight == 3)
        // The upper bound decides: a CCF of 0.6 whose interval reaches 0.8 is not subclonal.
        var wide = Fixture.variant("p.L858R", "missense_variant", pos: 55191822, vaf: 0.15)
        wide.originCall = OriginCall(origin: .likelySomatic, ccf: CancerCellFraction(value: 0.6, low: 0.4, high: 0.85))
        #expect(calls(SampleFindings(variants: [wide]))["osimertinib"]?.evidence.first?.clonality == .clonal)
        let gef = try #require(c["gefitinib"])
        #expect(gef.evidence.first { $0.biomarker == "EGFR T790M" }?.weight == -3, "a resistant subclone keeps its full weight")
        #expect(gef.call == .resistant)
    }

    /// A germline polymorphism at VAF 1.0 is not a biomarker and does not change a somatic variant's weight.
    @Test func germlineVariantsAreNotFindingsAndDoNotMoveWeights() throws {
        var l858 = Fixture.variant("p.L858R", "missense_variant", pos: 55191822, vaf: 0.25)
        l858.originCall = OriginCall(origin: .likelySomatic, ccf: CancerCellFraction(value: 1, low: 0.8, high: 1))
        var q787 = Fixture.variant("p.Q787=", "synonymous_variant", pos: 55181370, vaf: 1.0)
        q787.originCall = OriginCall(origin: .germline, zygosity: .homozygous,
                                     population: PopulationFrequency(rsid: "rs1050171", af: 0.52, afPopmax: 0.59, popmaxPopulation: "nfe", source: "T"))
        var rare = Fixture.variant("p.R521K", "missense_variant", pos: 55161562, vaf: 0.5)
        rare.originCall = OriginCall(origin: .likelyGermline, zygosity: .heterozygous)
        let alone = calls(SampleFindings(variants: [l858]))
        let with = calls(SampleFindings(variants: [l858, q787, rare]))
        #expect(SampleFindings(variants: [l858, q787, rare]).variants.count == 1)
        #expect(alone["osimertinib"] == with["osimertinib"] && with["osimertinib"]?.call == .sensitive)
        let tiers = TherapyScorer(kb: kb, tumorLineage: ["LUAD", "NSCLC", "LUNG"]).tiers([l858, q787, rare])
        #expect(tiers.map(\.tier) == [.one, .four, .three])
        // The polymorphism cut-off is the analysis's configuration: above the allele's popmax (0.59) it is a VUS.
        var strict = TherapyScorer(kb: kb, tumorLineage: ["LUAD", "NSCLC", "LUNG"])
        strict.polymorphismAF = 0.6
        #expect(strict.tiers([q787]).map(\.tier) == [.three])
        // So is the subclonal cut-off: L858R's CCF interval reaches 1, subclonal only below a cut-off above it.
        var subclonal = TherapyScorer(kb: kb, tumorLineage: ["LUAD", "NSCLC", "LUNG"])
        subclonal.subclonalBelow = 1.01
        let sub = subclonal.score(SampleFindings(variants: [l858])).therapies.first { $0.drug == "osimertinib" }
        #expect(sub?.evidence.contains { $0.clonality == .subclonal } == true)
        #expect(with["osimertinib"]?.evidence.contains { $0.clonality == .clonal } == true)
    }

    /// T790M flagged as possibly germline keeps its therapy meaning and its tier.
    @Test func predispositionVariantKeepsItsMeaning() throws {
        var t790m = Fixture.t790m
        t790m.originCall = OriginCall(origin: .likelyGermline, zygosity: .heterozygous, possiblyGermline: true)
        let c = calls(SampleFindings(variants: [Fixture.l858r, t790m]))
        #expect(c["gefitinib"]?.evidence.contains { $0.biomarker == "EGFR T790M" } == true)
        #expect(TherapyScorer(kb: kb, tumorLineage: ["LUAD", "NSCLC", "LUNG"]).tiers([t790m]).first?.tier == .one)
    }

    @Test func deterministicAcrossThreadCounts() {
        let f = SampleFindings(variants: [Fixture.ex19del, Fixture.t790m, Fixture.c797s, Fixture.l858r],
                               phases: [Fixture.phase(Fixture.t790m, Fixture.c797s, .trans)], copyNumber: abcb1(6))
        let s = TherapyScorer(kb: kb, tumorLineage: ["LUSC", "NSCLC"])
        let one = s.score(f, threads: 1)
        for t in [2, 4, 16] { #expect(s.score(f, threads: t) == one) }
    }

    /// The extended RAS/BRAF wild-type rule (KB 2027.3): a cetuximab/panitumumab row only when every hotspot codon of
    /// the panel limit's genes was read at or below the LOD threshold, none mutated, in a tumour type the limit covers.
    @Test func extendedRASBRAFWildTypeRule() throws {
        let genes = ["KRAS", "NRAS", "BRAF"]
        let panel = try PanelLoader.bundled(build: .grch38)
        let hs = panel.hotspots.filter { genes.contains($0.gene) }
        #expect(Set(hs.map(\.gene)) == Set(genes))
        let maxLOD = CallingParameters().maxHotspotLOD
        func calls(_ hotspots: [HotspotCall], variants: [VariantCall] = [], maxLOD: Double? = maxLOD, lineage: [String] = ["COADREAD"]) -> [String: TherapyCall] {
            self.calls(SampleFindings(variants: variants, hotspots: hotspots, maxHotspotLOD: maxLOD), lineage)
        }
        let deep = hs.map { HotspotCall(hotspot: $0, chrom: $0.chrom, status: .notDetected, depth: 800, altDepth: 0, minAlt: 3) }
        let wt = calls(deep)
        for drug in ["cetuximab", "panitumumab"] {
            let t = try #require(wt[drug], "no \(drug) row")
            #expect(t.call == .sensitive)
            #expect(t.evidence.count == 1 && t.evidence[0].ampLevel == "IA" && t.evidence[0].biomarker.hasPrefix("Extended RAS/BRAF wild type"))
        }
        // One codon at 15x (LOD above the threshold, low coverage): not established, no row.
        var low = deep
        low[0] = HotspotCall(hotspot: hs[0], chrom: hs[0].chrom, status: .lowCoverage, depth: 15, altDepth: 0, minAlt: 3)
        #expect(calls(low)["cetuximab"] == nil)
        // A passing KRAS G12D: resistance only, no eligibility evidence.
        let g12d = Fixture.variant("p.G12D", "missense_variant", pos: 25_245_350, gene: "KRAS")
        let mutant = try #require(calls(deep, variants: [g12d])["cetuximab"])
        #expect(mutant.call == .resistant && !mutant.evidence.contains { $0.effect == .sensitivity })
        // No LOD threshold (nothing assessed), another tumour type, or no tumour type: no row.
        #expect(calls(deep, maxLOD: nil)["cetuximab"] == nil)
        #expect(calls(deep, lineage: ["LUAD", "NSCLC", "LUNG"])["cetuximab"] == nil)
        #expect(calls(deep, lineage: [])["cetuximab"] == nil)
    }
}
