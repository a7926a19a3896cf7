/// Whether two nearby variants sit on the same molecule, from fragments that cover both.
package struct PhaseCall: Codable, Sendable, Equatable {
    /// "cis" (same molecule), "trans" (different molecules) or "unknown".
    package enum Relation: String, Codable, Sendable {
        case cis, trans, unknown
    }

    /// Names, e.g. ["EGFR T790M", "EGFR C797S"] once annotated (loci before).
    package var variants: [String]
    /// The two variants (JSON: "chrom:pos:ref:alt"), to find them in `variants` of the analysis.
    package var keys: [VariantKey]
    package var relation: Relation
    /// Fragments covering both sites: carrying both, only the first, only the second, neither.
    package var both: Int
    package var firstOnly: Int
    package var secondOnly: Int
    package var neither: Int

    package init(variants: [String], keys: [VariantKey], relation: Relation, both: Int, firstOnly: Int, secondOnly: Int, neither: Int) {
        self.variants = variants
        self.keys = keys
        self.relation = relation
        self.both = both
        self.firstOnly = firstOnly
        self.secondOnly = secondOnly
        self.neither = neither
    }
}
