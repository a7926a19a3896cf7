import CHTSlib
#if canImport(Glibc)
import Glibc
#endif

/// Reads VCF (plain or bgzipped) and BCF through htslib, whole-file or by indexed region.
public final class VCFReader {
    public let path: String
    public let samples: [String]
    public let contigs: [AlignmentHeader.Reference]
    /// Records read so far by `next()`: the data line number, for error messages.
    public private(set) var recordsRead = 0

    private let fp: UnsafeMutablePointer<htsFile>
    private let hdr: UnsafeMutablePointer<bcf_hdr_t>
    private let rec: UnsafeMutablePointer<bcf1_t>
    private let isBCF: Bool

    public init(path: String) throws {
        guard HTSEnvironment.fileExists(path) else { throw HTSError.fileNotFound(path: path) }
        guard let fp = hts_open(path, "r") else { throw HTSError.cannotOpen(path: path) }
        let fmt = hts_get_format(fp).pointee
        guard fmt.format == vcf || fmt.format == bcf else {
            let d = AlignmentFile.describe(fmt)
            hts_close(fp)
            throw HTSError.wrongFormat(path: path, expected: "VCF/BCF", found: d)
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
    }

    deinit {
        bcf_destroy(rec)
        bcf_hdr_destroy(hdr)
        hts_close(fp)
    }

    /// The next record in file order, or nil at the end.
    public func next() throws -> VCFRecord? {
        let r = bcf_read(fp, hdr, rec)
        if r == -1 { return nil }
        recordsRead += 1
        if r < -1 || rec.pointee.errcode != 0 {
            throw HTSError.vcf(path: path, detail: "data line \(recordsRead) is malformed (htslib error \(rec.pointee.errcode))")
        }
        return try decode()
    }

    /// Every remaining record.
    public func readAll() throws -> [VCFRecord] {
        var out: [VCFRecord] = []
        while let r = try next() { out.append(r) }
        return out
    }

    /// Records overlapping `region`, through the .tbi or .csi index beside the file.
    public func records(in region: GenomicRegion) throws -> [VCFRecord] {
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
