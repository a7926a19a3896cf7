/// A contig interval in htslib's convention: 0-based start, exclusive end.
public struct GenomicRegion: Sendable, Hashable, CustomStringConvertible {
    public var contig: String
    public var start: Int
    public var end: Int

    public init(contig: String, start: Int, end: Int) {
        self.contig = contig
        self.start = start
        self.end = end
    }

    public var length: Int { end - start }

    /// samtools-style text, 1-based inclusive: `chr7:55191722-55191922`.
    public var description: String { "\(contig):\(start + 1)-\(end)" }
}
