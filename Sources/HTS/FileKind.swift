import CHTSlib

/// What kind of genomics file a path holds, as htslib recognises it.
package enum FileKind: Equatable, Sendable {
    case alignments
    case variants
    case other(String)

    /// Peeks at the file's first bytes (no header is parsed).
    package static func of(_ path: String) throws -> FileKind {
        try HTSEnvironment.requireFile(path)
        guard let fp = hts_open(path, "r") else { throw HTSError.cannotOpen(path: path) }
        defer { hts_close(fp) }
        let fmt = hts_get_format(fp).pointee
        switch fmt.format {
        case bam, cram, sam: return .alignments
        case vcf, bcf: return .variants
        default: return .other(AlignmentFile.describe(fmt))
        }
    }
}
