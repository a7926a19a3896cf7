import Calling
import G2TCore
import HTS
import Testing
import TestSupport

/// Read-backed phase of EGFR T790M and C797S (21 bp apart) on simulated cis and trans samples.
@Suite struct PhaserTests {
    func phases(_ sample: String, _ thresholds: CallingParameters.Phasing = .init()) throws -> [PhaseCall] {
        let c = try CallingSetup.counted(sample)
        return try Phaser(thresholds).phase(c.call().variants, file: try AlignmentFile(path: c.path), filter: ReadFilter())
    }

    /// The configured thresholds are the ones applied: T790M and C797S are 21 bp apart.
    @Test func configuredDistanceAndShareApply() throws {
        var near = CallingParameters.Phasing()
        near.maxDistance = 20
        #expect(try phases("egfr-t790m-c797s-cis", near).isEmpty)
        var strict = CallingParameters.Phasing()
        strict.cisShare = 1.01  // more than every fragment: cis can never be shown
        #expect(try phases("egfr-t790m-c797s-cis", strict).first?.relation == .unknown)
    }

    @Test func cis() throws {
        let p = try #require(try phases("egfr-t790m-c797s-cis").first)
        #expect(p.keys.map(\.text) == ["chr7:55181378:C:T", "chr7:55181399:G:C"])
        #expect(p.relation == .cis)
        #expect(p.both > 50 && p.firstOnly <= 2 && p.secondOnly <= 2 && p.neither > 100)
    }

    @Test func trans() throws {
        let p = try #require(try phases("egfr-t790m-c797s-trans").first)
        #expect(p.relation == .trans)
        #expect(p.both == 0 && p.firstOnly > 50 && p.secondOnly > 50)
    }

    @Test func farApartOrAloneIsNotPhased() throws {
        // The exon 19 deletion and T790M are 6.6 kb apart: no fragment spans both.
        #expect(try phases("egfr-ex19del-t790m").isEmpty)
        #expect(try phases("demo-nsclc").isEmpty)
    }

    func v(_ pos: Int) -> VariantCall {
        CallingSetup.variant(pos: pos)
    }

    @Test func verdictRules() {
        func states(_ both: Int, _ first: Int, _ second: Int, _ neither: Int) -> [[AlleleState]] {
            Array(repeating: [.alt, .alt], count: both) + Array(repeating: [.alt, .ref], count: first)
                + Array(repeating: [.ref, .alt], count: second) + Array(repeating: [.ref, .ref], count: neither)
                + [[.notCovered, .alt], [.other, .alt]]  // fragments that cover only one site do not count
        }
        func relation(_ s: [[AlleleState]]) -> PhaseCall.Relation { Phaser.verdictForTests(v(1), v(21), states: s).relation }
        #expect(relation(states(30, 20, 1, 100)) == .cis)      // subclone: every C797S read also has T790M
        #expect(relation(states(0, 25, 30, 100)) == .trans)
        #expect(relation(states(10, 20, 20, 100)) == .unknown) // a mixture
        #expect(relation(states(1, 0, 0, 100)) == .unknown)    // too little evidence
        #expect(Phaser.verdictForTests(v(1), v(21), states: states(30, 20, 1, 100)).both == 30)
    }
}
