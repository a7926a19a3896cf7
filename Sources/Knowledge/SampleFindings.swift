import G2TCore

/// What a sample offers the knowledge base: passing somatic variants, their phase, germline
/// genotypes, copy number and expression. Built once per sample; biomarker rules read it.
public struct SampleFindings: Sendable {
    public let variants: [VariantCall]
    public let phases: [PhaseCall]
    public let genotypes: [GermlineGenotype]
    /// nil when copy number was not assessed.
    public let copyNumber: [CopyNumberCall]?
    public let expression: [GeneExpression]
    /// Highest VAF among passing somatic variants (germline PGx sites excluded), for clonality.
    public let maxSomaticVAF: Double?

    /// `pgxSites` are positions of germline pharmacogenomic sites; their variants are not somatic.
    public init(variants: [VariantCall], phases: [PhaseCall] = [], genotypes: [GermlineGenotype] = [],
                copyNumber: [CopyNumberCall]? = nil, expression: [GeneExpression] = [], pgxSites: Set<Int> = []) {
        let passing = variants.filter { $0.passed && !pgxSites.contains($0.pos) }
        self.variants = passing
        self.phases = phases
        self.genotypes = genotypes
        self.copyNumber = copyNumber
        self.expression = expression
        self.maxSomaticVAF = passing.compactMap(\.vaf).max()
    }

    public init(_ a: Analysis, pgxSites: Set<Int> = []) {
        self.init(variants: a.variants, phases: a.phases, genotypes: a.genotypes, copyNumber: a.copyNumber,
                  expression: a.expression ?? [], pgxSites: pgxSites)
    }
}

/// One way a sample satisfies a biomarker.
public struct BiomarkerMatch: Sendable, Equatable {
    /// What matched, for the report: "EGFR p.Leu858Arg (VAF 24.0%)", "EGFR 8.1 copies".
    public var text: String
    /// The VAF behind the match (the lowest of a combination's parts); nil for copy number, expression, germline.
    public var vaf: Double?
    /// Variant keys (chrom:pos:ref:alt) involved, to find phase calls for combinations.
    public var keys: [String]
}
