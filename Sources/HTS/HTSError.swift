/// Errors from reading or writing genomics files through htslib; each message names the file.
package enum HTSError: Error, Equatable, Sendable, CustomStringConvertible {
    case fileNotFound(path: String)
    case notRegularFile(path: String, kind: String)
    case cannotOpen(path: String)
    case wrongFormat(path: String, expected: String, found: String)
    case cramNeedsReference(path: String)
    case truncated(path: String)
    case corrupt(path: String, detail: String)
    case notSorted(path: String)
    case indexFailed(path: String, detail: String)
    case staleIndex(path: String, index: String, detail: String)
    case unknownContig(path: String, contig: String)
    case fastaFetch(path: String, region: String)
    case vcf(path: String, detail: String)

    package var description: String {
        switch self {
        case .fileNotFound(let p): return "\(p): no such file"
        case .notRegularFile(let p, let k): return "\(p): is \(k), not a regular file; g2t reads files it can seek in and index"
        case .cannotOpen(let p): return "\(p): cannot be opened (permissions, or not a file htslib can read)"
        case .wrongFormat(let p, let expected, let found):
            return "\(p): not a \(expected) file (htslib sees \(found))"
        case .cramNeedsReference(let p):
            return "\(p): CRAM input needs --reference FASTA (g2t never downloads references)"
        case .truncated(let p): return "\(p): file is truncated (the BGZF end-of-file marker is missing)"
        case .corrupt(let p, let d): return "\(p): corrupt or truncated data (\(d))"
        case .notSorted(let p): return "\(p): alignments are not coordinate-sorted; run 'samtools sort' first"
        case .indexFailed(let p, let d): return "\(p): index problem (\(d))"
        case .staleIndex(let p, let i, let d):
            return "\(p): cannot use the index \(i): \(d); re-index with 'samtools index \(p)'"
        case .unknownContig(let p, let c): return "\(p): contig '\(c)' is not in the header"
        case .fastaFetch(let p, let r): return "\(p): cannot fetch \(r) from the FASTA"
        case .vcf(let p, let d): return "\(p): \(d)"
        }
    }
}
