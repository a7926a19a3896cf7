@testable import HTS
import CHTSlib
import Foundation
import Testing
import TestSupport

/// The per-base tally (`SpanTally.add`) against `ReferenceSpanTally` (main 5bd2386's, verbatim), fed the
/// same records: every count, statistic, indel, clip and tally equal. On generated reads (every CIGAR op,
/// N bases, qualities around each minimum, missing qualities, mates overlapping, excluded reads, reads
/// across the region's edges) and on committed BAMs, with and without a reference, amplicon windows,
/// record-start ranges and `basesOnlyInSubregions`.
@Suite struct SpanTallyEquivalenceTests {
    init() { HTSEnvironment.configure() }

    struct Read { var contig: String; var pos: Int; var end: Int; var seq: [UInt8] }

    /// Both tallies over one query, record by record.
    func compare(_ path: String, _ request: SpanRequest, _ filter: ReadFilter) throws -> Bool {
        let f = try AlignmentFile(path: path)
        var tally = SpanTally(request, filter: filter)
        var given = SpanTally(request, filter: filter)  // told each record's end
        var both = SpanTally(request, filter: filter)  // told its end and query length, as one pass over spans does
        var old = ReferenceSpanTally(request, filter: filter)
        #expect(tally.query == old.query)
        var lengthsDiffer = 0
        try f.forEachRecord(in: tally.query) { b in
            tally.add(b)
            given.add(b, end: Int(bam_endpos(b)))
            let lengths = CigarLengths(b)
            if lengths.end != Int(bam_endpos(b)) || lengths.queryLength != Int(bam_cigar2qlen(Int32(b.pointee.core.n_cigar), g2t_bam_get_cigar(b))) {
                lengthsDiffer += 1
            }
            both.add(b, end: lengths.end, queryLength: lengths.queryLength)
            old.add(b)
        }
        #expect(lengthsDiffer == 0, "CigarLengths against bam_endpos and bam_cigar2qlen")
        let a = tally.finish(), g = given.finish(), l = both.finish(), b = old.finish()
        let same = a.counts == b.counts && a.readsPerSubregion == b.readsPerSubregion && a.recordsStarting == b.recordsStarting
            && g.counts == b.counts && g.readsPerSubregion == b.readsPerSubregion && g.recordsStarting == b.recordsStarting
            && l.counts == b.counts && l.readsPerSubregion == b.readsPerSubregion && l.recordsStarting == b.recordsStarting
        #expect(same, "\(path) \(request.region) bases only in parts \(request.basesOnlyInSubregions) minBQ \(filter.minBaseQuality)")
        return same
    }

    /// The reads of a BAM from its SAM text: contig, 0-based start, end and bases (for a reference).
    func reads(_ path: String) throws -> [Read] {
        let sam = try TestSupport.run("samtools", ["view", "-F", "4", path]).stdout
        return sam.split(separator: "\n").compactMap { line in
            let t = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard t.count >= 11, let pos1 = Int(t[3]), t[5] != "*" else { return nil }
            var length = 0, n = 0
            for ch in t[5].utf8 {
                if ch >= UInt8(ascii: "0") && ch <= UInt8(ascii: "9") { n = n * 10 + Int(ch - UInt8(ascii: "0")); continue }
                if "MDN=X".utf8.contains(ch) { length += n }
                n = 0
            }
            return Read(contig: String(t[2]), pos: pos1 - 1, end: pos1 - 1 + length, seq: Array(t[9].utf8))
        }
    }

    /// A reference for [start, end): the first read's base (approximately the sample's reference, so most
    /// eight-base blocks match), then every 29th position changed and every 41st an N.
    func reference(_ reads: [Read], contig: String, start: Int, end: Int) -> [UInt8] {
        var ref = Array(repeating: UInt8(ascii: "A"), count: end - start)
        for r in reads where r.contig == contig && r.pos < end && r.end > start {
            for k in 0..<r.seq.count where r.pos + k >= start && r.pos + k < end && r.pos + k < r.end {
                if ref[r.pos + k - start] == UInt8(ascii: "A") { ref[r.pos + k - start] = r.seq[k] }
            }
        }
        for i in ref.indices {
            if i % 29 == 0 { ref[i] = ref[i] == UInt8(ascii: "C") ? UInt8(ascii: "G") : UInt8(ascii: "C") }
            if i % 41 == 0 { ref[i] = UInt8(ascii: "N") }
        }
        return ref
    }

