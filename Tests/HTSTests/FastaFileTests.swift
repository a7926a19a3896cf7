import HTS
import Testing
import TestSupport

@Suite struct FastaFileTests {
    @Test func bgzippedFetchEqualsSamtoolsFaidx() throws {
        let path = TestSupport.testData("ref/chr7.panel.GRCh38.fa.gz")
        let f = try FastaFile(path: path)
        #expect(f.length(of: "chr7") == 159_345_973)
        let r = GenomicRegion(contig: "chr7", start: 55_191_800, end: 55_191_850)
        let theirs = try TestSupport.run("samtools", ["faidx", path, r.description]).stdout
            .split(separator: "\n").dropFirst().joined()
        #expect(try f.fetch(r) == theirs)
        #expect(try f.fetch(GenomicRegion(contig: "chr7", start: 55_191_821, end: 55_191_822)) == "T")  // L858R REF
    }

    @Test func plainFastaAndErrors() throws {
        let dir = try TestSupport.tempDir()
        let fa = dir + "/t.fa"
        try "> x\nACGTacgtNN\nGG\n".replacingOccurrences(of: "> x", with: ">x").write(toFile: fa, atomically: true, encoding: .utf8)
        let f = try FastaFile(path: fa)
        #expect(f.sequences.map(\.name) == ["x"] && f.length(of: "x") == 12)
        #expect(try f.fetch(GenomicRegion(contig: "x", start: 2, end: 12)) == "GTACGTNNGG")
        #expect(throws: HTSError.self) { try f.fetch(GenomicRegion(contig: "y", start: 0, end: 1)) }
        #expect(throws: HTSError.self) { try f.fetch(GenomicRegion(contig: "x", start: 5, end: 20)) }
        #expect(throws: HTSError.fileNotFound(path: dir + "/none.fa")) { try FastaFile(path: dir + "/none.fa") }
    }
}
