import Calling
import G2TCore
import HTS
import Testing
import TestSupport

/// Read-backed phase of EGFR T790M and C797S (21 bp apart) on simulated cis and trans samples.
@Suite struct PhaserTests {
    func phases(_ sample: String) throws -> [PhaseCall] {
        HTSEnvironment.configure()
        let path = TestSupport.testData("samples/\(sample).bam")
        let panel = try PanelLoader.bundled(build: .grch38)
        let naming = ContigNaming.matching(panelChroms: ["chr7"], inputContigs: ["chr7"])
        let counts = try TargetCounter.count(path: path, reference: nil, indexPath: nil, targets: panel.targets, naming: naming,
                                             filter: ReadFilter(), threads: 2)
        let r = PanelCaller(panel: panel, naming: naming, parameters: CallingParameters()).call(counts, reference: panel.reference)
        return try Phaser().phase(r.variants, file: try AlignmentFile(path: path), filter: ReadFilter())
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
        VariantCall(gene: "EGFR", chrom: "chr7", pos: pos, ref: "C", alt: "T", vaf: 0.2, depth: 100, altDepth: 20,
                    altForward: 10, altReverse: 10, filter: "PASS")
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
