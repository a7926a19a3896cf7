import HTS
import Testing
import TestSupport

/// The alignment reader against samtools on the same files.
@Suite struct AlignmentFileTests {
    let demo = TestSupport.testData("samples/demo-nsclc.bam")
    let cram = TestSupport.testData("samples/egfr-ex19del-t790m.cram")
    let chr7 = TestSupport.testData("ref/chr7.panel.GRCh38.fa.gz")

    init() { HTSEnvironment.configure() }

    @Test func headerMatchesSamtools() throws {
        let f = try AlignmentFile(path: demo)
        #expect(f.format == .bam)
        let text = try TestSupport.run("samtools", ["view", "-H", demo]).stdout
        let sq = text.split(separator: "\n").filter { $0.hasPrefix("@SQ") }
        #expect(f.header.references.count == sq.count)
        #expect(f.header.references.first?.name == "chr7")
        #expect(f.header.references.first?.length == 159_345_973)
        #expect(f.header.readGroups == [AlignmentHeader.ReadGroup(id: "demo-nsclc", sample: "DEMO-NSCLC")])
    }

    /// Regions: every EGFR kinase exon and ABCB1 exon 26, plus a wide span.
    static let regions = [
        GenomicRegion(contig: "chr7", start: 55_173_900, end: 55_174_063),
        GenomicRegion(contig: "chr7", start: 55_174_701, end: 55_174_840),
        GenomicRegion(contig: "chr7", start: 55_181_272, end: 55_181_498),
        GenomicRegion(contig: "chr7", start: 55_191_698, end: 55_191_894),
        GenomicRegion(contig: "chr7", start: 87_509_254, end: 87_509_501),
        GenomicRegion(contig: "chr7", start: 55_000_000, end: 55_300_000),
    ]

    @Test(arguments: [(0, 0), (20, 0x704), (30, 0xF04)])
    func readCountsEqualSamtoolsViewC(mapq: Int, flags: Int) throws {
        let f = try AlignmentFile(path: demo)
        let filter = ReadFilter(excludeFlags: UInt16(flags), minMappingQuality: UInt8(mapq))
        for r in Self.regions {
            let ours = try f.countReads(in: r, filter: filter)
            let theirs = try TestSupport.run("samtools", ["view", "-c", "-q", "\(mapq)", "-F", "\(flags)", demo, r.description])
            #expect(ours == Int(theirs.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "region \(r)")
        }
    }

    /// Per-contig mapped records from the index equal `samtools idxstats`; a CRAM's index has none.
    @Test func indexStatsEqualSamtoolsIdxstats() throws {
        let bam = TestSupport.testData("samples/cn-ot/ot-chr7-4.bam")
        let f = try AlignmentFile(path: bam)
        let theirs = try TestSupport.run("samtools", ["idxstats", bam]).stdout.split(separator: "\n")
            .map { $0.split(separator: "\t") }.filter { $0.first != "*" }.compactMap { Int($0[2]) }
        #expect(try f.mappedRecordsPerContig() == theirs && theirs.count == 4 && theirs.allSatisfy { $0 > 0 })
        // Records starting in a region: samtools counts overlapping ones, so compare on a region no read crosses into.
        let braf = GenomicRegion(contig: "chr7", start: 140_000_000, end: 141_000_000)
        let overlapping = Int(try TestSupport.run("samtools", ["view", "-c", "-F", "4", bam, braf.description]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        #expect(try f.mappedRecordsStarting(in: [braf]) == overlapping && overlapping > 1000)
        #expect(try AlignmentFile(path: cram, reference: chr7).mappedRecordsPerContig() == nil)
    }

    @Test func cramReadCountsEqualSamtools() throws {
        let f = try AlignmentFile(path: cram, reference: chr7)
        #expect(f.format == .cram)
        let r = GenomicRegion(contig: "chr7", start: 55_181_272, end: 55_181_498)
        let ours = try f.countReads(in: r, filter: ReadFilter())
        let theirs = try TestSupport.run("samtools", ["view", "-c", "-T", chr7, "-q", "20", "-F", "\(ReadFilter.defaultExcludeFlags)", cram, r.description])
        #expect(ours == Int(theirs.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(ours > 500)
    }

    @Test func cramWithoutReferenceFailsAtOnce() {
        #expect(throws: HTSError.cramNeedsReference(path: cram)) { try AlignmentFile(path: cram) }
    }

    @Test func missingFileAndWrongFormat() throws {
        #expect(throws: HTSError.fileNotFound(path: "/nonexistent.bam")) { try AlignmentFile(path: "/nonexistent.bam") }
        do {
            _ = try AlignmentFile(path: TestSupport.testData("bad/not-a-bam.txt"))
            Issue.record("a text file opened as alignments")
        } catch let e as HTSError {
            guard case .wrongFormat = e else { Issue.record("unexpected \(e)"); return }
        }
    }

    @Test func truncatedBAMIsDetected() throws {
        let dir = try TestSupport.tempDir()
        let cut = dir + "/cut.bam"
        try TestSupport.run("sh", ["-c", "head -c 500000 '\(demo)' > '\(cut)'"])
        #expect(throws: HTSError.truncated(path: cut)) { try AlignmentFile(path: cut) }
    }

    @Test func unsortedBAMCannotBeIndexed() throws {
        let f = try AlignmentFile(path: TestSupport.testData("bad/unsorted.bam"))
        #expect(throws: HTSError.self) { try f.prepareIndex() }
    }

    @Test func unindexedBAMIsIndexedInATemporaryPlace() throws {
        let dir = try TestSupport.tempDir()
        let copy = dir + "/noindex.bam"
        try TestSupport.run("cp", [demo, copy])
        let f = try AlignmentFile(path: copy)
        #expect(try f.prepareIndex() == .temporary)
        let r = Self.regions[3]
        #expect(try f.countReads(in: r, filter: ReadFilter()) == (try AlignmentFile(path: demo).countReads(in: r, filter: ReadFilter())))
        #expect(!TestSupport.exists(copy + ".bai"), "the temporary index must not be written beside the input")
    }
}

@Suite struct SAMInputTests {
    /// Plain SAM cannot be indexed: it is streamed, and counts equal the BAM's.
    @Test func samIsStreamed() throws {
        HTSEnvironment.configure()
        let bam = TestSupport.testData("samples/demo-nsclc.bam")
        let sam = try TestSupport.tempDir() + "/slice.sam"
        try TestSupport.run("samtools", ["view", "-h", "-o", sam, bam, "chr7:55191000-55192500"])
        let f = try AlignmentFile(path: sam)
        #expect(f.format == .sam)
        #expect(try f.prepareIndex() == .streaming)
        let r = GenomicRegion(contig: "chr7", start: 55_191_698, end: 55_191_894)
        #expect(try f.countReads(in: r, filter: ReadFilter()) == (try AlignmentFile(path: bam).countReads(in: r, filter: ReadFilter())))
        #expect(try f.counts(in: r, filter: ReadFilter()) == (try AlignmentFile(path: bam).counts(in: r, filter: ReadFilter())))
    }
}
