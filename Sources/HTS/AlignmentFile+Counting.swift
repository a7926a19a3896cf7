import CHTSlib
#if canImport(Glibc)
import Glibc
#endif

private func pow10(_ x: Double) -> Double { pow(10, x) }

extension AlignmentFile {
    /// Counts bases and indels at every position of `region` by walking CIGARs directly.
    ///
    /// No depth cap (htslib's pileup stops at 8000 reads unless told otherwise). With
    /// `filter.countFragmentsOnce`, where two mates overlap only the mate met first in
    /// coordinate order counts over the shared positions.
    package func counts(in region: GenomicRegion, filter: ReadFilter) throws -> RegionCounts {
        try counts(in: region, filter: filter, subregions: []).counts
    }

    /// Counts a whole span with one index query (so no BGZF block is inflated twice), and also
    /// returns how many filtered reads overlap each of `subregions` (which lie inside the span).
    ///
    /// `referenceBases` (the span's reference, upper case) lets the counter keep the per-allele
    /// statistics (read-end distance, orientation, error) only for non-reference bases, the
    /// alleles under test; without it they are kept for every base.
    ///
    /// `amplicons` (amplicon mode): each read counts only over the insert of the amplicon it matches
    /// (`AmpliconTrim`), its read-end distance is measured from that insert's ends, and a read that
    /// matches none is left out (tallied in `readsOutsideAmplicons`).
    ///
    /// `recordStartsIn` (0-based ranges on the region's contig, disjoint): the query is widened to
    /// cover them and the mapped records starting in them are counted (`recordsStarting`, as
    /// `mappedRecordsStarting` counts them), so that off-target counting needs no second read; the
    /// reads of the widening count for nothing else, and the counts are those of `region` alone.
    package func counts(in region: GenomicRegion, filter: ReadFilter, subregions: [GenomicRegion],
                       referenceBases: [UInt8]? = nil, amplicons: AmpliconTrim? = nil,
                       recordStartsIn starts: [Range<Int>] = []) throws -> (counts: RegionCounts, readsPerSubregion: [Int], recordsStarting: Int) {
        var result = RegionCounts(region: region)
        let refSlot = ReferenceSlots.of(referenceBases, length: region.length)
        var perSub = Array(repeating: 0, count: subregions.count)
        var mateEnds: [UInt64: Int] = [:]
        let minBQ = filter.minBaseQuality
        let start = region.start, end = region.end
        let stride = RegionCounts.fieldsPerPosition
        var query = region
        for r in starts {
            query.start = min(query.start, r.lowerBound)
            query.end = max(query.end, r.upperBound)
        }
        var started = 0
        try result.fields.withUnsafeMutableBufferPointer { f in
            try forEachRecord(in: query) { b in
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
                    Self.tallyExcluded(b, field: field, start: start, end: end, stride: stride, refSlot: refSlot, minBQ: minBQ, into: f)
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
                if !subregions.isEmpty {
                    let readEnd = Int(bam_endpos(b))
                    for (i, s) in subregions.enumerated() where s.start < readEnd && s.end > pos { perSub[i] += 1 }
                }
                let reverse = core.flag & UInt16(BAM_FREVERSE) != 0
                let strandOffset = reverse ? 1 : 0
                let paired = core.flag & UInt16(BAM_FPAIRED) != 0
                let read1 = core.flag & UInt16(BAM_FREAD1) != 0
                let f1r2: UInt32 = paired && (read1 != reverse) ? 1 : 0
                let readLength = walk.readLength
                let mapqCap = Int(core.qual) == 255 ? 60 : Int(core.qual)  // 255: unknown
                var skipBelow = Int.min
                if filter.countFragmentsOnce, core.flag & UInt16(BAM_FPAIRED) != 0, core.mtid == core.tid {
                    let key = Self.fragmentKey(b)
                    if let firstEnd = mateEnds.removeValue(forKey: key) {
                        skipBelow = firstEnd
                    } else if Int(core.mpos) >= pos {
                        let readEnd = Int(bam_endpos(b))
                        if Int(core.mpos) < readEnd { mateEnds[key] = readEnd }
                    }
                }
                var lastRefBase = -1
                for step in walk {
                    let len = step.length, refPos = step.refStart, qPos = step.queryStart
                    switch step.op {
                    case .match:
                        let lo = max(refPos, lowest, skipBelow)
                        let hi = min(refPos + len, highest)
                        if lo < hi {
                            for r in lo..<hi {
                                let q = qPos + (r - refPos)
                                let baseQuality = walk.quality(q)
                                guard baseQuality >= minBQ else { continue }
                                let base = Self.baseIndex[walk.baseCode(q)]
                                let o = (r - start) * stride
                                f[o + 2 * base + strandOffset] += 1
                                if base < 4 && base != refSlot[r - start] {
                                    let fromEnd = min(q, readLength - 1 - q)
                                    // Amplicon reads: from the primer-trimmed insert's ends (where the sample's bases end).
                                    let shown = amplicons == nil ? fromEnd : min(r - insert.lowerBound, insert.upperBound - 1 - r)
                                    f[o + RegionCounts.endDistanceField + base] += UInt32(shown)
                                    f[o + RegionCounts.f1r2Field + base] += f1r2
                                    // Per-read error: the weakest of base quality, mapping quality and a
                                    // read-end penalty (Q20 at the last base, rising 2 per base inwards).
                                    let q = min(Int(baseQuality), mapqCap, 20 + 2 * fromEnd, 93)
                                    f[o + RegionCounts.errorField + base] += Self.microError[q]
                                }
                            }
                        }
                        lastRefBase = refPos + len - 1
                    case .insertion:
                        if lastRefBase >= max(lowest, skipBelow) && lastRefBase < highest {
                            var s = ""
                            s.reserveCapacity(len)
                            for k in 0..<len {
                                s.unicodeScalars.append(UnicodeScalar(Self.baseLetter[walk.baseCode(qPos + k)]))
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
                            let bases = (0..<take).map { Self.baseLetter[walk.baseCode(from + $0)] }
                            result.clips.append(RegionCounts.SoftClip(junction: junction, leading: leading, bases: bases, reverse: reverse))
                        }
                    case .other:
                        break
                    }
                }
            }
        }
        return (result, perSub, started)
    }

    /// Adds one to `field` + base for every non-reference base of an excluded read in the region.
    static func tallyExcluded(_ b: UnsafeMutablePointer<bam1_t>, field: Int, start: Int, end: Int, stride: Int,
                              refSlot: [Int], minBQ: UInt8, into f: UnsafeMutableBufferPointer<UInt32>) {
        guard let walk = CigarWalk(b) else { return }
        for step in walk where step.op == .match {
            let refPos = step.refStart, qPos = step.queryStart
            let lo = max(refPos, start), hi = min(refPos + step.length, end)
            guard lo < hi else { continue }
            for r in lo..<hi {
                let q = qPos + (r - refPos)
                let base = baseIndex[walk.baseCode(q)]
                if base < 4 && base != refSlot[r - start] && walk.quality(q) >= minBQ { f[(r - start) * stride + field + base] += 1 }
            }
        }
    }

    /// Phred base quality to error probability, in millionths.
    static let microError: [UInt32] = (0...93).map { UInt32((1e6 * pow10(-Double($0) / 10)).rounded()) }

    /// htslib's 4-bit base code to a count slot: A C G T, everything else N.
    static let baseIndex: [Int] = [4, 0, 1, 4, 2, 4, 4, 4, 3, 4, 4, 4, 4, 4, 4, 4]
    /// htslib's 4-bit base code to its IUPAC letter.
    static let baseLetter: [UInt8] = Array("=ACMGRSVTWYHKDBN".utf8)

    /// FNV-1a of the read name: identifies the two mates of a fragment.
    @inline(__always)
    static func fragmentKey(_ b: UnsafeMutablePointer<bam1_t>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var p = UnsafeRawPointer(g2t_bam_get_qname(b)).assumingMemoryBound(to: UInt8.self)
        while p.pointee != 0 {
            h = (h ^ UInt64(p.pointee)) &* 0x100_0000_01b3
            p += 1
        }
        return h
    }
}

extension RegionCounts.StrandCount {
    @inline(__always)
    package mutating func add(reverse: Bool) {
        if reverse { self.reverse += 1 } else { forward += 1 }
    }
}