    /// Spans over a BAM's reads: windows around every `every`th read, each counted with several
    /// subregion layouts, references and filters.
    func checkAll(_ path: String, every: Int, amplicons: Bool = false) throws {
        let all = try reads(path)
        #expect(all.count > 20, "\(path) must hold reads")
        var windows: [(String, Int, Int)] = []
        for (i, r) in all.enumerated() where i % every == 0 && windows.count < 5 {
            windows.append((r.contig, max(0, r.pos - 120), r.pos + 260))
        }
        var failures = 0
        for (contig, start, end) in windows {
            let region = GenomicRegion(contig: contig, start: start, end: end)
            let layouts: [[GenomicRegion]] = [
                [GenomicRegion(contig: contig, start: start + 3, end: start + 70),
                 GenomicRegion(contig: contig, start: start + 60, end: start + 130),  // overlaps the first
                 GenomicRegion(contig: contig, start: start + 131, end: start + 140),  // touches neither
                 GenomicRegion(contig: contig, start: end - 40, end: end + 15)],  // past the region's end
                [GenomicRegion(contig: contig, start: start + 200, end: start + 201),
                 GenomicRegion(contig: contig, start: start + 10, end: start + 11),  // unsorted
                 GenomicRegion(contig: contig, start: start + 50, end: start + 50)],  // empty
                [],
            ]
            var trim: AmpliconTrim?
            if amplicons {
                // Windows where at least three reads start and end alike: the amplicons of the sample.
                var seen: [Int: Int] = [:]
                for r in all where r.contig == contig && r.pos < end && r.end > start { seen[r.pos * 100_000 + (r.end - r.pos), default: 0] += 1 }
                let w = seen.filter { $0.value >= 3 }.keys.sorted().enumerated().map { i, k in
                    let s = k / 100_000, e = s + k % 100_000
                    return AmpliconTrim.Window(id: i, contig: contig, start: s, end: e, insertStart: s + 18, insertEnd: e - 21)
                }
                trim = AmpliconTrim(windows: w, tolerance: 3)
            }
            let ref = reference(all, contig: contig, start: start, end: end)
            for (li, parts) in layouts.enumerated() {
                for only in [false, true] where !(only && parts.isEmpty) {
                    for (ri, refBases) in [ref, nil].enumerated() {
                        let request = SpanRequest(region: region, subregions: parts, referenceBases: refBases, amplicons: trim,
                                                  recordStartsIn: li == 0 ? [(start - 90)..<(end + 40)] : [],
                                                  basesOnlyInSubregions: only)
                        for (minBQ, once) in [(0, true), (13, false), (20, true), (30, true), (41, false)] where ri == 0 || minBQ == 20 {
                            if try !compare(path, request, ReadFilter(minBaseQuality: UInt8(minBQ), countFragmentsOnce: once)) { failures += 1 }
                        }
                    }
                }
            }
        }
        #expect(failures == 0)
    }

    @Test(arguments: [
        "samples/demo-nsclc.bam", "samples/trap-lowbq.bam", "samples/trap-readend.bam", "samples/trap-mostlydup.bam",
        "samples/trap-lowmapq.bam", "samples/egfr-ex20ins.bam", "samples/egfr-ex19del-t790m.bam", "samples/panel18/met-ex14-del.bam",
        "samples/cfdna/cfdna-t790m.bam", "samples/cn/cn-egfr-8.bam",
    ])
    func committedBAMs(_ sample: String) throws {
        try checkAll(TestSupport.testData(sample), every: 97)
    }

    @Test func ampliconBAM() throws {
        try checkAll(TestSupport.testData("samples/amplicon/amplicon-egfr.bam"), every: 61, amplicons: true)
        try checkAll(TestSupport.testData("samples/amplicon/amplicon-egfr-markdup.bam"), every: 61, amplicons: true)
    }

