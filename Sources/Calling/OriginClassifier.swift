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
    /// Purity-estimate and CCF settings.
    public var puritySettings: CallingParameters.Purity
    /// Worker threads for classifying variants (a dense VCF has hundreds of thousands).
    public var threads: Int = 1

    public init(panel: Panel, resource: GermlineResource?, copyNumber: [CopyNumberCall]? = nil, givenPurity: Double? = nil,
                thresholds: CallingParameters.Origin = .init(), puritySettings: CallingParameters.Purity = .init()) {
        self.thresholds = thresholds
        self.puritySettings = puritySettings
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
        // Each variant is classified on its own (a pure function of its input), so variants run in
        // parallel and come back in input order: the result does not depend on the thread count.
        func run(_ purity: Double?) -> [VariantCall] {
            let model = OriginModel(purity: purity, thresholds: thresholds)
            @Sendable func one(_ x: OriginInput, _ memo: inout OriginModel.Memo) -> (VariantCall, Double) {
                var v = x.variant
                let call = model.classify(x, memo: &memo)
                v.origin = call.origin
                v.originEvidence = call.evidence
                v.zygosity = call.zygosity
                v.population = x.population
                v.possiblyGermline = call.possiblyGermline ? true : nil
                v.ccf = nil
                return (v, call.germlineProbability ?? (call.origin.isGermline ? 1 : 0))
            }
            // Nothing here throws; an incomplete parallel map (which cannot happen) is redone in order.
            let calls = (try? ParallelMap.map(inputs.count, threads: threads, state: { _ in OriginModel.Memo() }) { memo, i in one(inputs[i], &memo) })
                ?? { var memo = OriginModel.Memo(); return inputs.map { one($0, &memo) } }()
            germlineProbability = calls.map(\.1)
            return calls.map(\.0)
        }
        // The estimate comes from a pass with purity unknown, so a given purity cannot bias it.
        var out = run(nil)
        let estimate = PurityEstimator.estimate(zip(out, germlineProbability).map { PurityEstimator.Candidate(variant: $0, germlineProbability: $1) },
                                                copies: copies, settings: puritySettings, threads: threads)
        var notes: [String] = []
        let purity: PurityInfo
        if let g = givenPurity {
            purity = PurityInfo(value: g, source: .given, given: g, estimated: estimate?.purity, estimateBasis: estimate?.basis)
            out = run(g)
            if let e = estimate?.purity, abs(e - g) > puritySettings.disagreement {
                notes.append("Purity: the given purity \(TextFormat.fixed(g, 2)) and the estimate from somatic VAFs \(TextFormat.fixed(e, 2)) differ by more than \(puritySettings.disagreement); the given value is used.")
            }
        } else if let e = estimate {
            purity = PurityInfo(value: e.purity, source: .estimated, estimated: e.purity, estimateBasis: e.basis)
            out = run(e.purity)
        } else {
            purity = PurityInfo(value: nil, source: .unavailable)
        }
        if let p = purity.value {
            // Somatic findings get a CCF: somatic, likely somatic, and unknown (reported with them); never germline.
            let variants = out, prior = puritySettings.clonalPrior
            let ccf = ParallelMap.map(variants.count, threads: threads) { i -> CancerCellFraction? in
                let v = variants[i]
                guard !(v.origin?.isGermline ?? false) && v.possiblyGermline != true && v.vaf != nil else { return nil }
                return CCFEstimator.ccf(alt: v.altDepth, depth: v.depth, purity: p, copies: copies(v.gene), clonalPrior: prior)
            }
            for i in out.indices { out[i].ccf = ccf[i] }
        }
        return Result(variants: out, purity: purity, notes: notes)
    }

    func copies(_ gene: String?) -> Double? {
        guard let gene else { return nil }
        return copyNumber?.first { $0.gene == gene }?.copies
    }
}
