import CHTSlib

/// The molecule-counting state of one region (`AlignmentFile.moleculeCounts`), fed the records of its
/// query in file order (`add`), so that one pass over a file can feed several target clusters
/// (`AlignmentFile.moleculeCounts(spans:…)`), as `SpanTally` does for raw reads.
/// A value owned by one worker from `init` to `finish`.
struct UMIMoleculeTally {
    let region: GenomicRegion
    /// The extent of the counts: `region`, or it widened (`AlignmentFile.countedRegion`, branch bg1); `referenceBases` cover it.
    let counted: GenomicRegion
    let options: MoleculeCounting
    private var stats = UMIReadStats()
    private var perSub: [Int]
    /// The subregions' bounds as integers: iterating the regions copied (retained) each one's contig name per read.
    private let subStarts: [Int], subEnds: [Int]
    private var stream: UMIMoleculeStream

    init(region: GenomicRegion, counted: GenomicRegion? = nil, options: MoleculeCounting, subregions: [GenomicRegion], referenceBases: [UInt8]?) {
        self.region = region
        let counted = counted ?? region
        self.counted = counted
        self.options = options
        perSub = Array(repeating: 0, count: subregions.count)
        subStarts = subregions.map(\.start)
        subEnds = subregions.map(\.end)
        stream = UMIMoleculeStream(region: region, counted: counted, options: options, refSlot: ReferenceSlots.of(referenceBases, length: counted.length))
    }

