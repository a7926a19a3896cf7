import CHTSlib

/// What `AlignmentFile.counts(in:…)` counts over one span: the region, the parts it also reports
/// reads for, its reference, amplicon windows and the ranges whose record starts it tallies.
package struct SpanRequest {
    package var region: GenomicRegion
    package var subregions: [GenomicRegion]
    package var referenceBases: [UInt8]?
    package var amplicons: AmpliconTrim?
    package var recordStartsIn: [Range<Int>]
    /// Base counts are wanted only inside `subregions` (the caller keeps only their slices): the
    /// per-base tally of the passing reads skips the rest of the region, whose base and statistic
    /// fields are then incomplete. Reads, indels, clips, deletions and excluded reads are counted as
    /// without it.
    package var basesOnlyInSubregions: Bool

    package init(region: GenomicRegion, subregions: [GenomicRegion], referenceBases: [UInt8]? = nil,
                 amplicons: AmpliconTrim? = nil, recordStartsIn: [Range<Int>] = [], basesOnlyInSubregions: Bool = false) {
        self.region = region
        self.subregions = subregions
        self.referenceBases = referenceBases
        self.amplicons = amplicons
        self.recordStartsIn = recordStartsIn
        self.basesOnlyInSubregions = basesOnlyInSubregions
    }
}

/// The counting state of one span, fed the records of its `query` in file order (`add`), so that
/// one pass over a file can feed several spans (`AlignmentFile.counts(spans:filter:)`).
/// A value owned by one worker from `init` to `finish`; its buffers are freed with the last copy.
struct SpanTally {
    /// The per-position counts (`RegionCounts` layout, in a storage `finish` hands over), the reference
    /// slot of each position (one byte, so eight compare at once) and the look-up tables of the per-base
    /// loop, held by pointer so that the loop indexes them without a per-read array access or a global's
    /// initialisation check.
    final class Buffers {
        let counts: CountFields.Storage
        let fields: UnsafeMutableBufferPointer<UInt32>
        let refSlots: UnsafeMutableBufferPointer<UInt8>
        /// Both slots of a packed byte of bases: the even-indexed (high nibble) base's slot in the low byte.
        let pairSlots: UnsafeMutableBufferPointer<UInt16>
        let microError: UnsafeMutableBufferPointer<UInt32>
        /// The reads per subregion (an array here took a uniqueness check per read).
        let perSub: UnsafeMutableBufferPointer<Int>
        /// Each subregion's start and end, in turn: the per-read overlap test reads them without copying
        /// a `GenomicRegion` (its contig String) per subregion.
        let subBounds: UnsafeMutableBufferPointer<Int>
        /// `baseParts` (none without it).
        let parts: UnsafeMutableBufferPointer<Range<Int>>
        /// How many of the names waiting in the mate dictionary fall in each of `MateKey.filterSlots`
        /// slots (`MateKey.filterSlot(of:)`, a counting filter): a read whose slot holds none has no mate
        /// waiting, and skips hashing its name and the look-up (~190,000 look-ups at ~1,000× found ~5,000
        /// mates: the misses cost ~11 M instructions, the hashing ~10 M).
        let mateSlots: UnsafeMutableBufferPointer<UInt32>
        /// Deferred bases only (`ReadBases`): per strand (`positions` + 1 entries each, forward first) the
        /// difference array of the reads' reference-equal usable bases, summed into the counts by `finish`.
        let refRuns: UnsafeMutableBufferPointer<Int32>
        let positions: Int

        init(positions: Int, referenceBases: [UInt8]?, subregions: [GenomicRegion], parts: [Range<Int>], deferred: Bool) {
            self.positions = positions
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
            perSub = .allocate(capacity: subregions.count)
            perSub.initialize(repeating: 0)
            subBounds = .allocate(capacity: 2 * subregions.count)
            _ = subBounds.initialize(from: subregions.lazy.flatMap { [$0.start, $0.end] })
            self.parts = .allocate(capacity: parts.count)
            _ = self.parts.initialize(from: parts)
            mateSlots = .allocate(capacity: MateKey.filterSlots)
            mateSlots.initialize(repeating: 0)
            refRuns = .allocate(capacity: deferred ? 2 * (positions + 1) : 0)
            refRuns.initialize(repeating: 0)
        }

        deinit {
            refSlots.deallocate()
            pairSlots.deallocate()
            microError.deallocate()
            perSub.deallocate()
            subBounds.deallocate()
            parts.deallocate()
            mateSlots.deallocate()
            refRuns.deallocate()
        }
    }

