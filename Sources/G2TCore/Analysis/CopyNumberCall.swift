/// What a gene's depth ratio is measured against.
package enum CopyNumberBaseline: String, Codable, Sendable, CaseIterable {
    /// The tumour's off-target reads on the autosomes without panel targets, against the normals':
    /// copies relative to the genome's average (taken as 2). Tells a chr7 gain from a focal one.
    case offTarget = "off-target"
    /// The median gene ratio of three or more panel genes, taken as 2 copies.
    case panelMedian = "panel-median"
    /// The lower ratio of two panel genes: that gene is assumed to have 2 copies (and is itself
    /// "not-assessed"); losses are not called and a chr7 gain cannot be told from a focal one.
    case lowestGene = "lowest-gene"
}

/// Copy number of one panel gene, estimated from its targets' depth against a panel of normals.
package struct CopyNumberCall: Codable, Sendable, Equatable {
    /// "neutral", "gain" (≥ 3 copies), "amplification" (≥ 5 copies), "loss" (< 1.5 copies), or
    /// "not-assessed" (no copies: the note says why).
    package enum Status: String, Codable, Sendable, CaseIterable {
        case loss, neutral, gain, amplification
        case notAssessed = "not-assessed"
    }

    package var gene: String
    /// log2 of the gene's observed depth ratio to the baseline (not corrected for purity); nil when not assessed.
    package var log2Ratio: Double?
    /// Total copies in the tumour cells: corrected for `purity` when one was given, otherwise as if
    /// the sample were all tumour. nil when not assessed.
    package var copies: Double?
    package var status: Status
    /// Targets (exons) the estimate used.
    package var targets: Int
    /// What the ratio is measured against; nil in analyses written before it was recorded.
    package var baseline: CopyNumberBaseline?
    /// Tumour purity the copies were corrected for; nil: not corrected.
    package var purity: Double?
    /// Copies of the gene's chromosome from its off-target reads (same purity correction), when measured.
    package var chromosomeCopies: Double?
    /// How to read the call: baseline, purity, focal or chromosome-wide, or why it was not assessed.
    package var note: String?

    package init(gene: String, log2Ratio: Double?, copies: Double?, status: Status, targets: Int,
                baseline: CopyNumberBaseline? = nil, purity: Double? = nil, chromosomeCopies: Double? = nil, note: String? = nil) {
        self.gene = gene
        self.log2Ratio = log2Ratio
        self.copies = copies
        self.status = status
        self.targets = targets
        self.baseline = baseline
        self.purity = purity
        self.chromosomeCopies = chromosomeCopies
        self.note = note
    }
}

/// A gene's expression measured outside g2t (RNA), given on the command line or in a sample sheet.
package struct GeneExpression: Codable, Sendable, Equatable {
    package var gene: String
    /// Transcripts per million.
    package var tpm: Double
    /// Where the value came from, e.g. "--abcb1-expression".
    package var source: String

    package init(gene: String, tpm: Double, source: String) {
        self.gene = gene
        self.tpm = tpm
        self.source = source
    }
}
