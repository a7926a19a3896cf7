@testable import HTS
import CHTSlib
import Foundation
import Testing
import TestSupport

/// `CigarLengths` (end and query length from one CIGAR walk) against htslib's `bam_endpos` and
/// `bam_cigar2qlen` on records made for their corner cases: every op, unmapped records with and
/// without a CIGAR, a CIGAR consuming no reference, hard clips and padding only, and long operations.
@Suite struct CigarLengthsTests {
    init() { HTSEnvironment.configure() }

    @Test func everyRecordAsHtslib() throws {
        let rows = [("10M", 0), ("3S5M2I4M1D3M6S", 0), ("5H2S8=2X1P3M4H", 0), ("4M100N6M", 0), ("10S", 0), ("6I", 0),
                    ("2H", 0), ("10M", 4), ("3S7M", 4), ("*", 4), ("*", 0), ("1M1I1D1N1S1H1P1=1X", 0), ("268435455N1M", 0),
                    ("7M", 16), ("5M", 256)]
        var lines: [String] = []
        for (i, (cigar, flag)) in rows.enumerated() {
            // The bases the CIGAR consumes (M I S = X), so samtools accepts the record; 10 without a CIGAR.
            var length = cigar == "*" ? 10 : 0, n = 0
            for ch in cigar.utf8 {
                if ch >= UInt8(ascii: "0") && ch <= UInt8(ascii: "9") { n = n * 10 + Int(ch - UInt8(ascii: "0")); continue }
                if "MIS=X".utf8.contains(ch) { length += n }
                n = 0
            }
            let seq = length == 0 ? "*" : String(repeating: "A", count: length)
            let qual = length == 0 ? "*" : String(repeating: "I", count: length)
            lines.append("r\(i)\t\(flag)\tchr1\t\(100 + i)\t60\t\(cigar)\t*\t0\t0\t\(seq)\t\(qual)")
        }
        let dir = try TestSupport.tempDir("cigar-lengths")
        let sam = dir + "/c.sam", bam = dir + "/c.bam"
        try ("@HD\tVN:1.6\tSO:coordinate\n@SQ\tSN:chr1\tLN:300000000\n" + lines.joined(separator: "\n") + "\n")
            .write(toFile: sam, atomically: true, encoding: .utf8)
        _ = try TestSupport.run("samtools", ["view", "-b", "-o", bam, sam])
        _ = try TestSupport.run("samtools", ["index", bam])
        let f = try AlignmentFile(path: bam)
        var seen = 0
        try f.forEachRecord(in: GenomicRegion(contig: "chr1", start: 0, end: 300_000_000)) { b in
            seen += 1
            let l = CigarLengths(b)
            #expect(l.end == Int(bam_endpos(b)), "end of record \(seen)")
            #expect(l.queryLength == Int(bam_cigar2qlen(Int32(b.pointee.core.n_cigar), g2t_bam_get_cigar(b))), "query length of record \(seen)")
        }
        #expect(seen == rows.count, "every record must be read")
    }
}
