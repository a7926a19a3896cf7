import CHTSlib

/// How reads become molecules (`AlignmentFile.moleculeCounts`).
package struct MoleculeCounting: Sendable, Equatable {
    package var tag: UMITag
    /// Reads and bases that count; its duplicate flag is ignored (duplicates are family members).
    package var filter: ReadFilter
    /// N bases a UMI may hold.
    package var maxN: Int
    /// Families with fewer read pairs are not counted.
    package var minFamilySize: Int
    /// Count only molecules read on both strands.
    package var requireDuplex: Bool
    package var consensus: ConsensusModel

    package init(tag: UMITag, filter: ReadFilter, maxN: Int, minFamilySize: Int, requireDuplex: Bool, consensus: ConsensusModel) {
        self.tag = tag
        var f = filter
        f.excludeFlags &= ~UInt16(BAM_FDUP)
        self.filter = f
        self.maxN = maxN
        self.minFamilySize = minFamilySize
        self.requireDuplex = requireDuplex
        self.consensus = consensus
    }
}

/// What the molecule counter saw in a region: reads without a usable UMI are counted here, never dropped silently.
package struct UMIReadStats: Sendable, Equatable {
    /// Reads that passed the read filter (duplicates included).
    package var reads = 0
    package var tagged = 0
    package var untagged = 0
    /// Reads whose tag held no usable UMI, per reason.
    package var malformed: [UMI.Problem: Int] = [:]
    /// Families of the region: fragment ends, read pairs, both strands seen; counted or not.
    package var families: [FamilySummary] = []
    /// The counted families' consensus inside the region (not its flanks), as phasing reads it
    /// (`ConsensusMolecule`): filled by `moleculeCounts`; `ConsensusCounter` moves it out of the per-target stats.
    package var molecules: [ConsensusMolecule] = []

    package struct FamilySummary: Sendable, Hashable {
        package var umi: String
        package var start: Int
        package var end: Int
        package var size: Int
        package var duplex: Bool
        /// Passed the minimum family size and duplex requirement.
        package var counted: Bool
    }

    package init() {}
}

extension UMIReadStats.FamilySummary {
    /// A total order (ends, UMI, then the rest): two families may share ends and UMI, and the order
    /// in which they are finished differs between code paths.
    package static func precedes(_ a: Self, _ b: Self) -> Bool {
        (a.start, a.end, a.umi, a.size, a.duplex ? 1 : 0, a.counted ? 1 : 0)
            < (b.start, b.end, b.umi, b.size, b.duplex ? 1 : 0, b.counted ? 1 : 0)
    }
}

extension AlignmentFile {
    /// Whether the file's @HD line declares it sorted by read name (`SO:queryname`).
    package var isNameSorted: Bool {
        guard let text = sam_hdr_str(hdr) else { return false }
        let header = String(cString: text)
        guard let hd = header.split(separator: "\n").first(where: { $0.hasPrefix("@HD") }) else { return false }
        return hd.split(separator: "\t").contains("SO:queryname")
    }

    /// Of up to `limit` filtered reads in `regions`, how many there were and how many carry `tag` as a string.
    package func probeTag(_ tag: UMITag, regions: [GenomicRegion], filter: ReadFilter, limit: Int) throws -> (reads: Int, tagged: Int) {
        var reads = 0, tagged = 0
        var f = filter
        f.excludeFlags &= ~UInt16(BAM_FDUP)
        for region in regions where reads < limit {
            // Stops at the limit: the region's other records would not count (it read them all before, branch cf8).
            try forEachRecordWhile(in: region) { b in
                guard f.accepts(flag: b.pointee.core.flag, mapq: b.pointee.core.qual) else { return true }
                reads += 1
                if Self.umiString(b, tag: tag) != nil { tagged += 1 }
                return reads < limit
            }
        }
        return (reads, tagged)
    }

    /// The tag's value when it is a string (type Z).
    static func umiString(_ b: UnsafeMutablePointer<bam1_t>, tag: UMITag) -> String? {
        guard let aux = tag.withCName({ bam_aux_get(b, $0) }), aux.pointee == UInt8(ascii: "Z"), let s = bam_aux2Z(aux) else { return nil }
        return String(cString: s)
    }

    /// `umiString`'s bytes in the record itself (valid while `b` is): read once per read, where a
    /// String is made only for a template's first read (`umiString` then).
    static func umiBytes(_ b: UnsafeMutablePointer<bam1_t>, tag: UMITag) -> UnsafeBufferPointer<UInt8>? {
        switch scanAux(b, tag: tag) {
        case .found(let bytes): return bytes
        case .absent: return nil
        case .unsure: return htslibUMIBytes(b, tag: tag)
        }
    }

