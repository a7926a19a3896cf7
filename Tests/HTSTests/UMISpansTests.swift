import CHTSlib
@testable import HTS
import Testing
import TestSupport

/// UMI mode's shared pass over several target clusters (`moleculeCounts(spans:…)`, branch cf8): one index
/// query for all the spans reads each record once, and every span's molecules and raw counts equal those of
/// its own query (`moleculeCounts(in:…raw:…)`); and the UMI probe stops reading at its limit.
@Suite struct UMISpansTests {
    init() { HTSEnvironment.configure() }

    /// EGFR exon 19 and exon 20 of the cfDNA samples (7 kb apart: one BAI linear-index window), with
    /// record starts tallied in a margin around each, as the off-target counting asks.
    static func spans(reference: Bool) -> [MoleculeSpan] {
        let regions = [
            GenomicRegion(contig: "chr7", start: 55_174_600, end: 55_174_900),
            GenomicRegion(contig: "chr7", start: 55_181_272, end: 55_181_498),
        ]
        return regions.map { r in
            let subs = [GenomicRegion(contig: r.contig, start: r.start + 50, end: r.end - 50)]
            // A made-up reference (every base C), so that the statistics of A, G and T are compared too.
            let bases = reference ? [UInt8](repeating: UInt8(ascii: "C"), count: r.length) : nil
            let raw = SpanRequest(region: r, subregions: subs, referenceBases: bases, recordStartsIn: [(r.start - 500)..<(r.end + 500)])
            return MoleculeSpan(region: r, subregions: subs, referenceBases: bases, raw: raw)
        }
    }

    @Test(arguments: ["cfdna-t790m", "cfdna-phase", "cfdna-partial-umi", "cfdna-malformed-umi"], [false, true])
    func onePassEqualsAQueryPerSpan(sample: String, reference: Bool) throws {
        let path = TestSupport.testData("samples/cfdna/\(sample).bam")
        let options = UMIStreamingTests.options(minFamilySize: 1, requireDuplex: false)
        var rawFilter = options.filter
        rawFilter.excludeFlags &= ~ReadFilter.duplicateFlag
        let spans = Self.spans(reference: reference)
        let f = try AlignmentFile(path: path)
        let together = try f.moleculeCounts(spans: spans, options: options, rawFilter: rawFilter)
        #expect(together.count == spans.count)
        // One query (a query per span inflated again the BGZF blocks of the linear-index window the two
        // share; htslib skips their records before returning any, so only the query count shows it)...
        #expect(f.indexQueries == 1)
        // ... returning each record once: as many as one query over the union returns.
        let union = GenomicRegion(contig: "chr7", start: 55_174_100, end: 55_181_998)
        let plain = try AlignmentFile(path: path)
        try plain.forEachRecord(in: union) { _ in }
        #expect(f.recordsRead == plain.recordsRead)
        let apart = try AlignmentFile(path: path)
        for (s, got) in zip(spans, together) {
            let alone = try apart.moleculeCounts(in: s.region, options: options, subregions: s.subregions, referenceBases: s.referenceBases,
                                                 raw: s.raw, rawFilter: rawFilter)
            #expect(got.molecules.counts == alone.molecules.counts, "\(sample) \(s.region)")
            #expect(got.molecules.readsPerSubregion == alone.molecules.readsPerSubregion)
            #expect(got.molecules.stats == alone.molecules.stats, "\(sample) \(s.region)")
            #expect(got.raw.counts == alone.raw.counts, "\(sample) \(s.region)")
            #expect(got.raw.readsPerSubregion == alone.raw.readsPerSubregion)
            #expect(got.raw.recordsStarting == alone.raw.recordsStarting)
            // Not a comparison of two empty results.
            #expect(alone.raw.counts.reads > 100 && alone.raw.recordsStarting > 0, "\(sample) \(s.region)")
            #expect(alone.molecules.stats.reads > 100)
        }
    }

    /// The probe reads no further than `limit` accepted reads (it read every record of its regions).
    @Test func probeStopsAtItsLimit() throws {
        let path = TestSupport.testData("samples/cfdna/cfdna-t790m.bam")
        let region = GenomicRegion(contig: "chr7", start: 55_174_600, end: 55_174_900)
        let filter = ReadFilter(minMappingQuality: 20, minBaseQuality: 20)
        let all = try AlignmentFile(path: path)
        let total = try all.countReads(in: region, filter: filter)
        #expect(total > 1_000)
        for limit in [1, 50, 500] {
            let f = try AlignmentFile(path: path)
            let (reads, tagged) = try f.probeTag(.standard, regions: [region, region], filter: filter, limit: limit)
            #expect(reads == limit && tagged == limit)
            // The records read: those up to the limit-th accepted one (rejected ones included), one query.
            #expect(f.recordsRead >= limit && f.recordsRead < limit + (all.recordsRead - total) + 1)
            #expect(f.indexQueries == 1)
        }
        // Past the records there are, the probe reads them all and reports what it saw.
        let f = try AlignmentFile(path: path)
        let (reads, _) = try f.probeTag(.standard, regions: [region], filter: filter, limit: total + 10)
        #expect(reads == total && f.recordsRead == all.recordsRead)
    }
}
