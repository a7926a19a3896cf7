import G2TCore

/// What a sample offers the knowledge base: passing somatic variants, their phase, germline
/// genotypes, copy number and expression. Built once per sample; biomarker rules read it.
package struct SampleFindings: Sendable {
    package let variants: [VariantCall]
    package let phases: [PhaseCall]
    package let genotypes: [GermlineGenotype]
    /// nil when copy number was not assessed.
    package let copyNumber: [CopyNumberCall]?
    package let expression: [GeneExpression]
    /// Highest VAF among passing somatic variants (germline PGx sites excluded); no longer used for clonality.
    package let maxSomaticVAF: Double?
    /// Cancer-cell fraction of each somatic variant, by variant, for clonality.
    package let ccf: [VariantKey: CancerCellFraction]
    /// The panel's hotspot calls (depth and limit of detection), for `wildType` rules; empty when not known.
    package let hotspots: [HotspotCall]
    /// Every passing variant, germline and PGx sites included: any one in a panel limit's genes means not wild
    /// type, as in the report's panel-limit assessment.
    package let allPassing: [VariantCall]
    /// The LOD a hotspot codon must reach to count as assessed (`CallingParameters.maxHotspotLOD`); nil = no
    /// `wildType` rule can match.
    package let maxHotspotLOD: Double?

    /// `pgxSites` are positions of germline pharmacogenomic sites; their variants are not somatic.
    /// Germline variants (origin germline or likely germline, `VariantCall.isGermlineFinding`) are
    /// not biomarkers either, except at a predisposition site, where they keep their therapy meaning.
    package init(variants: [VariantCall], phases: [PhaseCall] = [], genotypes: [GermlineGenotype] = [],
                copyNumber: [CopyNumberCall]? = nil, expression: [GeneExpression] = [], pgxSites: Set<Int> = [],
                hotspots: [HotspotCall] = [], maxHotspotLOD: Double? = nil) {
        let passing = variants.filter { $0.passed && !pgxSites.contains($0.pos) && !$0.isGermlineFinding }
        self.variants = passing
        self.phases = phases
        self.genotypes = genotypes
        self.copyNumber = copyNumber
        self.expression = expression
        self.maxSomaticVAF = passing.compactMap(\.vaf).max()
        self.ccf = Dictionary(passing.compactMap { v in v.ccf.map { (v.key, $0) } }, uniquingKeysWith: { a, _ in a })
        self.hotspots = hotspots
        self.allPassing = variants.filter(\.passed)
        self.maxHotspotLOD = maxHotspotLOD
    }

    package init(_ a: Analysis, pgxSites: Set<Int> = []) {
        self.init(variants: a.variants, phases: a.phases, genotypes: a.genotypes, copyNumber: a.copyNumber,
                  expression: a.expression ?? [], pgxSites: pgxSites, hotspots: a.hotspots, maxHotspotLOD: a.parameters.maxHotspotLOD)
    }
}

/// One way a sample satisfies a biomarker.
package struct BiomarkerMatch: Sendable, Equatable {
    /// What matched, for the report: "EGFR p.Leu858Arg (VAF 24.0%)", "EGFR 8.1 copies".
    package var text: String
    /// The VAF behind the match (the lowest of a combination's parts); nil for copy number, expression, germline.
    package var vaf: Double?
    /// The variants involved, to find phase calls for combinations.
    package var keys: [VariantKey]
}
