/// Whether two nearby variants sit on the same molecule, from fragments that cover both.
public struct PhaseCall: Codable, Sendable, Equatable {
    /// "cis" (same molecule), "trans" (different molecules) or "unknown".
    public enum Relation: String, Codable, Sendable {
        case cis, trans, unknown
    }

    /// Names, e.g. ["EGFR T790M", "EGFR C797S"] once annotated (loci before).
    public var variants: [String]
    /// The two variants (JSON: "chrom:pos:ref:alt"), to find them in `variants` of the analysis.
    public var keys: [VariantKey]
    public var relation: Relation
    /// Fragments covering both sites: carrying both, only the first, only the second, neither.
    public var both: Int
    public var firstOnly: Int
    public var secondOnly: Int
    public var neither: Int

    public init(variants: [String], keys: [VariantKey], relation: Relation, both: Int, firstOnly: Int, secondOnly: Int, neither: Int) {
        self.variants = variants
        self.keys = keys
        self.relation = relation
        self.both = both
        self.firstOnly = firstOnly
        self.secondOnly = secondOnly
        self.neither = neither
    }
}
