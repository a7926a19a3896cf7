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
        agree.withUnsafeBufferPointer { a in
            disagree.withUnsafeBufferPointer { d in
                index.withUnsafeBufferPointer { ix in body(ConsensusModel.Folder(agree: a, disagree: d, index: ix)) }
            }
        }
    }
}

extension ConsensusModel {
    /// The tables of a `Table` as pointers, for `fold` in a hot loop (`Table.withFolder`).
    package struct Folder {
        let agree: UnsafeBufferPointer<Double>
        let disagree: UnsafeBufferPointer<Double>
        /// `Table.index`: 256 entries, so any quality byte indexes it.
        let index: UnsafeBufferPointer<Int16>

        @inline(__always)
        package func fold(slot: UInt8, quality: UInt8, into e: inout FoldedEvidence) {
            guard slot < 4 || slot == ConsensusModel.deletion else { return }
            let i = slot == ConsensusModel.deletion ? 94 : Int(index[Int(quality)])
            guard i >= 0 else { return }
            e.used += 1
            let a = agree[i], d = disagree[i]
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