    /// The generated reads of `generatedReads` as an indexed BAM, with the reference its counts are tallied against
    /// (every 53rd base N) and the contig's length. `umiTags`: most reads also carry an RX UMI (duplex, some lower case,
    /// a few malformed or N-rich, some reads none), for UMI mode's shared pass (`ReadBasesTests`); the reads are the same.
    static func generatedBAM(umiTags: Bool) throws -> (bam: String, reference: [UInt8], length: Int) {
        var rng = SplitMix64(seed: 0x5EED_F13)
        let length = 3_000
        let acgt = Array("ACGT".utf8)
        let genome = (0..<length).map { _ in acgt[Int(rng.next() % 4)] }
        var lines: [(Int, String)] = []
        for i in 0..<1_500 {
            let pos = Int(rng.next() % UInt64(length - 600))
            var cigar = "", seq: [UInt8] = [], ref = pos
            func add(_ n: Int, _ op: Character) { cigar += "\(n)\(op)" }
            func bases(_ n: Int, from: Int?) {
                for k in 0..<n {
                    var b = from.map { genome[min(length - 1, $0 + k)] } ?? acgt[Int(rng.next() % 4)]
                    let roll = rng.next() % 100
                    if roll < 4 { b = acgt[Int(rng.next() % 4)] } else if roll < 6 { b = UInt8(ascii: "N") } else if roll < 7 { b = Array("RYKM".utf8)[Int(rng.next() % 4)] }
                    seq.append(b)
                }
            }
            if rng.next() % 5 == 0 { add(Int(rng.next() % 6) + 1, "H") }
            if rng.next() % 3 == 0 { let n = Int(rng.next() % 12) + 1; add(n, "S"); bases(n, from: nil) }
            for block in 0..<Int(rng.next() % 4 + 1) {
                if block > 0 {
                    switch rng.next() % 5 {
                    case 0: let n = Int(rng.next() % 4) + 1; add(n, "I"); bases(n, from: nil)
                    case 1: let n = Int(rng.next() % 5) + 1; add(n, "D"); ref += n
                    case 2: let n = Int(rng.next() % 60) + 10; add(n, "N"); ref += n
                    case 3: add(1, "P"); let n = Int(rng.next() % 3) + 1; add(n, "I"); bases(n, from: nil)
                    default: break
                    }
                }
                let n = Int(rng.next() % 45) + 1
                let op: Character = ["M", "M", "=", "X"][Int(rng.next() % 4)]
                add(n, op); bases(n, from: ref); ref += n
            }
            if rng.next() % 3 == 0 { let n = Int(rng.next() % 12) + 1; add(n, "S"); bases(n, from: nil) }
            if rng.next() % 5 == 0 { add(Int(rng.next() % 6) + 1, "H") }
            let qualities: String
            if rng.next() % 15 == 0 {
                qualities = "*"
            } else {
                qualities = String(decoding: seq.map { _ in UInt8(33 + [2, 12, 13, 14, 19, 20, 21, 29, 30, 31, 37, 40, 41][Int(rng.next() % 13)]) }, as: UTF8.self)
            }
            // Pairs: mates share a name; the second starts inside the first half the time (they overlap).
            let pair = i / 2
            let first = i % 2 == 0
            let mateAt = first ? pos + Int(rng.next() % 150) : max(0, pos - Int(rng.next() % 150))
            var flag = 1 | (first ? 64 : 128) | (rng.next() % 2 == 0 ? 16 : 0)
            let extra = rng.next() % 40
            if extra == 0 { flag |= 1024 } else if extra == 1 { flag |= 256 } else if extra == 2 { flag |= 4 }
            let mapq = rng.next() % 10 == 0 ? 5 : (rng.next() % 10 == 0 ? 255 : 60)
            let name = "r\(pair)"
            var tags = ""
            if umiTags {
                // The pair's UMI from its number (mates share it), a few pairs per UMI so families form.
                let umi = String(decoding: (0..<6).map { k in acgt[((pair / 3) >> (2 * k)) & 3] }, as: UTF8.self)
                switch pair % 23 {
                case 0: break  // no tag
                case 1: tags = "\tRX:Z:\(umi)-NN\(umi.prefix(4))"  // N-rich
                case 2: tags = "\tRX:Z:\(umi)-x\(umi.dropFirst())"  // a character no UMI holds
                case 3: tags = "\tRX:Z:\(umi.lowercased())-\(String(umi.reversed()))"
                default: tags = "\tRX:Z:\(umi)-\(String(umi.reversed()))"
                }
            }
            lines.append((pos, "\(name)\t\(flag)\tchr1\t\(pos + 1)\t\(mapq)\t\(cigar)\t=\t\(mateAt + 1)\t0\t\(String(decoding: seq, as: UTF8.self))\t\(qualities)\(tags)"))
        }
        let dir = try TestSupport.tempDir(umiTags ? "span-tally-eq-umi" : "span-tally-eq")
        let sam = dir + "/gen.sam", bam = dir + "/gen.bam"
        let text = "@HD\tVN:1.6\tSO:coordinate\n@SQ\tSN:chr1\tLN:\(length)\n" + lines.sorted { $0.0 < $1.0 }.map(\.1).joined(separator: "\n") + "\n"
        try text.write(toFile: sam, atomically: true, encoding: .utf8)
        _ = try TestSupport.run("samtools", ["view", "-b", "-o", bam, sam])
        _ = try TestSupport.run("samtools", ["index", bam])
        let refText = genome.enumerated().map { i, b in i % 53 == 0 ? UInt8(ascii: "N") : b }
        return (bam, refText, length)
    }

