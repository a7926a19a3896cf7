import G2TCore
import Knowledge
import Scoring
import Testing

@Suite struct TherapyScorerTests {
    func variant(_ short: String, _ consequence: String, filter: String = "PASS") -> VariantCall {
        var v = VariantCall(gene: "EGFR", chrom: "chr7", pos: 1, ref: "A", alt: "G", vaf: 0.3, depth: 100, altDepth: 30,
                            altForward: 15, altReverse: 15, filter: filter)
        v.hgvspShort = short
        v.hgvsp = short
        v.consequence = consequence
        return v
    }

    let kb: KnowledgeBase
    init() throws { kb = try KnowledgeBaseLoader.bundled().kb }

    @Test func sensitisingMutationInNSCLC() {
        let all = TherapyScorer(kb: kb, tumorLineage: ["LUAD", "NSCLC", "LUNG"]).score([variant("p.L858R", "missense_variant")])
        // Drugs with biomarker evidence; the rest are tumour-type context (standard options).
        let calls = all.filter { !$0.evidence.isEmpty }
        #expect(all.filter { $0.evidence.isEmpty }.allSatisfy { $0.call == .standardOption && $0.context != nil })
        #expect(Set(calls.map(\.drug)) == ["gefitinib", "erlotinib", "afatinib", "dacomitinib", "osimertinib"])
        #expect(calls.allSatisfy { $0.call == .sensitive && $0.score == 3 })
        #expect(calls.allSatisfy { !$0.evidence.isEmpty && $0.evidence.allSatisfy { !$0.sources.isEmpty } })
    }

    @Test func resistanceTakesPrecedence() {
        let calls = TherapyScorer(kb: kb, tumorLineage: ["LUAD", "NSCLC"])
            .score([variant("p.E746_A750del", "inframe_deletion"), variant("p.T790M", "missense_variant")])
        let byDrug = Dictionary(uniqueKeysWithValues: calls.map { ($0.drug, $0) })
        #expect(byDrug["gefitinib"]?.call == .resistant)
        #expect(byDrug["osimertinib"]?.call == .sensitive)
        #expect(calls.first?.drug == "osimertinib", "the most favourable call comes first")
        #expect(byDrug["gefitinib"]?.explanation.contains("precedence") == true)
    }

    @Test func outsideTheTumourTypeWeighsLess() {
        let lung = TherapyScorer(kb: kb, tumorLineage: ["LUAD", "NSCLC"]).score([variant("p.L858R", "missense_variant")])
        let colon = TherapyScorer(kb: kb, tumorLineage: ["COADREAD", "BOWEL"]).score([variant("p.L858R", "missense_variant")])
            .filter { !$0.evidence.isEmpty }
        #expect(colon.allSatisfy { $0.call == .likelySensitive && $0.score == 1.5 })
        #expect(colon.allSatisfy { $0.evidence.allSatisfy { !$0.inTumorType } })
        #expect(lung.first?.score == 3)
    }

    @Test func failedFiltersAndWildTypeGiveNothing() {
        let s = TherapyScorer(kb: kb, tumorLineage: ["LUAD"])
        #expect(s.score([variant("p.L858R", "missense_variant", filter: "low_vaf")]).allSatisfy { $0.evidence.isEmpty })
        #expect(s.score([]).allSatisfy { $0.evidence.isEmpty && $0.call == .standardOption })
        #expect(TherapyScorer(kb: kb, tumorLineage: []).score([]).isEmpty, "no tumour type, no evidence: nothing to report")
    }

    @Test func deterministicAcrossThreadCounts() {
        let vs = [variant("p.E746_A750del", "inframe_deletion"), variant("p.T790M", "missense_variant"), variant("p.L858R", "missense_variant")]
        let s = TherapyScorer(kb: kb, tumorLineage: ["LUAD", "NSCLC"])
        let one = s.score(vs, threads: 1)
        for t in [2, 3, 8] { #expect(s.score(vs, threads: t) == one) }
    }
}

@Suite struct UncommonAndExon20Tests {
    func variant(_ short: String, _ consequence: String) -> VariantCall {
        var v = VariantCall(gene: "EGFR", chrom: "chr7", pos: 1, ref: "A", alt: "G", vaf: 0.3, depth: 100, altDepth: 30,
                            altForward: 15, altReverse: 15, filter: "PASS")
        v.hgvspShort = short
        v.consequence = consequence
        return v
    }

    @Test func g719sAndS768iFavourAfatinib() throws {
        let kb = try KnowledgeBaseLoader.bundled().kb
        let calls = TherapyScorer(kb: kb, tumorLineage: ["LUAD", "NSCLC"])
            .score([variant("p.G719S", "missense_variant"), variant("p.S768I", "missense_variant")])
        #expect(calls.first?.drug == "afatinib" && calls.first?.call == .sensitive)
        #expect(calls.first { $0.drug == "afatinib" }?.evidence.contains { $0.oncokbLevel == "1" } == true)
    }

    @Test func exon20InsertionMeansAmivantamabAndResistance() throws {
        let kb = try KnowledgeBaseLoader.bundled().kb
        let calls = Dictionary(uniqueKeysWithValues: TherapyScorer(kb: kb, tumorLineage: ["LUAD", "NSCLC"])
            .score([variant("p.A767_V769dup", "inframe_insertion")]).map { ($0.drug, $0.call) })
        #expect(calls["amivantamab"] == .sensitive)
        #expect(calls["gefitinib"] == .resistant && calls["erlotinib"] == .resistant && calls["afatinib"] == .resistant)
    }
}
