import G2TCore
import Knowledge
import Scoring
import Testing

@Suite struct KnowledgeBaseDiffTests {
    @Test func identicalVersionsChangeNothing() throws {
        let kb = try KnowledgeBaseLoader.bundled().kb
        let d = KnowledgeBaseDiff(old: kb, new: kb, catalogue: try TumorType.catalogue())
        #expect(d.statementChanges.isEmpty && d.callChanges.isEmpty)
    }

    @Test func droppingTheCisRuleChangesOsimertinibInCis() throws {
        let old = try KnowledgeBaseLoader.bundled().kb
        var new = old
        new.version = "2099.01.1"
        new.effects.removeAll { $0.biomarker == "EGFR_T790M_C797S_CIS" }
        let d = KnowledgeBaseDiff(old: old, new: new, catalogue: try TumorType.catalogue())
        #expect(d.statementChanges.contains("version: \(old.version) → 2099.01.1"))
        #expect(d.statementChanges.contains { $0.hasPrefix("- effect EGFR_T790M_C797S_CIS → osimertinib resistance") })
        // The combination drug is resistant in cis before and no longer reported after.
        #expect(d.callChanges.contains { $0.probe == "EGFR T790M and C797S in cis [NSCLC]" && $0.drug == "gefitinib + osimertinib"
            && $0.old.hasPrefix("resistant") && $0.new == "not reported" })
        // Probes of untouched biomarkers do not change.
        #expect(!d.callChanges.contains { $0.probe.hasPrefix("EGFR L858R [") })
    }

    @Test func changingASubstrateMovesItsMDRCallsOnlyWithEvidence() throws {
        let old = try KnowledgeBaseLoader.bundled().kb
        var new = old
        let i = try #require(new.drugs.firstIndex { $0.name == "carboplatin" })
        new.drugs[i].pgpSubstrate = .yes
        let probe = KnowledgeBaseDiff.Probe(label: "ABCB1 8 copies", findings: SampleFindings(variants: [], copyNumber: [
            CopyNumberCall(gene: "ABCB1", log2Ratio: 2, copies: 8, status: .amplification, targets: 5)]), lineage: ["LUSC", "NSCLC"])
        let d = KnowledgeBaseDiff(old: old, new: new, catalogue: try TumorType.catalogue(), samples: [probe])
        #expect(d.statementChanges.contains { $0.hasPrefix("~ drug carboplatin (P-gp substrate unknown)") })
        #expect(d.callChanges.contains { $0.probe == "ABCB1 8 copies" && $0.drug == "carboplatin" && $0.new.contains("MDR high") })
    }
}
