import CHTSlib
import Calling
import Foundation
import G2TCore
import HTS
import Knowledge
import Pipeline
import Reporting

/// The fuzz targets: each takes arbitrary bytes and must return (an error is fine) without a
/// crash. Every input goes through a file, because that is how g2t meets its inputs.
enum FuzzTarget: String, CaseIterable {
    /// BAM records made by `TinyBAMWriter` from the bytes, then counted and phased.
    case bamRecord = "bam-record"
    /// The bytes as a BAM file, then counted.
    case bamBytes = "bam-bytes"
    /// VCF records (after a fixed GRCh38 header unless the bytes bring their own), imported.
    case vcf
    /// A batch sample sheet.
    case sampleSheet = "sample-sheet"
    /// A knowledge base JSON.
    case kb
    /// A panel-of-normals JSON.
    case pon
    /// A stage (analysis) JSON.
    case stage

    /// One private scratch directory per process, under TMPDIR, removed at exit by the runner.
    static let scratch: String = {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        let dir = base + "/g2t-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    func run(_ bytes: [UInt8]) {
        let dir = Self.scratch
        switch self {
        case .bamRecord:
            let path = dir + "/r.bam"
            guard TinyBAMWriter.write(FuzzBytes(bytes), to: path) else { return }
            walk(path)
        case .bamBytes:
            let path = dir + "/b.bam"
            write(bytes, to: path)
            unlink(path + ".bai")
            walk(path)
        case .vcf:
            let path = dir + "/v.vcf"
            let text = bytes.starts(with: Array("##fileformat".utf8)) ? bytes : Array(Self.vcfHeader.utf8) + bytes
            write(text, to: path)
            // PanelSet.bundled() is parsed once per process (parsing it each run made this target 40 times slower).
            _ = try? VCFImport.read(path: path, sample: nil, build: nil, panels: PanelSet.bundled())
        case .sampleSheet:
            let path = dir + "/sheet.csv"
            write(bytes, to: path)
            _ = try? SampleSheet.load(path)
        case .kb:
            let path = dir + "/kb.json"
            write(bytes, to: path)
            _ = try? KnowledgeBaseLoader.load(path: path)
        case .pon:
            let path = dir + "/pon.json"
            write(bytes, to: path)
            _ = try? Stages.loadPanelOfNormals(path)
        case .stage:
            _ = try? ReportRenderer.decode(bytes, file: "stage.json")
        }
    }

    /// Counts and phases around EGFR L858R, as the call stage does.
    private func walk(_ path: String) {
        guard let file = try? AlignmentFile(path: path) else { return }
        let region = GenomicRegion(contig: "chr7", start: 55_191_600, end: 55_192_200)
        for once in [false, true] {
            let filter = ReadFilter(minMappingQuality: 0, minBaseQuality: 0, countFragmentsOnce: once)
            _ = try? file.counts(in: region, filter: filter, subregions: [GenomicRegion(contig: "chr7", start: 55_191_800, end: 55_191_850)],
                                 referenceBases: Array(repeating: UInt8(ascii: "A"), count: region.length))
            let sites = [AlleleSite(position: 55_191_821, change: .base(UInt8(ascii: "G"))),
                         AlleleSite(position: 55_191_830, change: .deletion(length: 3)),
                         AlleleSite(position: 55_191_840, change: .insertion(bases: "AC"))]
            _ = try? file.fragmentAlleles(in: region, sites: sites, filter: filter)
        }
    }

