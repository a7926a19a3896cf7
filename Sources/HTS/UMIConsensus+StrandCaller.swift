extension ConsensusModel {
    /// `Table.strands` of folded evidence for the per-position molecule loop (issue 16, branch mc1): the
    /// same calls, bit for bit, with less work where a strand's reads agree (`FoldedEvidence.agreeing`), the
    /// usual column. Such a strand's evidence is the agreeing slot and two sums (agreeing, others), so
    /// `Table.call` is a function of (slot, sum, sum) alone:
    /// - the agreeing allele more likely than the others (`agree > disagree`, every quality the floor lets
    ///   through) and more than `Table.certainGap` above them: the call is the slot at error
    ///   `twoTrials(0, preUMIError)`, as `call` returns without the exps;
    /// - otherwise `call` of the rebuilt evidence, remembered by the three values' exact bit patterns in a
    ///   small direct-mapped memo (a family's columns, and families of one size and quality, repeat the same
    ///   sums: at ~20,800x the exps of these columns were ~3% of a UMI run), so an entry is `call`'s result
    ///   for exactly that input. Mixed columns go to `call` unchanged.
    /// `UMIStrandCallerTests` compares it with `Table.strands` on exhaustive small and random inputs.
    package struct StrandCaller {
        package let table: Table
        private let certainError: Double
        private var memo: [Entry]

        /// One remembered call: its input's slot (`Entry.vacant`: none yet) and sums' bit patterns.
        private struct Entry {
            static let vacant: UInt8 = 255
            var slot: UInt8 = Entry.vacant
            var agree: UInt64 = 0
            var disagree: UInt64 = 0
            var call = Call(slot: 0, error: 0)
        }

        /// Memo entries, a power of two: a run meets a few hundred distinct uncertain (slot, sums) at most
        /// (few qualities, families of few reads), and a collision only costs a recomputation.
        static let memoSize = 1024

        package init(_ table: Table) {
            self.table = table
            certainError = ConsensusModel.twoTrials(0, table.model.preUMIError)
            memo = Array(repeating: Entry(), count: Self.memoSize)
        }

        /// `table.call(e.evidence)`.
        @inline(__always)
        package mutating func call(_ e: FoldedEvidence) -> Call? {
            let s = e.agreeing
            if s == FoldedEvidence.empty { return nil }  // no read used: `used` is 0
            if s == FoldedEvidence.mixed { return table.call(e.evidence) }
            let a = e.logL.0, d = e.logL.1
            // Every other allele's log-likelihood is `d`: `call` takes `s` as best and `d` as the second.
            guard a > d else { return table.call(e.evidence) }
            if d - a < -Table.certainGap { return Call(slot: s, error: certainError) }
            let ab = a.bitPattern, db = d.bitPattern
            var h = (ab ^ (db &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
            h ^= UInt64(s) &* 0x94D0_49BB_1331_11EB
            let i = Int(truncatingIfNeeded: h &>> 54) & (Self.memoSize - 1)
            let m = memo[i]
            if m.slot == s && m.agree == ab && m.disagree == db { return m.call }
            guard let c = table.call(e.evidence) else { return nil }
            memo[i] = Entry(slot: s, agree: ab, disagree: db, call: c)
            return c
        }

        /// `table.strands(top: top.evidence, bottom: bottom.evidence)`.
        @inline(__always)
        package mutating func strands(top: FoldedEvidence, bottom: FoldedEvidence) -> (molecule: Call?, top: Call?, bottom: Call?) {
            let t = call(top), b = call(bottom)
            guard let c = table.model.combine(t, b), c.error <= table.model.maxConsensusError else { return (nil, t, b) }
            return (c, t, b)
        }
    }
}
