/// A contig interval in htslib's convention: 0-based start, exclusive end.
package struct GenomicRegion: Sendable, Hashable, CustomStringConvertible {
    package var contig: String
    package var start: Int
    package var end: Int

    package init(contig: String, start: Int, end: Int) {
        self.contig = contig
        self.start = start
        self.end = end
    }

    package var length: Int { end - start }

    /// Every position of `other` lies in this region (same contig).
    package func covers(_ other: GenomicRegion) -> Bool { contig == other.contig && start <= other.start && end >= other.end }

    /// samtools-style text, 1-based inclusive: `chr7:55191722-55191922`.
    package var description: String { "\(contig):\(start + 1)-\(end)" }
}
