#if canImport(Glibc)
import Glibc
#endif
@testable import Calling
import G2TCore
import HTS
import Testing
import TestSupport

/// The family-class hotspot tier (branch cls1): the exact tail against the binomial, the threshold on
/// both sides, the strata and their fall-back, and the tier on the committed class samples
/// (TestData/samples/cfdna/cfdna-class-*.bam, scripts/simulate_cfdna.py, seeds 160507-160509).
@Suite struct FamilyClassTierTests {
    let c = UInt8(ascii: "C"), t = UInt8(ascii: "T"), g = UInt8(ascii: "G"), a = UInt8(ascii: "A")
    /// The prototype's backgrounds (scripts/bench-cfdna-class-test.py's self-test): duplex, ss3, ss2, ss1.
    let rates: [Double?] = [1e-5, 1e-4, 3e-4, 1e-3]
    let depths = [800, 900, 400, 400]

    func evidence(_ alt: [Int], rates: [Double?]? = nil, tests: Int = 57) -> FamilyClassTier.Evidence {
        FamilyClassTier.Evidence(alt: alt, depth: depths, rate: rates ?? self.rates, tests: tests)
    }

    @Test func exactTailOfOneClassIsTheBinomialTail() {
        for (n, p) in [(800, 1e-4), (2_500, 1e-3), (300, 3e-3)] {
            for k in 1...4 {
                let tail = FamilyClassTier.tail(depths: [n], rates: [p], observed: [k])
                let binomial = DetectionLimit.detectionProbability(depth: n, fraction: p, minAlt: k)
                // The two sum the lower tail in different orders: equal to ~1e-8 of the tail.
                #expect(abs(tail - binomial) <= 1e-6 * binomial, "n \(n) p \(p) k \(k): \(tail) vs \(binomial)")
            }
        }
        // Two classes against a direct double sum over their joint counts.
        let w = [log1p(FamilyClassTier.designFraction / 1e-4), log1p(FamilyClassTier.designFraction / 1e-3)]
        let t0 = w[0] * 1 + w[1] * 2
        func pmf(_ n: Int, _ p: Double, _ x: Int) -> Double {
            let logC: Double = lgamma(Double(n + 1)) - lgamma(Double(x + 1)) - lgamma(Double(n - x + 1))
            let logP: Double = Double(x) * log(p) + Double(n - x) * log1p(-p)
            return exp(logC + logP)
        }
        var below = 0.0
        for x in 0...30 {
            for y in 0...60 {
                let sum: Double = w[0] * Double(x) + w[1] * Double(y)
                if sum < t0 - 1e-9 { below += pmf(900, 1e-4, x) * pmf(400, 1e-3, y) }
            }
        }
        let tail = FamilyClassTier.tail(depths: [900, 400], rates: [1e-4, 1e-3], observed: [1, 2])
        #expect(abs(tail - (1 - below)) < 1e-12)
    }

    @Test func classesWeighTheirAlternateMoleculesByTheirBackground() {
        // No alternate molecule: nothing to test.
        #expect(evidence([0, 0, 0, 0]).correctedP == 1 && !evidence([0, 0, 0, 0]).detected)
        // One duplex and two ss3 molecules together are a call; one ss3 fewer (corrected p 0.057) is not, nor either class alone at that count.
        #expect(evidence([1, 2, 0, 0]).detected)
        #expect(!evidence([1, 1, 0, 0]).detected)
        #expect(!evidence([1, 0, 0, 0]).detected && !evidence([0, 2, 0, 0]).detected)
        // Three singletons (0.4 expected by sequencing error) are not; three ss3 molecules are.
        #expect(!evidence([0, 0, 0, 3]).detected)
        #expect(evidence([0, 3, 0, 0]).detected)
        // A class without a rate (a thin stratum) is left out: its molecules do not count.
        #expect(!evidence([1, 2, 0, 0], rates: [1e-5, nil, 3e-4, 1e-3]).detected)
        // The threshold turns where tests × p crosses alpha.
        let one = evidence([1, 2, 0, 0])
        #expect(one.correctedP <= DuplexHotspotTier.alpha)
        #expect(!evidence([1, 2, 0, 0], tests: Int((Double(57) * DuplexHotspotTier.alpha / one.correctedP).rounded(.up)) + 1).detected)
    }

    @Test func limitOfDetectionHasThePowerItStates() throws {
        let e = evidence([0, 0, 0, 0])
        let lod = try #require(e.lod)
        #expect(lod > 0 && lod < 0.01, "\(lod)")
        // Deeper classes detect lower fractions.
        let deeper = FamilyClassTier.Evidence(alt: [0, 0, 0, 0], depth: depths.map { $0 * 4 }, rate: rates, tests: 57)
        #expect((deeper.lod ?? 1) < lod)
        // No class enters: no LOD.
        #expect(FamilyClassTier.Evidence(alt: [1, 1, 1, 1], depth: depths, rate: [nil, nil, nil, nil], tests: 57).lod == nil)
    }

