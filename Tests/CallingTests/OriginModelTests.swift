import Calling
import Foundation
import G2TCore
import TestSupport
import Testing

@Suite struct OriginModelTests {
    func variant(alt: Int, depth: Int, pos: Int = 55_200_000, hotspot: String? = nil, gene: String = "EGFR") -> VariantCall {
        VariantCall(gene: gene, chrom: "chr7", pos: pos, ref: "G", alt: "A", vaf: depth > 0 ? Double(alt) / Double(depth) : nil,
                    depth: depth, altDepth: alt, altForward: alt / 2, altReverse: alt - alt / 2, filter: "PASS", hotspot: hotspot)
    }
    let common = PopulationFrequency(rsid: "rs1050171", af: 0.45, afPopmax: 0.6, popmaxPopulation: "test", source: "TEST")

    // Population frequency alone (no VAF): a common polymorphism is likely germline, a hotspot never is.
    @Test func frequencyAlone() {
        let m = OriginModel(purity: nil)
        let v = variant(alt: 0, depth: 0)
        #expect(m.classify(OriginInput(variant: v, population: common)).origin == .likelyGermline)
        #expect(m.classify(OriginInput(variant: v)).origin == .unknown)
        let hot = m.classify(OriginInput(variant: variant(alt: 0, depth: 0, hotspot: "EGFR L858R"), population: common, isHotspot: true))
        #expect(hot.origin == .likelySomatic)
        #expect(hot.evidence.contains { $0.source == .hotspot })
    }