    /// What `scanAux` found.
    enum AuxScan {
        case found(UnsafeBufferPointer<UInt8>)
        case absent
        /// Something it leaves to htslib (`htslibUMIBytes`): a value type it does not skip (B), a value
        /// cut short, or the tag with another type than Z. htslib then judges, and logs, as it always did.
        case unsure
    }

    /// `htslibUMIBytes`' answer for well-formed aux data, walked here: `bam_aux_get`, `bam_aux2Z` and
    /// `strlen` were ~270 instructions a read (~27 M at ~20,800x, branch pr1), mostly the call and the
    /// skip of the tags before it. Steps as htslib's `bam_aux_first`/`bam_aux_next` do (a field starts
    /// where more than two bytes remain); the found Z value ends at its first NUL inside the record, as
    /// htslib checks it does.
    static func scanAux(_ b: UnsafeMutablePointer<bam1_t>, tag: UMITag) -> AuxScan {
        let c = b.pointee.core
        let end = Int(b.pointee.l_data)
        var s = Int(c.n_cigar) &* 4 &+ Int(c.l_qname) &+ (Int(c.l_qseq) &+ 1) / 2 &+ Int(c.l_qseq)
        guard let data = b.pointee.data, s >= 0, s <= end else { return .unsure }
        let (t0, t1) = tag.bytes
        // The end of the NUL-terminated value at v (its NUL's index), or nil when the record ends first.
        // `memchr`: a byte-at-a-time loop was ~6 instructions a byte, ~200 a read of two Z tags.
        func nul(from v: Int) -> Int? {
            guard v < end, let p = memchr(data + v, 0, end &- v) else { return nil }
            return v &+ (p.assumingMemoryBound(to: UInt8.self) - (data + v))
        }
        while end &- s > 2 {
            let type = data[s &+ 2], v = s &+ 3
            if data[s] == t0 && data[s &+ 1] == t1 {
                guard type == UInt8(ascii: "Z"), let e = nul(from: v) else { return .unsure }
                return .found(UnsafeBufferPointer(start: data + v, count: e &- v))
            }
            switch type {
            case UInt8(ascii: "A"), UInt8(ascii: "c"), UInt8(ascii: "C"): s = v &+ 1
            case UInt8(ascii: "s"), UInt8(ascii: "S"): s = v &+ 2
            case UInt8(ascii: "i"), UInt8(ascii: "I"), UInt8(ascii: "f"): s = v &+ 4
            case UInt8(ascii: "d"): s = v &+ 8
            case UInt8(ascii: "Z"), UInt8(ascii: "H"):
                guard let e = nul(from: v) else { return .unsure }
                s = e &+ 1
            default: return .unsure
            }
            guard s <= end else { return .unsure }
        }
        return .absent
    }

    /// `umiBytes` through htslib: `bam_aux_get` (which checks the found value is whole), then its Z string.
    static func htslibUMIBytes(_ b: UnsafeMutablePointer<bam1_t>, tag: UMITag) -> UnsafeBufferPointer<UInt8>? {
        guard let aux = tag.withCName({ bam_aux_get(b, $0) }), aux.pointee == UInt8(ascii: "Z"), let s = bam_aux2Z(aux) else { return nil }
        return s.withMemoryRebound(to: UInt8.self, capacity: 1) { UnsafeBufferPointer(start: $0, count: strlen(s)) }
    }

    /// The UMI of a read whose tag bytes passed `UMI.problem(in:)`, and so parse.
    static func checkedUMI(_ b: UnsafeMutablePointer<bam1_t>, tag: UMITag, maxN: Int) -> UMI {
        guard let raw = umiBytes(b, tag: tag), case .success(let umi) = UMI.parse(bytes: raw, maxN: maxN) else { return UMI(first: "") }
        return umi
    }

