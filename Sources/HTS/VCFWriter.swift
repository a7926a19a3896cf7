import CHTSlib
#if canImport(Glibc)
import Glibc
#endif

/// Writes VCF/BCF through htslib's bcf API: `.vcf.gz` bgzipped, `.bcf` binary, else plain text.
/// Index with `close(index:)` (tbi or csi), or while writing (`indexWhileWriting`).
package final class VCFWriter {
    /// The index to build after the file is closed.
    package enum Index: Sendable { case none, tbi, csi }

    package let path: String
    private var fp: UnsafeMutablePointer<htsFile>?
    private let hdr: UnsafeMutablePointer<bcf_hdr_t>
    private let rec: UnsafeMutablePointer<bcf1_t>
    private let nSamples: Int
    /// The index htslib builds in memory as records are written (saved at close): no second
    /// pass over the file. htslib keeps the pointer to its file name until the save.
    private let streamingIndex: Index
    private let indexName: UnsafeMutablePointer<CChar>?

    /// Opens `path` for writing. `mode` is "wz" (bgzipped VCF), "wb" (BCF) or "w" (plain VCF).
    /// `indexWhileWriting` (a bgzipped file only) builds that index in memory as records are
    /// written; `close(index:)` must then name the same index.
    package init(path: String, header spec: VCFHeaderSpec, mode: String = "wz", indexWhileWriting: Index = .none) throws {
        guard let hdr = bcf_hdr_init("w") else { throw HTSError.vcf(path: path, detail: "cannot create a VCF header") }
        bcf_hdr_set_version(hdr, "VCFv4.3")
        var lines: [String] = spec.meta.map { "##" + $0 }
        lines += spec.contigs.map { "##contig=<ID=\($0.name),length=\($0.length)>" }
        lines += spec.filters.map { "##FILTER=<ID=\($0.id),Description=\"\(Self.quote($0.description))\">" }
        lines += spec.infos.map { "##INFO=<ID=\($0.id),Number=\($0.number),Type=\($0.type),Description=\"\(Self.quote($0.description))\">" }
        lines += spec.formats.map { "##FORMAT=<ID=\($0.id),Number=\($0.number),Type=\($0.type),Description=\"\(Self.quote($0.description))\">" }
        for line in lines where bcf_hdr_append(hdr, line) != 0 {
            bcf_hdr_destroy(hdr)
            throw HTSError.vcf(path: path, detail: "invalid header line: \(line)")
        }
        // htslib misbehaves on blank sample names (and tabs or newlines would break the #CHROM line).
        for s in spec.samples {
            guard !s.allSatisfy({ $0.isWhitespace }), !s.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }),
                  bcf_hdr_add_sample(hdr, s) == 0 else {
                bcf_hdr_destroy(hdr)
                throw HTSError.vcf(path: path, detail: "sample name '\(s.prefix(60))' is blank or holds tabs or line breaks")
            }
        }
        guard bcf_hdr_sync(hdr) == 0, let fp = hts_open(path, mode) else {
            bcf_hdr_destroy(hdr)
            throw HTSError.vcf(path: path, detail: "cannot open for writing")
        }
        guard bcf_hdr_write(fp, hdr) == 0, let rec = bcf_init() else {
            hts_close(fp)
            bcf_hdr_destroy(hdr)
            throw HTSError.vcf(path: path, detail: "cannot write the header")
        }
        var name: UnsafeMutablePointer<CChar>?
        if indexWhileWriting != .none {
            name = strdup(path + (indexWhileWriting == .tbi ? ".tbi" : ".csi"))
            // min_shift 0 asks for a tabix index, 14 for CSI (htslib's default bin size).
            guard let name, bcf_idx_init(fp, hdr, indexWhileWriting == .tbi ? 0 : 14, name) == 0 else {
                hts_close(fp)
                bcf_destroy(rec)
                bcf_hdr_destroy(hdr)
                free(name)
                throw HTSError.indexFailed(path: path, detail: "cannot start the index")
            }
        }
        self.path = path
        self.fp = fp
        self.hdr = hdr
        self.rec = rec
        self.nSamples = spec.samples.count
        self.streamingIndex = indexWhileWriting
        self.indexName = name
    }

    deinit {
        if let fp { hts_close(fp) }
        bcf_destroy(rec)
        bcf_hdr_destroy(hdr)
        free(indexName)
    }

    /// Appends one record; records must come in contig and position order for indexing.
    package func write(_ r: VCFRecord) throws {
        guard let fp else { throw HTSError.vcf(path: path, detail: "write after close") }
        bcf_clear(rec)
        let rid = bcf_hdr_name2id(hdr, r.chrom)
        guard rid >= 0 else { throw HTSError.vcf(path: path, detail: "contig \(r.chrom) is not in the header") }
        rec.pointee.rid = rid
        rec.pointee.pos = hts_pos_t(r.position - 1)
        if let id = r.id { bcf_update_id(hdr, rec, id) }
        let alleles = ([r.ref] + r.alts).joined(separator: ",")
        guard bcf_update_alleles_str(hdr, rec, alleles) == 0 else { throw fail("bad alleles \(alleles)", r) }
        if let q = r.qual { rec.pointee.qual = q } else { g2t_bcf_set_qual_missing(rec) }
        if !r.filters.isEmpty {
            var ids: [Int32] = []
            for f in r.filters {
                let id = bcf_hdr_id2int(hdr, BCF_DT_ID, f)
                guard id >= 0 else { throw fail("FILTER \(f) is not declared", r) }
                ids.append(id)
            }
            bcf_update_filter(hdr, rec, &ids, Int32(ids.count))
        }
        for (key, value) in r.info {
            guard try update(key, value, format: false) == 0 else { throw fail("INFO \(key) is not declared or has the wrong type", r) }
        }
        if !r.genotypes.isEmpty {
            let ploidy = r.genotypes.map(\.count).max() ?? 0
            var gts: [Int32] = []
            for (i, gt) in r.genotypes.enumerated() {
                let phased = i < r.phased.count && r.phased[i]
                for k in 0..<ploidy {
                    if k >= gt.count { gts.append(g2t_bcf_int32_vector_end()); continue }
                    guard let a = gt[k] else { gts.append(g2t_bcf_gt_missing()); continue }
                    gts.append(phased && k > 0 ? g2t_bcf_gt_phased(Int32(a)) : g2t_bcf_gt_unphased(Int32(a)))
                }
            }
            guard bcf_update_format(hdr, rec, "GT", &gts, Int32(gts.count), BCF_HT_INT) == 0 else { throw fail("cannot set GT", r) }
        }
        for (key, value) in r.format {
            guard try update(key, value, format: true) == 0 else { throw fail("FORMAT \(key) is not declared or has the wrong type", r) }
        }
        guard bcf_write(fp, hdr, rec) == 0 else { throw fail("write failed", r) }
    }

    /// Flushes and closes the file, then builds the index beside it.
    package func close(index: Index = .tbi) throws {
        guard let fp else { return }
        self.fp = nil
        if streamingIndex != .none {
            guard index == streamingIndex else {
                hts_close(fp)
                throw HTSError.indexFailed(path: path, detail: "the index built while writing is not the one asked for")
            }
            guard bcf_idx_save(fp) == 0 else {
                hts_close(fp)
                throw HTSError.indexFailed(path: path, detail: "cannot write the index (disk full?)")
            }
            guard hts_close(fp) == 0 else { throw HTSError.vcf(path: path, detail: "close failed (disk full?)") }
            return
        }
        guard hts_close(fp) == 0 else { throw HTSError.vcf(path: path, detail: "close failed (disk full?)") }
        switch index {
        case .none: break
        case .tbi:
            guard g2t_tbx_index_build_vcf(path, 0) == 0 else { throw HTSError.indexFailed(path: path, detail: "tabix indexing failed") }
        case .csi:
            guard bcf_index_build3(path, nil, 14, 0) == 0 else { throw HTSError.indexFailed(path: path, detail: "csi indexing failed") }
        }
    }

    private func update(_ key: String, _ value: VCFValue, format: Bool) throws -> Int32 {
        func call(_ p: UnsafeRawPointer?, _ n: Int, _ type: Int32) -> Int32 {
            format ? bcf_update_format(hdr, rec, key, p, Int32(n), type)
                   : bcf_update_info(hdr, rec, key, p, Int32(n), type)
        }
        switch value {
        case .integers(let v): return v.withUnsafeBytes { call($0.baseAddress, v.count, BCF_HT_INT) }
        case .floats(let v): return v.withUnsafeBytes { call($0.baseAddress, v.count, BCF_HT_REAL) }
        case .string(let s): return s.withCString { call($0, 1, BCF_HT_STR) }
        case .flag: return format ? -1 : call(nil, 1, BCF_HT_FLAG)
        }
    }

    private func fail(_ what: String, _ r: VCFRecord) -> HTSError {
        .vcf(path: path, detail: "record \(r.chrom):\(r.position): \(what)")
    }

    /// Double quotes inside a Description would end the header value early.
    private static func quote(_ s: String) -> String {
        s.replacingOccurrences(of: "\"", with: "'")
    }
}

private extension String {
    func replacingOccurrences(of a: Character, with b: Character) -> String {
        String(map { $0 == a ? b : $0 })
    }
    func replacingOccurrences(of a: String, with b: String) -> String {
        guard let ca = a.first, let cb = b.first, a.count == 1, b.count == 1 else { return self }
        return replacingOccurrences(of: ca, with: cb)
    }
}
