import CHTSlib
#if canImport(Glibc)
import Glibc
#endif

/// A FASTA file read through faidx, plain or bgzipped; a missing .fai (and .gzi) is built in a temporary folder.
package final class FastaFile {
    /// One sequence in the index.
    package struct Sequence: Sendable, Hashable {
        package var name: String
        package var length: Int
    }

    package let path: String
    package let sequences: [Sequence]
    private let fai: OpaquePointer

    package init(path: String) throws {
        try HTSEnvironment.requireFile(path)
        // An index beside the FASTA is used; a missing one is built in a private temporary folder
        // and removed once loaded: g2t never writes a .fai beside the user's reference.
        var loaded = fai_load3(path, nil, nil, 0)
        if loaded == nil, let tmp = TemporaryFolder.make("g2t-fai-") {
            let fai = tmp + "/ref.fai", gzi = tmp + "/ref.gzi"
            if fai_build3(path, fai, gzi) == 0 { loaded = fai_load3(path, fai, gzi, 0) }
            unlink(fai)
            unlink(gzi)
            rmdir(tmp)
        }
        guard let fai = loaded else {
            throw HTSError.wrongFormat(path: path, expected: "FASTA (plain or bgzipped)", found: "something faidx cannot index")
        }
        self.path = path
        self.fai = fai
        var seqs: [Sequence] = []
        for i in 0..<faidx_nseq(fai) {
            guard let n = faidx_iseq(fai, i) else { continue }
            seqs.append(Sequence(name: String(cString: n), length: Int(faidx_seq_len(fai, n))))
        }
        self.sequences = seqs
    }

    deinit { fai_destroy(fai) }

    /// Length of `name`, or nil when the FASTA lacks it.
    package func length(of name: String) -> Int? {
        sequences.first { $0.name == name }?.length
    }

    /// The bases of `region`, upper-cased. Throws when the contig is missing or the region
    /// runs past its end.
    package func fetch(_ region: GenomicRegion) throws -> String {
        guard let len = length(of: region.contig), region.start >= 0, region.end <= len, region.start < region.end else {
            throw HTSError.fastaFetch(path: path, region: region.description)
        }
        var got: hts_pos_t = 0
        guard let s = faidx_fetch_seq64(fai, region.contig, hts_pos_t(region.start), hts_pos_t(region.end - 1), &got),
              got == hts_pos_t(region.length) else {
            throw HTSError.fastaFetch(path: path, region: region.description)
        }
        defer { free(s) }
        return String(cString: s).uppercased()
    }
}
