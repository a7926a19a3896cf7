import CHTSlib
#if canImport(Glibc)
import Glibc
#endif

/// Reads VCF (plain or bgzipped) and BCF through htslib, whole-file or by indexed region.
package final class VCFReader {
    package let path: String
    package let samples: [String]
    package let contigs: [AlignmentHeader.Reference]
    /// Records read so far by `next()`: the data line number, for error messages.
    package private(set) var recordsRead = 0
    /// The header's meta lines (`##…`), e.g. to find Mutect2's `##tumor_sample=`.
    package let metaLines: [String]
    /// 1-based line number in the file of the last record read (plain or bgzipped VCF).
    /// (Counted from the file's own header lines: htslib adds some, e.g. `##FILTER=<ID=PASS…>`.)
    package var lineNumber: Int { (headerLineCount ?? metaLines.count + 1) + recordsRead }
    /// Header lines as written in a text VCF (`##` lines and `#CHROM`).
    private var headerLineCount: Int?

    private let fp: UnsafeMutablePointer<htsFile>
    private let hdr: UnsafeMutablePointer<bcf_hdr_t>
    private let rec: UnsafeMutablePointer<bcf1_t>
    private let isBCF: Bool
    private let declared: Set<String>

    package init(path: String) throws {
        try HTSEnvironment.requireFile(path)
        guard let fp = hts_open(path, "r") else { throw HTSError.cannotOpen(path: path) }
        let fmt = hts_get_format(fp).pointee
        guard fmt.format == vcf || fmt.format == bcf else {
            let d = AlignmentFile.describe(fmt)
            hts_close(fp)
            throw HTSError.wrongFormat(path: path, expected: "VCF/BCF", found: d)
        }
        var headerLines: Int?
        if fmt.format == vcf {
            let check = Self.headerProblem(path)
            if let problem = check.problem {
                hts_close(fp)
                throw HTSError.vcf(path: path, detail: problem)
            }
            headerLines = check.lines
        }
        guard let hdr = bcf_hdr_read(fp) else {
            hts_close(fp)
            throw HTSError.vcf(path: path, detail: "the VCF header is malformed")
        }
        guard let rec = bcf_init() else {
            bcf_hdr_destroy(hdr)
            hts_close(fp)
            throw HTSError.vcf(path: path, detail: "out of memory")
        }
        self.path = path
        self.fp = fp
        self.hdr = hdr
        self.rec = rec
        self.isBCF = fmt.format == bcf
        self.samples = (0..<g2t_bcf_hdr_nsamples(hdr)).map { String(cString: g2t_bcf_hdr_sample(hdr, $0)) }
        self.contigs = (0..<g2t_bcf_hdr_nctg(hdr)).map {
            .init(name: String(cString: g2t_bcf_hdr_id2name(hdr, $0)), length: Int(g2t_bcf_hdr_ctg_len(hdr, $0)))
        }
        var ks = kstring_t(l: 0, m: 0, s: nil)
        defer { g2t_ks_free(&ks) }
        var meta: [String] = []
        if bcf_hdr_format(hdr, 0, &ks) == 0, let text = ks.s {
            meta = String(cString: text).split(separator: "\n").filter { $0.hasPrefix("##") }.map(String.init)
        }
        self.metaLines = meta
        self.declared = Set(contigs.map(\.name))
        self.headerLineCount = headerLines
    }

    /// A `##` meta line longer than this is refused before htslib reads the header: real ones are at
    /// most a few KB (a GATK command line), and one 200 MB line (a 325 KB bgzipped file) made
    /// htslib and g2t hold about 1 GB.
    package static let maxMetaLineBytes = 1 << 20
    /// The whole header, #CHROM line included (it lists the samples: 100,000 names are ~1.5 MB).
    package static let maxHeaderBytes = 64 << 20

    /// Checks a text VCF's header lines, so a broken one is reported with its line number
    /// (htslib only says that the header failed, or silently accepts some broken lines). Lines are
    /// read in bounded pieces, so an oversized header is refused without being held in memory.
    static func headerProblem(_ path: String) -> (problem: String?, lines: Int?) {
        guard let reader = BoundedLineReader(path: path) else { return (nil, nil) }
        var n = 0
        var total = 0
        while true {
            let next = reader.next(limit: maxHeaderBytes - total, metaLimit: maxMetaLineBytes)
            let bytes: [UInt8]
            switch next {
            case .end: return (n == 0 ? "the file is empty" : "no #CHROM header line", nil)
            case .readError: return ("line \(n + 1): read error (a truncated or corrupt file?)", nil)
            case .tooLong(let meta):
                return (meta ? "line \(n + 1): a header line longer than \(maxMetaLineBytes >> 20) MiB; g2t refuses such headers"
                             : "the header is longer than \(maxHeaderBytes >> 20) MiB; g2t refuses such headers", nil)
            case .line(let l): bytes = l
            }
            n += 1
            total += bytes.count + 1
            let line = String(decoding: bytes, as: UTF8.self)
            if line.hasPrefix("##") {
                guard let eq = line.firstIndex(of: "=") else { return ("line \(n): header line has no '=': \(line.prefix(60))", nil) }
                let value = line[line.index(after: eq)...]
                if value.hasPrefix("<") {
                    guard value.hasSuffix(">") else { return ("line \(n): structured header line does not end with '>': \(line.prefix(60))", nil) }
                    guard value.utf8.filter({ $0 == UInt8(ascii: "\"") }).count % 2 == 0 else { return ("line \(n): unbalanced quotes in header line: \(line.prefix(60))", nil) }
                }
                if n == 1 && !line.hasPrefix("##fileformat=VCF") { return ("line 1: a VCF must start with ##fileformat=VCFv4.x", nil) }
            } else if line.hasPrefix("#CHROM") {
                let cols = line.split(separator: "\t", maxSplits: 8).map(String.init)
                let fixed = ["#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO"]
                guard cols.count >= 8, Array(cols[0..<8]) == fixed else {
                    return ("line \(n): the #CHROM line must list \(fixed.joined(separator: " ")) separated by tabs", nil)
                }
                return (nil, n)
            } else {
                return ("line \(n): a data line comes before the #CHROM header line", nil)
            }
        }
    }

    /// The next record whose chromosome and 1-based position pass `keep`, or nil at the end.
    /// On text VCF, other lines are skipped before htslib parses them, which keeps a whole-exome
    /// file fast when only a few genes matter.
    package func next(where keep: (String, Int) -> Bool) throws -> VCFRecord? {
        if isBCF {
            while let r = try nextRaw() {
                if keep(String(cString: g2t_bcf_hdr_id2name(hdr, r.pointee.rid)), Int(r.pointee.pos) + 1) { return try decode() }
            }
            return nil
        }
        var ks = kstring_t(l: 0, m: 0, s: nil)
        defer { g2t_ks_free(&ks) }
        while true {
            let r = hts_getline(fp, 2, &ks)  // 2 = KS_SEP_LINE (kseq.h, not imported)
            if r == -1 { return nil }
            recordsRead += 1
            guard r >= 0, let base = ks.s else { throw HTSError.vcf(path: path, detail: "line \(lineNumber): read error") }
            let bytes = UnsafeRawBufferPointer(start: base, count: Int(ks.l)).bindMemory(to: UInt8.self)
            guard let tab = bytes.firstIndex(of: 9) else { throw malformed(errcode: Int32(BCF_ERR_NCOLS)) }
            let posEnd = bytes[(tab + 1)...].firstIndex(of: 9) ?? bytes.count
            guard let pos = Self.position(bytes[(tab + 1)..<posEnd]) else {
                let text = String(decoding: bytes[(tab + 1)..<min(posEnd, tab + 41)], as: UTF8.self)
                throw HTSError.vcf(path: path, detail: "line \(lineNumber): POS '\(text)' is not a position (a whole number up to 2^62)")
            }
            let chrom = String(decoding: bytes[..<tab], as: UTF8.self)
            // A record on a contig the header does not declare is malformed, even when it is skipped.
            if !declared.isEmpty && !declared.contains(chrom) { throw malformed(errcode: Int32(BCF_ERR_CTG_UNDEF), contig: chrom) }
            guard keep(chrom, pos) else { continue }
            if vcf_parse(&ks, hdr, rec) != 0 || rec.pointee.errcode != 0 { throw malformed(errcode: rec.pointee.errcode) }
            return try decode()
        }
    }

    /// POS as htslib reads it (`hts_str2uint`: optional leading spaces and `+`, decimal digits,
    /// at most 2^62 for a 0-based position that fits `hts_pos_t`), or nil when it is not one.
    static func position(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var i = field.startIndex
        while i < field.endIndex, field[i] == 32 { i += 1 }
        if i < field.endIndex, field[i] == UInt8(ascii: "+") { i += 1 }
        guard i < field.endIndex else { return nil }
        var pos = 0
        while i < field.endIndex {
            let c = field[i]
            guard c >= 48, c <= 57 else { return nil }
            let (times10, o1) = pos.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int(c - 48))
            guard !o1, !o2, next <= 1 << 62 else { return nil }
            pos = next
            i += 1
        }
        return pos  // 0 is legal: the VCF spec puts telomeric records at 0
    }

    private func nextRaw() throws -> UnsafeMutablePointer<bcf1_t>? {
        let r = bcf_read(fp, hdr, rec)
        if r == -1 { return nil }
        recordsRead += 1
        if r < -1 || rec.pointee.errcode != 0 { throw malformed(errcode: rec.pointee.errcode) }
        return rec
    }

    /// An error naming the line and, where htslib says, what is wrong with it.
    private func malformed(errcode: Int32, contig: String? = nil) -> HTSError {
        let why: String
        switch errcode {
        case Int32(BCF_ERR_CTG_UNDEF): why = "contig \(contig.map { "'\($0)' " } ?? "")is not declared in the header"
        case Int32(BCF_ERR_TAG_UNDEF): why = "it uses an INFO/FORMAT tag the header does not declare"
        case Int32(BCF_ERR_NCOLS): why = "wrong number of columns"
        case Int32(BCF_ERR_CHAR): why = "invalid characters"
        case Int32(BCF_ERR_CTG_INVALID): why = "invalid contig name"
        case Int32(BCF_ERR_TAG_INVALID): why = "invalid INFO/FORMAT tag"
        default: why = "it does not parse (htslib error \(errcode))"
        }
        return HTSError.vcf(path: path, detail: "line \(isBCF ? recordsRead : lineNumber): \(why)")
    }

    deinit {
        bcf_destroy(rec)
        bcf_hdr_destroy(hdr)
        hts_close(fp)
    }

    /// The next record in file order, or nil at the end.
    package func next() throws -> VCFRecord? {
        try next { _, _ in true }
    }

    /// Every remaining record.
    package func readAll() throws -> [VCFRecord] {
        var out: [VCFRecord] = []
        while let r = try next() { out.append(r) }
        return out
    }

    /// Records overlapping `region`, through the .tbi or .csi index beside the file.
    package func records(in region: GenomicRegion) throws -> [VCFRecord] {
        var out: [VCFRecord] = []
        let text = region.description
        if isBCF {
            guard let idx = g2t_bcf_index_load(path) else { throw HTSError.indexFailed(path: path, detail: "no .csi index") }
            defer { hts_idx_destroy(idx) }
            guard let itr = g2t_bcf_itr_querys(idx, hdr, text) else { return [] }
            defer { hts_itr_destroy(itr) }
            while true {
                let r = bcf_itr_next(fp, itr, rec)
                if r == -1 { break }
                if r < -1 { throw HTSError.vcf(path: path, detail: "read error in \(text)") }
                out.append(try decode())
            }
            return out
        }
        guard let tbx = tbx_index_load3(path, nil, Int32(HTS_IDX_SILENT_FAIL)) else {
            throw HTSError.indexFailed(path: path, detail: "no .tbi/.csi index")
        }
        defer { tbx_destroy(tbx) }
        guard let itr = g2t_tbx_itr_querys(tbx, text) else { return [] }
        defer { hts_itr_destroy(itr) }
        var ks = kstring_t(l: 0, m: 0, s: nil)
        defer { g2t_ks_free(&ks) }
        while true {
            let r = g2t_tbx_itr_next(fp, tbx, itr, &ks)
            if r == -1 { break }
            if r < -1 { throw HTSError.vcf(path: path, detail: "read error in \(text)") }
            guard vcf_parse(&ks, hdr, rec) == 0 else { throw HTSError.vcf(path: path, detail: "malformed record in \(text)") }
            out.append(try decode())
        }
        return out
    }

    private func decode() throws -> VCFRecord {
        bcf_unpack(rec, BCF_UN_STR | BCF_UN_FLT | BCF_UN_INFO | BCF_UN_FMT)  // BCF_UN_ALL is a compound macro Swift cannot import
        let d = rec.pointee.d
        let n = Int(rec.pointee.n_allele)
        var alleles: [String] = []
        for i in 0..<n { if let a = d.allele[i] { alleles.append(String(cString: a)) } }
        guard let ref = alleles.first else { throw HTSError.vcf(path: path, detail: "record without REF") }
        let id: String? = d.id.map { String(cString: $0) }.flatMap { $0 == "." ? nil : $0 }
        let qual: Float? = g2t_bcf_float_is_missing(rec.pointee.qual) != 0 ? nil : rec.pointee.qual
        var filters: [String] = []
        for i in 0..<Int(d.n_flt) { filters.append(String(cString: g2t_bcf_hdr_int2id(hdr, d.flt[i]))) }

        var info: [(key: String, value: VCFValue)] = []
        for i in 0..<Int(rec.pointee.n_info) {
            let key = String(cString: g2t_bcf_hdr_int2id(hdr, d.info[i].key))
            if let v = value(key, type: g2t_bcf_hdr_info_type(hdr, d.info[i].key), format: false) { info.append((key, v)) }
        }
        var genotypes: [[Int?]] = []
        var phased: [Bool] = []
        var format: [(key: String, value: VCFValue)] = []
        for i in 0..<Int(rec.pointee.n_fmt) {
            let key = String(cString: g2t_bcf_hdr_int2id(hdr, d.fmt[i].id))
            if key == "GT" {
                (genotypes, phased) = readGenotypes()
            } else if let v = value(key, type: g2t_bcf_hdr_fmt_type(hdr, d.fmt[i].id), format: true) {
                format.append((key, v))
            }
        }
        return VCFRecord(chrom: String(cString: g2t_bcf_hdr_id2name(hdr, rec.pointee.rid)), position: Int(rec.pointee.pos) + 1,
                         id: id, ref: ref, alts: Array(alleles.dropFirst()), qual: qual, filters: filters,
                         info: info, genotypes: genotypes, phased: phased, format: format)
    }

    private func readGenotypes() -> ([[Int?]], [Bool]) {
        var dst: UnsafeMutablePointer<Int32>?
        var ndst: Int32 = 0
        let n = g2t_bcf_get_genotypes(hdr, rec, &dst, &ndst)
        defer { free(dst) }
        let ns = samples.count
        guard n > 0, ns > 0, let dst else { return ([], []) }
        let ploidy = Int(n) / ns
        var gts: [[Int?]] = []
        var phased: [Bool] = []
        for s in 0..<ns {
            var gt: [Int?] = []
            var isPhased = false
            for k in 0..<ploidy {
                let v = dst[s * ploidy + k]
                if v == g2t_bcf_int32_vector_end() { break }
                gt.append(g2t_bcf_gt_is_missing(v) != 0 ? nil : Int(g2t_bcf_gt_allele(v)))
                if k > 0 && g2t_bcf_gt_is_phased(v) != 0 { isPhased = true }
            }
            gts.append(gt)
            phased.append(isPhased)
        }
        return (gts, phased)
    }

    private func value(_ key: String, type: Int32, format: Bool) -> VCFValue? {
        var raw: UnsafeMutableRawPointer?
        var n: Int32 = 0
        defer { free(raw) }
        let got: Int32 = format
            ? bcf_get_format_values(hdr, rec, key, &raw, &n, type)
            : bcf_get_info_values(hdr, rec, key, &raw, &n, type)
        switch type {
        case BCF_HT_FLAG: return got == 1 ? .flag : nil
        case BCF_HT_INT:
            guard got > 0, let p = raw?.assumingMemoryBound(to: Int32.self) else { return nil }
            return .integers((0..<Int(got)).map { p[$0] }.filter { $0 != g2t_bcf_int32_vector_end() })
        case BCF_HT_REAL:
            guard got > 0, let p = raw?.assumingMemoryBound(to: Float.self) else { return nil }
            return .floats((0..<Int(got)).map { p[$0] }.filter { g2t_bcf_float_is_vector_end($0) == 0 })
        case BCF_HT_STR:
            guard got > 0, let p = raw?.assumingMemoryBound(to: UInt8.self) else { return nil }
            let bytes = UnsafeBufferPointer(start: p, count: Int(got)).prefix { $0 != 0 }
            return .string(String(decoding: bytes, as: UTF8.self))
        default: return nil
        }
    }
}
