import G2TCore
import Interpretation
import Testing

/// The summary's clinical decisions, on hand-made analyses: each test changes one fact and
/// checks the statement that must follow (or must not).
@Suite struct ClinicalSummaryTests {
    static func variant(_ pos: Int, hgvsp: String, gene: String = "EGFR") -> VariantCall {
        var v = VariantCall(gene: gene, chrom: "chr7", pos: pos, ref: "T", alt: "G", vaf: 0.3, depth: 300, altDepth: 90,
                            altForward: 45, altReverse: 45, filter: .pass)
        v.annotation = VariantAnnotation(transcript: "NM_TEST.1", hgvsc: "c.?", hgvsp: hgvsp, consequence: "missense_variant")
        return v
    }

    static func evidence(_ effect: EffectDirection, _ biomarker: String, variants: [VariantKey], kind: EvidenceKind = .biomarker) -> EvidenceItem {
        EvidenceItem(effect: effect, biomarker: biomarker, matchedBy: biomarker, oncokbLevel: "R1", ampLevel: "", tumorTypes: [],
                     inTumorType: true, weight: -3, counted: true, summary: "", sources: [], kind: kind, variants: variants)
    }

    static func analysis(variants: [VariantCall], therapies: [TherapyCall] = [], hotspots: [HotspotCall] = []) -> Analysis {
        Analysis(sample: SampleInfo(id: "S", tumorType: nil, tumorTypeName: nil),
                 reference: ReferenceInfo(build: .grch38, chrom: "chr7", source: "test"), software: SoftwareInfo(version: "0", htslib: "0"),
                 date: "2026-01-01T00:00:00Z", inputs: [], parameters: CallingParameters(), variants: variants, hotspots: hotspots,
                 therapies: therapies, qc: QCSummary(readsInTargets: 0, meanTargetDepth: 0, targets: []), stages: [.call, .annotate, .score])
    }

