/// Coverage of the panel targets.
public struct QCSummary: Codable, Sendable, Equatable {
    public var readsInTargets: Int
    public var meanTargetDepth: Double
    public var targets: [TargetCoverage]
    /// Reads outside the targets (from the index); nil for a VCF input, or where the index keeps no
    /// counts (CRAM) or was not read.
    public var offTarget: OffTargetCounts?
    /// UMI consensus QC; nil when the reads were not called as molecules.
    public var umi: UMISummary?

    public init(readsInTargets: Int, meanTargetDepth: Double, targets: [TargetCoverage], offTarget: OffTargetCounts? = nil) {
        self.readsInTargets = readsInTargets
        self.meanTargetDepth = meanTargetDepth
        self.targets = targets
        self.offTarget = offTarget
    }
}

/// Depth over one target (coding exon ± flank), fragments counted once.
public struct TargetCoverage: Codable, Sendable, Equatable {
    public var gene: String
    public var exon: Int
    public var chrom: String
    public var start: Int
    public var end: Int
    public var meanDepth: Double
    public var minDepth: Int
    /// Fraction of positions at or above the hotspot depth threshold.
    public var fractionCovered: Double

    public init(gene: String, exon: Int, chrom: String, start: Int, end: Int, meanDepth: Double, minDepth: Int,
                fractionCovered: Double) {
        self.gene = gene
        self.exon = exon
        self.chrom = chrom
        self.start = start
        self.end = end
        self.meanDepth = meanDepth
        self.minDepth = minDepth
        self.fractionCovered = fractionCovered
    }
}