    /// The index query whose records `add` expects: the region, widened over `recordStartsIn`.
    let query: GenomicRegion
    private let buffers: Buffers
    private let filter: ReadFilter
    private let amplicons: AmpliconTrim?
    private let starts: [Range<Int>]
    /// With `basesOnlyInSubregions`: the subregions merged and sorted, where the per-base tally runs.
    private let baseParts: [Range<Int>]?
    private let start: Int, end: Int, minBQ: UInt8
    private var result: RegionCounts
    private var mateEnds = MateEndTable()
    private var started = 0

    /// `deferredBases`: `add(…deferBases: true)` may leave a read's match bases to the caller (`ReadBases`).
    init(_ request: SpanRequest, filter: ReadFilter, deferredBases: Bool = false) {
        let region = request.region
        self.filter = filter
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
        buffers = Buffers(positions: max(0, region.length), referenceBases: request.referenceBases, subregions: request.subregions,
                          parts: baseParts ?? [], deferred: deferredBases)
    }

    /// Lets the waiting-mate table go: for a tally whose region the records have passed (a later record of its
    /// query starts at or after the region's end, so `add` never looks a mate up again). The table keeps the room of
    /// its fullest moment, twice the mates waiting at once (~20,000 entries a cluster at ~44,000x): held by every
    /// cluster of a one-query pass until its end, +9 MiB peak over every EGFR target (branch rt1).
    mutating func releaseMates() {
        mateEnds = MateEndTable()
    }

    /// The counts, the reads per subregion and the record starts tallied: what `counts(in:…)` returns.
    /// The counts take the fields' buffer over, not a copy: the tally's last use (no `add` after it).
    consuming func finish() -> (counts: RegionCounts, readsPerSubregion: [Int], recordsStarting: Int) {
        ReadBases.addRuns(buffers)
        var out = result
        out.fields = CountFields(handingOver: buffers.counts)
        return (out, Array(buffers.perSub), started)
    }

