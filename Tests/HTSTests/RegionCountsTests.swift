import HTS
import Testing
import TestSupport

/// The CIGAR-walking counter against `samtools depth`.
@Suite struct RegionCountsTests {
    let demo = TestSupport.testData("samples/demo-nsclc.bam")

    init() { HTSEnvironment.configure() }

    /// samtools depth per position (1-based) for a region.
    func samtoolsDepth(_ bam: String, _ r: GenomicRegion, _ extra: [String]) throws -> [Int: Int] {
        let out = try TestSupport.run("samtools", ["depth", "-a", "-r", r.description] + extra + [bam]).stdout
        var d: [Int: Int] = [:]
        for line in out.split(separator: "\n") {
            let f = line.split(separator: "\t")
            if f.count == 3, let p = Int(f[1]), let v = Int(f[2]) { d[p] = v }
        }
        return d
    }

    /// Without overlap handling our depth is samtools depth's at every position, for several filter settings.
    @Test(arguments: [(0, 0), (13, 0), (20, 20), (30, 30)])
    func depthEqualsSamtoolsDepthEverywhere(bq: Int, mapq: Int) throws {
        let f = try AlignmentFile(path: demo)
        let filter = ReadFilter(minMappingQuality: UInt8(mapq), minBaseQuality: UInt8(bq), countFragmentsOnce: false)
        for r in AlignmentFileTests.regions.prefix(5) {
            let c = try f.counts(in: r, filter: filter)
            let theirs = try samtoolsDepth(demo, r, ["-q", "\(bq)", "-Q", "\(mapq)", "-G", "\(ReadFilter.defaultExcludeFlags)"])
            var mismatches = 0
            for pos0 in r.start..<r.end where c.depth(at: pos0) != theirs[pos0 + 1] { mismatches += 1 }
            #expect(mismatches == 0, "\(mismatches) positions differ in \(r)")
            #expect((r.start..<r.end).contains { c.depth(at: $0) > 100 })
        }
    }

    /// Counting fragments once: deliberately different from `samtools depth -s`, which drops the
    /// overlapping base of the second mate only when both pass; ours keeps the first mate's base
    /// in coordinate order. Depth must fall, never rise, and land near samtools' value.
    @Test func overlapsCountedOnce() throws {
        let f = try AlignmentFile(path: demo)
        let r = AlignmentFileTests.regions[3]
        let once = try f.counts(in: r, filter: ReadFilter(minBaseQuality: 0, countFragmentsOnce: true))
        let raw = try f.counts(in: r, filter: ReadFilter(minBaseQuality: 0, countFragmentsOnce: false))
        let theirs = try samtoolsDepth(demo, r, ["-s", "-Q", "20", "-G", "\(ReadFilter.defaultExcludeFlags)"])
        var fell = 0
        for p in r.start..<r.end {
            #expect(once.depth(at: p) <= raw.depth(at: p))
            if once.depth(at: p) < raw.depth(at: p) { fell += 1 }
            let s = theirs[p + 1] ?? 0
            #expect(abs(once.depth(at: p) - s) <= max(3, s / 50), "pos \(p + 1): ours \(once.depth(at: p)) samtools -s \(s)")
        }
        #expect(fell > r.length / 2, "mates overlap in this data, so most positions must lose depth")
    }

    /// L858R: counts by base agree with the simulated truth (about 30%), and indel events are recorded.
    @Test func basesAndIndels() throws {
        let f = try AlignmentFile(path: demo)
        let c = try f.counts(in: AlignmentFileTests.regions[3], filter: ReadFilter())
        let pos0 = 55_191_821
        let g = c.count(.g, at: pos0), t = c.count(.t, at: pos0)
        #expect(g > 40)
        let vaf = Double(g) / Double(g + t)
        #expect(vaf > 0.2 && vaf < 0.4)
        let ex19 = try AlignmentFile(path: TestSupport.testData("samples/egfr-ex19del-t790m.bam"))
            .counts(in: AlignmentFileTests.regions[1], filter: ReadFilter())
        let del = ex19.indels[RegionCounts.IndelKey(anchor: 55_174_770, deletedLength: 15, inserted: "")]
        #expect((del?.total ?? 0) > 50)
    }

    /// No depth cap: over 8000 reads at one position (htslib's pileup stops at 8000 by default).
    @Test func noDepthCap() throws {
        let dir = try TestSupport.tempDir()
        let slice = dir + "/slice.bam", deep = dir + "/deep.bam"
        try TestSupport.run("samtools", ["view", "-b", "-o", slice, demo, "chr7:55191800-55191850"])
        try TestSupport.run("samtools", ["merge", "-f", "-o", deep] + Array(repeating: slice, count: 40))
        try TestSupport.run("samtools", ["index", deep])
        let r = GenomicRegion(contig: "chr7", start: 55_191_821, end: 55_191_822)
        let c = try AlignmentFile(path: deep).counts(in: r, filter: ReadFilter(minMappingQuality: 0, minBaseQuality: 0, countFragmentsOnce: false))
        let theirs = try samtoolsDepth(deep, r, ["-G", "\(ReadFilter.defaultExcludeFlags)"])
        #expect(c.depth(at: r.start) > 8000)
        #expect(c.depth(at: r.start) == theirs[r.start + 1])
    }
}