    /// A gain within `copyNumber.focalExcessCopies` of its chromosome's level follows the chromosome; above it, it is
    /// focal; unmeasured, it cannot be told. The chromosome is the gene's, from its targets (not a fixed one).
    /// What a shortened variant list must never leave out: each fact alone makes a variant relevant.
    @Test func clinicalRelevanceFollowsTierHotspotPGxAndGermline() {
        let plain = Self.variant(55181000, hgvsp: "p.(Ala1Val)")
        #expect(!ClinicalSummary.isClinicallyRelevant(plain))
        var v = plain; v.tier = .three
        #expect(!ClinicalSummary.isClinicallyRelevant(v))
        for t in [Tier.one, .two, .pgx] { v.tier = t; #expect(ClinicalSummary.isClinicallyRelevant(v), "\(t)") }
        v = plain; v.hotspot = "EGFR L858R"
        #expect(ClinicalSummary.isClinicallyRelevant(v))
        v = plain; v.originCall = OriginCall(origin: .likelyGermline, zygosity: .heterozygous, possiblyGermline: true)
        #expect(ClinicalSummary.isClinicallyRelevant(v))
        v.originCall?.possiblyGermline = false
        #expect(!ClinicalSummary.isClinicallyRelevant(v))
    }

    @Test func gainScopeFollowsTheChromosomeLevel() {
        var a = Self.analysis(variants: [])
        a.qc = QCSummary(readsInTargets: 0, meanTargetDepth: 0,
                         targets: [TargetCoverage(gene: "KRAS", exon: 2, chrom: "chr12", start: 1, end: 2, meanDepth: 1, minDepth: 1, fractionCovered: 1)])
        func gain(_ copies: Double, chromosome: Double?) -> CopyNumberCall {
            CopyNumberCall(gene: "KRAS", log2Ratio: 1, copies: copies, status: .gain, targets: 3, chromosomeCopies: chromosome)
        }
        #expect(ClinicalSummary.gainScope(gain(4.5, chromosome: 4), in: a) == .wholeChromosome(chromosome: "chr12", chromosomeCopies: 4))
        #expect(ClinicalSummary.gainScope(gain(6, chromosome: 4), in: a) == .focal(chromosome: "chr12", chromosomeCopies: 4))
        #expect(ClinicalSummary.gainScope(gain(6, chromosome: nil), in: a) == .unmeasured(chromosome: "chr12"))
        a.parameters.copyNumber.focalExcessCopies = 3
        #expect(ClinicalSummary.gainScope(gain(6, chromosome: 4), in: a) == .wholeChromosome(chromosome: "chr12", chromosomeCopies: 4))
        a.copyNumber = [gain(6, chromosome: 4)]
        #expect(ClinicalSummary(a, summaryGenes: []).statements.contains(.copyGain(gain(6, chromosome: 4), .wholeChromosome(chromosome: "chr12", chromosomeCopies: 4))))
    }

    @Test func originBasisFollowsTheMatchedNormalInput() {
        var a = Self.analysis(variants: [])
        a.inputs = [InputFile(path: "t.bam", format: "BAM", sha256: "0")]
        #expect(ClinicalSummary.originBasis(a) == .tumourOnly)
        a.inputs.append(InputFile(path: "n.bam", format: "BAM \(InputFile.matchedNormalTag)", sha256: "0"))
        #expect(ClinicalSummary.originBasis(a) == .matchedNormal)
    }

    /// "No therapy statement" follows the variants the evidence names, not the evidence's wording.
    @Test func noTherapyStatementFollowsTheEvidenceVariants() {
        let t790m = Self.variant(55_181_378, hgvsp: "p.Thr790Met"), other = Self.variant(55_181_400, hgvsp: "p.Thr790Met")
        // The evidence text names p.Thr790Met, which `other` also carries; only the key decides.
        let call = TherapyCall(drug: "gefitinib", drugClass: "EGFR TKI", call: .resistant, score: -3,
                               evidence: [Self.evidence(.resistance, "EGFR T790M p.Thr790Met", variants: [t790m.key])], explanation: "")
        let s = ClinicalSummary(Self.analysis(variants: [t790m, other], therapies: [call]), summaryGenes: ["EGFR"]).statements
        #expect(s.contains(.noTherapyStatement(other)))
        #expect(!s.contains(.noTherapyStatement(t790m)))
    }

    /// With a limit, the first `noTherapyStatement`s are kept in order and the rest only counted: the same
    /// statements as without it, cut (a dense VCF's 170,000 are not held for a summary that lists 20).
    @Test func noTherapyStatementsBeyondTheLimitAreCounted() {
        let vs = (0..<7).map { Self.variant(55_181_400 + $0, hgvsp: "p.Thr790Met") }
        let all = ClinicalSummary(Self.analysis(variants: vs), summaryGenes: ["EGFR"])
        let cut = ClinicalSummary(Self.analysis(variants: vs), summaryGenes: ["EGFR"], noTherapyStatementLimit: 3)
        func isNoTherapy(_ s: ClinicalSummary.Statement) -> Bool { if case .noTherapyStatement = s { return true } else { return false } }
        #expect(all.statements.filter(isNoTherapy).count == 7 && all.omittedNoTherapyStatements == 0)
        #expect(cut.statements.filter(isNoTherapy).count == 3 && cut.omittedNoTherapyStatements == 4)
        #expect(Array(all.statements.filter(isNoTherapy).prefix(3)) == cut.statements.filter(isNoTherapy))
        #expect(all.statements.filter { !isNoTherapy($0) } == cut.statements.filter { !isNoTherapy($0) })
    }

    /// The MDR adjustment has its own alert: it is never a resistance biomarker line, whatever its name;
    /// a knowledge-base biomarker whose name happens to start with "P-gp" still is one.
    @Test func mdrEvidenceIsRecognisedByKind() {
        let items = [Self.evidence(.resistance, "multidrug resistance", variants: [], kind: .mdr),
                     Self.evidence(.resistance, "P-gp named biomarker", variants: [])]
        let call = TherapyCall(drug: "paclitaxel", drugClass: "taxane", call: .resistant, score: -3, evidence: items, explanation: "")
        let s = ClinicalSummary(Self.analysis(variants: [], therapies: [call]), summaryGenes: ["EGFR"]).statements
        #expect(s.contains(.resistance(biomarker: "P-gp named biomarker", drugs: [.init(drug: "paclitaxel", call: .resistant)])))
        #expect(!s.contains { if case .resistance(let b, _) = $0 { return b == "multidrug resistance" } else { return false } })
    }

    /// A negative is stated only with every hotspot covered; low coverage turns it into an alert.
    @Test func negativeNeedsCoverage() {
        let h = Hotspot(gene: "EGFR", name: "EGFR L858R", hgvsc: "c.2573T>G", hgvsp: "p.Leu858Arg", chrom: "chr7", pos: 55_191_822, ref: "T", alt: "G", rsid: nil)
        let covered = HotspotCall(hotspot: h, chrom: "chr7", status: .notDetected, depth: 500, altDepth: 0, minAlt: 3)
        let low = HotspotCall(hotspot: h, chrom: "chr7", status: .lowCoverage, depth: 20, altDepth: 0, minAlt: 3)
        let ok = ClinicalSummary(Self.analysis(variants: [], hotspots: [covered]), summaryGenes: ["EGFR"]).statements
        guard case .negative(.covered(_, 1, 500, let lod))? = ok.first(where: { if case .negative = $0 { return true } else { return false } }) else {
            Issue.record("no covered negative in \(ok)")
            return
        }
        #expect(lod == covered.lod)
        let notOK = ClinicalSummary(Self.analysis(variants: [], hotspots: [covered, low]), summaryGenes: ["EGFR"]).statements
        #expect(notOK.contains(.negative(.lowCoverage(gene: "EGFR", hotspots: 1))))
        #expect(ClinicalSummary.isAlert(.negative(.lowCoverage(gene: "EGFR", hotspots: 1))))
        // A passing variant in the gene: no negative at all.
        let found = ClinicalSummary(Self.analysis(variants: [Self.variant(55_191_822, hgvsp: "p.Leu858Arg")], hotspots: [covered]), summaryGenes: ["EGFR"]).statements
        #expect(!found.contains { if case .negative = $0 { return true } else { return false } })
    }
}