    /// One match step's bases into a held read's buffer: `count` read bases from `query` on, each its
    /// base slot (`slot`, 0–4) and quality where the quality reaches `minBQ`, else slot 6 and quality 0
    /// (what an uncovered position holds, so writing them equals skipping the base). Two passes with
    /// unchecked pointer arithmetic and no branch per base: the slots two at a time from one table look-up
    /// per packed byte (`pairSlotTable`, stored as one 16-bit word), then the qualities and slot 6 where the
    /// quality is below the floor, by masks (vectorised). One
    /// per-base pass that did all three held too many pointers in registers and was ~14 instructions a
    /// base (~140 M at ~20,800x, branch mc1); the per-base loop through `CigarWalk`'s accessors before it ~40.
    /// The caller guarantees `query + count` ≤ `l_qseq` (a match step of a walkable read) and room
    /// for `count` bytes at `slots` and at `qualities`. `UMIFastPathTests.fillMatchEqualsPerBase` compares it with the per-base form.
    @inline(__always)
    static func fillMatch(seq: UnsafePointer<UInt8>, qual: UnsafePointer<UInt8>, query: Int, count: Int, minBQ: UInt8,
                          slots: UnsafeMutablePointer<UInt8>, qualities: UnsafeMutablePointer<UInt8>) {
        guard count > 0 else { return }
        pairSlotTable.withUnsafeBufferPointer { table in
            guard let pairs = table.baseAddress else { return }
            var i = 0, q = query
            if q & 1 == 1 {  // an odd first base: the low nibble of its byte
                slots[0] = UInt8(truncatingIfNeeded: pairs[Int(seq[q &>> 1])] &>> 8)
                i = 1
                q &+= 1
            }
            let raw = UnsafeMutableRawPointer(slots)
            // Eight bases (four packed bytes, one load) at a time, their slots stored as one word: two bases
            // a look-up and a store was ~5.5 instructions a base (~55 M at ~20,800x, branch pr1). The four
            // bytes hold bases q to q + 7 < query + count, inside the read's packed bases.
            while i &+ 7 < count {
                let s4 = UInt32(littleEndian: UnsafeRawPointer(seq + (q &>> 1)).loadUnaligned(as: UInt32.self))
                let w = UInt64(pairs[Int(s4 & 0xFF)]) | UInt64(pairs[Int(s4 &>> 8 & 0xFF)]) &<< 16
                    | UInt64(pairs[Int(s4 &>> 16 & 0xFF)]) &<< 32 | UInt64(pairs[Int(s4 &>> 24)]) &<< 48
                raw.storeBytes(of: w.littleEndian, toByteOffset: i, as: UInt64.self)
                i &+= 8
                q &+= 8
            }
            while i &+ 1 < count {
                // Low byte: the even base's slot, at `i` (little-endian, as x86-64 and arm64 are).
                raw.storeBytes(of: pairs[Int(seq[q &>> 1])].littleEndian, toByteOffset: i, as: UInt16.self)
                i &+= 2
                q &+= 2
            }
            if i < count { slots[i] = UInt8(truncatingIfNeeded: pairs[Int(seq[q &>> 1])]) }
        }
        // Qualities, and slot 6 where the base is dropped, by masks (no branch, so the loop is vectorised):
        // `dropped` is 0xFF when the quality is below the floor (the difference's sign), else 0.
        let bq = qual + query
        var k = 0
        while k < count {
            let b = bq[k]
            let dropped = UInt8(truncatingIfNeeded: (Int(b) &- Int(minBQ)) &>> 63)
            qualities[k] = b & ~dropped
            slots[k] = slots[k] & ~dropped | 6 & dropped
            k &+= 1
        }
    }

    /// Both slots of a packed byte of bases: the even-indexed (high nibble) base's slot in the low byte.
    static let pairSlotTable: [UInt16] = (0..<256).map { byte in UInt16(slot(byte >> 4)) | UInt16(slot(byte & 15)) << 8 }

    /// One read clipped to the region: per reference position its base slot (0–3, 4 N, 5 deletion,
    /// 6 not covered or below the base-quality floor) and quality, and its insertions and deletions.
    /// Slots and qualities share one piece of its stream's arena (`UMIReadArena`): `bytes[k]` the slot,
    /// `bytes[length + k]` the quality; valid until the stream releases the read (its group finished).
    struct UMIRead {
        var name: UInt64
        var refStart: Int
        let bytes: UMIReadArena.Bytes
        var indels: [RegionCounts.IndelKey]
        /// Reference positions covered from `refStart` (`bytes` holds twice as many).
        let length: Int
        /// Every position is a usable base equal to the reference (`UMIFamilyMarks.allAgree`), found while the
        /// read's bytes are in cache: its family marks the range without reading them again.
        var clean = false

        /// Every position not covered (slot 6, quality 0) until the CIGAR walk fills it in: bytes from `arena`.
        init(name: UInt64, refStart: Int, length: Int, indels: [RegionCounts.IndelKey] = [], arena: UMIReadArena) {
            self.name = name
            self.refStart = refStart
            self.length = max(0, length)
            bytes = arena.allocate(count: 2 * self.length)
            self.indels = indels
        }

        /// The slots (`length` bytes) then the qualities (`length` bytes).
        var pointer: UnsafeMutablePointer<UInt8> { bytes.pointer }
    }

