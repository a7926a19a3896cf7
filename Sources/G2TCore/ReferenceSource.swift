/// Anything that can give reference bases for 1-based positions: the bundled panel sequence or a
/// user's FASTA (wrapped by the pipeline).
package protocol ReferenceSource {
    /// The upper-case base at `pos`, or nil when unknown.
    func base(chrom: String, pos: Int) -> UInt8?
    /// The bases of `positions` in order, as `base` gives them one by one.
    func bases(chrom: String, _ positions: ClosedRange<Int>) -> [UInt8?]
}

extension ReferenceSource {
    package func bases(chrom: String, _ positions: ClosedRange<Int>) -> [UInt8?] {
        positions.map { base(chrom: chrom, pos: $0) }
    }
}

extension PanelReference: ReferenceSource {}
