import CHTSlib

extension SpanTally {
    /// One read's match bases, left by `SpanTally.add(…deferBases: true)` to a caller that decodes them anyway
    /// (UMI mode's molecule tally, `UMIMoleculeTally.add`): it hands them over as base slots and qualities
    /// (`AlignmentFile.fillMatch`'s bytes: slot 0–4, or 6 where the quality is below the floor), and they are
    /// counted as `add` counts them, without decoding the packed bases a second time. A usable base equal to
    /// the reference only extends a run (`Buffers.refRuns`: +1 where the run starts, −1 where it ends), summed
    /// into the counts once by `addRuns`; every other base is counted where it is, with the statistics of an
    /// alternate. At ~21,300× every EGFR target the raw tally wrote two 128-byte positions' cache lines per
    /// base of 1.45 M reads (branch rt1). The counts equal `add`'s (`ReadBasesTests`, `UMISharedPassTests`).
    struct ReadBases {
        /// The tally's buffers (`Buffers`), by pointer: valid while the tally is, and no reference counted per read.
        let runs: UnsafeMutablePointer<Int32>
        let positions: Int
        let refSlots: UnsafePointer<UInt8>
        let fields: UnsafeMutablePointer<UInt32>
        let microError: UnsafePointer<UInt32>
        let parts: UnsafeBufferPointer<Range<Int>>
        /// The region (`SpanTally`'s) and where this read's bases start to count (the mate-overlap rule's
        /// first base the first mate did not count, or the region's start).
        let start: Int, end: Int, from: Int
        let strandOffset: Int
        let f1r2: UInt32
        let mapqCap: Int
        let readLength: Int
        let minBQ: UInt8
        /// Only the subregions count (`SpanRequest.basesOnlyInSubregions`): `buffers.parts`.
        let partsOn: Bool

        /// The bases of one match step (or a part of it) from reference position `refStart`: `count` slots and
        /// qualities, the first from query index `query`.
        @inline(__always)
        func add(slots: UnsafePointer<UInt8>, qualities: UnsafePointer<UInt8>, refStart: Int, count: Int, query: Int) {
            let lo = max(refStart, from), hi = min(refStart + count, end)
            guard lo < hi else { return }
            guard partsOn else { return scan(slots: slots, qualities: qualities, refStart: refStart, query: query, lo: lo, hi: hi) }
            for part in parts where part.lowerBound < hi && part.upperBound > lo {
                scan(slots: slots, qualities: qualities, refStart: refStart, query: query, lo: max(lo, part.lowerBound), hi: min(hi, part.upperBound))
            }
        }

        /// Counts positions [lo, hi), inside the slots given from `refStart` and inside the region.
        @inline(__always)
        private func scan(slots: UnsafePointer<UInt8>, qualities: UnsafePointer<UInt8>, refStart: Int, query: Int, lo: Int, hi: Int) {
            let run = runs + strandOffset * (positions + 1) + (lo - start)
            let n = hi - lo
            run[0] &+= 1
            run[n] &-= 1
            let k0 = lo - refStart
            let s = slots + k0, quals = qualities + k0, refs = refSlots + (lo - start)
            let q0 = query + k0
            let stride = RegionCounts.fieldsPerPosition
            let strandOffset = strandOffset, readLength = readLength, mapqCap = mapqCap, f1r2 = f1r2, fields = fields, microError = microError
            // A base that is not a usable reference base: out of the run, and counted as `add` counts it.
            @inline(__always) func other(_ i: Int) {
                let slot = Int(s[i]), ref = refs[i]
                if ref < 4 {
                    run[i] &-= 1
                    run[i &+ 1] &+= 1
                }
                guard slot <= 4 else { return }  // 6: below the quality floor
                let cell = fields + (lo &- start &+ i) &* stride
                cell[2 &* slot &+ strandOffset] &+= 1
                guard slot < 4 else { return }  // an N has no alternate's statistics
                // As `add`'s `alternate`: read-end distance, orientation, and the weakest of base quality,
                // mapping quality and a read-end penalty (Q20 at the last base, rising 2 per base inwards).
                let q = q0 &+ i
                let fromEnd = min(q, readLength &- 1 &- q)
                let alt = cell + slot
                alt[RegionCounts.endDistanceField] += UInt32(truncatingIfNeeded: fromEnd)
                alt[RegionCounts.f1r2Field] += f1r2
                alt[RegionCounts.errorField] += microError[min(Int(quals[i]), mapqCap, 20 &+ 2 &* fromEnd, 93)]
            }
            var i = 0
            // Eight at a time: slots 0–4 or 6 and reference slots 0–3 or 5, so each byte of their XOR is at most 7
            // and adding 0x7F carries into its high bit exactly when it is non-zero, never into the next byte.
            while i &+ 8 <= n {
                let x = UnsafeRawPointer(s + i).loadUnaligned(as: UInt64.self) ^ UnsafeRawPointer(refs + i).loadUnaligned(as: UInt64.self)
                if x != 0 {
                    var m = (x &+ 0x7F7F_7F7F_7F7F_7F7F) & 0x8080_8080_8080_8080
                    while m != 0 {
                        other(i &+ (m.trailingZeroBitCount &>> 3))
                        m &= m &- 1
                    }
                }
                i &+= 8
            }
            while i < n {
                if s[i] != refs[i] { other(i) }
                i &+= 1
            }
        }

        /// Every match base of the read `b` (the one `add` returned this for), decoded here: for a read the caller
        /// did not decode itself.
        func addAll(_ b: UnsafeMutablePointer<bam1_t>, queryLength: Int? = nil) {
            guard let walk = CigarWalk(b, queryLength: queryLength) else { return }
            var bytes: [UInt8] = []
            for step in walk where step.op == .match {
                let lo = max(step.refStart, from), hi = min(step.refStart + step.length, end)
                guard lo < hi else { continue }
                let n = hi - lo
                if bytes.count < 2 * n { bytes = Array(repeating: 0, count: 2 * n) }
                bytes.withUnsafeMutableBufferPointer { buf in
                    guard let p = buf.baseAddress else { return }
                    let query = step.queryStart + (lo - step.refStart)
                    AlignmentFile.fillMatch(seq: walk.seq, qual: walk.qual, query: query, count: n, minBQ: minBQ, slots: p, qualities: p + n)
                    add(slots: p, qualities: p + n, refStart: lo, count: n, query: query)
                }
            }
        }

        /// The runs of reference bases into the counts (`SpanTally.finish`): each position's running sum on
        /// each strand added to its reference base's count. Positions whose reference is not A, C, G or T
        /// (slot 5) had no base left to a run (every base there is another's), so their sums are not counts.
        static func addRuns(_ buffers: Buffers) {
            guard buffers.refRuns.count > 0, let runs = buffers.refRuns.baseAddress, let fields = buffers.fields.baseAddress,
                  let refs = buffers.refSlots.baseAddress else { return }
            let n = buffers.positions, stride = RegionCounts.fieldsPerPosition
            for strand in 0..<2 {
                let r = runs + strand * (n + 1)
                var depth = 0
                for p in 0..<n {
                    depth &+= Int(r[p])
                    let ref = Int(refs[p])
                    if depth != 0 && ref < 4 { fields[p * stride + 2 * ref + strand] &+= UInt32(truncatingIfNeeded: depth) }
                }
            }
        }
    }
}