    /// Counts molecules instead of reads over `region`: reads are grouped into UMI families
    /// (`UMIGrouping`), each family gives one consensus allele per position (`ConsensusModel`),
    /// and the result is a `RegionCounts` whose counts are molecules (strand: the molecule's top
    /// strand counts forward; a duplex molecule goes with its larger strand), with the consensus
    /// error in the error field and the distance to the fragment's nearer end as the end distance.
    /// `referenceBases` (upper case, the region's reference) keeps those statistics for non-reference alleles only.
    /// Reads are held only until no later read can join their family (`UMIMoleculeStream`, `UMIGroupWindow`).
    package func moleculeCounts(in region: GenomicRegion, options: MoleculeCounting, subregions: [GenomicRegion],
                               referenceBases: [UInt8]?) throws -> (counts: RegionCounts, readsPerSubregion: [Int], stats: UMIReadStats) {
        try moleculeCounts(in: region, counted: region, options: options, subregions: subregions, referenceBases: referenceBases) { body in
            try forEachRecord(in: region, body)
        }
    }

    /// `region` widened by `flank` either side (not before the contig's start): the extent of the molecule counts.
    package static func countedRegion(_ region: GenomicRegion, flank: Int) -> GenomicRegion {
        GenomicRegion(contig: region.contig, start: max(0, region.start - max(0, flank)), end: region.end + max(0, flank))
    }

    /// `moleculeCounts(in:…)` and, from the same decoded records, `counts(in:…)` of `raw` (the raw
    /// read counts of UMI mode, duplicates included, with `rawFilter`): from a BAM with an index, one
    /// query over `raw`'s query (the region widened over its record starts) feeds every record to the
    /// raw tally and those htslib's query of `region` returns (it starts before the region's end and
    /// ends after its start) to the molecules, where two queries inflated each record twice (branch
    /// cf7). Otherwise (CRAM, no index) the two are read one after the other, as before. Both results
    /// equal the separate calls' (`UMISharedPassTests`).
    ///
    /// `flank` > 0 widens only the molecules' counts (`countedRegion`): the records are still those of
    /// `region`, and their bases up to `flank` either side of it are counted too (for UMI mode's error
    /// backgrounds, branch bg1); the counts inside `region` stay those of `flank` 0, and `referenceBases`
    /// then cover the widened region.
    package func moleculeCounts(in region: GenomicRegion, options: MoleculeCounting, subregions: [GenomicRegion],
                               referenceBases: [UInt8]?, raw: SpanRequest, rawFilter: ReadFilter, flank: Int = 0) throws
        -> (molecules: (counts: RegionCounts, readsPerSubregion: [Int], stats: UMIReadStats), raw: (counts: RegionCounts, readsPerSubregion: [Int], recordsStarting: Int)) {
        // The index first: where it comes from is known only once it is loaded.
        try prepareIndex()
        let counted = Self.countedRegion(region, flank: flank)
        let query = SpanTally(raw, filter: rawFilter).query
        let shared = format == .bam && (indexSource == .beside || indexSource == .temporary) && query.contig == region.contig
            && query.start <= region.start && query.end >= region.end
        // As `moleculeCounts(spans:…)`: the raw tally takes the decoded reads' match bases from the molecules'.
        let shareBases = shared && rawFilter.minBaseQuality == options.filter.minBaseQuality && raw.amplicons == nil && counted.covers(raw.region)
        var tally = SpanTally(raw, filter: rawFilter, deferredBases: shareBases)
        let start = region.start, end = region.end
        var molecules = UMIMoleculeTally(region: region, counted: counted, options: options, subregions: subregions, referenceBases: referenceBases)
        if shared {
            try forEachRecord(in: query) { b in
                let bases = tally.add(b, deferBases: shareBases)
                // htslib's test of a query [start, end), as `counts(spans:)` applies it.
                let at = Int(b.pointee.core.pos)
                let decoded = at < end && (at >= start || Int(bam_endpos(b)) > start) && molecules.add(b, raw: bases)
                if !decoded { bases?.addAll(b) }
            }
        } else {
            try forEachRecord(in: region) { molecules.add($0) }
            try forEachRecord(in: query) { tally.add($0) }
        }
        return (molecules.finish(), tally.finish())
    }

    /// `moleculeCounts` over the records `records` hands its body, in file order (`UMIMoleculeTally`); the bases
    /// counted over `counted` (`region`, or it widened: `countedRegion`), indels only inside `region`.
    private func moleculeCounts(in region: GenomicRegion, counted: GenomicRegion, options: MoleculeCounting, subregions: [GenomicRegion],
                                referenceBases: [UInt8]?,
                                records: (_ body: (UnsafeMutablePointer<bam1_t>) throws -> Void) throws -> Void) throws
        -> (counts: RegionCounts, readsPerSubregion: [Int], stats: UMIReadStats) {
        var tally = UMIMoleculeTally(region: region, counted: counted, options: options, subregions: subregions, referenceBases: referenceBases)
        try records { tally.add($0) }
        return tally.finish()
    }
}
