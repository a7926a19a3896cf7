/// Coverage of the panel targets.
public struct QCSummary: Codable, Sendable, Equatable {
    public var readsInTargets: Int
    public var meanTargetDepth: Double
    public var targets: [TargetCoverage]

    public init(readsInTargets: Int, meanTargetDepth: Double, targets: [TargetCoverage]) {
        self.readsInTargets = readsInTargets
        self.meanTargetDepth = meanTargetDepth
        self.targets = targets
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
