/// Which positions of a family need its reads' likelihoods summed (issue 16, branch ff1).
///
/// Where every usable base of a strand shows the reference (the usual column: ~98% of a family's positions
/// at 0.1–0.5% sequencing error), the strand's consensus is the reference and, when `Table.refAlwaysCalled`
/// holds, it is always called: one read at the lowest usable quality already gives a consensus error under
/// `maxConsensusError` (a single read's consensus error is its own error, `e`), and each further agreeing read
/// only lowers it. What such a column adds to the counts (the reference slot on the molecule's strand, the
/// duplex slots, nothing for phasing) therefore follows from which strands have a usable base, not from the sums.
/// So the family's reads first mark, per position and strand, "a usable base agreeing with the reference" (bit 0)
/// and "a usable base or deletion that does not" (bit 1), eight bases at a time; only positions with bit 1 (or,
/// without `refAlwaysCalled`, every covered one) sum the log-likelihoods, read by read in the order the per-read
/// fold used, so the same doubles come out (`UMIFamilyMarksTests`).
enum UMIFamilyMarks {
    static let agrees: UInt8 = 1
    static let differs: UInt8 = 2

    private static let high: UInt64 = 0x8080_8080_8080_8080
    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let ones: UInt64 = 0x0101_0101_0101_0101

    /// The high bit of each byte of `z` that is not zero.
    @inline(__always)
    private static func nonzero(_ z: UInt64) -> UInt64 { (((z & low7) &+ low7) | z) & high }

    /// Whether all eight bytes of `z` (eight positions' marks) are non-zero.
    @inline(__always)
    static func allMarked(_ z: UInt64) -> Bool { nonzero(z) == high }

    /// `mark` of eight bases at once, as the high bit of each byte: `agree` where it gives `agrees`, `differ`
    /// where `differs`. Every quality byte must be below 128 (and `minQuality8` the minimum, ≤ 0x80, in each byte).
    @inline(__always)
    private static func block(slots s: UInt64, qualities q: UInt64, refs r: UInt64, minQuality8: UInt64) -> (agree: UInt64, differ: UInt64) {
        // Byte x ≥ c exactly when (x | 0x80) − c keeps its high bit (x < 128, c ≤ 0x80: no borrow between bytes).
        let base = ~((s | high) &- 4 &* ones) & high & ((q | high) &- minQuality8)
        let same = ~nonzero(s ^ r) & high
        let deletion = ~nonzero(s ^ (UInt64(ConsensusModel.deletion) &* ones)) & high
        return (base & same, (base & ~same) | deletion)
    }

    /// One base's mark: `fold` uses a base (slot 0–3) of quality ≥ `minQuality` and every deletion (slot 5);
    /// N (4) and not covered (6) are not used. A used base equal to `ref` (a reference slot 0–3; 5 where the
    /// reference is unknown, which no base equals) agrees; anything else used differs.
    @inline(__always)
    static func mark(slot: UInt8, quality: UInt8, ref: UInt8, minQuality: UInt8) -> UInt8 {
        if slot < 4 && quality >= minQuality { return slot == ref ? agrees : differs }
        return slot == ConsensusModel.deletion ? differs : 0
    }

    /// Each of `count` bases' marks in order: eight at a time (`block`: `eight` gets the step's first index and
    /// its agree and differ bits) where all eight qualities are below 128 — every byte test needs its bytes < 128;
    /// slots are 0–6, reference slots 0–5 — else one at a time (`one` gets the index and `mark`). Either returns
    /// false to stop; the result is whether every base was visited.
    @inline(__always)
    private static func scan(slots: UnsafePointer<UInt8>, qualities: UnsafePointer<UInt8>, refs: UnsafePointer<UInt8>, count: Int,
                             minQuality: UInt8, eight: (Int, UInt64, UInt64) -> Bool, one: (Int, UInt8) -> Bool) -> Bool {
        var k = 0
        if minQuality <= 0x80 {
            let minQ8 = UInt64(minQuality) &* ones
            while k &+ 8 <= count {
                let q = UnsafeRawPointer(qualities + k).loadUnaligned(as: UInt64.self)
                guard q & high == 0 else { break }
                let (agree, differ) = block(slots: UnsafeRawPointer(slots + k).loadUnaligned(as: UInt64.self), qualities: q,
                                            refs: UnsafeRawPointer(refs + k).loadUnaligned(as: UInt64.self), minQuality8: minQ8)
                guard eight(k, agree, differ) else { return false }
                k &+= 8
            }
        }
        while k < count {
            guard one(k, mark(slot: slots[k], quality: qualities[k], ref: refs[k], minQuality: minQuality)) else { return false }
            k &+= 1
        }
        return true
    }