    /// Adds one record the region's query returns (in file order). `knownEnd`: its `bam_endpos`, when the caller has it.
    /// `raw`: the raw tally's share of the read (`SpanTally.ReadBases`), handed each match step's bases as they
    /// are decoded here, when the read is decoded (true returned); else (false) the caller counts them.
    /// Its base-quality floor must be `options.filter`'s. `nameKey`: the record's `AlignmentFile.mateKey`, when the caller has it.
    @discardableResult
    mutating func add(_ b: UnsafeMutablePointer<bam1_t>, end knownEnd: Int? = nil, raw: SpanTally.ReadBases? = nil, nameKey: UInt64? = nil) -> Bool {
        let core = b.pointee.core
        // The window looks the name up last, in a table by name that mostly misses the cache: its entry is fetched
        // while the read is decoded (the look-up waited for memory in ~7% of a UMI run's samples at ~21,300x, branch pf1).
        if let nameKey { stream.prefetch(name: nameKey) }
        let filter = options.filter
        guard filter.accepts(flag: core.flag, mapq: core.qual), let walk = CigarWalk(b) else { return false }
        stats.reads += 1
        let start = region.start, end = region.end
        let pos = Int(core.pos), readEnd = knownEnd ?? Int(bam_endpos(b))
        for i in subStarts.indices where subStarts[i] < readEnd && subEnds[i] > pos { perSub[i] += 1 }
        // Coordinate order: the groups no read from this one on can join are finished and let go.
        stream.advance(to: pos)
        guard let umi = AlignmentFile.umiBytes(b, tag: options.tag) else {
            stats.untagged += 1
            return false
        }
        stats.tagged += 1
        if let p = UMI.problem(in: umi, maxN: options.maxN) {
            stats.malformed[p, default: 0] += 1
            return false
        }
        // The name hashed eight bytes at a time (`mateKey`); `fragmentKey` went a byte at a time.
        let name = nameKey ?? AlignmentFile.mateKey(b)
        // The read's bases inside the counted region, its indels inside the region.
        let lo = max(counted.start, pos), hi = min(counted.end, readEnd)
        let n = max(0, hi - lo)
        var read = AlignmentFile.UMIRead(name: name, refStart: lo, length: n, arena: stream.arena)
        var indels: [RegionCounts.IndelKey] = []
        var lastRefBase = -1
        do {
            // The read's 2·n bytes (`UMIRead`): slots at [0, n), qualities at [n, 2n).
            let buf = UnsafeMutableBufferPointer(start: read.pointer, count: 2 * n)
            for step in walk {
                let len = step.length, refPos = step.refStart, qPos = step.queryStart
                switch step.op {
                case .match:
                    // A match step's bases lie inside the read (`CigarWalk` checked the CIGAR against
                    // `l_qseq`), and the step's positions clipped to [lo, hi) inside the buffer.
                    let from = max(refPos, lo), to = min(refPos + len, hi)
                    if from < to, let slots = buf.baseAddress {
                        let query = qPos + (from - refPos)
                        AlignmentFile.fillMatch(seq: walk.seq, qual: walk.qual, query: query, count: to - from,
                                                minBQ: filter.minBaseQuality, slots: slots + (from - lo), qualities: slots + (n + from - lo))
                        // The raw counts from the same bytes, while they are in cache (`counted` holds the raw region).
                        raw?.add(slots: slots + (from - lo), qualities: slots + (n + from - lo), refStart: from, count: to - from, query: query)
                    }
                    lastRefBase = refPos + len - 1
                case .insertion:
                    if lastRefBase >= start && lastRefBase < end {
                        let s = String(decoding: (0..<len).map { AlignmentFile.baseLetter[walk.baseCode(qPos + $0)] }, as: UTF8.self)
                        indels.append(RegionCounts.IndelKey(anchor: lastRefBase, deletedLength: 0, inserted: s))
                    }
                case .deletion:
                    if refPos >= start && refPos < end && lastRefBase >= 0 {
                        indels.append(RegionCounts.IndelKey(anchor: refPos - 1, deletedLength: len, inserted: ""))
                    }
                    for r in max(refPos, lo)..<max(max(refPos, lo), min(refPos + len, hi)) { buf[r - lo] = ConsensusModel.deletion; buf[n + r - lo] = 30 }
                    lastRefBase = refPos + len - 1
                case .skip:
                    lastRefBase = -1
                case .softClip, .other:
                    break
                }
            }
        }
        read.indels = indels
        // Checked now, while the read's bytes are in cache: its family reads them again only where it must.
        if n > 0 && lo >= counted.start {
            let minQuality = stream.table.model.minInputQuality
            let bases = read.pointer
            read.clean = stream.refSlot8.withUnsafeBufferPointer { r in
                guard let refs = r.baseAddress, lo - counted.start + n <= r.count else { return false }
                // The bases below the read filter's floor are slot 6 already: at or above the consensus minimum, slots suffice.
                return filter.minBaseQuality >= minQuality
                    ? UMIFamilyMarks.allReference(slots: bases, refs: refs + (lo - counted.start), count: n)
                    : UMIFamilyMarks.allAgree(slots: bases, qualities: bases + n, refs: refs + (lo - counted.start), count: n, minQuality: minQuality)
            }
        }
        // The tag's bytes found and checked above (valid while `b` is: the closure runs inside `add`).
        stream.add(read, position: pos, mateStart: AlignmentFile.pendingMateStart(b),
                   observation: { AlignmentFile.umiObservation(b, umi: UMI.parse(checked: umi)) })
        return true
    }

    /// Finishes every group still held, letting its reads and the window's room go: for a tally that gets no more
    /// records (`finish` would finish them; the counts and statistics are the same either way).
    mutating func finishGroups() {
        stream.close()
    }

    /// The molecule counts, the reads per subregion and the UMI statistics: what `moleculeCounts(in:…)` returns.
    mutating func finish() -> (counts: RegionCounts, readsPerSubregion: [Int], stats: UMIReadStats) {
        stream.finishAll()
        // UMIs of another length than the region's usual one are read errors or a mixed library.
        let usual = stream.shares.max { ($0.value.templates, -$0.key) < ($1.value.templates, -$1.key) }?.key
        var result = RegionCounts(region: counted)
        for (length, share) in stream.shares {
            if length == usual {
                result = share.counts
                stats.families = UMISummaryOrder.families(share.families)
                // In `families`' order: the window finishes groups in an order that depends on its hashing.
                stats.molecules = UMISummaryOrder.molecules(share.molecules)
            } else {
                stats.malformed[.wrongLength, default: 0] += share.reads
            }
        }
        result.reads = stats.reads
        return (result, perSub, stats)
    }
}