    @Test func stratumRateIsFlooredAndThinStrataFallBack() throws {
        let ct = try #require(Substitution(ref: c, alt: t))
        let n = FamilyClassTier.minStratumMolecules
        let stratum = FamilyClassBackground.Stratum(cls: .ss2, substitution: ct, cpg: true)
        let enough = FamilyClassBackground(errors: [stratum: 1], totals: [.init(cls: .ss2, ref: c, cpg: true): n])
        #expect(enough.rate(.ss2, ref: c, alt: t, cpg: true) == 3.0 / Double(n), "fewer than 3 errors count as 3")
        #expect(enough.rate(.ss2, ref: g, alt: a, cpg: true) == enough.rate(.ss2, ref: c, alt: t, cpg: true), "strand-collapsed")
        #expect(enough.rate(.ss2, ref: c, alt: t, cpg: false) == nil, "the non-CpG stratum is its own")
        let thin = FamilyClassBackground(errors: [stratum: 1], totals: [.init(cls: .ss2, ref: c, cpg: true): n - 1])
        #expect(thin.rate(.ss2, ref: c, alt: t, cpg: true) == nil)
        #expect(FamilyClassBackground.isCpG(ref: c, previous: a, next: g) && FamilyClassBackground.isCpG(ref: g, previous: c, next: t))
        #expect(!FamilyClassBackground.isCpG(ref: c, previous: g, next: a) && !FamilyClassBackground.isCpG(ref: t, previous: c, next: g))
    }

    // MARK: the committed class samples

    /// The sample's molecule counts over chr7's targets, the tier's background and its evidence at the hotspot allele `key` (and the duplex tier's).
    func tier(_ sample: String, key: String = "chr7:55181378:C:T") throws -> (background: FamilyClassBackground, evidence: FamilyClassTier.Evidence, duplex: DuplexHotspotTier.Evidence?) {
        let raw = try CallingSetup.counted("cfdna/\(sample)", threads: 1)
        let counts = try CallingSetup.moleculeCounts(raw)
        let exclude = Set(raw.panel.hotspots.filter(\.isSNV).map { DuplexBackground.ExcludedPosition(chrom: $0.chrom, pos: $0.pos) })
        var caller = PanelCaller(panel: raw.panel, naming: raw.naming, parameters: CallingParameters())
        caller.familyClassBackground = FamilyClassBackground.estimate(counts, reference: raw.panel.reference, maxVAF: 0.02, exclude: exclude)
        caller.duplexBackground = DuplexBackground.estimate(counts, reference: raw.panel.reference, maxVAF: 0.02, exclude: exclude)
        let e = try #require(caller.familyClassEvidence(counts, reference: raw.panel.reference)[key])
        return (try #require(caller.familyClassBackground), e, caller.duplexEvidence(counts)[key])
    }

    @Test func oneDuplexAndTwoThreePairMoleculesAreCalledOneFewerIsNot() throws {
        let (_, e, duplex) = try tier("cfdna-class-c797s", key: "chr7:55181399:G:C")
        #expect(e.alt[MoleculeClass.duplex.rawValue] == 1 && e.alt[MoleculeClass.ss3.rawValue] == 2, "\(e.alt)")
        #expect(e.detected, "corrected p \(e.correctedP), rates \(e.rate), depths \(e.depth)")
        #expect(duplex?.detected == false, "one duplex molecule is not enough for the duplex tier")
        // The sample's own backgrounds and depths put the threshold between the two.
        var fewer = e
        fewer.alt[MoleculeClass.ss3.rawValue] = 1
        #expect(!fewer.detected, "corrected p \(fewer.correctedP)")
    }

    @Test func threeSingletonsAreNot() throws {
        let (_, e, _) = try tier("cfdna-class-singletons")
        #expect(e.alt[MoleculeClass.ss1.rawValue] >= 3, "\(e.alt)")
        #expect(!e.detected, "corrected p \(e.correctedP)")
    }

    @Test func twoOneStrandEarlyPCRMoleculesAreNot() throws {
        // The duplex tier's variant-free sample: 2 one-strand molecules of 4 and 5 read pairs.
        let (_, e, _) = try tier("cfdna-pcr-t790m")
        #expect(e.alt[MoleculeClass.ss3.rawValue] >= 2, "\(e.alt)")
        #expect(!e.detected, "corrected p \(e.correctedP)")
    }

    @Test func cpgDamageRaisesTheCpGBackgroundAndKeepsThreeTwoPairMoleculesUncalled() throws {
        let (bg, e, _) = try tier("cfdna-class-cpg")
        // One-strand C>T at CpG runs far above C>T elsewhere in this sample (the damage).
        for cls in [MoleculeClass.ss1, .ss2, .ss3] {
            let cpg = try #require(bg.rate(cls, ref: c, alt: t, cpg: true)), other = try #require(bg.rate(cls, ref: c, alt: t, cpg: false))
            #expect(cpg > 3 * other, "\(cls.name): CpG \(cpg) vs \(other)")
        }
        #expect(e.alt[MoleculeClass.ss2.rawValue] >= 3, "\(e.alt)")
        #expect(!e.detected, "corrected p \(e.correctedP), rates \(e.rate)")
        // The same molecules against the non-CpG background would be a call.
        var elsewhere = e
        elsewhere.rate = MoleculeClass.allCases.map { bg.rate($0, ref: c, alt: t, cpg: false) }
        #expect(elsewhere.detected, "corrected p \(elsewhere.correctedP), rates \(elsewhere.rate)")
    }
}
