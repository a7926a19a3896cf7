@testable import HTS
import CHTSlib

// `SpanTally` as main 5bd2386 had it, kept verbatim (renamed) as the reference of
// `SpanTallyEquivalenceTests`: the per-base loop's rewrite (branch floor13) must count exactly as this.

/// The counting state of one span, fed the records of its `query` in file order (`add`), so that
/// one pass over a file can feed several spans (`AlignmentFile.counts(spans:filter:)`).
/// A value owned by one worker from `init` to `finish`; its buffers are freed with the last copy.
struct ReferenceSpanTally {
    /// The per-position counts (`RegionCounts` layout, in a storage `finish` hands over), the reference
    /// slot of each position (one byte, so eight compare at once) and the look-up tables of the per-base
    /// loop, held by pointer so that the loop indexes them without a per-read array access or a global's
    /// initialisation check.
    private final class Buffers {
        let counts: CountFields.Storage
        let fields: UnsafeMutableBufferPointer<UInt32>
        let refSlots: UnsafeMutableBufferPointer<UInt8>
        /// Both slots of a packed byte of bases: the even-indexed (high nibble) base's slot in the low byte.
        let pairSlots: UnsafeMutableBufferPointer<UInt16>
        let microError: UnsafeMutableBufferPointer<UInt32>

        init(positions: Int, referenceBases: [UInt8]?) {
            counts = CountFields.Storage(count: positions * RegionCounts.fieldsPerPosition)
            fields = counts.buffer
            refSlots = .allocate(capacity: positions)
            _ = refSlots.initialize(from: ReferenceSlots.of(referenceBases, length: positions).lazy.map { UInt8(truncatingIfNeeded: $0) })
            pairSlots = .allocate(capacity: 256)
            _ = pairSlots.initialize(from: (0..<256).lazy.map { byte in
                UInt16(AlignmentFile.slot(byte >> 4)) | UInt16(AlignmentFile.slot(byte & 15)) << 8
            })
            microError = .allocate(capacity: AlignmentFile.microError.count)
            _ = microError.initialize(from: AlignmentFile.microError)
        }

        deinit {
            refSlots.deallocate()
            pairSlots.deallocate()
            microError.deallocate()
        }
    }

    /// The index query whose records `add` expects: the region, widened over `recordStartsIn`.
    let query: GenomicRegion
    private let buffers: Buffers
    private let filter: ReadFilter
    private let subregions: [GenomicRegion]
    private let amplicons: AmpliconTrim?
    private let starts: [Range<Int>]
    /// With `basesOnlyInSubregions`: the subregions merged and sorted, where the per-base tally runs.
    private let baseParts: [Range<Int>]?
    private let start: Int, end: Int, minBQ: UInt8
    private var result: RegionCounts
    private var perSub: [Int]
    private var mateEnds: [MateKey: Int] = [:]
    private var started = 0