    /// Counts one record of `query` (records must come in file order: the mate overlap depends on it).
    /// `knownEnd`: the record's `bam_endpos`, when the caller has it already (htslib walks the CIGAR for it);
    /// `queryLength`: its `bam_cigar2qlen`, likewise.
    /// `deferBases` (a tally made with `deferredBases`, no amplicons): everything but the bases of the
    /// read's match steps is counted here, and those are left to the returned `ReadBases` (nil: nothing is
    /// left, the read was excluded or counted whole). The caller must hand it every match base of the
    /// read inside the region (`ReadBases.add`, or `ReadBases.addAll`) before the next record.
    /// `nameKey`: the record's `AlignmentFile.mateKey`, when the caller has it (UMI mode computes it for every read).
    @discardableResult
    mutating func add(_ b: UnsafeMutablePointer<bam1_t>, end knownEnd: Int? = nil, queryLength: Int? = nil, deferBases: Bool = false,
                      nameKey: UInt64? = nil) -> ReadBases? {
        let start = start, end = end, stride = RegionCounts.fieldsPerPosition, minBQ = minBQ, filter = filter, amplicons = amplicons
        // The parts by pointer: the loops below index them without an optional array's checks.
        let partsOn = baseParts != nil
        let baseParts = UnsafeBufferPointer(buffers.parts)
        let f = buffers.fields, rs = buffers.refSlots, pairSlots = buffers.pairSlots, microError = buffers.microError
        let core = b.pointee.core
        // The waiting mate is looked up below, in a table by name that mostly misses the cache: its entry is fetched
        // meanwhile (the look-up waited for memory in ~7% of a UMI run's samples at ~21,300x, branch pf1).
        if let nameKey, !mateEnds.isEmpty { mateEnds.prefetch(nameKey) }
        if !starts.isEmpty {
            let at = Int(core.pos)
            if core.flag & UInt16(BAM_FUNMAP) == 0 {
                for r in starts where r.contains(at) {
                    started += 1
                    break
                }
            }
            // The records the region's own query returns (htslib: pos < end, end position > start).
            guard at < end, at >= start || (knownEnd ?? Int(bam_endpos(b))) > start else { return nil }
        }
        guard filter.accepts(flag: core.flag, mapq: core.qual) else {
            // Reads excluded only for mapping quality or duplication still say which
            // non-reference alleles they carry, for the low_mapq and duplicate filters.
            let otherFlags = filter.excludeFlags & ~UInt16(BAM_FDUP)
            guard core.flag & otherFlags == 0 else { return nil }
            let field = core.flag & UInt16(BAM_FDUP) != 0 ? RegionCounts.duplicateField : RegionCounts.lowMapqField
            AlignmentFile.tallyExcluded(b, field: field, start: start, end: end, stride: stride, refSlot: UnsafeBufferPointer(rs), minBQ: minBQ, into: f)
            return nil
        }
        guard let walk = CigarWalk(b, queryLength: queryLength) else {
            result.readsWithoutBases += 1
            return nil
        }
        let pos = Int(core.pos)
        // Amplicon mode: only the insert of the read's amplicon counts (primer bases are the primer's).
        var insert = Int.min..<Int.max
        if let amplicons {
            guard let w = amplicons.match(start: pos, end: knownEnd ?? Int(bam_endpos(b))) else {
                result.readsOutsideAmplicons += 1
                return nil
            }
            insert = w.insertStart..<w.insertEnd
            if core.flag & UInt16(BAM_FPAIRED) == 0 || core.flag & UInt16(BAM_FREAD1) != 0 { result.ampliconFragments[w.id, default: 0] += 1 }
        }
        let lowest = max(start, insert.lowerBound), highest = min(end, insert.upperBound)
        result.reads += 1
        let readEnd = knownEnd ?? Int(bam_endpos(b))  // once per read (htslib walks the CIGAR for it)
        let perSub = buffers.perSub, subBounds = buffers.subBounds
        for i in perSub.indices where subBounds[2 &* i] < readEnd && subBounds[2 &* i &+ 1] > pos { perSub[i] &+= 1 }
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
                // The slot's count is that of the waiting names in it: zero, and no name equal to this one
                // waits, so neither the name's key nor the look-up is needed. (A look-up so skipped could
                // only have found another name whose 64-bit key is the same: as rare as any 64-bit collision.)
                let slot = MateKey.filterSlot(of: b)
                if buffers.mateSlots[slot] != 0 {
                    let k = MateKey(bits: nameKey ?? AlignmentFile.mateKey(b))
                    key = k
                    if let firstEnd = mateEnds.remove(k.bits) {
                        skipBelow = firstEnd.end
                        buffers.mateSlots[slot] -= 1
                    }
                }
            }
            if skipBelow == Int.min, Int(core.mpos) >= pos, Int(core.mpos) < readEnd {
                let k = key ?? MateKey(bits: nameKey ?? AlignmentFile.mateKey(b))
                if mateEnds.set(k.bits, MateEnd(end: readEnd)) == nil { buffers.mateSlots[MateKey.filterSlot(of: b)] += 1 }
            }
        }
        // The match bases left to the caller: they come already decoded from its own pass over the read.
        let deferred = deferBases && amplicons == nil && buffers.refRuns.count > 0
        var lastRefBase = -1
        // With `baseParts`: the first part that can still meet a match step. Steps come in reference
        // order, so a part ending at or before one step's first counted position meets no later step.
        var firstPart = 0
        for step in walk {
            let len = step.length, refPos = step.refStart, qPos = step.queryStart
            switch step.op {
            case .match where deferred:
                lastRefBase = refPos + len - 1
            case .match:
                let stepLo = max(refPos, lowest, skipBelow)
                let stepHi = min(refPos + len, highest)
                if partsOn {
                    while firstPart < baseParts.count, baseParts[firstPart].upperBound <= stepLo { firstPart += 1 }
                }
                var part = firstPart
                repeat {
                    var lo = stepLo, hi = stepHi
                    if partsOn {  // only where the caller keeps counts; parts are sorted and disjoint
                        guard part < baseParts.count, baseParts[part].lowerBound < stepHi else { break }
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
                        // Wrapping index arithmetic: q0 <= q < qEnd <= readLength and start <= lo <= r < hi <= end
                        // (checked above), so none of it can overflow; the counts' own adds still trap.
                        @inline(__always) func alternate(_ base: Int, at q: Int, quality baseQuality: UInt8) {
                            let r = lo &+ (q &- q0)
                            let o = (r &- start) &* stride
                            let fromEnd = min(q, readLength &- 1 &- q)
                            // Amplicon reads: from the primer-trimmed insert's ends (where the sample's bases end).
                            let shown = amplicons == nil ? fromEnd : min(r &- insert.lowerBound, insert.upperBound &- 1 &- r)
                            let cell = fields + (o &+ base)
                            cell[RegionCounts.endDistanceField] += UInt32(truncatingIfNeeded: shown)
                            cell[RegionCounts.f1r2Field] += f1r2
                            // Per-read error: the weakest of base quality, mapping quality and a
                            // read-end penalty (Q20 at the last base, rising 2 per base inwards).
                            let q = min(Int(baseQuality), mapqCap, 20 &+ 2 &* fromEnd, 93)
                            cell[RegionCounts.errorField] += microError[q]
                        }
                        // The bytes of a block whose base is an alternate worth its statistics (high bit of
                        // each): passing (`pass`), a base (slot 0-3: bit 2 clear) and not the reference slot.
                        // Slots are 0-5, so a byte of `slots ^ ref` plus 0x7F carries into its high bit
                        // exactly when it is non-zero, and never into the next byte.
                        @inline(__always) func alternates(_ slots: UInt64, _ pass: UInt64) -> UInt64 {
                            let differs = ((slots ^ UnsafeRawPointer(refAt).loadUnaligned(as: UInt64.self)) &+ 0x7F7F_7F7F_7F7F_7F7F)
                            return differs & (~slots &<< 5) & pass
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
                                    } else if pass != 0 {
                                        // Each base adds its pass bit (0 or 1): no branch per base.
                                        for i in 0..<8 {
                                            cell[i &* stride &+ 2 &* Int(truncatingIfNeeded: slots &>> UInt64(8 &* i) & 0xFF)]
                                                &+= UInt32(truncatingIfNeeded: pass &>> UInt64(8 &* i &+ 7) & 1)
                                        }
                                    }
                                    // Alternates in base order, as one at a time would find them.
                                    var alts = pass == 0 ? 0 : alternates(slots, pass)
                                    while alts != 0 {
                                        let i = alts.trailingZeroBitCount &>> 3
                                        alternate(Int(truncatingIfNeeded: slots &>> UInt64(8 &* i) & 0xFF), at: q &+ i, quality: quals[q &+ i])
                                        alts &= alts &- 1
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
                } while partsOn
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
        guard deferred else { return nil }
        guard let runs = buffers.refRuns.baseAddress, let refs = rs.baseAddress, let fields = f.baseAddress,
              let micro = microError.baseAddress else { return nil }
        return ReadBases(runs: runs, positions: buffers.positions, refSlots: refs, fields: fields, microError: micro,
                         parts: UnsafeBufferPointer(buffers.parts), start: start, end: end, from: max(lowest, skipBelow), strandOffset: strandOffset, f1r2: f1r2,
                         mapqCap: mapqCap, readLength: readLength, minBQ: minBQ, partsOn: partsOn)
    }
}



/// A mate key (`AlignmentFile.mateKey`) and the counting filter's slot of a name. `SpanTally` keys its waiting
/// mates by `bits` (`MateEndTable`, branch rt1); as a dictionary key (the test reference tally's): the key is already a mixed 64-bit hash,
/// so it is its own hash value: hashing it again with SipHash (`Hasher`) cost ~2.6% of the native
/// samples at ~1,000× (`Hasher._hash` and the look-up), for no better spread. (Names crafted to
/// collide could slow the look-ups, never change them.)
struct MateKey: Hashable {
    let bits: UInt64

    func hash(into hasher: inout Hasher) { hasher.combine(bits) }

    /// Slots of the tally's counting filter over the waiting mates: ~5,000 mates waited in ~100 spans at
    /// ~1,000×, so 512 slots (2 kB a span to clear) leave most misses at a zero slot.
    static let filterSlots = 512

    /// A read name's slot in that filter: its stored length and last eight stored bytes (the name's end,
    /// its NUL and padding: the same for equal names, as the key's bytes are), mixed, top 9 bits. One load
    /// and a multiply where the key (`AlignmentFile.mateKey`) mixes every eight bytes of the name.
    @inline(__always)
    static func filterSlot(of b: UnsafeMutablePointer<bam1_t>) -> Int {
        let n = Int(b.pointee.core.l_qname)
        let p = UnsafeRawPointer(g2t_bam_get_qname(b))
        var w = UInt64(truncatingIfNeeded: n)
        if n >= 8 {
            w ^= p.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
        } else {
            for i in 0..<n { w = w &<< 8 | UInt64(p.load(fromByteOffset: i, as: UInt8.self)) }
        }
        return Int(truncatingIfNeeded: (w &* 0x9E37_79B9_7F4A_7C15) &>> 55)
    }

    // Dictionary asks for this; the per-dictionary seed is mixed in as Hasher would.
    func _rawHashValue(seed: Int) -> Int { Int(truncatingIfNeeded: bits) ^ seed }
}
