import G2TCore
import Knowledge
@testable import Scoring
import Testing

/// The call rules (docs/knowledge-base.md, "Call rules") on the small test knowledge base.
@Suite struct CallRuleTests {
    let kb: KnowledgeBase
    init() throws { kb = try TestKB.load() }

    let lung = ["LUAD", "NSCLC", "LUNG"], colon = ["COADREAD", "BOWEL"], squamous = ["LUSC", "NSCLC", "LUNG"]

    func calls(_ variants: [VariantCall], _ lineage: [String], prior: [String] = [], copies: Double? = nil,
               tpm: Double? = nil, kb custom: KnowledgeBase? = nil) -> [String: TherapyCall] {
        let cn = copies.map { [CopyNumberCall(gene: "ABCB1", log2Ratio: 0, copies: $0, status: .gain, targets: 3)] }
        let ex = tpm.map { [GeneExpression(gene: "ABCB1", tpm: $0, source: "test")] } ?? []
        let s = TherapyScorer(kb: custom ?? kb, tumorLineage: lineage, priorTherapies: prior)
        return Dictionary(uniqueKeysWithValues: s.score(SampleFindings(variants: variants, copyNumber: cn, expression: ex)).therapies.map { ($0.drug, $0) })
    }

    @Test func evidenceInTheTumourTypeDecides() throws {
        let t = try #require(calls([TestKB.variant("p.V1A")], lung)["tkia"])
        #expect(t.call == .sensitive && t.score == 3)
        #expect(t.evidence.count == 1 && t.evidence[0].counted && t.evidence[0].inTumorType)
    }

    @Test func evidenceFromAnotherTumourTypeIsShownNotApplied() throws {
        let c = calls([TestKB.variant("p.V1A")], colon)
        let t = try #require(c["tkia"])
        #expect(t.call == .uncertain && t.score == 0)
        #expect(t.evidence.allSatisfy { !$0.inTumorType && !$0.counted && $0.weight == 1.5 })
        #expect(t.explanation.contains("other tumour type") && t.explanation.contains("at most uncertain"))
        // The same biomarker's evidence in colorectal cancer applies there, with the panel's limit named.
        let mab = try #require(c["mab"])
        #expect(mab.call == .sensitive && mab.panelLimit?.contains("RAS") == true)
        #expect(calls([TestKB.variant("p.V1A")], lung)["mab"]?.call == .uncertain)
    }

    @Test func withoutATumourTypeNothingIsSensitive() {
        let c = calls([TestKB.variant("p.V1A"), TestKB.variant("p.R3W", pos: 2)], [])
        #expect(!c.isEmpty && c.values.allSatisfy { $0.call == .uncertain })
        #expect(c["tkia"]?.explanation.contains("No tumour type was given") == true)
    }

    @Test func compoundMatchesDoNotAddUp() throws {
        let t = try #require(calls([TestKB.variant("p.V1A"), TestKB.variant("p.V2A", pos: 2)], lung)["tkia"])
        #expect(t.score == 3, "level 1 (3) and level 2 (2.5) together stay 3, not 5.5")
        #expect(t.evidence.filter(\.counted).count == 1 && t.evidence.count == 2)
        #expect(t.explanation.contains("only the strongest counts"))
    }

    @Test func strongResistanceOverridesWithItsOwnScore() throws {
        let t = try #require(calls([TestKB.variant("p.V1A"), TestKB.variant("p.R3W", pos: 2)], lung)["tkia"])
        #expect(t.call == .resistant && t.score == -3, "never a positive score labelled resistant")
        #expect(t.explanation.contains("takes precedence") && t.explanation.contains("+3.0 not counted"))
        #expect(t.evidence.first { $0.effect == .sensitivity }?.counted == false)
    }

    @Test func dominantResistanceOverridesEvenAtALowLevel() throws {
        let t = try #require(calls([TestKB.variant("p.V1A"), TestKB.variant("p.D5N", pos: 2)], lung)["tkib"])
        #expect(t.call == .resistant && t.score == -0.5)
        #expect(t.explanation.contains("overrides sensitising evidence (+3.0 not counted)"))
    }