    init(_ request: SpanRequest, filter: ReadFilter) {
        let region = request.region
        self.filter = filter
        subregions = request.subregions
        amplicons = request.amplicons
        starts = request.recordStartsIn
        if request.basesOnlyInSubregions {
            var merged: [Range<Int>] = []
            for r in request.subregions.map({ $0.start..<$0.end }).filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
                if let last = merged.last, r.lowerBound <= last.upperBound {
                    merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
                } else {
                    merged.append(r)
                }
            }
            baseParts = merged
        } else {
            baseParts = nil
        }
        start = region.start
        end = region.end
        minBQ = filter.minBaseQuality
        var query = region
        for r in starts {
            query.start = min(query.start, r.lowerBound)
            query.end = max(query.end, r.upperBound)
        }
        self.query = query
        result = RegionCounts(region: region, fields: CountFields(zeros: 0))
        perSub = Array(repeating: 0, count: request.subregions.count)
        buffers = Buffers(positions: max(0, region.length), referenceBases: request.referenceBases)
    }

    /// The counts, the reads per subregion and the record starts tallied: what `counts(in:…)` returns.
    /// The counts take the fields' buffer over, not a copy: the tally's last use (no `add` after it).
    consuming func finish() -> (counts: RegionCounts, readsPerSubregion: [Int], recordsStarting: Int) {
        var out = result
        out.fields = CountFields(handingOver: buffers.counts)
        return (out, perSub, started)
    }

    /// Counts one record of `query` (records must come in file order: the mate overlap depends on it).
    mutating func add(_ b: UnsafeMutablePointer<bam1_t>) {
        let start = start, end = end, stride = RegionCounts.fieldsPerPosition, minBQ = minBQ, filter = filter, amplicons = amplicons
        let baseParts = baseParts
        let f = buffers.fields, rs = buffers.refSlots, pairSlots = buffers.pairSlots, microError = buffers.microError
        let core = b.pointee.core
        if !starts.isEmpty {
            let at = Int(core.pos)
            if core.flag & UInt16(BAM_FUNMAP) == 0 {
                for r in starts where r.contains(at) {
                    started += 1
                    break
                }
            }
            // The records the region's own query returns (htslib: pos < end, end position > start).
            guard at < end, at >= start || Int(bam_endpos(b)) > start else { return }
        }
        guard filter.accepts(flag: core.flag, mapq: core.qual) else {
            // Reads excluded only for mapping quality or duplication still say which
            // non-reference alleles they carry, for the low_mapq and duplicate filters.
            let otherFlags = filter.excludeFlags & ~UInt16(BAM_FDUP)
            guard core.flag & otherFlags == 0 else { return }
            let field = core.flag & UInt16(BAM_FDUP) != 0 ? RegionCounts.duplicateField : RegionCounts.lowMapqField
            AlignmentFile.tallyExcluded(b, field: field, start: start, end: end, stride: stride, refSlot: UnsafeBufferPointer(rs), minBQ: minBQ, into: f)
            return
        }
        guard let walk = CigarWalk(b) else {
            result.readsWithoutBases += 1
            return
        }
        let pos = Int(core.pos)
        // Amplicon mode: only the insert of the read's amplicon counts (primer bases are the primer's).
        var insert = Int.min..<Int.max
        if let amplicons {
            guard let w = amplicons.match(start: pos, end: Int(bam_endpos(b))) else {
                result.readsOutsideAmplicons += 1
                return
            }
            insert = w.insertStart..<w.insertEnd
            if core.flag & UInt16(BAM_FPAIRED) == 0 || core.flag & UInt16(BAM_FREAD1) != 0 { result.ampliconFragments[w.id, default: 0] += 1 }
        }
        let lowest = max(start, insert.lowerBound), highest = min(end, insert.upperBound)
        result.reads += 1
        let readEnd = Int(bam_endpos(b))  // once per read (htslib walks the CIGAR for it)
        for (i, s) in subregions.enumerated() where s.start < readEnd && s.end > pos { perSub[i] += 1 }
        let reverse = core.flag & UInt16(BAM_FREVERSE) != 0
        let strandOffset = reverse ? 1 : 0
        let paired = core.flag & UInt16(BAM_FPAIRED) != 0
        let read1 = core.flag & UInt16(BAM_FREAD1) != 0
        let f1r2: UInt32 = paired && (read1 != reverse) ? 1 : 0
        let readLength = walk.readLength
        let mapqCap = Int(core.qual) == 255 ? 60 : Int(core.qual)  // 255: unknown
        var skipBelow = Int.min
        if filter.countFragmentsOnce, core.flag & UInt16(BAM_FPAIRED) != 0, core.mtid == core.tid {
            // The name is hashed only when a look-up or an insertion needs it (most mates do not overlap).
            var key: MateKey?
            if !mateEnds.isEmpty {
                let k = MateKey(bits: AlignmentFile.mateKey(b))
                key = k
                if let firstEnd = mateEnds.removeValue(forKey: k) { skipBelow = firstEnd }
            }
            if skipBelow == Int.min, Int(core.mpos) >= pos, Int(core.mpos) < readEnd {
                mateEnds[key ?? MateKey(bits: AlignmentFile.mateKey(b))] = readEnd
            }
        }
        var lastRefBase = -1
        for step in walk {
            let len = step.length, refPos = step.refStart, qPos = step.queryStart
            switch step.op {
            case .match:
                let stepLo = max(refPos, lowest, skipBelow)
                let stepHi = min(refPos + len, highest)
                var part = 0
                repeat {
                    var lo = stepLo, hi = stepHi
                    if let baseParts {  // only where the caller keeps counts
                        guard part < baseParts.count else { break }
                        lo = max(lo, baseParts[part].lowerBound)
                        hi = min(hi, baseParts[part].upperBound)
                        part += 1
                    }
                    // The step's bounds are checked here once, not per base: the CIGAR walk keeps a
                    // match step inside the read's bases, and lowest/highest keep it inside the region
                    // (a step failing the check cannot occur; it would count nothing).
                    let q0 = qPos + (lo - refPos), qEnd = qPos + (hi - refPos)
                    if lo < hi, q0 >= 0, qEnd <= readLength, lo >= start, hi <= end,
                       let fields = f.baseAddress, let refs = rs.baseAddress, let pairs = pairSlots.baseAddress {
                        let quals = walk.qual, seq = walk.seq
                        var cell = fields + (lo - start) * stride + strandOffset
                        var refAt = refs + (lo - start)
                        // A non-reference base's statistics: read-end distance, orientation, error.
                        @inline(__always) func alternate(_ base: Int, at q: Int, quality baseQuality: UInt8) {
                            let r = lo + (q - q0)
                            let o = (r - start) * stride
                            let fromEnd = min(q, readLength - 1 - q)
                            // Amplicon reads: from the primer-trimmed insert's ends (where the sample's bases end).
                            let shown = amplicons == nil ? fromEnd : min(r - insert.lowerBound, insert.upperBound - 1 - r)
                            f[o + RegionCounts.endDistanceField + base] += UInt32(shown)
                            f[o + RegionCounts.f1r2Field + base] += f1r2
                            // Per-read error: the weakest of base quality, mapping quality and a
                            // read-end penalty (Q20 at the last base, rising 2 per base inwards).
                            let q = min(Int(baseQuality), mapqCap, 20 + 2 * fromEnd, 93)
                            f[o + RegionCounts.errorField + base] += microError[q]
                        }
                        let minBQ8 = UInt64(minBQ) &* 0x0101_0101_0101_0101  // minBQ in every byte
                        var q = q0
                        var singlesTo = q0  // bases before this go one at a time (a block here just failed)
                        while q < qEnd {
                            // Eight bases at once where they start a packed byte and all are below 128
                            // (tested bytewise in one word): their slots come two per byte from
                            // `pairSlots`. When all eight pass the quality minimum, one compare of the
                            // eight against the reference slots finds the usual case of no alternate
                            // base; otherwise only the passing ones count (a byte's high bit in `pass`),
                            // as one at a time would (about a third of blocks of Illumina-like
                            // qualities hold a base below Q20: they went one by one before).
                            if q & 1 == 0, q >= singlesTo, qEnd - q >= 8, minBQ <= 0x80 {
                                let q8 = UnsafeRawPointer(quals + q).loadUnaligned(as: UInt64.self)
                                let high: UInt64 = 0x8080_8080_8080_8080
                                if q8 & high == 0 {
                                    // Each byte's high bit set and minBQ <= 0x80: no borrow crosses a byte,
                                    // and a byte keeps its high bit exactly when its quality is >= minBQ.
                                    let pass = ((q8 | high) &- minBQ8) & high
                                    let s4 = UnsafeRawPointer(seq + (q &>> 1)).loadUnaligned(as: UInt32.self)
                                    let slots = UInt64(pairs[Int(s4 & 0xFF)]) | UInt64(pairs[Int(s4 &>> 8 & 0xFF)]) &<< 16
                                        | UInt64(pairs[Int(s4 &>> 16 & 0xFF)]) &<< 32 | UInt64(pairs[Int(s4 &>> 24)]) &<< 48
                                    if pass == high {
                                        for i in 0..<8 {
                                            cell[i &* stride &+ 2 &* Int(truncatingIfNeeded: slots &>> UInt64(8 &* i) & 0xFF)] &+= 1
                                        }
                                        if slots != UnsafeRawPointer(refAt).loadUnaligned(as: UInt64.self) {
                                            for i in 0..<8 {
                                                let base = Int(truncatingIfNeeded: slots &>> UInt64(8 &* i) & 0xFF)
                                                if base < 4 && base != Int(refAt[i]) { alternate(base, at: q + i, quality: quals[q + i]) }
                                            }
                                        }
                                    } else if pass != 0 {
                                        for i in 0..<8 where pass &>> UInt64(8 &* i &+ 7) & 1 != 0 {
                                            let base = Int(truncatingIfNeeded: slots &>> UInt64(8 &* i) & 0xFF)
                                            cell[i &* stride &+ 2 &* base] &+= 1
                                            if base < 4 && base != Int(refAt[i]) { alternate(base, at: q + i, quality: quals[q + i]) }
                                        }
                                    }
                                    q &+= 8
                                    cell += 8 &* stride
                                    refAt += 8
                                    continue
                                }
                                singlesTo = q &+ 8  // one base below the minimum: these eight one by one
                            }
                            defer { q &+= 1; cell += stride; refAt += 1 }
                            let baseQuality = quals[q]
                            guard baseQuality >= minBQ else { continue }
                            // htslib's bam_seqi: the high nibble holds the even-indexed base.
                            let base = AlignmentFile.slot(Int(seq[q &>> 1] &>> ((UInt8(truncatingIfNeeded: q) & 1 ^ 1) &<< 2)))
                            cell[2 &* base] &+= 1  // UInt32 per position: wraps only past 4 billion reads
                            if base < 4 && base != Int(refAt.pointee) { alternate(base, at: q, quality: baseQuality) }
                        }
                    }
                } while baseParts != nil
                lastRefBase = refPos + len - 1
            case .insertion:
                if lastRefBase >= max(lowest, skipBelow) && lastRefBase < highest {
                    var s = ""
                    s.reserveCapacity(len)
                    for k in 0..<len {
                        s.unicodeScalars.append(UnicodeScalar(AlignmentFile.baseLetter[walk.baseCode(qPos + k)]))
                    }
                    let key = RegionCounts.IndelKey(anchor: lastRefBase, deletedLength: 0, inserted: s)
                    result.indels[key, default: .init()].add(reverse: reverse)
                }
            case .deletion:
                if refPos >= max(lowest, skipBelow) && refPos < highest && (amplicons == nil || refPos + len <= highest) && lastRefBase >= 0 {
                    let key = RegionCounts.IndelKey(anchor: refPos - 1, deletedLength: len, inserted: "")
                    result.indels[key, default: .init()].add(reverse: reverse)
                }
                let lo = max(refPos, lowest, skipBelow)
                let hi = min(refPos + len, highest)
                if lo < hi {
                    for r in lo..<hi { f[(r - start) * stride + RegionCounts.deletionField + strandOffset] += 1 }
                }
                lastRefBase = refPos + len - 1
            case .skip:
                lastRefBase = -1
            case .softClip:
                // Keep clips of ≥ 4 bases at junctions inside the region, unless the mate counted there already.
                let leading = refPos == pos
                let junction = refPos
                if len >= 4, junction >= max(lowest, skipBelow), junction < highest {
                    let take = min(len, 30)
                    let from = leading ? qPos + len - take : qPos
                    let bases = (0..<take).map { AlignmentFile.baseLetter[walk.baseCode(from + $0)] }
                    result.clips.append(RegionCounts.SoftClip(junction: junction, leading: leading, bases: bases, reverse: reverse))
                }
            case .other:
                break
            }
        }
    }
}