    // The priors are the recorded configuration's: a novel allele at VAF 0.3 is unknown at the default prior,
    // germline when the configuration says novel alleles are nearly always germline, somatic when nearly never.
    @Test func priorsComeFromTheConfiguration() {
        let x = OriginInput(variant: variant(alt: 150, depth: 500))
        var germ = CallingParameters.Origin(), som = CallingParameters.Origin()
        germ.novelGermlinePrior = 0.999
        som.novelGermlinePrior = 0.001
        let pDefault = OriginModel(purity: nil).classify(x).germlineProbability ?? -1
        let pGerm = OriginModel(purity: nil, thresholds: germ).classify(x).germlineProbability ?? -1
        let pSom = OriginModel(purity: nil, thresholds: som).classify(x).germlineProbability ?? -1
        #expect(pSom < pDefault && pDefault < pGerm, "\(pSom) \(pDefault) \(pGerm)")
        // A hotspot prior of 0.5 no longer pulls a common hotspot allele towards somatic.
        var flat = CallingParameters.Origin()
        flat.hotspotGermlinePrior = 0.5
        let hot = OriginInput(variant: variant(alt: 0, depth: 0, hotspot: "EGFR L858R"), population: common, isHotspot: true)
        #expect((OriginModel(purity: nil, thresholds: flat).classify(hot).germlineProbability ?? 0)
                > (OriginModel(purity: nil).classify(hot).germlineProbability ?? 1))
    }

    // Allele fraction alone (novel allele, prior 0.5): 0.5 and 1.0 look germline, low VAFs somatic.
    @Test func alleleFractionAlone() {
        let m = OriginModel(purity: nil)
        #expect(m.classify(OriginInput(variant: variant(alt: 250, depth: 500))).origin.isGermline)
        let hom = m.classify(OriginInput(variant: variant(alt: 498, depth: 500)))
        #expect(hom.origin.isGermline && hom.zygosity == .homozygous)
        for alt in [10, 50, 100] {
            #expect(m.classify(OriginInput(variant: variant(alt: alt, depth: 500))).origin == .likelySomatic, "VAF \(Double(alt) / 500)")
        }
    }

    // Combined: a common polymorphism at VAF 0.5 is germline; with a known purity of 0.4, a novel
    // allele at VAF 0.2 is likely somatic and one at 0.5 is germline-like.
    @Test func frequencyAndAlleleFractionCombined() {
        let m = OriginModel(purity: 0.4)
        let g = m.classify(OriginInput(variant: variant(alt: 240, depth: 500), population: common))
        #expect(g.origin == .germline && g.zygosity == .heterozygous)
        #expect(Set(g.evidence.map(\.source)) == [.populationFrequency, .alleleFraction])
        #expect(m.classify(OriginInput(variant: variant(alt: 100, depth: 500))).origin == .likelySomatic)
        // VAF 0.3 at purity 0.4 fits neither well: a novel allele stays unknown, a common one is germline.
        #expect(m.classify(OriginInput(variant: variant(alt: 150, depth: 500))).origin == .unknown)
        #expect(m.classify(OriginInput(variant: variant(alt: 150, depth: 500), population: common)).origin == .germline)
        // VAF 0.1 at purity 0.4 is implausible for any germline state: even a common allele is then likely somatic.
        #expect(m.classify(OriginInput(variant: variant(alt: 50, depth: 500), population: common)).origin == .likelySomatic)
    }

    // Panel of normals alone: ≥ 2 normals → likely germline; nil (no site data) and 1 leave the model to decide.
    @Test func panelOfNormalsSites() {
        let m = OriginModel(purity: nil)
        let v = variant(alt: 60, depth: 500)
        let two = m.classify(OriginInput(variant: v, normalsWithSupport: 2))
        #expect(two.origin == .likelyGermline)
        #expect(two.evidence.contains { $0.source == .panelOfNormals && $0.favours == .germline })
        #expect(m.classify(OriginInput(variant: v, normalsWithSupport: 1)).origin == .likelySomatic)
        #expect(!m.classify(OriginInput(variant: v, normalsWithSupport: nil)).evidence.contains { $0.source == .panelOfNormals })
    }

    // Matched normal: support → germline (even for a common-looking VAF pattern), clean at depth → somatic,
    // shallow → the tumour-only model.
    @Test func matchedNormal() {
        let m = OriginModel(purity: nil)
        let v = variant(alt: 60, depth: 500)
        #expect(m.classify(OriginInput(variant: v, normal: NormalSupport(alt: 15, depth: 30))).origin == .germline)
        #expect(m.classify(OriginInput(variant: v, normal: NormalSupport(alt: 29, depth: 30))).zygosity == .homozygous)
        #expect(m.classify(OriginInput(variant: v, normal: NormalSupport(alt: 0, depth: 40))).origin == .somatic)
        // One read in 40 is below the support rule (≥ 2 fragments and ≥ 2%).
        #expect(m.classify(OriginInput(variant: v, normal: NormalSupport(alt: 1, depth: 40))).origin == .somatic)
        #expect(m.classify(OriginInput(variant: v, normal: NormalSupport(alt: 0, depth: 8))).origin == .likelySomatic)
        // A common polymorphism the normal does not carry at depth: somatic (the normal outranks frequency).
        #expect(m.classify(OriginInput(variant: variant(alt: 240, depth: 500), population: common,
                                       normal: NormalSupport(alt: 0, depth: 60))).origin == .somatic)
    }

    // T790M at a heterozygous VAF in tumour-only mode, or in the normal, is flagged and not a germline finding.
    @Test func predispositionFlag() {
        let m = OriginModel(purity: 0.3)
        let het = variant(alt: 245, depth: 500, pos: 55_181_378, hotspot: "EGFR T790M")
        let call = m.classify(OriginInput(variant: het, isHotspot: true, isPredispositionSite: true))
        #expect(call.possiblyGermline)
        #expect(call.evidence.contains { $0.source == .predispositionSite })
        let low = variant(alt: 40, depth: 500, pos: 55_181_378, hotspot: "EGFR T790M")
        #expect(!m.classify(OriginInput(variant: low, isHotspot: true, isPredispositionSite: true)).possiblyGermline)
        let inNormal = m.classify(OriginInput(variant: low, isHotspot: true, isPredispositionSite: true, normal: NormalSupport(alt: 20, depth: 40)))
        #expect(inNormal.possiblyGermline && inNormal.origin == .germline)
        var v = het
        v.originCall = OriginCall(origin: call.origin, evidence: call.evidence, zygosity: call.zygosity, possiblyGermline: true)
        #expect(!v.isGermlineFinding)
    }

    // Purity: the estimate is twice the clonal cluster's VAF; CCF follows VAF, purity and copies.
    @Test func purityEstimateAndCCF() throws {
        let panel = try PanelLoader.bundled(build: .grch38)
        let classifier = OriginClassifier(panel: panel, resource: nil)
        let vs = [variant(alt: 150, depth: 500, pos: 55_191_822), variant(alt: 145, depth: 500, pos: 55_191_900),
                  variant(alt: 50, depth: 500, pos: 55_192_000)]
        let r = classifier.classify(vs)
        #expect(r.purity.source == .estimated)
        #expect(abs((r.purity.value ?? 0) - 0.595) < 0.02)
        let clonal = r.variants[0].originCall?.ccf, sub = r.variants[2].originCall?.ccf
        #expect(clonal != nil && abs((clonal?.value ?? 0) - 1) < 0.05 && !(clonal?.isSubclonal(below: 0.8) ?? true))
        #expect(sub != nil && abs((sub?.value ?? 0) - 0.336) < 0.03 && (sub?.isSubclonal(below: 0.8) ?? false))
        #expect(sub.map { !$0.isSubclonal(below: $0.high) } == true, "the cut-off is strict: an upper bound at it is clonal")
        // Given purity wins; a disagreement > 0.2 is a note.
        let given = OriginClassifier(panel: panel, resource: nil, givenPurity: 0.3).classify(vs)
        #expect(given.purity.source == .given && given.purity.value == 0.3 && abs((given.purity.estimated ?? 0) - 0.595) < 0.03)
        #expect(given.notes.contains { $0.contains("differ by more than 0.2") })
        #expect(OriginClassifier(panel: panel, resource: nil, givenPurity: 0.55).classify(vs).notes.isEmpty)
        // The recorded purity settings decide: a wider tolerance drops the note, a depth floor above every
        // variant leaves nothing to estimate from.
        var wide = CallingParameters.Purity()
        wide.disagreement = 0.4
        #expect(OriginClassifier(panel: panel, resource: nil, givenPurity: 0.3, puritySettings: wide).classify(vs).notes.isEmpty)
        var deep = CallingParameters.Purity()
        deep.minVariantDepth = 10_000
        #expect(OriginClassifier(panel: panel, resource: nil, puritySettings: deep).classify(vs).purity.source == .unavailable)
        // CCF with 4 copies at purity 0.5: VAF 0.05 → 0.05 × (2 + 1) / 0.5 = 0.3 (subclonal); VAF 0.45 needs
        // multiplicity 3 (CCF 0.9) and is clonal; VAF 0.25 with 2 copies at purity 0.5 is clonal (CCF 1).
        let sub4 = try #require(CCFEstimator.ccf(alt: 50, depth: 1000, purity: 0.5, copies: 4))
        #expect(abs(sub4.value - 0.3) <= 0.05 && sub4.isSubclonal(below: 0.8) && sub4.low < 0.3 && sub4.high > 0.3, "\(sub4)")
        let multi = try #require(CCFEstimator.ccf(alt: 450, depth: 1000, purity: 0.5, copies: 4))
        #expect(multi.value >= 0.85 && !multi.isSubclonal(below: 0.8))
        #expect(CCFEstimator.ccf(alt: 250, depth: 1000, purity: 0.5, copies: nil)?.value == 1)
    }

    // A germline variant neither sets the purity nor gets a CCF.
    @Test func germlineVariantsDoNotMoveSomaticOnes() throws {
        let panel = try PanelLoader.bundled(build: .grch38)
        let resource = try GermlineResource.parse(try String(contentsOfFile: TestSupport.testData("germline/test-resource.GRCh38.tsv"), encoding: .utf8),
                                                  file: "test", build: .grch38, reference: panel.reference)
        let germ = VariantCall(gene: "EGFR", chrom: "chr7", pos: 55_181_370, ref: "G", alt: "A", vaf: 0.98, depth: 400, altDepth: 392,
                               altForward: 196, altReverse: 196, filter: "PASS")
        let som = variant(alt: 100, depth: 500, pos: 55_191_822)
        let alone = OriginClassifier(panel: panel, resource: resource).classify([som])
        let both = OriginClassifier(panel: panel, resource: resource).classify([germ, som])
        let g = both.variants[0].originCall
        #expect(g?.origin == .germline && g?.zygosity == .homozygous && g != nil && g?.ccf == nil)
        #expect(g?.population?.rsid == "rs1050171")
        #expect(both.purity == alone.purity)
        #expect(both.variants[1].originCall?.ccf != nil && both.variants[1].originCall?.ccf == alone.variants[0].originCall?.ccf)
    }

    @Test func resourceOfAnotherBuildIsAnError() throws {
        let panel37 = try PanelLoader.bundled(build: .grch37)
        let text = try String(contentsOfFile: TestSupport.testData("germline/test-resource.GRCh38.tsv"), encoding: .utf8)
        #expect(throws: DataFileError.self) { try GermlineResource.parse(text, file: "t", build: .grch37, reference: panel37.reference) }
        #expect(throws: DataFileError.self) { try GermlineResource.parse("##build=GRCh37\n" + text, file: "t", build: .grch38, reference: nil) }
        #expect(throws: DataFileError.self) { try GermlineResource.parse("#chrom\tpos\tref\talt\trsid\tgene\taf\taf_popmax\tpopmax_population\tsource\nchr7\t5\tG\tA\t.\t.\t2\t.\t.\tx\n", file: "t", build: .grch38, reference: nil) }
    }

    @Test func identityCheck() {
        // LOH (normal A/G, tumour G) is fine; a tumour allele the normal lacks is a mismatch.
        let ok = IdentityCheck.compare(tumour: [k(1): ["G"], k(2): ["A", "G"]], normal: [k(1): ["A", "G"], k(2): ["A", "G"]])
        #expect(!ok.mismatch(sites: 2) && ok.compared == 2)
        let swap = IdentityCheck.compare(tumour: [k(1): ["A", "G"], k(2): ["A", "G"], k(3): ["C"]], normal: [k(1): ["G"], k(2): ["A"], k(3): ["C"]])
        #expect(swap.mismatch(sites: 2) && swap.discordant == 2)
        // The configured count decides: 2 of 3 discordant is still a mismatch at 3 (half of those compared)…
        #expect(swap.mismatch(sites: 3))
        // …but 2 of 5 is not.
        let two = IdentityCheck.compare(tumour: [k(1): ["A", "G"], k(2): ["A", "G"], k(3): ["C"], k(4): ["C"], k(5): ["T"]],
                                        normal: [k(1): ["G"], k(2): ["A"], k(3): ["C"], k(4): ["C"], k(5): ["T"]])
        #expect(two.mismatch(sites: 2) && !two.mismatch(sites: 3))
    }

    private func k(_ pos: Int) -> IdentityCheck.SiteKey { IdentityCheck.SiteKey(chrom: "chr7", pos: pos) }
}
