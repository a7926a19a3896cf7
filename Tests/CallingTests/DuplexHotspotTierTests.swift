@testable import Calling
import G2TCore
import HTS
import Testing
import TestSupport

/// The duplex hotspot tier (branch hot1): the background's floor and strand collapsing, the test's
/// threshold on both sides, and the background estimate on the committed duplex samples.
@Suite struct DuplexHotspotTierTests {
    let c = UInt8(ascii: "C"), t = UInt8(ascii: "T"), g = UInt8(ascii: "G"), a = UInt8(ascii: "A")

    @Test func backgroundIsFlooredByTheRuleOfThreeNotZero() throws {
        let ct = try #require(Substitution(ref: c, alt: t))
        // No error seen in 100,000 duplex molecules at C/G: 3/100,000, not 0.
        let none = DuplexBackground(errors: [:], totals: [c: 100_000])
        #expect(none.rate(ref: c, alt: t) == 3.0 / 100_000)
        // One or two errors cannot show a rate below the rule of three either; ten can.
        #expect(DuplexBackground(errors: [ct: 2], totals: [c: 100_000]).rate(ref: c, alt: t) == 3.0 / 100_000)
        #expect(DuplexBackground(errors: [ct: 10], totals: [c: 100_000]).rate(ref: c, alt: t) == 10.0 / 100_000)
        // Strand-collapsed: G>A is C>T read from the other strand; no duplex molecule at A/T: no rate.
        #expect(none.rate(ref: g, alt: a) == none.rate(ref: c, alt: t))
        #expect(none.rate(ref: a, alt: g) == nil)
    }

    @Test func thresholdSitsWhereTheCorrectedTestTurns() throws {
        for (depth, rate, tests) in [(1_500, 3.0 / 60_000, 45), (1_500, 1e-3, 62), (800, 2e-4, 10), (3_000, 1e-2, 62)] {
            let k = try #require(DuplexHotspotTier.needed(depth: depth, rate: rate, tests: tests))
            #expect(k >= DuplexHotspotTier.minDuplexMolecules)
            #expect(DuplexHotspotTier.correctedP(alt: k, depth: depth, rate: rate, tests: tests) <= DuplexHotspotTier.alpha)
            if k > DuplexHotspotTier.minDuplexMolecules {
                #expect(DuplexHotspotTier.correctedP(alt: k - 1, depth: depth, rate: rate, tests: tests) > DuplexHotspotTier.alpha, "\(depth) \(rate): \(k)")
            }
            let at = DuplexHotspotTier.Evidence(alt: k, depth: depth, rate: rate, tests: tests)
            let below = DuplexHotspotTier.Evidence(alt: k - 1, depth: depth, rate: rate, tests: tests)
            #expect(at.detected && !below.detected)
        }
        // A noisy background asks for more than two: 1,500 duplex molecules at 1e-3 expect 1.5 by chance.
        #expect((DuplexHotspotTier.needed(depth: 1_500, rate: 1e-3, tests: 62) ?? 0) > 2)
        // However clean the background, one duplex molecule is never a call; no duplex molecule, no test.
        #expect(DuplexHotspotTier.needed(depth: 1_500, rate: 1e-9, tests: 62) == 2)
        #expect(!DuplexHotspotTier.Evidence(alt: 1, depth: 1_500, rate: 1e-9, tests: 62).detected)
        #expect(DuplexHotspotTier.needed(depth: 0, rate: 1e-4, tests: 62) == nil)
        #expect(!DuplexHotspotTier.Evidence(alt: 5, depth: 1_500, rate: nil, tests: 62).detected)
    }

    /// The committed duplex sample (T790M on two duplex molecules): the hotspot's own position is left
    /// out of the background, and would add its two duplex molecules to C>T if it were not.
    @Test func backgroundLeavesOutTheHotspotsOwnPosition() throws {
        let raw = try CallingSetup.counted("cfdna/cfdna-duplex-t790m", threads: 1)
        let counts = try CallingSetup.moleculeCounts(raw)
        let t790m = 55_181_378
        let at = try #require(counts.first { $0.counts.duplexDepth(at: t790m - 1) > 0 })
        #expect(at.counts.duplexCount(.t, at: t790m - 1) == 2, "both T790M molecules are duplex by construction")
        #expect(at.counts.count(.t, at: t790m - 1) >= 2)
        let depth = at.counts.duplexDepth(at: t790m - 1)
        #expect(depth <= at.counts.depth(at: t790m - 1) && depth > 500)
        let ct = try #require(Substitution(ref: c, alt: t))
        let excluded = DuplexBackground.estimate(counts, reference: raw.panel.reference, maxVAF: 0.02,
                                                 exclude: [.init(chrom: "chr7", pos: t790m)])
        let included = DuplexBackground.estimate(counts, reference: raw.panel.reference, maxVAF: 0.02, exclude: [])
        #expect((included.errors[ct] ?? 0) == (excluded.errors[ct] ?? 0) + 2)
        #expect(included.totals[c] == (excluded.totals[c] ?? 0) + depth)
        #expect((excluded.totals[t] ?? 0) > 10_000)
        // A cap of 0 leaves every position with a duplex alternate molecule out: no error, the floor alone.
        let capped = DuplexBackground.estimate(counts, reference: raw.panel.reference, maxVAF: 0, exclude: [])
        #expect(capped.errors.isEmpty)
        #expect(capped.rate(ref: c, alt: t) == 3.0 / Double(included.totals[c] ?? 1))
    }
}
