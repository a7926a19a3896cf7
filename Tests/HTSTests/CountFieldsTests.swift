@testable import HTS
import Testing
import TestSupport

/// `CountFields`: the counting pass's buffer handed over and parts of a region as views must behave as
/// the arrays they replaced did (values, copy on write): a write to a view or to a shared value never
/// shows in another value.
@Suite struct CountFieldsTests {
    @Test func viewsReadTheirPartAndWritesCopy() {
        var parent = CountFields((0..<96).map { UInt32($0) })
        let view = parent.view(32..<64)
        #expect(Array(view) == (32..<64).map { UInt32($0) })
        #expect(view.count == 32 && view.startIndex == 0 && view.endIndex == 32)

        var written = view
        written[0] = 1_000
        #expect(written[0] == 1_000 && written[1] == 33)
        #expect(view[0] == 32, "the view written to must not change the view it was copied from")
        #expect(parent[32] == 32, "nor its parent")

        parent[40] = 7
        #expect(view[8] == 40, "a write to the parent must not show in a view taken before")
        #expect(parent[40] == 7)

        let copy = parent
        parent[0] = 5
        #expect(copy[0] == 0 && parent[0] == 5)
        #expect(CountFields(zeros: 4) == CountFields([0, 0, 0, 0]))
        #expect(parent.view(0..<0).isEmpty && CountFields(zeros: -3).isEmpty)
    }

    /// `sum(from:count:)` (a position's depth) equals adding the fields one by one, on whole values and
    /// on views (whose fields start inside the storage), at every start and length, empty ones included.
    @Test func sumEqualsFieldByField() {
        var rng = SplitMix64(seed: 0x73756D)
        let parent = CountFields((0..<96).map { _ in UInt32.random(in: 0...1_000_000, using: &rng) })
        for fields in [parent, parent.view(32..<64), parent.view(5..<6), parent.view(0..<0), CountFields(zeros: 0)] {
            for i in 0...fields.count {
                for n in 0...(fields.count - i) {
                    let want = (i..<(i + n)).reduce(UInt32(0)) { $0 + fields[$1] }
                    #expect(fields.sum(from: i, count: n) == want, "from \(i) count \(n)")
                }
            }
        }
        #expect(parent.view(32..<64).sum(from: 0, count: 2) == parent[32] + parent[33])
    }

    /// Writes through `withUnsafeMutableFields` (UMI mode's per-family loop, branch cf8) copy on write as the
    /// subscript does: a view or a shared value written this way leaves the others as they were.
    @Test func bufferWritesCopyOnWrite() {
        let parent = CountFields((0..<96).map { UInt32($0) })
        var view = parent.view(32..<64)
        view.withUnsafeMutableFields { f in
            #expect(f.count == 32 && f[0] == 32)
            f[0] += 1_000
            f[31] = 7
        }
        #expect(view[0] == 1_032 && view[31] == 7 && view[1] == 33)
        #expect(parent[32] == 32 && parent[63] == 63, "the parent is not written")
        var shared = parent
        shared.withUnsafeMutableFields { f in f[5] = 99 }
        #expect(shared[5] == 99 && parent[5] == 5)
        // Alone, it writes in place: a second write goes to the same storage, visible through the value.
        shared.withUnsafeMutableFields { f in f[6] = 98 }
        #expect(shared[6] == 98 && shared[5] == 99)
    }

    /// Counts handed over by one pass over several spans equal each span counted alone, and a slice of
    /// a handed-over region equals the same positions of it; raising the slice's error floor (a write,
    /// UMI mode's) leaves the region's fields as they were.
    @Test func handedOverCountsAndSlicesStayValues() throws {
        HTSEnvironment.configure()
        let f = try AlignmentFile(path: TestSupport.testData("samples/demo-nsclc.bam"))
        let spans = [GenomicRegion(contig: "chr7", start: 55_181_000, end: 55_181_500),
                     GenomicRegion(contig: "chr7", start: 55_191_700, end: 55_191_900)]
        let together = try f.counts(spans: spans.map { SpanRequest(region: $0, subregions: [$0]) }, filter: ReadFilter())
        for (k, span) in spans.enumerated() {
            let alone = try f.counts(spans: [SpanRequest(region: span, subregions: [span])], filter: ReadFilter())[0].counts
            #expect(together[k].counts == alone, "\(span)")
            #expect(alone.fields.contains { $0 != 0 }, "the span must hold counts")
        }
        let region = together[0].counts
        let before = Array(region.fields)
        let part = GenomicRegion(contig: "chr7", start: 55_181_200, end: 55_181_400)
        let slice = region.slice(part, reads: 1)
        let stride = RegionCounts.fieldsPerPosition
        #expect(Array(slice.fields) == Array(before[(200 * stride)..<(400 * stride)]))
        let floored = slice.withErrorFloor { _, _ in 0.5 }
        #expect(floored != slice, "the floor must raise some error sums")
        #expect(Array(region.fields) == before)
        #expect(Array(slice.fields) == Array(before[(200 * stride)..<(400 * stride)]))
    }
}