    private func write(_ bytes: [UInt8], to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    static let vcfHeader = """
        ##fileformat=VCFv4.2
        ##contig=<ID=chr7,length=159345973>
        ##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">
        ##INFO=<ID=DP4,Number=4,Type=Integer,Description="Counts">
        ##INFO=<ID=AF,Number=A,Type=Float,Description="Fraction">
        ##INFO=<ID=SAF,Number=A,Type=Integer,Description="Alt forward">
        ##INFO=<ID=SAR,Number=A,Type=Integer,Description="Alt reverse">
        ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
        ##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allele depths">
        ##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">
        ##FORMAT=<ID=AO,Number=A,Type=Integer,Description="Alt count">
        ##FORMAT=<ID=RO,Number=1,Type=Integer,Description="Ref count">
        ##FORMAT=<ID=SB,Number=4,Type=Integer,Description="Strand counts">
        ##FORMAT=<ID=AF,Number=A,Type=Float,Description="Fraction">
        #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2

        """
}

/// Reads numbers off the fuzz input, zeros once it runs out.
struct FuzzBytes {
    private let bytes: [UInt8]
    private var i = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    var isEmpty: Bool { i >= bytes.count }
    mutating func u8() -> UInt8 {
        guard i < bytes.count else { return 0 }
        defer { i += 1 }
        return bytes[i]
    }
    mutating func u16() -> UInt16 { UInt16(u8()) << 8 | UInt16(u8()) }
}

/// A small BAM writer: records near EGFR L858R with CIGARs, flags, mates and sequences (or
/// none: SEQ `*`) taken from the fuzz bytes; sorted, written and indexed through htslib.
enum TinyBAMWriter {
    static func write(_ input: FuzzBytes, to path: String) -> Bool {
        var r = input
        struct Rec { var name: String; var flag: UInt16; var pos: Int; var mapq: UInt8; var cigar: [UInt32]; var seq: String; var qual: [UInt8]; var mpos: Int }
        var recs: [Rec] = []
        let count = Int(r.u8() % 12) + 1
        for k in 0..<count where !r.isEmpty {
            let flag = r.u16() & 0x0FFF & ~UInt16(BAM_FUNMAP)
            let pos = 55_191_700 + Int(r.u16() % 300)
            let mapq = r.u8()
            let nOps = Int(r.u8() % 7) + 1
            var cigar: [UInt32] = []
            var qlen = 0
            for _ in 0..<nOps {
                let code = UInt32(r.u8() % 9)  // M I D N S H P = X
                let big = r.u8()
                let len = big & 0x80 != 0 ? UInt32(r.u16() % 2_000) + 1 : UInt32(big % 40) + 1
                cigar.append(len << 4 | code)
                if [0, 1, 4, 7, 8].contains(code) { qlen += Int(len) }
            }
            // A quarter of the reads store no bases (SEQ `*`), however long their CIGAR.
            let withBases = r.u8() % 4 != 0
            let seq = withBases ? String((0..<qlen).map { _ in "ACGTN=MR".randomElementStable(r.u8()) }) : ""
            let qual = withBases ? (0..<qlen).map { _ in r.u8() % 94 } : []
            recs.append(Rec(name: "r\(k % 5)", flag: flag, pos: pos, mapq: mapq, cigar: cigar, seq: seq, qual: qual,
                            mpos: 55_191_700 + Int(r.u8())))
        }
        recs.sort { $0.pos < $1.pos }
        guard let fp = hts_open(path, "wb") else { return false }
        let headerText = "@HD\tVN:1.6\tSO:coordinate\n@SQ\tSN:chr7\tLN:159345973\n"
        guard let hdr = sam_hdr_parse(headerText.utf8.count, headerText) else { hts_close(fp); return false }
        defer { sam_hdr_destroy(hdr) }
        guard sam_hdr_write(fp, hdr) == 0, let b = bam_init1() else { hts_close(fp); return false }
        defer { bam_destroy1(b) }
        for rec in recs {
            let ok = rec.cigar.withUnsafeBufferPointer { cig in
                rec.qual.withUnsafeBufferPointer { q in
                    bam_set1(b, rec.name.utf8.count, rec.name, rec.flag, 0, hts_pos_t(rec.pos), rec.mapq, cig.count, cig.baseAddress,
                             0, hts_pos_t(rec.mpos), 0, rec.seq.utf8.count, rec.seq.isEmpty ? nil : rec.seq,
                             rec.qual.isEmpty ? nil : q.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }, 0) >= 0
                }
            }
            if ok { _ = sam_write1(fp, hdr, b) }
        }
        guard hts_close(fp) == 0 else { return false }
        return sam_index_build(path, 0) == 0
    }
}

private extension String {
    /// A character of this string chosen by `byte` (deterministic, unlike randomElement).
    func randomElementStable(_ byte: UInt8) -> Character {
        let chars = Array(self)
        return chars[Int(byte) % chars.count]
    }
}
