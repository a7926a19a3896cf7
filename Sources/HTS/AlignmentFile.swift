import CHTSlib
#if canImport(Glibc)
import Glibc
#endif

/// A BAM, CRAM or SAM file opened through htslib, with its header and (possibly temporary) index.
///
/// Not Sendable: an htsFile holds one stream position. Open one per worker.
package final class AlignmentFile {
    /// The container format htslib detected.
    package enum Format: String, Sendable { case bam = "BAM", cram = "CRAM", sam = "SAM" }

    /// Where the index came from.
    package enum IndexSource: Sendable, Equatable {
        case none
        case beside
        case temporary
        case streaming
    }

    package let path: String
    package let format: Format
    package let header: AlignmentHeader
    package private(set) var indexSource: IndexSource = .none

    private let reference: String?
    private let givenIndex: String?
    private let fp: UnsafeMutablePointer<htsFile>
    let hdr: UnsafeMutablePointer<sam_hdr_t>
    private(set) var idx: OpaquePointer?
    /// Index queries run through this handle (tests check that several spans take one).
    package private(set) var indexQueries = 0
    /// Records read through this handle's index queries (tests check that a pass reads each record once,
    /// and that a probe stops at its limit).
    package private(set) var recordsRead = 0
    private var tempDir: String?

    /// Path of the index built in a temporary place, to share with other handles on this file
    /// while this one is alive.
    package var temporaryIndexPath: String? {
        guard indexSource == .temporary, let tempDir else { return nil }
        return tempDir + (format == .cram ? "/index.crai" : "/index.bai")
    }

    /// Opens `path`; a CRAM needs `reference` (a FASTA with .fai) and never falls back to the network.
    /// `indexPath` names an index elsewhere (as `indexPath` of another handle on the same file).
    package init(path: String, reference: String? = nil, indexPath: String? = nil) throws {
        try HTSEnvironment.requireFile(path)
        guard let fp = hts_open(path, "r") else { throw HTSError.cannotOpen(path: path) }
        let fmt = hts_get_format(fp).pointee
        let found: Format
        switch fmt.format {
        case bam: found = .bam
        case cram: found = .cram
        case sam: found = .sam
        default:
            let desc = Self.describe(fmt)
            hts_close(fp)
            throw HTSError.wrongFormat(path: path, expected: "BAM/CRAM/SAM", found: desc)
        }
        if found == .cram {
            guard let reference else {
                hts_close(fp)
                throw HTSError.cramNeedsReference(path: path)
            }
            guard HTSEnvironment.fileExists(reference) else {
                hts_close(fp)
                throw HTSError.fileNotFound(path: reference)
            }
            if hts_set_fai_filename(fp, reference) != 0 {
                hts_close(fp)
                throw HTSError.indexFailed(path: reference, detail: "cannot load or build the FASTA index")
            }
        }
        if found != .sam, fmt.compression == bgzf || found == .cram, hts_check_EOF(fp) == 0 {
            hts_close(fp)
            throw HTSError.truncated(path: path)
        }
        guard let hdr = sam_hdr_read(fp) else {
            hts_close(fp)
            throw HTSError.corrupt(path: path, detail: "cannot read the header")
        }
        self.path = path
        self.reference = reference
        self.givenIndex = indexPath
        self.format = found
        self.fp = fp
        self.hdr = hdr
        self.header = Self.readHeader(hdr)
    }

    deinit {
        if let idx { hts_idx_destroy(idx) }
        sam_hdr_destroy(hdr)
        hts_close(fp)
        if let tempDir { Self.removeTree(tempDir) }
    }

    /// Loads the index beside the file, or builds one in a temporary directory (BAM/CRAM), or
    /// falls back to streaming the whole file (plain SAM). Returns where it came from.
    @discardableResult
    package func prepareIndex() throws -> IndexSource {
        if indexSource != .none { return indexSource }
        if let givenIndex {
            guard let loaded = sam_index_load2(fp, path, givenIndex) else {
                throw HTSError.indexFailed(path: path, detail: "cannot load \(givenIndex)")
            }
            idx = loaded
            indexSource = .beside
            return indexSource
        }
        if let loaded = sam_index_load3(fp, path, nil, Int32(HTS_IDX_SILENT_FAIL)) {
            let beside = Self.indexBeside(path, format: format) ?? "its index"
            // An index older than its data (by whole seconds, as htslib's own warning compares)
            // or of another file gives wrong depths without any error: refuse both.
            if let i = Self.indexBeside(path, format: format), Self.modified(i) < Self.modified(path) {
                hts_idx_destroy(loaded)
                throw HTSError.staleIndex(path: path, index: i, detail: "the index is older than the file")
            }
            if format == .bam, hts_idx_nseq(loaded) != sam_hdr_nref(hdr) {
                hts_idx_destroy(loaded)
                throw HTSError.staleIndex(path: path, index: beside, detail: "the index lists \(hts_idx_nseq(loaded)) contigs, the file's header \(sam_hdr_nref(hdr)): it belongs to another file")
            }
            idx = loaded
            indexSource = .beside
            return indexSource
        }
        if format == .sam {
            indexSource = .streaming
            return indexSource
        }
        guard let tmp = TemporaryFolder.make("g2t-index-") else {
            throw HTSError.indexFailed(path: path, detail: "cannot create a temporary directory")
        }
        tempDir = tmp
        let idxPath = tmp + (format == .cram ? "/index.crai" : "/index.bai")
        let rc = sam_index_build3(path, idxPath, 0, 1)
        guard rc == 0 else {
            // htslib returns -1 both for unsorted input and for a read error: tell them apart.
            throw rc == -1 ? diagnoseIndexFailure() : HTSError.indexFailed(path: path, detail: "htslib code \(rc)")
        }
        guard let loaded = sam_index_load2(fp, path, idxPath) else {
            throw HTSError.indexFailed(path: path, detail: "cannot load the temporary index")
        }
        idx = loaded
        indexSource = .temporary
        return indexSource
    }

    /// Why indexing failed: reads the file once; a read error means corrupt data, records out of
    /// order mean an unsorted file.
    private func diagnoseIndexFailure() -> HTSError {
        guard let sfp = hts_open(path, "r") else { return .cannotOpen(path: path) }
        defer { hts_close(sfp) }
        if let reference { hts_set_fai_filename(sfp, reference) }
        guard let shdr = sam_hdr_read(sfp) else { return .corrupt(path: path, detail: "cannot read the header") }
        defer { sam_hdr_destroy(shdr) }
        guard let b = bam_init1() else { return .corrupt(path: path, detail: "out of memory") }
        defer { bam_destroy1(b) }
        var last: (tid: Int32, pos: Int64) = (-1, -1)
        var n = 0
        while true {
            let r = sam_read1(sfp, shdr, b)
            if r == -1 { break }
            n += 1
            if r < -1 { return .corrupt(path: path, detail: "record \(n) cannot be read (htslib code \(r))") }
            let c = b.pointee.core
            if c.tid < 0 { last = (Int32.max, 0); continue }  // unmapped reads come last
            if (c.tid, Int64(c.pos)) < last { return .notSorted(path: path) }
            last = (c.tid, Int64(c.pos))
        }
        return .indexFailed(path: path, detail: "htslib could not index it")
    }

    /// The index file htslib would load beside `path` (same order: name + extension, then the
    /// name with its extension replaced), if any exists.
    static func indexBeside(_ path: String, format: Format) -> String? {
        let exts = format == .cram ? [".crai"] : [".bai", ".csi"]
        let dot = path.lastIndex(of: ".").map { String(path[..<$0]) }
        for e in exts {
            for c in [path + e] + (dot.map { [$0 + e] } ?? []) where HTSEnvironment.fileExists(c) { return c }
        }
        return nil
    }

    /// Modification time in whole seconds (0 when unknown).
    static func modified(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_mtim.tv_sec) : 0
    }

    /// Number of reads overlapping `region` that pass `filter`'s flag and mapping-quality tests
    /// (what `samtools view -c -F FLAGS -q MAPQ FILE REGION` prints).
    package func countReads(in region: GenomicRegion, filter: ReadFilter) throws -> Int {
        var n = 0
        try forEachRecord(in: region) { b in
            if filter.accepts(flag: b.pointee.core.flag, mapq: b.pointee.core.qual) { n += 1 }
        }
        return n
    }

    /// Calls `body` for every record overlapping `region`, in file order. The record is only
    /// valid during the call.
    func forEachRecord(in region: GenomicRegion, _ body: (UnsafeMutablePointer<bam1_t>) throws -> Void) throws {
        try forEachRecordWhile(in: region) { b in
            try body(b)
            return true
        }
    }

    /// `forEachRecord`, stopping at the first record for which `body` returns false (a probe that needs
    /// only the first reads of a region need not read the rest: `probeTag` read the whole region).
    func forEachRecordWhile(in region: GenomicRegion, _ body: (UnsafeMutablePointer<bam1_t>) throws -> Bool) throws {
        try prepareIndex()
        let tid = sam_hdr_name2tid(hdr, region.contig)
        guard tid >= 0 else { throw HTSError.unknownContig(path: path, contig: region.contig) }
        guard let b = bam_init1() else { throw HTSError.corrupt(path: path, detail: "out of memory") }
        defer { bam_destroy1(b) }
        if indexSource == .streaming {
            try stream(tid: tid, region: region, record: b, body)
            return
        }
        guard let itr = sam_itr_queryi(idx, tid, hts_pos_t(region.start), hts_pos_t(region.end)) else {
            throw HTSError.indexFailed(path: path, detail: "cannot query \(region)")
        }
        indexQueries += 1
        defer { hts_itr_destroy(itr) }
        while true {
            let r = sam_itr_next(fp, itr, b)
            if r == -1 { break }
            if r < -1 { throw HTSError.corrupt(path: path, detail: "read error \(r) in \(region)") }
            recordsRead += 1
            guard try body(b) else { return }
        }
    }

    /// Reads the whole file again through a fresh handle, keeping records that overlap `region`, until `body` returns false.
    private func stream(tid: Int32, region: GenomicRegion, record b: UnsafeMutablePointer<bam1_t>,
                        _ body: (UnsafeMutablePointer<bam1_t>) throws -> Bool) throws {
        guard let sfp = hts_open(path, "r") else { throw HTSError.cannotOpen(path: path) }
        defer { hts_close(sfp) }
        if let reference { hts_set_fai_filename(sfp, reference) }
        guard let shdr = sam_hdr_read(sfp) else { throw HTSError.corrupt(path: path, detail: "cannot read the header") }
        defer { sam_hdr_destroy(shdr) }
        while true {
            let r = sam_read1(sfp, shdr, b)
            if r == -1 { break }
            if r < -1 { throw HTSError.corrupt(path: path, detail: "read error \(r)") }
            guard b.pointee.core.tid == tid else { continue }
            let pos = Int(b.pointee.core.pos)
            let end = Int(bam_endpos(b))
            if pos < region.end && end > region.start { guard try body(b) else { return } }
        }
    }

    private static func readHeader(_ hdr: UnsafeMutablePointer<sam_hdr_t>) -> AlignmentHeader {
        var refs: [AlignmentHeader.Reference] = []
        for i in 0..<max(0, sam_hdr_nref(hdr)) {
            let name = sam_hdr_tid2name(hdr, i).map { String(cString: $0) } ?? "?"
            refs.append(.init(name: name, length: Int(sam_hdr_tid2len(hdr, i))))
        }
        var groups: [AlignmentHeader.ReadGroup] = []
        let nrg = sam_hdr_count_lines(hdr, "RG")
        var ks = kstring_t(l: 0, m: 0, s: nil)
        defer { g2t_ks_free(&ks) }
        for i in 0..<max(0, nrg) {
            guard sam_hdr_find_tag_pos(hdr, "RG", i, "ID", &ks) == 0, let s = ks.s else { continue }
            let id = String(cString: s)
            var sample: String?
            if sam_hdr_find_tag_pos(hdr, "RG", i, "SM", &ks) == 0, let sm = ks.s {
                // A blank SM names no sample: fall back as if it were absent (the caller uses the file name).
                let name = String(cString: sm)
                sample = name.allSatisfy(\.isWhitespace) ? nil : name
            }
            groups.append(.init(id: id, sample: sample))
        }
        return AlignmentHeader(references: refs, readGroups: groups)
    }

    static func describe(_ fmt: htsFormat) -> String {
        var f = fmt
        guard let d = hts_format_description(&f) else { return "an unknown format" }
        defer { free(d) }
        return String(cString: d)
    }

    static func removeTree(_ dir: String) {
        // The temporary directory holds only the index file(s) g2t wrote.
        if let d = opendir(dir) {
            while let e = readdir(d) {
                let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { unlink(dir + "/" + name) }
            }
            closedir(d)
        }
        rmdir(dir)
    }
}
