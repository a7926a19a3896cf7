@testable import HTS
import Testing
import TestSupport

/// `RegionCounts.slice` (a part inside the region: a view of its fields; one reaching past it: the fields
/// copied into a new array) against the version it replaced (`referenceSlice`, kept here as it was: a
/// zero-filled array with the part copied over its start), on the demo's counts: parts inside the region,
/// at its edges, reaching past them, and empty.
@Suite struct RegionSliceTests {
    @Test func sliceEqualsTheZeroFillAndCopyVersion() throws {
        HTSEnvironment.configure()
        let f = try AlignmentFile(path: TestSupport.testData("samples/demo-nsclc.bam"))
        let region = GenomicRegion(contig: "chr7", start: 55_181_000, end: 55_181_900)
        let counts = try f.counts(spans: [SpanRequest(region: region, subregions: [region])], filter: ReadFilter())[0].counts
        #expect(counts.fields.contains { $0 != 0 }, "the region must hold counts")
        let parts = [(55_181_272, 55_181_498), (55_181_000, 55_181_900), (55_181_000, 55_181_001), (55_181_899, 55_181_900),
                     (55_180_950, 55_181_100), (55_181_800, 55_182_000), (55_182_000, 55_182_100), (55_181_300, 55_181_300)]
        for (start, end) in parts {
            let p = GenomicRegion(contig: "chr7", start: start, end: end)
            let got = counts.slice(p, reads: 7, readsWithoutBases: 2)
            #expect(got == Self.referenceSlice(counts, p, reads: 7, readsWithoutBases: 2), "\(p)")
            #expect(got.fields.count == max(0, p.length) * RegionCounts.fieldsPerPosition)
        }
    }

    static func referenceSlice(_ c: RegionCounts, _ sub: GenomicRegion, reads: Int, readsWithoutBases: Int) -> RegionCounts {
        var fields = [UInt32](repeating: 0, count: max(0, sub.length) * RegionCounts.fieldsPerPosition)
        let from = max(0, sub.start - c.region.start), to = min(c.region.length, sub.end - c.region.start)
        if from < to {
            fields.replaceSubrange(0..<((to - from) * RegionCounts.fieldsPerPosition),
                                   with: c.fields[(from * RegionCounts.fieldsPerPosition)..<(to * RegionCounts.fieldsPerPosition)])
        }
        var out = RegionCounts(region: sub, fields: fields)
        out.indels = c.indels.filter { $0.key.anchor + 1 >= sub.start && $0.key.anchor + 1 < sub.end + ($0.key.deletedLength == 0 ? 1 : 0) }
        out.clips = c.clips.filter { $0.junction >= sub.start - 30 && $0.junction <= sub.end + 30 }
        out.reads = reads
        out.readsWithoutBases = readsWithoutBases
        return out
    }
}
