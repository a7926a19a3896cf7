import CHTSlib

/// One target cluster of UMI mode's shared pass (`AlignmentFile.moleculeCounts(spans:…)`): the molecules'
/// region, subregions and reference, and the raw read counts' request.
package struct MoleculeSpan {
    package var region: GenomicRegion
    package var subregions: [GenomicRegion]
    package var referenceBases: [UInt8]?
    package var raw: SpanRequest
    /// The molecules' bases are counted this far past `region` either side (`AlignmentFile.countedRegion`, branch
    /// bg1); `referenceBases` then cover the widened region.
    package var flank: Int

    package init(region: GenomicRegion, subregions: [GenomicRegion], referenceBases: [UInt8]?, raw: SpanRequest, flank: Int = 0) {
        self.region = region
        self.subregions = subregions
        self.referenceBases = referenceBases
        self.raw = raw
        self.flank = flank
    }
}

extension AlignmentFile {
    /// `moleculeCounts(in:…raw:rawFilter:)` of each span, in order, the spans sorted on one contig with
    /// disjoint raw queries (`SpanTally.query`): from a BAM with an index, one index query over all of them
    /// decodes each record once and gives it to every span whose own queries return it (the same records in
    /// the same order: file order), where a query per cluster decoded again the BGZF blocks it shared with
    /// the previous cluster (BAI's linear index starts a query up to 16 kb early: at ~20,000x the
    /// neighbouring exon's reads). Otherwise each span is read as `moleculeCounts(in:…raw:…)` reads it.
    /// Each result equals that call's (`UMISpansTests`).
    package func moleculeCounts(spans: [MoleculeSpan], options: MoleculeCounting, rawFilter: ReadFilter) throws
        -> [(molecules: (counts: RegionCounts, readsPerSubregion: [Int], stats: UMIReadStats), raw: (counts: RegionCounts, readsPerSubregion: [Int], recordsStarting: Int))] {
        // The index first: where it comes from is known only once it is loaded.
        try prepareIndex()
        // The raw tally takes each decoded read's match bases from the molecules' decoding (`SpanTally.ReadBases`)
        // when both use one base-quality floor and every span's molecules cover its raw region.
        let shareBases = rawFilter.minBaseQuality == options.filter.minBaseQuality
            && spans.allSatisfy { s in s.raw.amplicons == nil && Self.countedRegion(s.region, flank: s.flank).covers(s.raw.region) }
        var raws = spans.map { SpanTally($0.raw, filter: rawFilter, deferredBases: shareBases) }
        let queries = raws.map(\.query)
        let regions = spans.map(\.region)
        let oneQuery = format == .bam && (indexSource == .beside || indexSource == .temporary) && queries.count > 1
            && queries.allSatisfy { $0.contig == queries[0].contig }
            && zip(queries, queries.dropFirst()).allSatisfy { $0.end <= $1.start }
            && zip(queries, regions).allSatisfy { q, r in q.contig == r.contig && q.start <= r.start && q.end >= r.end }
        guard oneQuery, let first = queries.first, let last = queries.last else {
            return try spans.map { s in
                try moleculeCounts(in: s.region, options: options, subregions: s.subregions, referenceBases: s.referenceBases,
                                   raw: s.raw, rawFilter: rawFilter, flank: s.flank)
            }
        }
        var molecules = spans.map { UMIMoleculeTally(region: $0.region, counted: Self.countedRegion($0.region, flank: $0.flank), options: options, subregions: $0.subregions, referenceBases: $0.referenceBases) }
        // Spans before `open` have had their last record: their held reads are let go (a span's groups wait for
        // mates its query never returns until they are finished; finished only at the end, every cluster kept
        // its last reads while the rest of the contig was read: +61 MiB peak over 28 EGFR exons from ~4,400x to
        // ~44,000x, branch pw1). Finishing them sooner changes nothing else: the same groups, in the same order.
        var open = 0
        try forEachRecord(inQueries: queries, union: GenomicRegion(contig: first.contig, start: first.start, end: last.end)) { b, k, lengths in
            let readEnd = lengths.end
            // The name's key once for both tallies (each hashed it for most reads).
            let name = Self.mateKey(b)
            let bases = raws[k].add(b, end: readEnd, queryLength: lengths.queryLength, deferBases: shareBases, nameKey: name)
            // The molecules' own query, inside the raw one: htslib's test of a query [start, end).
            let at = Int(b.pointee.core.pos), r = regions[k]
            // Records come in position order: a span whose region ends at or before this one's start gets no more.
            while open < k && regions[open].end <= at {
                molecules[open].finishGroups()
                // Its raw tally's later records (if any: its query's record-start margin) start past its region.
                raws[open].releaseMates()
                open += 1
            }
            let decoded = at < r.end && (at >= r.start || readEnd > r.start) && molecules[k].add(b, end: readEnd, raw: bases, nameKey: name)
            if !decoded { bases?.addAll(b, queryLength: lengths.queryLength) }
        }
        var out: [(molecules: (counts: RegionCounts, readsPerSubregion: [Int], stats: UMIReadStats), raw: (counts: RegionCounts, readsPerSubregion: [Int], recordsStarting: Int))] = []
        out.reserveCapacity(spans.count)
        for k in spans.indices { out.append((molecules[k].finish(), raws[k].finish())) }
        return out
    }
}
