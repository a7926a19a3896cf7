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
    /// type, as in the report's panel-limit assessment. Made when asked for (see `passing(inGenes:)`).
    package var allPassing: [VariantCall] { passing { _ in true } }
    /// The passing variants `variants` leaves out (germline findings, PGx sites), each with its index among
    /// all passing variants: the passing variants are held once, not as a second list beside `variants`.
    private let otherPassing: [(index: Int, variant: VariantCall)]
    /// The LOD a hotspot codon must reach to count as assessed (`CallingParameters.maxHotspotLOD`); nil = no
    /// `wildType` rule can match.
    package let maxHotspotLOD: Double?

    /// `pgxSites` are the germline pharmacogenomic sites; their variants are not somatic.
    /// Germline variants (origin germline or likely germline, `VariantCall.isGermlineFinding`) are
    /// not biomarkers either, except at a predisposition site, where they keep their therapy meaning.
    package init(variants: [VariantCall], phases: [PhaseCall] = [], genotypes: [GermlineGenotype] = [],
                copyNumber: [CopyNumberCall]? = nil, expression: [GeneExpression] = [], pgxSites: PGxSites = PGxSites(),
                hotspots: [HotspotCall] = [], maxHotspotLOD: Double? = nil) {
        var passing: [VariantCall] = []
        var others: [(index: Int, variant: VariantCall)] = []
        var n = 0
        for v in variants where v.passed {
            if !pgxSites.contains(v) && !v.isGermlineFinding { passing.append(v) } else { others.append((n, v)) }
            n += 1
        }
        self.variants = passing
        self.otherPassing = others
        self.phases = phases
        self.genotypes = genotypes
        self.copyNumber = copyNumber
        self.expression = expression
        self.maxSomaticVAF = passing.compactMap(\.vaf).max()
        self.ccf = Dictionary(passing.compactMap { v in v.ccf.map { (v.key, $0) } }, uniquingKeysWith: { a, _ in a })
        self.hotspots = hotspots
        self.maxHotspotLOD = maxHotspotLOD
    }

    /// The passing variants (germline and PGx sites included) in `genes`, in input order.
    package func passing(inGenes genes: [String]) -> [VariantCall] {
        passing { genes.contains($0.gene ?? "") }
    }

    /// The passing variants that satisfy `include`, in input order (`variants` and `otherPassing` merged).
    private func passing(_ include: (VariantCall) -> Bool) -> [VariantCall] {
        var out: [VariantCall] = []
        var (s, o) = (0, 0)
        for k in 0..<(variants.count + otherPassing.count) {
            let v: VariantCall
            if o < otherPassing.count && otherPassing[o].index == k { v = otherPassing[o].variant; o += 1 } else { v = variants[s]; s += 1 }
            if include(v) { out.append(v) }
        }
        return out
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
}