    @Test func weakResistanceLowersButDoesNotOverride() throws {
        let t = try #require(calls([TestKB.variant("p.V1A"), TestKB.variant("p.W4R", pos: 2)], lung)["tkib"])
        #expect(t.call == .likelySensitive && t.score == 1.5)
    }

    @Test func thresholdsOnBothSides() throws {
        let cutoffs = try #require(try TestKB.load().callCutoffs)
        func call(_ s: Double, _ r: Double = 0, mdr: Double = 0) -> TherapyCall.Call {
            TherapyScorer.decide(sens: s, res: r, mdr: mdr, dominant: false, excluded: false, standard: false, cutoffs: cutoffs).call
        }
        #expect(call(2.5) == .sensitive && call(2.49) == .likelySensitive)
        #expect(call(1.0) == .likelySensitive && call(0.99) == .uncertain)
        #expect(call(0, -0.99) == .uncertain && call(0, -1.0) == .likelyResistant)
        #expect(call(0, -2.49) == .likelyResistant && call(0, -2.5) == .resistant)
        #expect(call(3, -2.49) == .uncertain, "3 − 2.49 = 0.51")
        // P-gp alone: never below uncertain, however large its weight.
        #expect(call(0, mdr: -1) == .uncertain && call(0, mdr: -3) == .uncertain)
        #expect(call(3, mdr: -0.5) == .sensitive && call(3, mdr: -0.51) == .likelySensitive)
        #expect(TherapyScorer.decide(sens: 0, res: 0, mdr: -1, dominant: false, excluded: false, standard: true, cutoffs: cutoffs).call == .standardOption)
        // Without cut-offs nothing is called either way.
        #expect(TherapyScorer.decide(sens: 9, res: 0, mdr: 0, dominant: false, excluded: false, standard: false, cutoffs: nil).call == .uncertain)
    }

    @Test func pgpRiskAloneMakesNothingResistant() throws {
        var harsh = kb
        harsh.mdr?.highWeight = -1
        for c in [calls([], squamous, copies: 9, kb: harsh), calls([], lung, tpm: 1000, kb: harsh)] {
            #expect(c.values.allSatisfy { $0.call != .resistant && $0.call != .likelyResistant })
        }
        let chemo = try #require(calls([], squamous, copies: 9, kb: harsh)["chemo"])
        #expect(chemo.mdrRisk == .high && chemo.call == .standardOption)
        #expect(chemo.explanation.contains("P-gp risk alone"))
        #expect(calls([], squamous, copies: 9)["tkia"] == nil, "no evidence, no context: not listed")
    }

    @Test func expressionIsJudgedAgainstTheTissueBaseline() {
        func risk(_ tpm: Double, _ lineage: [String]) -> MDRRisk {
            TherapyScorer(kb: kb, tumorLineage: lineage).mdrAssessment(SampleFindings(variants: [], expression: [GeneExpression(gene: "ABCB1", tpm: tpm, source: "t")])).risk
        }
        // Colon baseline 100 TPM: 300 TPM is 3× (low); in lung (default 10 TPM) it is 30× (high).
        #expect(risk(300, colon) == .low && risk(300, lung) == .high)
        #expect(risk(199, colon) == MDRRisk.none && risk(200, colon) == .low && risk(399, colon) == .low && risk(400, colon) == .moderate)
        #expect(risk(799, colon) == .moderate && risk(800, colon) == .high)
        let text = TherapyScorer(kb: kb, tumorLineage: colon).mdrAssessment(SampleFindings(variants: [], expression: [GeneExpression(gene: "ABCB1", tpm: 300, source: "t")])).evidence.joined()
        #expect(text.contains("3.0× the median of normal colon (100.0 TPM)"))
    }

    @Test func copiesGradeTheRisk() {
        func risk(_ c: Double) -> MDRRisk {
            TherapyScorer(kb: kb, tumorLineage: lung).mdrAssessment(SampleFindings(variants: [], copyNumber: [CopyNumberCall(gene: "ABCB1", log2Ratio: 0, copies: c, status: .gain, targets: 3)])).risk
        }
        #expect(risk(2.9) == MDRRisk.none && risk(3) == .low && risk(4.9) == .low && risk(5) == .moderate && risk(7.9) == .moderate && risk(8) == .high)
    }

