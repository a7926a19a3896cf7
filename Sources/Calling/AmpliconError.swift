import G2TCore

/// What is wrong with an `--amplicons` file; every message names the file and says what to fix.
package enum AmpliconError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String)
    case empty(path: String)
    case malformedLine(path: String, line: Int, detail: String)
    /// Some lines give primer lengths and others do not.
    case mixedPrimerColumns(path: String, line: Int)
    /// An amplicon on a contig the input does not have, or past its end: another build or naming.
    case contigMismatch(path: String, amplicon: String, contig: String, detail: String)
    case overlapWithoutPrimers(path: String, first: String, second: String)
    case noPanelOverlap(path: String, hint: String)
    /// `--amplicons` with a VCF/BCF input: there are no reads to trim.
    case variantInput(path: String, input: String)

    package var description: String {
        switch self {
        case .unreadable(let p): return "\(p): cannot read the amplicon file"
        case .empty(let p): return "\(p): no amplicons (expected tab-separated lines: chrom, start, end, name, left primer length, right primer length)"
        case .malformedLine(let p, let n, let d): return "\(p): line \(n): \(d)"
        case .mixedPrimerColumns(let p, let n):
            return "\(p): line \(n): give primer lengths (columns 5 and 6) on every line or on none"
        case .contigMismatch(let p, let a, let c, let d):
            return "\(p): amplicon \(a): contig \(c) \(d): the amplicon file does not match the input's build or contig names"
        case .overlapWithoutPrimers(let p, let a, let b):
            return "\(p): amplicons \(a) and \(b) overlap but the file gives no primer lengths: add columns 5 and 6 (left and right primer length) so primer bases of one are not counted in the other"
        case .noPanelOverlap(let p, let hint):
            return "\(p): no amplicon overlaps a panel target\(hint)"
        case .variantInput(let p, let input):
            return "\(p): --amplicons needs aligned reads (BAM/CRAM/SAM); \(input) is a VCF/BCF, whose calls cannot be primer-trimmed"
        }
    }
}
