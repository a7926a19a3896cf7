/// One amplicon of an amplicon panel (`--amplicons`), in panel naming ("chr7") and 1-based inclusive
/// coordinates like `GenomicInterval`: the whole product including both primers, and the primer lengths.
package struct Amplicon: Codable, Sendable, Hashable {
    package var name: String
    /// The amplicon from the first base of its left primer to the last base of its right primer.
    package var interval: GenomicInterval
    /// Bases of the left (forward) primer at the amplicon's start; 0 when the file gives none.
    package var leftPrimer: Int
    /// Bases of the right (reverse) primer at the amplicon's end; 0 when the file gives none.
    package var rightPrimer: Int

    package init(name: String, interval: GenomicInterval, leftPrimer: Int, rightPrimer: Int) {
        self.name = name
        self.interval = interval
        self.leftPrimer = leftPrimer
        self.rightPrimer = rightPrimer
    }

    /// The bases between the primers: the only ones a read of this amplicon shows of the sample.
    package var insert: GenomicInterval {
        GenomicInterval(chrom: interval.chrom, start: interval.start + leftPrimer, end: interval.end - rightPrimer)
    }
}

/// The amplicons of one `--amplicons` file, in file order.
package struct AmpliconSet: Sendable, Hashable {
    /// The file they came from (named in every message about them).
    package var path: String
    package var amplicons: [Amplicon]
    /// Whether the file gave primer lengths (columns 5 and 6); without them nothing is trimmed.
    package var hasPrimers: Bool

    package init(path: String, amplicons: [Amplicon], hasPrimers: Bool) {
        self.path = path
        self.amplicons = amplicons
        self.hasPrimers = hasPrimers
    }
}
