@testable import HTS
import Testing
import TestSupport

/// `ConsensusModel.StrandCaller` (branch mc1) must give `Table.strands`' calls bit for bit: its certain
/// shortcut for agreeing columns and its memo of the uncertain ones are exact or wrong, never close.
@Suite struct UMIStrandCallerTests {
    /// The pipeline's model (Q20 floor) and one with no floor, where qualities 0-3 make a read's agreeing
    /// term lower than its disagreeing one (the agreeing allele is then not the best).
    static let models = [
        ConsensusModel(preUMIError: 3.16e-5, postUMIError: 1e-4, minInputQuality: 20, deletionError: 5e-4, maxConsensusError: 0.02),
        ConsensusModel(preUMIError: 3.16e-5, postUMIError: 1e-4, minInputQuality: 0, deletionError: 5e-4, maxConsensusError: 1),
    ]

    static func same(_ a: ConsensusModel.Call?, _ b: ConsensusModel.Call?) -> Bool {
        a?.slot == b?.slot && a?.error.bitPattern == b?.error.bitPattern
    }

    static func folded(_ reads: [(slot: UInt8, quality: UInt8)], table: ConsensusModel.Table) -> ConsensusModel.FoldedEvidence {
        var e = ConsensusModel.FoldedEvidence()
        for r in reads { table.fold(slot: r.slot, quality: r.quality, into: &e) }
        return e
    }

    /// Every slot (N and out-of-range slots included) and quality 0-93 in agreeing runs of 1-6 reads, with
    /// 0-2 disagreeing reads after them, each input called twice (the second from the memo).
    @Test(arguments: [0, 1])
    func singleStrandEqualsTableCall(model: Int) {
        let table = ConsensusModel.Table(Self.models[model])
        var caller = ConsensusModel.StrandCaller(table)
        var checked = 0, certain = 0
        for q in UInt8(0)...93 {
            for slot in UInt8(0)...6 {
                for n in 1...6 {
                    for wrong in 0...2 {
                        var reads = (0..<n).map { k in (slot: slot, quality: k % 2 == 1 ? q / 2 + 30 : q) }
                        reads += (0..<wrong).map { k in (slot: UInt8(k) == slot ? 3 : UInt8(k), quality: q) }
                        let e = Self.folded(reads, table: table)
                        let want = table.call(e.evidence)
                        for _ in 0..<2 {
                            let got = caller.call(e)
                            #expect(Self.same(got, want), "q \(q) slot \(slot) n \(n) wrong \(wrong)")
                        }
                        checked += 1
                        if want?.error == ConsensusModel.twoTrials(0, table.model.preUMIError) { certain += 1 }
                    }
                }
            }
        }
        // Both the certain shortcut and the exps were exercised.
        #expect(certain > 100 && checked - certain > 100)
    }

    /// Random families' strands (0-12 reads each, mostly agreeing, random qualities), far more distinct
    /// inputs than the memo holds so that entries are overwritten, against `Table.strands`.
    @Test(arguments: [0, 1])
    func strandsEqualTableStrands(model: Int) {
        let table = ConsensusModel.Table(Self.models[model])
        var caller = ConsensusModel.StrandCaller(table)
        var rng = SplitMix64(seed: 0x6d63_3100 + UInt64(model))
        var molecules = 0
        for _ in 0..<60_000 {
            func strand() -> ConsensusModel.FoldedEvidence {
                let n = Int.random(in: 0...12, using: &rng)
                let majors: [UInt8] = [0, 1, 2, 3, 5]
                let major: UInt8 = majors[Int.random(in: 0..<majors.count, using: &rng)]
                var reads: [(slot: UInt8, quality: UInt8)] = []
                for _ in 0..<n {
                    var slot: UInt8 = major
                    if Int.random(in: 0..<20, using: &rng) == 0 { slot = UInt8.random(in: 0...6, using: &rng) }
                    reads.append((slot: slot, quality: UInt8.random(in: 0...45, using: &rng)))
                }
                return Self.folded(reads, table: table)
            }
            let top = strand(), bottom = strand()
            let got = caller.strands(top: top, bottom: bottom)
            let want = table.strands(top: top.evidence, bottom: bottom.evidence)
            #expect(Self.same(got.molecule, want.molecule) && Self.same(got.top, want.top) && Self.same(got.bottom, want.bottom))
            if want.molecule != nil { molecules += 1 }
        }
        #expect(molecules > 10_000)
    }

    /// Two inputs landing on one memo entry alternate: each must get its own call, not the other's.
    @Test func memoCollisionsRecompute() {
        let table = ConsensusModel.Table(Self.models[0])
        var caller = ConsensusModel.StrandCaller(table)
        // Many distinct uncertain columns (single reads and pairs of each quality and slot), called round
        // robin several times: with 1,024 entries some must share one.
        var inputs: [ConsensusModel.FoldedEvidence] = []
        for slot in [UInt8(0), 1, 2, 3, 5] {
            for q1 in UInt8(20)...45 {
                for q2 in UInt8(20)...45 { inputs.append(Self.folded([(slot, q1), (slot, q2)], table: table)) }
                inputs.append(Self.folded([(slot, q1)], table: table))
            }
        }
        #expect(inputs.count > ConsensusModel.StrandCaller.memoSize)
        for _ in 0..<3 {
            for e in inputs { #expect(Self.same(caller.call(e), table.call(e.evidence))) }
        }
    }
}
