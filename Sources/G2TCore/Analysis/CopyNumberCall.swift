/// Copy number of one panel gene, estimated from its targets' depth against a panel of normals.
public struct CopyNumberCall: Codable, Sendable, Equatable {
    /// "neutral", "gain" (≥ 3 copies), "amplification" (≥ 5 copies) or "loss" (< 1.5 copies).
    public enum Status: String, Codable, Sendable, CaseIterable {
        case loss, neutral, gain, amplification
    }

    public var gene: String
    /// log2 of the gene's depth ratio to the normals, relative to the copy-neutral baseline.
    public var log2Ratio: Double
    /// Total copies, assuming a diploid baseline and 100% tumour content (not corrected for purity).
    public var copies: Double
    public var status: Status
    /// Targets (exons) the estimate used.
    public var targets: Int

    public init(gene: String, log2Ratio: Double, copies: Double, status: Status, targets: Int) {
        self.gene = gene
        self.log2Ratio = log2Ratio
        self.copies = copies
        self.status = status
        self.targets = targets
    }
}

/// A gene's expression measured outside g2t (RNA), given on the command line or in a sample sheet.
public struct GeneExpression: Codable, Sendable, Equatable {
    public var gene: String
    /// Transcripts per million.
    public var tpm: Double
    /// Where the value came from, e.g. "--abcb1-expression".
    public var source: String

    public init(gene: String, tpm: Double, source: String) {
        self.gene = gene
        self.tpm = tpm
        self.source = source
    }
}
