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
        var tally = SpanTally(SpanRequest(region: region, subregions: subregions, referenceBases: referenceBases,
                                          amplicons: amplicons, recordStartsIn: starts), filter: filter)
        try forEachRecord(in: tally.query) { tally.add($0) }
        return tally.finish()
    }

    /// `counts(in:…)` of each span, in order, the spans sorted on one contig with disjoint queries
    /// (`SpanTally.query`): from a BAM with an index, one index query over all of them decodes each
    /// record once and gives it to every span whose own query returns it (the same records, in the
    /// same order: file order), where a query per span would decode again the records of the BGZF
    /// chunks it shares with the previous span (BAI's linear index starts a query up to 16 kb early).
    package func counts(spans: [SpanRequest], filter: ReadFilter) throws -> [(counts: RegionCounts, readsPerSubregion: [Int], recordsStarting: Int)] {
        // The index first: a fresh handle (each counting worker's own) knows where its index comes from only
        // once it is loaded, and without it every span would take a query of its own.
        try prepareIndex()
        var tallies = spans.map { SpanTally($0, filter: filter) }
        let queries = tallies.map(\.query)
        let oneQuery = format == .bam && (indexSource == .beside || indexSource == .temporary) && queries.count > 1
            && queries.allSatisfy { $0.contig == queries[0].contig }
            && zip(queries, queries.dropFirst()).allSatisfy { $0.end <= $1.start }
        guard oneQuery, let first = queries.first, let last = queries.last else {
            return try tallies.map { t in
                var tally = t
                try forEachRecord(in: tally.query) { tally.add($0) }
                return tally.finish()
            }
        }
        try forEachRecord(inQueries: queries, union: GenomicRegion(contig: first.contig, start: first.start, end: last.end)) { b, k, lengths in
            tallies[k].add(b, end: lengths.end, queryLength: lengths.queryLength)
        }
        return tallies.map { $0.finish() }
    }

    /// One index query over `union` (the sorted, disjoint `queries`' extent) handing `body` each record once per
    /// query whose own htslib query would return it (it starts before the query's end and ends after its
    /// start), with the query's index and the record's end and query length from one CIGAR walk: what a
    /// query per span returns, in the same (file) order, without inflating again the BGZF blocks neighbouring
    /// queries share. The spans passes of raw reads (`counts(spans:)`) and of UMI mode (`moleculeCounts(spans:)`).
    func forEachRecord(inQueries queries: [GenomicRegion], union: GenomicRegion,
                       _ body: (UnsafeMutablePointer<bam1_t>, Int, CigarLengths) throws -> Void) throws {
        // The first query a record can still fall in: records come in position order (an indexed BAM is
        // sorted) and the queries are sorted and disjoint, so one a record starts at or past the end of
        // is past for every later record too (a scan from the first query cost ~1% of the instructions).
        var live = 0
        try forEachRecord(in: union) { b in
            let at = Int(b.pointee.core.pos)
            while live < queries.count, at >= queries[live].end { live += 1 }
            guard live < queries.count else { return }
            // Once per record: the later queries' test and each tally's read end and query length (the
            // tally would walk the CIGAR for them again), in one walk.
            let lengths = CigarLengths(b)
            let readEnd = lengths.end
            for k in live..<queries.count {
                let q = queries[k]
                if at < q.start {
                    guard readEnd > q.start else { break }  // the later queries start later still
                } else if at >= q.end {
                    continue
                }
                try body(b, k, lengths)
            }
        }
    }

    /// Adds one to `field` + base for every non-reference base of an excluded read in the region.
    static func tallyExcluded(_ b: UnsafeMutablePointer<bam1_t>, field: Int, start: Int, end: Int, stride: Int,
                              refSlot: UnsafeBufferPointer<UInt8>, minBQ: UInt8, into f: UnsafeMutableBufferPointer<UInt32>) {
        guard let walk = CigarWalk(b) else { return }
        for step in walk where step.op == .match {
            let refPos = step.refStart, qPos = step.queryStart
            let lo = max(refPos, start), hi = min(refPos + step.length, end)
            guard lo < hi else { continue }
            for r in lo..<hi {
                let q = qPos + (r - refPos)
                let base = baseIndex[walk.baseCode(q)]
                if base < 4 && base != Int(refSlot[r - start]) && walk.quality(q) >= minBQ { f[(r - start) * stride + field + base] += 1 }
            }
        }
    }

    /// Phred base quality to error probability, in millionths.
    static let microError: [UInt32] = (0...93).map { UInt32((1e6 * pow10(-Double($0) / 10)).rounded()) }

    /// htslib's 4-bit base code to a count slot: A C G T, everything else N.
    static let baseIndex: [Int] = [4, 0, 1, 4, 2, 4, 4, 4, 3, 4, 4, 4, 4, 4, 4, 4]
    /// `baseIndex` packed one slot per 4 bits (code 0 in the lowest): the per-base lookup of the
    /// tally loop without a table load or bounds check (`CountingSlotTests` pins it to `baseIndex`).
    @inline(__always)
    static func slot(_ code: Int) -> Int { Int(truncatingIfNeeded: (0x4444_4443_4442_4104 as UInt64) &>> (UInt64(code & 15) &* 4) & 15) }
    /// htslib's 4-bit base code to its IUPAC letter.
    static let baseLetter: [UInt8] = Array("=ACMGRSVTWYHKDBN".utf8)

    /// The counting pass's key of a read name, for its mate-overlap look-ups: the name's bytes as
    /// htslib stores them (`l_qname`: the name, its NUL and the NULs padding it to four bytes, a
    /// function of the name's length) mixed eight at a time. FNV-1a a byte at a time
    /// (`fragmentKey`) cost ~9% of the per-read tally on the deep BAMs' ~30-character names. Equal
    /// names give equal keys; unequal ones collide as rarely as any 64-bit hash (`MateKeyTests`).
    @inline(__always)
    static func mateKey(_ b: UnsafeMutablePointer<bam1_t>) -> UInt64 {
        let n = Int(b.pointee.core.l_qname)
        let p = UnsafeRawPointer(g2t_bam_get_qname(b))
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15  // 2^64 / golden ratio, odd: multiplying by it is a bijection
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: n)
        var i = 0
        while i &+ 8 <= n {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
            h ^= h &>> 32
            i &+= 8
        }
        var tail: UInt64 = 0
        if n &- i == 4 {  // htslib pads names to four bytes: the usual tail, as the byte loop reads it
            tail = UInt64(p.loadUnaligned(fromByteOffset: i, as: UInt32.self).bigEndian)
            i = n
        }
        while i < n {
            tail = tail &<< 8 | UInt64(p.load(fromByteOffset: i, as: UInt8.self))
            i &+= 1
        }
        h = (h ^ tail) &* k
        return h ^ h &>> 32
    }

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
