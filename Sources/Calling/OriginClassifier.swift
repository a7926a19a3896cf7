import G2TCore

/// Classifies every variant of a sample with `OriginModel`, estimates purity, and fills in CCF.
///
/// Two passes: the first with purity unknown (averaged over) gives the somatic variants the purity
/// estimate rests on; the second uses the given purity, else the estimate.
public struct OriginClassifier: Sendable {
    public var panel: Panel
    public var resource: GermlineResource?
    /// Total copies per gene (nil or missing: 2).
    public var copyNumber: [CopyNumberCall]?
    /// Pathologist's purity (--purity), which wins over the estimate.
    public var givenPurity: Double?
    public var thresholds: CallingParameters.Origin

    public init(panel: Panel, resource: GermlineResource?, copyNumber: [CopyNumberCall]? = nil, givenPurity: Double? = nil,
                thresholds: CallingParameters.Origin = .init()) {
        self.thresholds = thresholds
        self.panel = panel
        self.resource = resource
        self.copyNumber = copyNumber
        self.givenPurity = givenPurity
    }

    public struct Result: Sendable {
        public var variants: [VariantCall]
        public var purity: PurityInfo
        /// Warnings for the report (e.g. given and estimated purity disagree).
        public var notes: [String]
    }

    /// `ponSupport` gives the number of panel normals with the allele (nil: no site data);
    /// `normal` the matched normal's counts (nil: tumour-only).
    public func classify(_ variants: [VariantCall], ponSupport: (VariantCall) -> Int? = { _ in nil },
                         normal: ((VariantCall) -> NormalSupport?)? = nil) -> Result {
        let pgxGenes = Set(panel.genes.filter(\.isPGx).map(\.symbol))
        let pgxSites = Set(panel.hotspots.filter { $0.rsid != nil && pgxGenes.contains($0.gene) }.map { "\($0.chrom):\($0.pos)" })
        let inputs = variants.map { v in
            OriginInput(variant: v, population: resource?.lookup(chrom: v.chrom, pos: v.pos, ref: v.ref, alt: v.alt)?.frequency,
                        isHotspot: v.hotspot != nil, isPGxSite: pgxSites.contains("\(ChromosomeLengths.panelName(v.chrom)):\(v.pos)"),
                        isPredispositionSite: v.hotspot.map { panel.predispositionHotspots.contains($0) } ?? false,
                        copies: copies(v.gene), normalsWithSupport: ponSupport(v), normal: normal?(v))
        }
        var germlineProbability: [Double] = []
        func run(_ purity: Double?) -> [VariantCall] {
            let model = OriginModel(purity: purity, thresholds: thresholds)
            germlineProbability = []
            return inputs.map { x in
                var v = x.variant
                let call = model.classify(x)
                germlineProbability.append(call.germlineProbability ?? (call.origin.isGermline ? 1 : 0))
                v.origin = call.origin
                v.originEvidence = call.evidence
                v.zygosity = call.zygosity
                v.population = x.population
                v.possiblyGermline = call.possiblyGermline ? true : nil
                v.ccf = nil
                return v
            }
        }
        // The estimate comes from a pass with purity unknown, so a given purity cannot bias it.
        var out = run(nil)
        let estimate = PurityEstimator.estimate(zip(out, germlineProbability).map { PurityEstimator.Candidate(variant: $0, germlineProbability: $1) },
                                                copies: copies)
        var notes: [String] = []
        let purity: PurityInfo
        if let g = givenPurity {
            purity = PurityInfo(value: g, source: .given, given: g, estimated: estimate?.purity, estimateBasis: estimate?.basis)
            out = run(g)
            if let e = estimate?.purity, abs(e - g) > PurityInfo.disagreement {
                notes.append("Purity: the given purity \(TextFormat.fixed(g, 2)) and the estimate from somatic VAFs \(TextFormat.fixed(e, 2)) differ by more than \(PurityInfo.disagreement); the given value is used.")
            }
        } else if let e = estimate {
            purity = PurityInfo(value: e.purity, source: .estimated, estimated: e.purity, estimateBasis: e.basis)
            out = run(e.purity)
        } else {
            purity = PurityInfo(value: nil, source: .unavailable)
        }
        if let p = purity.value {
            // Somatic findings get a CCF: somatic, likely somatic, and unknown (reported with them); never germline.
            for i in out.indices where !(out[i].origin?.isGermline ?? false) && out[i].possiblyGermline != true && out[i].vaf != nil {
                out[i].ccf = CCFEstimator.ccf(alt: out[i].altDepth, depth: out[i].depth, purity: p, copies: copies(out[i].gene))
            }
        }
        return Result(variants: out, purity: purity, notes: notes)
    }

    func copies(_ gene: String?) -> Double? {
        guard let gene else { return nil }
        return copyNumber?.first { $0.gene == gene }?.copies
    }
}
