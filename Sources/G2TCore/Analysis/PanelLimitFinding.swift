/// Drugs whose use in the sample's tumour type is decided by genes this panel may not test
/// (KRAS/NRAS/BRAF for cetuximab and panitumumab in colorectal cancer).
package struct PanelLimitFinding: Codable, Sendable, Equatable {
    package var drugs: [String]
    package var genes: [String]
    package var statement: String
    package var sources: [String]
    /// When the panel reads every gene of the limit: what it found over their hotspot codons (set by
    /// the score stage; nil when the panel does not read them, and the statement then stands alone).
    package var assessment: PanelLimitCodons?

    package init(drugs: [String], genes: [String], statement: String, sources: [String], assessment: PanelLimitCodons? = nil) {
        self.drugs = drugs
        self.genes = genes
        self.statement = statement
        self.sources = sources
        self.assessment = assessment
    }

    /// True only when every listed codon was assessed at or below the LOD threshold and none is mutated.
    package var wildType: Bool? { assessment.map(\.isWildType) }
    /// The codons not assessed at or below the LOD threshold (nil when the panel does not read the genes).
    package var notAssessed: [CodonAssessment]? { assessment?.codons.filter { !$0.assessed } }
}

/// The panel's reading of a panel limit's genes, codon by codon.
package struct PanelLimitCodons: Codable, Sendable, Equatable {
    /// Each listed codon (the panel's hotspot codons of the limit's genes), in panel order.
    package var codons: [CodonAssessment]
    /// Passing variants of the limit's genes ("KRAS p.G12D"): any one means not wild type.
    package var mutated: [String]
    /// The LOD a codon must reach to count as assessed (`CallingParameters.maxHotspotLOD`).
    package var maxLOD: Double

    package init(codons: [CodonAssessment], mutated: [String], maxLOD: Double) {
        self.codons = codons
        self.mutated = mutated
        self.maxLOD = maxLOD
    }

    /// Every listed codon assessed at or below the LOD threshold and none mutated: extended wild type.
    package var isWildType: Bool { mutated.isEmpty && codons.allSatisfy(\.assessed) }
}

/// One codon of a panel limit: its depth, its worst hotspot allele's limit of detection, and whether
/// that LOD is at or below the threshold with no low-coverage hotspot.
package struct CodonAssessment: Codable, Sendable, Equatable {
    package var gene: String
    /// The reference amino acid and codon number ("G12", "V600").
    package var codon: String
    package var depth: Int
    /// Nil when a hotspot of the codon has no LOD (depth unknown, VCF input).
    package var lod: Double?
    package var assessed: Bool

    package init(gene: String, codon: String, depth: Int, lod: Double?, assessed: Bool) {
        self.gene = gene
        self.codon = codon
        self.depth = depth
        self.lod = lod
        self.assessed = assessed
    }

    /// "KRAS G12".
    package var label: String { "\(gene) \(codon)" }
}
