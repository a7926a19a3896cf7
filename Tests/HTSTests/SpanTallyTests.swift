import HTS
import Testing
import TestSupport

/// The counting pass's two shortcuts against plain references: one index query for several spans
/// (`counts(spans:)`) against a query per span, and the per-base loop (eight bases at a time where
/// their qualities allow) against a pileup of the reads' SAM text.
@Suite struct SpanTallyTests {
    let demo = TestSupport.testData("samples/demo-nsclc.bam")

    init() { HTSEnvironment.configure() }

    /// Sorted spans with disjoint queries on chr7: two EGFR exons 37 bp apart (reads overlap both
    /// queries, so one record feeds two spans), a third EGFR exon, an ABCB1 one; record starts tallied
    /// in a margin around each, as the off-target counting asks.
    func requests(reference: Bool) -> [SpanRequest] {
        let regions = [
            GenomicRegion(contig: "chr7", start: 55_174_000, end: 55_174_063),
            GenomicRegion(contig: "chr7", start: 55_174_100, end: 55_174_300),
            GenomicRegion(contig: "chr7", start: 55_181_272, end: 55_181_498),
            GenomicRegion(contig: "chr7", start: 87_509_254, end: 87_509_501),
        ]
        return regions.enumerated().map { i, r in
            // Margins that keep the queries disjoint (the first two spans are 37 bp apart).
            let margin = i < 2 ? 10 : 300
            let sub = [GenomicRegion(contig: r.contig, start: r.start + 5, end: r.end - 5)]
            // A reference that is C everywhere: most bases are alternates, so their statistics are kept too.
            return SpanRequest(region: r, subregions: sub,
                               referenceBases: reference ? Array(repeating: UInt8(ascii: "C"), count: r.length) : nil,
                               recordStartsIn: [(r.start - margin)..<(r.end + margin)])
        }
    }

    @Test(arguments: [(true, true), (false, false), (true, false)])
    func onePassEqualsAQueryPerSpan(reference: Bool, fragmentsOnce: Bool) throws {
        let f = try AlignmentFile(path: demo)
        let filter = ReadFilter(minBaseQuality: 13, countFragmentsOnce: fragmentsOnce)
        let spans = requests(reference: reference)
        let together = try f.counts(spans: spans, filter: filter)
        #expect(together.count == spans.count)
        // On a fresh handle too (each counting worker's own): one index query for all the spans.
        #expect(f.indexQueries == 1)
        for (s, got) in zip(spans, together) {
            let alone = try f.counts(in: s.region, filter: filter, subregions: s.subregions, referenceBases: s.referenceBases,
                                     recordStartsIn: s.recordStartsIn)
            #expect(got.counts == alone.counts, "\(s.region)")
            #expect(got.readsPerSubregion == alone.readsPerSubregion, "\(s.region)")
            #expect(got.recordsStarting == alone.recordsStarting, "\(s.region)")
            #expect(alone.counts.reads > 50 && alone.recordsStarting > 0, "the test spans must hold reads: \(s.region)")
        }
        // The two close spans share reads (queries [55,173,990, 55,174,073) and [55,174,090, 55,174,310)):
        // a read starting in the first and ending past 55,174,090 is one the one pass gives to both.
        let near = try TestSupport.run("samtools", ["view", demo, "chr7:55174063-55174073"]).stdout
        let straddling = near.split(separator: "\n").filter { line in
            let t = line.split(separator: "\t")
            return t.count > 5 && t[5] == "100M" && (Int(t[3]) ?? 0) + 99 >= 55_174_091
        }
        #expect(!straddling.isEmpty)
    }

