/// Anything that can give reference bases for 1-based positions: the bundled panel sequence or a
/// user's FASTA (wrapped by the pipeline).
package protocol ReferenceSource {
    /// The upper-case base at `pos`, or nil when unknown.
    func base(chrom: String, pos: Int) -> UInt8?
}

extension PanelReference: ReferenceSource {}
