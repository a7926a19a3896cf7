import G2TCore
import Knowledge
import Scoring
import Testing

/// The shipped knowledge base's clinical answers (issue 11's cases): these change only with a
/// curation decision, which then shows here and in `g2t kb diff`.
@Suite struct ShippedKnowledgeBaseTests {
    let kb: KnowledgeBase
    init() throws { kb = try KnowledgeBaseLoader.bundled().kb }

    static let tkis = ["gefitinib", "erlotinib", "afatinib", "dacomitinib", "osimertinib"]
    let luad = ["LUAD", "NSCLC", "LUNG"], coadread = ["COADREAD", "BOWEL"]

    func score(_ v: [VariantCall], _ lineage: [String], prior: [String] = [], copies: [CopyNumberCall]? = nil,
               tpm: Double? = nil, phases: [PhaseCall] = []) -> SampleScore {
        TherapyScorer(kb: kb, tumorLineage: lineage, priorTherapies: prior).score(SampleFindings(
            variants: v, phases: phases, copyNumber: copies, expression: tpm.map { [GeneExpression(gene: "ABCB1", tpm: $0, source: "test")] } ?? []))
    }
    func byDrug(_ s: SampleScore) -> [String: TherapyCall] { Dictionary(uniqueKeysWithValues: s.therapies.map { ($0.drug, $0) }) }