    @Test func excludedChangesFallOutOfARangeRule() {
        let ins = TestKB.variant("p.A12_G13insGGG", consequence: "inframe_insertion")
        let fqea = TestKB.variant("p.A12_Y13insFQEA", consequence: "inframe_insertion")
        #expect(calls([ins], lung)["tkia"]?.call == .resistant)
        #expect(calls([fqea], lung)["tkia"] == nil)
    }

    @Test func priorTherapyOrdersByLineOfTherapy() throws {
        let v = [TestKB.variant("p.V1A")]
        let untreated = TherapyScorer(kb: kb, tumorLineage: lung).score(v)
        #expect(untreated.first?.drug == "tkia" && untreated.first?.inSetting == true)
        #expect(untreated.first { $0.drug == "laterdrug" }?.inSetting == false)
        let afterTKI = TherapyScorer(kb: kb, tumorLineage: lung, priorTherapies: ["tkia"]).score(v)
        #expect(afterTKI.first?.drug == "laterdrug" && afterTKI.first?.inSetting == true && afterTKI.first?.setting == "after tkia")
        #expect(afterTKI.first { $0.drug == "tkia" }?.inSetting == false)
        let afterCombo = TherapyScorer(kb: kb, tumorLineage: lung, priorTherapies: ["combo"]).score(v)
        #expect(afterCombo.first?.drug == "laterdrug", "a regimen's components count as prior drugs")
    }

    @Test func tableIsOrderedByWhatIsActionable() {
        let s = TherapyScorer(kb: kb, tumorLineage: squamous).score(SampleFindings(variants: [
            TestKB.variant("p.V1A"), TestKB.variant("p.R3W", pos: 2), TestKB.variant("p.D5N", pos: 3)]))
        #expect(s.therapies.map(\.drug) == ["laterdrug", "tkia", "tkib", "chemo", "mab"])
        #expect(s.therapies.map(\.call) == [.sensitive, .resistant, .resistant, .standardOption, .uncertain])
    }

    @Test func informationalStatementsKeepTheirScope() {
        let v = [TestKB.variant("p.V2A")]
        #expect(TherapyScorer(kb: kb, tumorLineage: lung).score(SampleFindings(variants: v)).informational.count == 1)
        #expect(TherapyScorer(kb: kb, tumorLineage: colon).score(SampleFindings(variants: v)).informational.isEmpty)
    }

    @Test func panelLimitsAreNamedForTheirTumourTypes() {
        #expect(TherapyScorer(kb: kb, tumorLineage: colon).panelLimits().first?.genes == ["KRAS", "NRAS", "BRAF"])
        #expect(TherapyScorer(kb: kb, tumorLineage: lung).panelLimits().isEmpty)
    }

    @Test func pgpWordsNeverOverclaim() throws {
        let c = calls([TestKB.variant("p.V1A")], colon)
        #expect(c["mab"]?.mdrNote == "not applicable (antibody)")
        #expect(c["tkia"]?.mdrNote == "not a known P-gp substrate")
    }

    @Test func aliasesNameTheirDrug() {
        #expect(kb.drug(matching: "CX")?.name == "chemo" && kb.drug(matching: "Chemoxin")?.name == "chemo")
        #expect(kb.drug(matching: "tkia")?.name == "tkia" && kb.drug(matching: "nothing") == nil)
    }

    @Test func failedFiltersGiveNothing() {
        var v = TestKB.variant("p.V1A")
        v.filter = "strand_bias"
        #expect(calls([v], lung).values.allSatisfy { $0.evidence.isEmpty })
    }

    @Test func deterministicAcrossThreadCounts() {
        let f = SampleFindings(variants: [TestKB.variant("p.V1A"), TestKB.variant("p.V2A", pos: 2), TestKB.variant("p.D5N", pos: 3)],
                               copyNumber: [CopyNumberCall(gene: "ABCB1", log2Ratio: 0, copies: 6, status: .gain, targets: 3)])
        let s = TherapyScorer(kb: kb, tumorLineage: squamous, priorTherapies: ["tkia"])
        let one = s.score(f, threads: 1)
        for t in [2, 3, 8] { #expect(s.score(f, threads: t) == one) }
    }
}
