/// Depth of one amplicon in amplicon mode (`--amplicons`): what the QC section and JSON report.
package struct AmpliconCoverage: Codable, Sendable, Equatable {
    package var name: String
    /// Input naming ("7" or "chr7"); 1-based inclusive, primers included.
    package var chrom: String
    package var start: Int
    package var end: Int
    /// The primer-trimmed insert (1-based inclusive): the bases the amplicon's reads are counted over.
    package var insertStart: Int
    package var insertEnd: Int
    /// Fragments (read pairs, or single reads) matched to this amplicon by their start or end.
    package var fragments: Int
    /// Mean depth over the insert, all amplicons' reads counted once per fragment.
    package var meanInsertDepth: Double
    /// Below the dropout threshold (`amplicon.dropoutFraction` of the median, or `minHotspotDepth`):
    /// hotspots that only this amplicon reads are low-coverage.
    package var dropout: Bool

    package init(name: String, chrom: String, start: Int, end: Int, insertStart: Int, insertEnd: Int, fragments: Int,
                meanInsertDepth: Double, dropout: Bool) {
        self.name = name
        self.chrom = chrom
        self.start = start
        self.end = end
        self.insertStart = insertStart
        self.insertEnd = insertEnd
        self.fragments = fragments
        self.meanInsertDepth = meanInsertDepth
        self.dropout = dropout
    }
}

/// The amplicon part of the QC summary; absent (nil) for a hybrid-capture run.
package struct AmpliconQC: Codable, Sendable, Equatable {
    /// The `--amplicons` file.
    package var file: String
    package var amplicons: [AmpliconCoverage]
    /// Reads in the targets whose start and end matched no amplicon (within `amplicon.matchTolerance`):
    /// left out of every count, as off-amplicon or chimeric products.
    package var unmatchedReads: Int
    /// Whether primers were trimmed (the file gave primer lengths).
    package var primersTrimmed: Bool

    package init(file: String, amplicons: [AmpliconCoverage], unmatchedReads: Int, primersTrimmed: Bool) {
        self.file = file
        self.amplicons = amplicons
        self.unmatchedReads = unmatchedReads
        self.primersTrimmed = primersTrimmed
    }
}
