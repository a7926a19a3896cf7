import G2TCore

/// What a sample offers the knowledge base: passing somatic variants, their phase, germline
/// genotypes, copy number and expression. Built once per sample; biomarker rules read it.
package struct SampleFindings: Sendable {
    /// The passing somatic variants (biomarker candidates), in input order.
    package let variants: VariantSelection
    /// `variants` by gene, each in input order: a variant rule reads only its gene's variants (a dense VCF's
    /// 170,000 passing variants were read once per biomarker, most of the score stage).
    private let variantsByGene: [String: VariantSelection]
    package let phases: [PhaseCall]
    package let genotypes: [GermlineGenotype]
    /// nil when copy number was not assessed.
    package let copyNumber: [CopyNumberCall]?
    package let expression: [GeneExpression]
    /// Highest VAF among passing somatic variants (germline PGx sites excluded); no longer used for clonality.
    package let maxSomaticVAF: Double?
    /// The panel's hotspot calls (depth and limit of detection), for `wildType` rules; empty when not known.
    package let hotspots: [HotspotCall]
    /// Every passing variant, germline and PGx sites included: any one in a panel limit's genes means not wild
    /// type, as in the report's panel-limit assessment.
    package let allPassing: VariantSelection
    /// The LOD a hotspot codon must reach to count as assessed (`CallingParameters.maxHotspotLOD`); nil = no
    /// `wildType` rule can match.
    package let maxHotspotLOD: Double?

    /// `pgxSites` are the germline pharmacogenomic sites; their variants are not somatic.
    /// Germline variants (origin germline or likely germline, `VariantCall.isGermlineFinding`) are
    /// not biomarkers either, except at a predisposition site, where they keep their therapy meaning.
    /// The variants are held once, shared with the caller's array (no copy: a dense VCF's 200,000
    /// passing variants copied here were the peak of `g2t pipeline`), and selected by index.
    package init(variants: [VariantCall], phases: [PhaseCall] = [], genotypes: [GermlineGenotype] = [],
                copyNumber: [CopyNumberCall]? = nil, expression: [GeneExpression] = [], pgxSites: PGxSites = PGxSites(),
                hotspots: [HotspotCall] = [], maxHotspotLOD: Double? = nil) {
        var somatic: [Int] = [], passing: [Int] = []
        for (i, v) in variants.enumerated() where v.passed {
            passing.append(i)
            if !pgxSites.contains(v) && !v.isGermlineFinding { somatic.append(i) }
        }
        self.variants = VariantSelection(variants, somatic)
        var byGene: [String: [Int]] = [:]
        for i in somatic { if let g = variants[i].gene { byGene[g, default: []].append(i) } }
        self.variantsByGene = byGene.mapValues { VariantSelection(variants, $0) }
        self.allPassing = VariantSelection(variants, passing)
        self.phases = phases
        self.genotypes = genotypes
        self.copyNumber = copyNumber
        self.expression = expression
        self.maxSomaticVAF = self.variants.compactMap(\.vaf).max()
        self.hotspots = hotspots
        self.maxHotspotLOD = maxHotspotLOD
    }

    /// The passing somatic variants of `gene`, in input order (those of `variants` whose gene it is).
    package func variants(inGene gene: String) -> VariantSelection {
        variantsByGene[gene] ?? VariantSelection([], [])
    }

    /// The passing variants (germline and PGx sites included) in `genes`, in input order.
    package func passing(inGenes genes: [String]) -> [VariantCall] {
        allPassing.filter { genes.contains($0.gene ?? "") }
    }

    package init(_ a: Analysis, pgxSites: PGxSites = PGxSites()) {
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
    /// The cancer-cell fraction of each of `keys`' variants (nil where unknown), for clonality: carried
    /// with the match rather than looked up in a table of every somatic variant's (21 MB for a dense VCF).
    package var ccf: [CancerCellFraction?] = []
}