    /// Generated reads: every CIGAR op (M I D N S H P = X), N and IUPAC bases, qualities spread around
    /// the minima (a third of the eight-base blocks mixed), some reads without qualities, overlapping
    /// mates, duplicates, low mapping quality, unmapped and secondary records, reads across the edges.
    @Test func generatedReads() throws {
        let (bam, refText, length) = try Self.generatedBAM(umiTags: false)
        var failures = 0
        for (start, end) in [(0, 800), (350, 1_410), (1_999, 3_000), (700, 701)] {
            let region = GenomicRegion(contig: "chr1", start: start, end: end)
            let parts = [GenomicRegion(contig: "chr1", start: start + 20, end: start + 200),
                         GenomicRegion(contig: "chr1", start: start + 150, end: start + 260),
                         GenomicRegion(contig: "chr1", start: end - 100, end: end + 50)]
            let trim = AmpliconTrim(windows: [AmpliconTrim.Window(id: 0, contig: "chr1", start: start, end: start + 300,
                                                                  insertStart: start + 25, insertEnd: start + 270)], tolerance: 400)
            for only in [false, true] {
                for refBases in [Array(refText[start..<end]), nil] {
                    for amplicons in [nil, trim] {
                        let request = SpanRequest(region: region, subregions: parts, referenceBases: refBases, amplicons: amplicons,
                                                  recordStartsIn: [max(0, start - 50)..<(end + 30)], basesOnlyInSubregions: only)
                        for (minBQ, once) in [(0, true), (13, true), (20, false), (20, true), (31, true), (41, true), (128, true), (200, false)] {
                            if try !compare(bam, request, ReadFilter(minBaseQuality: UInt8(minBQ), countFragmentsOnce: once)) { failures += 1 }
                        }
                    }
                }
            }
        }
        #expect(failures == 0)
        // The generated reads hold what the test is about: alternates counted and blocks that fail.
        let f = try AlignmentFile(path: bam)
        let c = try f.counts(in: GenomicRegion(contig: "chr1", start: 0, end: length), filter: ReadFilter(minBaseQuality: 20),
                             subregions: [], referenceBases: refText).counts
        #expect(c.reads > 1_000 && !c.indels.isEmpty && !c.clips.isEmpty)
    }

    /// The mate key's four-byte tail (one load) against the byte loop it replaced: the same key for
    /// names of every length, htslib's padding included.
    @Test func mateKeyTailAsTheByteLoop() throws {
        func byteLoop(_ b: UnsafeMutablePointer<bam1_t>) -> UInt64 {
            let n = Int(b.pointee.core.l_qname)
            let p = UnsafeRawPointer(g2t_bam_get_qname(b))
            let k: UInt64 = 0x9E37_79B9_7F4A_7C15
            var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: n)
            var i = 0
            while i &+ 8 <= n {
                h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
                h ^= h &>> 32
                i &+= 8
            }
            var tail: UInt64 = 0
            while i < n {
                tail = tail &<< 8 | UInt64(p.load(fromByteOffset: i, as: UInt8.self))
                i &+= 1
            }
            h = (h ^ tail) &* k
            return h ^ h &>> 32
        }
        var compared = 0
        for length in 1...45 {
            let name = String((0..<length).map { Character(UnicodeScalar(UInt8(65 + ($0 * 7 + length) % 26))) })
            let b = try #require(bam_init1())
            defer { bam_destroy1(b) }
            let quals: [CChar] = [30, 30, 30, 30]
            let cigar: [UInt32] = [4 << 4]
            let made = name.withCString { n in
                "ACGT".withCString { s in bam_set1(b, name.utf8.count, n, 0, 0, 100, 60, 1, cigar, -1, -1, 0, 4, s, quals, 0) }
            }
            #expect(made >= 0)
            #expect(AlignmentFile.mateKey(b) == byteLoop(b), "\(name)")
            compared += 1
        }
        #expect(compared == 45)
    }
}
