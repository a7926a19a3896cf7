#if canImport(Glibc)
import Glibc
#endif
@testable import HTS
import Testing

/// `ConsensusModel.Table.call` skips the exps where every other allele lies more than `certainGap` below the
/// best (branch cf8): the call must be the very one the exps give, bit for bit. The reference is the
/// computation before the shortcut, kept here verbatim.
@Suite struct UMIConsensusCertainTests {
    static let model = ConsensusModel(preUMIError: 3.16e-5, postUMIError: 1e-4, minInputQuality: 20, deletionError: 5e-4, maxConsensusError: 0.02)

    /// `Table.call` before the shortcut.
    static func reference(_ e: ConsensusModel.Evidence, model: ConsensusModel) -> ConsensusModel.Call? {
        guard e.used > 0 else { return nil }
        let l = e.logL
        var best: UInt8 = 0, top = l.0
        if top < l.1 { best = 1; top = l.1 }
        if top < l.2 { best = 2; top = l.2 }
        if top < l.3 { best = 3; top = l.3 }
        if top < l.5 { best = 5; top = l.5 }
        var total = 0.0
        for x in [l.0, l.1, l.2, l.3, l.5] { total += exp(x - top) }
        let error = max(0, 1 - 1 / total)
        return ConsensusModel.Call(slot: best, error: ConsensusModel.twoTrials(error, model.preUMIError))
    }

    /// Reads folded as a family's strand gives them: every quality 0–93 alone and in agreeing runs of 1–40
    /// reads, and runs with one to three disagreeing reads, so that the gap between the best and the second
    /// allele crosses `certainGap` from both sides.
    @Test func callEqualsTheExpsTaken() {
        let table = ConsensusModel.Table(Self.model)
        var skipped = 0, taken = 0
        for q in UInt8(0)...93 {
            for n in 1...40 {
                for wrong in 0...3 {
                    for slot in [UInt8(0), 2, 3, 5] {
                        var e = ConsensusModel.Evidence()
                        for k in 0..<n { table.add(slot: slot, quality: k % 3 == 2 ? max(q, 20) : q, to: &e) }
                        for k in 0..<wrong { table.add(slot: UInt8(k) == slot ? 1 : UInt8(k), quality: 30, to: &e) }
                        let got = table.call(e), want = Self.reference(e, model: Self.model)
                        #expect(got == want, "q \(q) n \(n) wrong \(wrong) slot \(slot)")
                        #expect(got?.error.bitPattern == want?.error.bitPattern)
                        if let c = got, c.error == Self.model.preUMIError { skipped += 1 } else { taken += 1 }
                    }
                }
            }
        }
        // Both sides of the gap were met.
        #expect(skipped > 1_000 && taken > 1_000)
    }

    /// Hand-made likelihoods just either side of the gap, and ties (the first allele of equal likelihood wins).
    @Test(arguments: [-39.999, -40.0, -40.001, -45.0, -36.7, -38.8, -100.0, 0.0])
    func gapEdges(gap: Double) {
        let table = ConsensusModel.Table(Self.model)
        for best in 0..<5 {
            for second in 0..<5 where second != best {
                var values = [-3.0, -3.0, -3.0, -3.0, -3.0].map { $0 + gap - 60 }
                values[best] = -3.0
                values[second] = -3.0 + gap
                var e = ConsensusModel.Evidence()
                e.used = 4
                e.logL = (values[0], values[1], values[2], values[3], -1e9, values[4])
                let got = table.call(e), want = Self.reference(e, model: Self.model)
                #expect(got == want && got?.error.bitPattern == want?.error.bitPattern, "gap \(gap) best \(best) second \(second)")
            }
        }
    }
}
