/// Coverage of the panel targets.
package struct QCSummary: Codable, Sendable, Equatable {
    package var readsInTargets: Int
    /// Mean fragment depth over the target positions of the genes with reads: a panel gene without a
    /// single read (not captured, or its chromosome absent from the input) is named in
    /// `genesWithoutReads` instead of pulling the mean towards zero.
    package var meanTargetDepth: Double
    package var targets: [TargetCoverage]
    /// Reads outside the targets (from the index); nil for a VCF input, or where the index keeps no
    /// counts (CRAM) or was not read.
    package var offTarget: OffTargetCounts?
    /// Panel genes with no read in any of their targets (or whose chromosome the input lacks), in panel
    /// order: not assessed, and left out of `meanTargetDepth`. Nil for a VCF input or an older analysis.
    package var genesWithoutReads: [String]?
    /// Per-amplicon depth and dropout with `--amplicons`; nil otherwise.
    package var amplicons: AmpliconQC?
    /// The sample's damage rates (`DamageModel`); nil for a VCF input.
    package var damage: DamageSummary?
    /// UMI consensus QC; nil when the reads were not called as molecules.
    package var umi: UMISummary?

    package init(readsInTargets: Int, meanTargetDepth: Double, targets: [TargetCoverage], offTarget: OffTargetCounts? = nil,
                genesWithoutReads: [String]? = nil, damage: DamageSummary? = nil) {
        self.readsInTargets = readsInTargets
        self.meanTargetDepth = meanTargetDepth
        self.targets = targets
        self.offTarget = offTarget
        self.genesWithoutReads = genesWithoutReads
        self.damage = damage
    }
}

/// Depth over one target (coding exon ± flank), fragments counted once.
package struct TargetCoverage: Codable, Sendable, Equatable {
    package var gene: String
    package var exon: Int
    package var chrom: String
    package var start: Int
    package var end: Int
    package var meanDepth: Double
    package var minDepth: Int
    /// Fraction of positions at or above the hotspot depth threshold.
    package var fractionCovered: Double

    package init(gene: String, exon: Int, chrom: String, start: Int, end: Int, meanDepth: Double, minDepth: Int,
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