    /// Counting bases only inside the subregions (overlapping ones merged) leaves their slices as
    /// counting the whole region gives them: one span alone and two spans in one pass.
    @Test(arguments: [false, true])
    func basesOnlyInSubregionsKeepTheirSlices(reference: Bool) throws {
        let f = try AlignmentFile(path: demo)
        let filter = ReadFilter(minBaseQuality: 13)
        let first = GenomicRegion(contig: "chr7", start: 55_173_900, end: 55_174_840)
        let firstParts = [GenomicRegion(contig: "chr7", start: 55_173_900, end: 55_174_063),
                          GenomicRegion(contig: "chr7", start: 55_174_050, end: 55_174_070),
                          GenomicRegion(contig: "chr7", start: 55_174_701, end: 55_174_840)]
        let second = GenomicRegion(contig: "chr7", start: 55_181_000, end: 55_181_900)
        let secondParts = [GenomicRegion(contig: "chr7", start: 55_181_272, end: 55_181_498)]
        func spans(_ only: Bool) -> [SpanRequest] {
            [(first, firstParts), (second, secondParts)].map { r, parts in
                SpanRequest(region: r, subregions: parts,
                            referenceBases: reference ? Array(repeating: UInt8(ascii: "G"), count: r.length) : nil,
                            basesOnlyInSubregions: only)
            }
        }
        for batch in [[0], [1], [0, 1]] {  // alone (a query each) and together (one pass)
            let all = try f.counts(spans: batch.map { spans(false)[$0] }, filter: filter)
            let only = try f.counts(spans: batch.map { spans(true)[$0] }, filter: filter)
            for (k, i) in batch.enumerated() {
                let parts = i == 0 ? firstParts : secondParts
                #expect(all[k].readsPerSubregion == only[k].readsPerSubregion)
                for (j, p) in parts.enumerated() {
                    let n = all[k].readsPerSubregion[j]
                    #expect(all[k].counts.slice(p, reads: n) == only[k].counts.slice(p, reads: n), "\(p)")
                    #expect((p.start..<p.end).contains { all[k].counts.depth(at: $0) > 100 })
                }
            }
            // Outside the parts the restricted count has left bases uncounted (the test can tell them apart).
            if batch == [0] { #expect(all[0].counts != only[0].counts) }
        }
    }

    /// The index's estimate of a query's work (`TargetCounter` divides runs among threads by it).
    @Test func indexedBytesGrowWithTheRegion() throws {
        let f = try AlignmentFile(path: demo)
        try f.prepareIndex()
        let exon = try #require(f.indexedBytes(in: GenomicRegion(contig: "chr7", start: 55_181_272, end: 55_181_498)))
        let gene = try #require(f.indexedBytes(in: GenomicRegion(contig: "chr7", start: 55_019_000, end: 55_211_000)))
        #expect(exon > 0 && gene > exon)
        #expect(f.indexedBytes(in: GenomicRegion(contig: "chr7", start: 1_000, end: 2_000)) == 0, "no reads there")
    }

    /// Per position, base and strand, the counts equal a pileup of `samtools view` text (no mate
    /// overlap handling), at base-quality minima below, at and above the data's qualities (the
    /// eight-at-a-time path counts only the bases of a block that pass).
    @Test(arguments: [0, 13, 20, 30, 38, 41])
    func strandCountsEqualAPileupOfTheText(minBQ: Int) throws {
        let region = GenomicRegion(contig: "chr7", start: 55_191_698, end: 55_191_894)
        let f = try AlignmentFile(path: demo)
        let filter = ReadFilter(minMappingQuality: 20, minBaseQuality: UInt8(minBQ), countFragmentsOnce: false)
        let c = try f.counts(in: region, filter: filter)
        let sam = try TestSupport.run("samtools", ["view", "-F", "\(ReadFilter.defaultExcludeFlags)", "-q", "20", demo,
                                                   "chr7:\(region.start + 1)-\(region.end)"]).stdout
        // [position][slot * 2 + strand]; slots A C G T N, then deletions.
        var expected = Array(repeating: Array(repeating: 0, count: 12), count: region.length)
        let slot: [UInt8: Int] = [UInt8(ascii: "A"): 0, UInt8(ascii: "C"): 1, UInt8(ascii: "G"): 2, UInt8(ascii: "T"): 3]
        var reads = 0
        for line in sam.split(separator: "\n") {
            let t = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard t.count >= 11, let flag = Int(t[1]), let pos1 = Int(t[3]) else { continue }
            reads += 1
            let strand = flag & 16 != 0 ? 1 : 0
            let seq = Array(t[9].utf8), qual = Array(t[10].utf8)
            var ref = pos1 - 1, q = 0, n = 0
            for ch in t[5].utf8 {
                if ch >= UInt8(ascii: "0") && ch <= UInt8(ascii: "9") { n = n * 10 + Int(ch - UInt8(ascii: "0")); continue }
                switch ch {
                case UInt8(ascii: "M"), UInt8(ascii: "="), UInt8(ascii: "X"):
                    for k in 0..<n where ref + k >= region.start && ref + k < region.end && Int(qual[q + k]) - 33 >= minBQ {
                        expected[ref + k - region.start][2 * (slot[seq[q + k]] ?? 4) + strand] += 1
                    }
                    ref += n; q += n
                case UInt8(ascii: "I"), UInt8(ascii: "S"): q += n
                case UInt8(ascii: "D"):
                    for k in 0..<n where ref + k >= region.start && ref + k < region.end { expected[ref + k - region.start][10 + strand] += 1 }
                    ref += n
                case UInt8(ascii: "N"): ref += n
                default: break
                }
                n = 0
            }
        }
        #expect(reads > 100)
        var mismatches = 0
        for p in region.start..<region.end {
            let e = expected[p - region.start]
            for (i, base) in RegionCounts.Base.allCases.enumerated() {
                let s = c.strandCount(base, at: p)
                if s.forward != e[2 * i] || s.reverse != e[2 * i + 1] { mismatches += 1 }
            }
            if c.deletions(at: p) != e[10] + e[11] { mismatches += 1 }
        }
        #expect(mismatches == 0, "\(mismatches) position/base counts differ from the pileup at minimum base quality \(minBQ)")
    }
}