    /// ORs the marks of `count` bases of one read into `marks`: `slots` and `qualities` the read's bytes
    /// (`AlignmentFile.UMIRead.bytes`), `refs` the reference slots of the same positions.
    @inline(__always)
    static func mark(slots: UnsafePointer<UInt8>, qualities: UnsafePointer<UInt8>, refs: UnsafePointer<UInt8>, count: Int,
                     minQuality: UInt8, into marks: UnsafeMutablePointer<UInt8>) {
        _ = scan(slots: slots, qualities: qualities, refs: refs, count: count, minQuality: minQuality, eight: { k, agree, differ in
            let m = (agree &>> 7) | (differ &>> 6)
            if m != 0 {
                let old = UnsafeRawPointer(marks + k).loadUnaligned(as: UInt64.self)
                UnsafeMutableRawPointer(marks + k).storeBytes(of: old | m, as: UInt64.self)
            }
            return true
        }, one: { k, m in
            marks[k] |= m
            return true
        })
    }

    /// Whether every one of `count` bases is a usable base equal to its reference slot: `mark` would give `agrees` to each.
    static func allAgree(slots: UnsafePointer<UInt8>, qualities: UnsafePointer<UInt8>, refs: UnsafePointer<UInt8>, count: Int,
                         minQuality: UInt8) -> Bool {
        scan(slots: slots, qualities: qualities, refs: refs, count: count, minQuality: minQuality,
             eight: { _, agree, _ in agree == high }, one: { _, m in m == agrees })
    }

    /// `allAgree` of a read whose bases below a floor ≥ `minQuality` are already slot 6 (`AlignmentFile.fillMatch`):
    /// then a base slot 0–3 is usable, so every base agrees exactly when every slot equals its reference slot and
    /// that is 0–3 (a deletion, 5, may equal an unknown reference, 5). Slots and reference slots only, eight at a time:
    /// `allAgree` also loaded and tested the qualities (~1.4% of the wall at ~21,300x every EGFR target, branch rt1).
    static func allReference(slots: UnsafePointer<UInt8>, refs: UnsafePointer<UInt8>, count: Int) -> Bool {
        let notBase: UInt64 = 0xFCFC_FCFC_FCFC_FCFC  // a byte above 3
        var k = 0
        while k &+ 8 <= count {
            let r = UnsafeRawPointer(refs + k).loadUnaligned(as: UInt64.self)
            guard (UnsafeRawPointer(slots + k).loadUnaligned(as: UInt64.self) ^ r) | (r & notBase) == 0 else { return false }
            k &+= 8
        }
        while k < count {
            guard slots[k] == refs[k] && refs[k] < 4 else { return false }
            k &+= 1
        }
        return true
    }

    /// ORs `agrees` into `count` marks: a clean read's (`UMIRead.clean`) marks, without its bytes.
    @inline(__always)
    static func markAgreeing(count: Int, into marks: UnsafeMutablePointer<UInt8>) {
        var k = 0
        while k &+ 8 <= count {
            let old = UnsafeRawPointer(marks + k).loadUnaligned(as: UInt64.self)
            UnsafeMutableRawPointer(marks + k).storeBytes(of: old | ones, as: UInt64.self)
            k &+= 8
        }
        while k < count {
            marks[k] |= agrees
            k &+= 1
        }
    }
}

extension ConsensusModel.Table {
    /// Whether a strand whose usable bases all show one base (0–3) is always called that base and its molecule
    /// passes `maxConsensusError` (`UMIFamilyMarks`): one read of each usable quality is checked with `call` itself,
    /// with a margin for rounding; more agreeing reads only lower the error (their likelihood gap grows). A duplex
    /// molecule of two such strands has the product of their errors (at least 1e-12, `combine`), lower still.
    var refAlwaysCalled: Bool {
        let m = model
        guard m.maxConsensusError >= 1e-12, m.minInputQuality > 0 else { return false }
        for q in Int(min(m.minInputQuality, 93))...93 {  // qualities above 93 use 93's values
            var e = ConsensusModel.Evidence()
            add(slot: 0, quality: UInt8(q), to: &e)
            guard let c = call(e), c.slot == 0, let mol = m.combine(c, nil), mol.error <= m.maxConsensusError * (1 - 1e-9) else { return false }
        }
        return true
    }
}
