import G2TCore

/// Classifies every variant of a sample with `OriginModel`, estimates purity, and fills in CCF.
///
/// Two passes: the first with purity unknown (averaged over) gives the somatic variants the purity
/// estimate rests on; the second uses the given purity, else the estimate.
package struct OriginClassifier: Sendable {
    package var panel: Panel
    package var resource: GermlineResource?
    /// Total copies per gene (nil or missing: 2).
    package var copyNumber: [CopyNumberCall]?
    /// Pathologist's purity (--purity), which wins over the estimate.
    package var givenPurity: Double?
    package var thresholds: CallingParameters.Origin
    /// Purity-estimate and CCF settings.
    package var puritySettings: CallingParameters.Purity
    /// Worker threads for classifying variants (a dense VCF has hundreds of thousands).
    package var threads: Int = 1

    package init(panel: Panel, resource: GermlineResource?, copyNumber: [CopyNumberCall]? = nil, givenPurity: Double? = nil,
                thresholds: CallingParameters.Origin = .init(), puritySettings: CallingParameters.Purity = .init()) {
        self.thresholds = thresholds
        self.puritySettings = puritySettings
        self.panel = panel
        self.resource = resource
        self.copyNumber = copyNumber
        self.givenPurity = givenPurity
    }

    package struct Result: Sendable {
        package var variants: [VariantCall]
        package var purity: PurityInfo
        /// Warnings for the report (e.g. given and estimated purity disagree).
        package var notes: [String]
    }

    /// `ponSupport` gives the number of panel normals with the allele (nil: no site data);
    /// `normal` the matched normal's counts (nil: tumour-only).
    package func classify(_ variants: [VariantCall], ponSupport: (VariantCall) -> Int? = { _ in nil },
                         normal: ((VariantCall) -> NormalSupport?)? = nil) -> Result {
        var out = variants
        let (purity, notes) = classify(&out, ponSupport: ponSupport, normal: normal)
        return Result(variants: out, purity: purity, notes: notes)
    }

    /// As `classify(_:ponSupport:normal:)`, filling in `variants` in place: a dense VCF's 200,000
    /// variants are neither copied per pass nor held beside their model inputs.
    package func classify(_ variants: inout [VariantCall], ponSupport: (VariantCall) -> Int? = { _ in nil },
                         normal: ((VariantCall) -> NormalSupport?)? = nil) -> (purity: PurityInfo, notes: [String]) {
        let pgxGenes = Set(panel.genes.filter(\.isPGx).map(\.symbol))
        let pgxSites = Set(panel.hotspots.filter { $0.rsid != nil && pgxGenes.contains($0.gene) }.map { "\($0.chrom):\($0.pos)" })
        // Each variant's model input without the variant itself (a copy of each would double the
        // memory); `OriginInput` is made from the two when the variant is classified.
        struct Context: Sendable {
            var population: PopulationFrequency?
            var isHotspot, isPGxSite, isPredispositionSite: Bool
            var copies: Double?
            var normalsWithSupport: Int?
            var normal: NormalSupport?
        }
        let inputs = variants.map { v in
            Context(population: resource?.lookup(chrom: v.chrom, pos: v.pos, ref: v.ref, alt: v.alt)?.frequency,
                    isHotspot: v.hotspot != nil, isPGxSite: pgxSites.contains("\(ChromosomeLengths.panelName(v.chrom)):\(v.pos)"),
                    isPredispositionSite: v.hotspot.map { panel.predispositionHotspots.contains($0) } ?? false,
                    copies: copies(v.gene), normalsWithSupport: ponSupport(v), normal: normal?(v))
        }
        // Each variant is classified on its own (a pure function of its input), so variants run in
        // parallel and come back in input order: the result does not depend on the thread count.
        func run(_ purity: Double?, describes: Bool = true) -> [OriginCall] {
            let model = OriginModel(purity: purity, thresholds: thresholds, describes: describes)
            let vs = variants
            @Sendable func one(_ i: Int, _ memo: inout OriginModel.Memo) -> OriginCall {
                let c = inputs[i]
                return model.classify(OriginInput(variant: vs[i], population: c.population, isHotspot: c.isHotspot, isPGxSite: c.isPGxSite,
                                                  isPredispositionSite: c.isPredispositionSite, copies: c.copies,
                                                  normalsWithSupport: c.normalsWithSupport, normal: c.normal), memo: &memo)
            }
            // Nothing here throws; an incomplete parallel map (which cannot happen) is redone in order.
            return (try? ParallelMap.map(vs.count, threads: threads, state: { _ in OriginModel.Memo() }) { memo, i in one(i, &memo) })
                ?? { var memo = OriginModel.Memo(); return vs.indices.map { one($0, &memo) } }()
        }
        func apply(_ calls: [OriginCall]) {
            for i in variants.indices {
                let call = calls[i]
                variants[i].origin = call.origin
                variants[i].originEvidence = call.evidence
                variants[i].zygosity = call.zygosity
                variants[i].population = inputs[i].population
                variants[i].possiblyGermline = call.possiblyGermline ? true : nil
                variants[i].ccf = nil
            }
        }
        // The estimate comes from a pass with purity unknown, so a given purity cannot bias it.
        // That pass writes no evidence sentences: the pass that gives the result does.
        let first = run(nil, describes: false)
        apply(first)
        // The variants are read in place (no candidate copy of each).
        let estimate = PurityEstimator.estimate(variants, germlineProbability: first.map { $0.germlineProbability ?? ($0.origin.isGermline ? 1 : 0) },
                                                copies: copies, settings: puritySettings, threads: threads)
        var notes: [String] = []
        let purity: PurityInfo
        if let g = givenPurity {
            purity = PurityInfo(value: g, source: .given, given: g, estimated: estimate?.purity, estimateBasis: estimate?.basis)
            apply(run(g))
            if let e = estimate?.purity, abs(e - g) > puritySettings.disagreement {
                notes.append("Purity: the given purity \(TextFormat.fixed(g, 2)) and the estimate from somatic VAFs \(TextFormat.fixed(e, 2)) differ by more than \(puritySettings.disagreement); the given value is used.")
            }
        } else if let e = estimate {
            purity = PurityInfo(value: e.purity, source: .estimated, estimated: e.purity, estimateBasis: e.basis)
            apply(run(e.purity))
        } else {
            purity = PurityInfo(value: nil, source: .unavailable)
            apply(run(nil))
        }
        if let p = purity.value {
            // Somatic findings get a CCF: somatic, likely somatic, and unknown (reported with them); never germline.
            let prior = puritySettings.clonalPrior
            let ccf = { (vs: [VariantCall]) in
                ParallelMap.map(vs.count, threads: threads) { i -> CancerCellFraction? in
                    let v = vs[i]
                    guard !(v.origin?.isGermline ?? false) && v.possiblyGermline != true && v.vaf != nil else { return nil }
                    return CCFEstimator.ccf(alt: v.altDepth, depth: v.depth, purity: p, copies: copies(v.gene), clonalPrior: prior)
                }
            }(variants)
            for i in variants.indices { variants[i].ccf = ccf[i] }
        }
        return (purity, notes)
    }

    func copies(_ gene: String?) -> Double? {
        guard let gene else { return nil }
        return copyNumber?.first { $0.gene == gene }?.copies
    }
}
