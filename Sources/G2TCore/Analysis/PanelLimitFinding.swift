/// Drugs whose use in the sample's tumour type is decided by genes this panel does not test
/// (KRAS/NRAS/BRAF for cetuximab and panitumumab in colorectal cancer).
public struct PanelLimitFinding: Codable, Sendable, Equatable {
    public var drugs: [String]
    public var genes: [String]
    public var statement: String
    public var sources: [String]
    /// When the panel reads the limit's genes: what it found over their hotspot codons (set by the
    /// score stage; nil when the panel does not read them).
    public var assessment: String?
    /// True only when every listed codon was assessed at or below the LOD threshold and none is mutated.
    public var wildType: Bool?
    /// Codons not assessed at or below the LOD threshold, with depth and LOD ("NRAS K117 (15×, LOD 18.1%)").
    public var notAssessed: [String]?

    public init(drugs: [String], genes: [String], statement: String, sources: [String]) {
        self.drugs = drugs
        self.genes = genes
        self.statement = statement
        self.sources = sources
    }
}
