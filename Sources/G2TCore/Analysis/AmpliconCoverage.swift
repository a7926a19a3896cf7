/// Depth of one amplicon in amplicon mode (`--amplicons`): what the QC section and JSON report.
public struct AmpliconCoverage: Codable, Sendable, Equatable {
    public var name: String
    /// Input naming ("7" or "chr7"); 1-based inclusive, primers included.
    public var chrom: String
    public var start: Int
    public var end: Int
    /// The primer-trimmed insert (1-based inclusive): the bases the amplicon's reads are counted over.
    public var insertStart: Int
    public var insertEnd: Int
    /// Fragments (read pairs, or single reads) matched to this amplicon by their start or end.
    public var fragments: Int
    /// Mean depth over the insert, all amplicons' reads counted once per fragment.
    public var meanInsertDepth: Double
    /// Below the dropout threshold (`amplicon.dropoutFraction` of the median, or `minHotspotDepth`):
    /// hotspots that only this amplicon reads are low-coverage.
    public var dropout: Bool

    public init(name: String, chrom: String, start: Int, end: Int, insertStart: Int, insertEnd: Int, fragments: Int,
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
public struct AmpliconQC: Codable, Sendable, Equatable {
    /// The `--amplicons` file.
    public var file: String
    public var amplicons: [AmpliconCoverage]
    /// Reads in the targets whose start and end matched no amplicon (within `amplicon.matchTolerance`):
    /// left out of every count, as off-amplicon or chimeric products.
    public var unmatchedReads: Int
    /// Whether primers were trimmed (the file gave primer lengths).
    public var primersTrimmed: Bool

    public init(file: String, amplicons: [AmpliconCoverage], unmatchedReads: Int, primersTrimmed: Bool) {
        self.file = file
        self.amplicons = amplicons
        self.unmatchedReads = unmatchedReads
        self.primersTrimmed = primersTrimmed
    }
}
