import CHTSlib

extension AlignmentFile {
    /// Mapped records per contig (header order) from the index, as `samtools idxstats` prints
    /// them: every record without the unmapped flag, duplicates and secondary alignments included.
    /// Costs no read of the data. nil where the index keeps no counts (CRAM's .crai, a streamed SAM).
    package func mappedRecordsPerContig() throws -> [Int]? {
        try prepareIndex()
        guard indexSource != .streaming, let idx else { return nil }
        var out: [Int] = []
        for tid in 0..<max(0, sam_hdr_nref(hdr)) {
            var mapped: UInt64 = 0, unmapped: UInt64 = 0
            // -1: this index type has no counts; a contig without records also returns -1 in a BAI
            // (no pseudo-bin), which is 0 records.
            if hts_idx_get_stat(idx, tid, &mapped, &unmapped) < 0 {
                guard format == .bam else { return nil }
                out.append(0)
            } else {
                out.append(Int(mapped))
            }
        }
        return out
    }

    /// Mapped records (the same records `mappedRecordsPerContig` counts) whose leftmost aligned
    /// base lies in one of `regions`. Each record is counted once if the regions do not overlap.
    package func mappedRecordsStarting(in regions: [GenomicRegion]) throws -> Int {
        var n = 0
        for r in regions {
            try forEachRecord(in: r) { b in
                let c = b.pointee.core
                if c.flag & UInt16(BAM_FUNMAP) == 0 && Int(c.pos) >= r.start && Int(c.pos) < r.end { n += 1 }
            }
        }
        return n
    }

    /// The compressed bytes an index query of `region` reads (the sum of its chunks' spans in the
    /// file), or nil without a BAM index: the work of reading the region, to divide it among threads.
    package func indexedBytes(in region: GenomicRegion) -> Int? {
        indexedSpan(in: region)?.bytes
    }

    /// What an index query of `region` reads: its compressed bytes (`indexedBytes`) and the virtual
    /// offsets (BGZF block's file offset << 16 | offset inside it) of its first chunk's start and its
    /// last chunk's end; nil without a BAM index. Two queries whose ranges do not overlap read no
    /// record twice: `TargetCounter` cuts a run of clusters for threads only where that holds.
    package func indexedSpan(in region: GenomicRegion) -> IndexedSpan? {
        guard format == .bam, indexSource == .beside || indexSource == .temporary, let idx else { return nil }
        let tid = sam_hdr_name2tid(hdr, region.contig)
        guard tid >= 0, let itr = sam_itr_queryi(idx, tid, hts_pos_t(region.start), hts_pos_t(region.end)) else { return nil }
        defer { hts_itr_destroy(itr) }
        let it = itr.pointee
        guard it.n_off > 0, let off = it.off else { return IndexedSpan(bytes: 0, offsets: nil) }
        var n = 0
        var lo = UInt64.max, hi: UInt64 = 0
        for i in 0..<Int(it.n_off) {
            // Virtual offsets: the block's file offset in the high 48 bits.
            n += Int(truncatingIfNeeded: (off[i].v &>> 16) &- (off[i].u &>> 16)) + 1
            lo = min(lo, off[i].u)
            hi = max(hi, off[i].v)
        }
        return IndexedSpan(bytes: n, offsets: lo..<hi)
    }
}

/// The part of a BAM an index query reads (`AlignmentFile.indexedSpan`).
package struct IndexedSpan: Sendable, Equatable {
    /// Compressed bytes over all chunks (each chunk's blocks, counted from block start to block start, plus one).
    package var bytes: Int
    /// Virtual offsets from the first chunk's start to the last chunk's end; nil when the query reads nothing.
    package var offsets: Range<UInt64>?

    package init(bytes: Int, offsets: Range<UInt64>?) {
        self.bytes = bytes
        self.offsets = offsets
    }
}