    @Test func l858rInLungAdenocarcinoma() {
        let c = byDrug(score([Fixture.l858r], luad))
        for d in Self.tkis { #expect(c[d]?.call == .sensitive && c[d]?.score == 3, "\(d)") }
        #expect(c["osimertinib"]?.setting == "first-line" && c["osimertinib"]?.inSetting == true)
    }

    @Test func l858rInColorectalCancerIsNotATKIIndication() {
        let s = score([Fixture.l858r], coadread)
        let c = byDrug(s)
        for d in Self.tkis {
            #expect(c[d].map { $0.call != .sensitive && $0.call != .likelySensitive } ?? true, "\(d)")
            #expect(c[d]?.explanation.contains("another tumour type") ?? true)
        }
        #expect(s.panelLimits.contains { Set(["KRAS", "NRAS", "BRAF"]).isSubset(of: $0.genes) && $0.drugs.contains("cetuximab") && $0.drugs.contains("panitumumab") })
        #expect(s.informational.allSatisfy { !$0.biomarker.contains("amplification") })
        // Without a tumour type nothing is sensitive either.
        #expect(score([Fixture.l858r], []).therapies.allSatisfy { $0.call == .uncertain })
    }

    @Test func fqeaInsertionIsTKISensitiveNotResistant() {
        let fqea = Fixture.variant("p.A763_Y764insFQEA", "inframe_insertion", pos: 55181302)
        let c = byDrug(score([fqea], luad))
        for d in ["gefitinib", "erlotinib", "afatinib"] {
            #expect(c[d]?.call == .likelySensitive, "\(d): AMP IIC")
            #expect(c[d]?.evidence.allSatisfy { $0.effect == .sensitivity } == true)
        }
        // Any other exon 20 insertion, up to codon 823, keeps its resistance.
        let other = byDrug(score([Fixture.variant("p.A767_V769dup", "inframe_insertion", pos: 55181305)], luad))
        #expect(other["gefitinib"]?.call == .resistant && other["amivantamab + carboplatin + pemetrexed"]?.call == .sensitive)
        let late = byDrug(score([Fixture.variant("p.H773_V774insH", "inframe_insertion", pos: 55181330)], luad))
        #expect(late["erlotinib"]?.call == .resistant)
    }

    @Test func s492rIsCetuximabResistanceOnly() {
        let c = byDrug(score([Fixture.variant("p.S492R", "missense_variant", pos: 55156000)], coadread))
        #expect(c["cetuximab"]?.call == .likelyResistant || c["cetuximab"]?.call == .resistant)
        #expect(c["panitumumab"].map { $0.call != .resistant && $0.call != .likelyResistant } ?? true)
        #expect(c["cetuximab"]?.panelLimit?.contains("KRAS") == true)
    }

    @Test func highABCB1ExpressionAloneMakesNothingResistant() {
        let s = score([], luad, tpm: 250)
        #expect(s.mdr.risk == .high)
        #expect(s.therapies.allSatisfy { $0.call != .resistant && $0.call != .likelyResistant })
        #expect(byDrug(s)["paclitaxel"] == nil || byDrug(s)["paclitaxel"]?.mdrRisk == .high)
        let copies = score([], ["LUSC", "NSCLC", "LUNG"], copies: [CopyNumberCall(gene: "ABCB1", log2Ratio: 2, copies: 12, status: .amplification, targets: 5)])
        #expect(copies.therapies.allSatisfy { $0.call != .resistant && $0.call != .likelyResistant })
        #expect(byDrug(copies)["paclitaxel"]?.call == .standardOption && byDrug(copies)["paclitaxel"]?.mdrRisk == .high)
    }

    @Test func cisC797SMakesOsimertinibResistantWithoutAPositiveScore() throws {
        let s = score([Fixture.ex19del, Fixture.t790m, Fixture.c797s], luad, phases: [Fixture.phase(Fixture.t790m, Fixture.c797s, .cis)])
        let osi = try #require(byDrug(s)["osimertinib"])
        #expect(osi.call == .resistant && osi.score <= 0)
        #expect(osi.explanation.contains("overrides sensitising evidence"))
        #expect(s.therapies.first?.drug != "osimertinib" && s.therapies.first.map { $0.call == .sensitive || $0.call == .likelySensitive } == true)
    }

    @Test func compoundUncommonMutationsDoNotAddUp() {
        let c = byDrug(score([Fixture.variant("p.G719S", "missense_variant", pos: 55174014),
                              Fixture.variant("p.S768I", "missense_variant", pos: 55181312)], luad))
        #expect(c["afatinib"]?.score == 3 && c["afatinib"]?.call == .sensitive)
        #expect(c["gefitinib"]?.score == 2.5)
    }

    @Test func amplificationInLungGivesNoAntibodyOrLapatinibScore() {
        let amp = [CopyNumberCall(gene: "EGFR", log2Ratio: 2, copies: 9, status: .amplification, targets: 5)]
        let s = score([], luad, copies: amp)
        for d in ["cetuximab", "panitumumab", "lapatinib"] { #expect(byDrug(s)[d].map { $0.call == .uncertain && $0.score == 0 } ?? true, "\(d)") }
        #expect(s.informational.contains { $0.biomarker == "EGFR amplification" })
        #expect(byDrug(score([], ["GBM", "DIFG", "BRAIN"], copies: amp))["lapatinib"]?.call == .uncertain, "level 4 alone (0.5)")
        #expect(byDrug(score([], ["GBM", "DIFG", "BRAIN"], copies: amp))["lapatinib"]?.evidence.first?.inTumorType == true)
    }

    @Test func t790mAfterAFirstGenerationTKIPutsOsimertinibFirst() throws {
        let s = score([Fixture.ex19del, Fixture.t790m], luad, prior: ["gefitinib"])
        let first = try #require(s.therapies.first)
        #expect(first.drug == "osimertinib" && first.inSetting == true, "\(s.therapies.prefix(4).map { "\($0.drug) \($0.call) \($0.score) \($0.inSetting as Any)" })")
        #expect(byDrug(s)["gefitinib"]?.call == .resistant)
    }

    @Test func c797sWithoutT790MKeepsEarlierTKIsIncludingDacomitinib() {
        let c = byDrug(score([Fixture.c797s], luad, prior: ["osimertinib"]))
        for d in ["gefitinib", "erlotinib", "afatinib", "dacomitinib"] { #expect(c[d]?.evidence.contains { $0.effect == .sensitivity } == true, "\(d)") }
        #expect(c["osimertinib"]?.call == .resistant)
    }

    @Test func drugsAndContextsAsCurated() throws {
        #expect(kb.drug(matching: "ADM")?.name == "doxorubicin" && kb.drug(matching: "Adriamycin")?.name == "doxorubicin")
        for d in ["cetuximab", "panitumumab", "amivantamab", "bevacizumab"] { #expect(kb.drug(named: d)?.pgpSubstrate == .notApplicable, "\(d)") }
        #expect(kb.drug(named: "afatinib")?.pgpSubstrate == .yes && kb.drug(named: "lapatinib")?.pgpSubstrate == .yes)
        #expect(kb.drug(named: "temozolomide")?.pgpSubstrate != .no)
        #expect(kb.oncokbDataDate != nil)
        let paad = byDrug(score([], ["PAAD", "PANCREAS"]))
        #expect(paad["nab-paclitaxel"]?.call == .standardOption && paad["paclitaxel"] == nil)
        #expect(byDrug(score([], ["HNSC"]))["paclitaxel"] == nil, "the squamous lung trial is not extended to head and neck")
    }
}
