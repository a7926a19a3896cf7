extension ConsensusModel {
    /// `Evidence` summed with a shortcut for the common case, a column where every read of the strand
    /// shows the same allele (issue 16, branch umi6): while they agree, only two sums are kept — the
    /// agreeing allele's Σ log(1 − e) and the others' Σ log(e/4), which `Table.add` would add to each of
    /// the four other alleles in the same order and so give the same double four times. At the first
    /// read that disagrees the two sums are spread into the five alleles and summing goes on as `add`
    /// does. Every allele therefore receives the same additions in the same order as with `add`: the
    /// same doubles, the same consensus base and error (`evidence`, tested against `add`).
    package struct FoldedEvidence: Sendable {
        /// `mixed`: `logL` holds all five alleles; `empty`: no read yet; otherwise the one slot every read
        /// showed, with its sum in `logL.0` and the other alleles' in `logL.1`.
        var agreeing: UInt8 = FoldedEvidence.empty
        var logL: (Double, Double, Double, Double, Double, Double) = (0, 0, 0, 0, 0, 0)
        var used = 0

        static let empty: UInt8 = 255
        static let mixed: UInt8 = 254

        package init() {}

        /// The same evidence `Table.add` gives for the same reads in the same order.
        package var evidence: Evidence {
            var e = Evidence()
            e.used = used
            switch agreeing {
            case Self.empty:
                break
            case Self.mixed:
                e.logL = logL
            default:
                let a = logL.0, d = logL.1, s = agreeing
                e.logL = (s == 0 ? a : d, s == 1 ? a : d, s == 2 ? a : d, s == 3 ? a : d, 0, s == 5 ? a : d)
            }
            return e
        }
    }
}

extension ConsensusModel.Table {
    /// `add` for `FoldedEvidence`: the same reads left out (N, slots above 5, bases below the quality
    /// floor), the same table values added.
    package func fold(slot: UInt8, quality: UInt8, into e: inout ConsensusModel.FoldedEvidence) {
        withFolder { $0.fold(slot: slot, quality: quality, into: &e) }
    }

    /// Runs `body` with a `Folder` over the tables (valid only inside `body`): the per-base loop of a
    /// family reads the tables through pointers, without a bounds check or a load of each array per base.
    @inline(__always)
    package func withFolder<R>(_ body: (ConsensusModel.Folder) -> R) -> R {
        agreeDisagree.withUnsafeBufferPointer { ad in
            slotIndex.withUnsafeBufferPointer { ix in body(ConsensusModel.Folder(agreeDisagree: ad, slotIndex: ix)) }
        }
    }

    /// `slotIndex`: per slot 0–5 and quality byte (`slot << 8 | quality`) the index into `agree`/`disagree`,
    /// or −1 where `add` leaves the read out (N; a base below `minInputQuality`): one look-up per base
    /// where the slot tests and the quality's look-up were four branches (branch mc1).
    static func slotIndexTable(_ index: [Int16]) -> [Int16] {
        (0..<(6 * 256)).map { k in
            let slot = k >> 8
            if slot == Int(ConsensusModel.deletion) { return 94 }
            return slot < 4 ? index[k & 255] : -1
        }
    }
}

extension ConsensusModel {
    /// The tables of a `Table` as pointers, for `fold` in a hot loop (`Table.withFolder`).
    package struct Folder {
        /// `Table.agreeDisagree`: a quality's log(1 − e) at 2i, its log(e/4) at 2i + 1.
        let agreeDisagree: UnsafeBufferPointer<Double>
        /// `Table.slotIndex`: 6 × 256 entries, so any slot 0–5 and quality byte index it.
        let slotIndex: UnsafeBufferPointer<Int16>

        @inline(__always)
        package func fold(slot: UInt8, quality: UInt8, into e: inout FoldedEvidence) {
            guard slot <= ConsensusModel.deletion else { return }  // 6: not covered or below the base-quality floor
            let i = Int(slotIndex[Int(slot) &<< 8 | Int(quality)])
            guard i >= 0 else { return }
            e.used &+= 1
            let a = agreeDisagree[2 &* i], d = agreeDisagree[2 &* i &+ 1]
            if e.agreeing == slot {
                e.logL.0 += a
                e.logL.1 += d
                return
            }
            if e.agreeing == FoldedEvidence.empty {
                e.agreeing = slot
                e.logL.0 += a  // 0 + a, as `add` begins
                e.logL.1 += d
                return
            }
            if e.agreeing != FoldedEvidence.mixed {
                // The first disagreeing read: the two sums become the five alleles' sums `add` would hold.
                e.logL = e.evidence.logL
                e.agreeing = FoldedEvidence.mixed
            }
            e.logL.0 += slot == 0 ? a : d
            e.logL.1 += slot == 1 ? a : d
            e.logL.2 += slot == 2 ? a : d
            e.logL.3 += slot == 3 ? a : d
            e.logL.5 += slot == 5 ? a : d
        }
    }
}
