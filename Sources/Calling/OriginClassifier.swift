import G2TCore

/// Classifies every variant of a sample with `OriginModel`, estimates purity, and sets each
/// variant's `OriginCall` (CCF included) as one value.
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
        let pgxSites = PGxSites(panel)
        // Each variant's model input without the variant itself (a copy of each would double the
        // memory); `OriginInput` is made from the two when the variant is classified.
        // The population frequencies (of the few variants in the germline resource) are kept beside the
        // contexts, by index: a ~70-byte optional in each of 200,000 contexts was most of their memory.
        struct Context: Sendable {
            var isHotspot, isPGxSite, isPredispositionSite: Bool
            var copies: Double?
            var normalsWithSupport: Int?
            var normal: NormalSupport?
        }
        var populations: [Int: PopulationFrequency] = [:]
        let inputs = variants.indices.map { i in
            let v = variants[i]
            if let f = resource?.lookup(chrom: v.chrom, pos: v.pos, ref: v.ref, alt: v.alt)?.frequency { populations[i] = f }
            return Context(isHotspot: v.hotspot != nil, isPGxSite: pgxSites.contains(v),
                           isPredispositionSite: v.hotspot.map { panel.predispositionHotspots.contains($0) } ?? false,
                           copies: copies(v.gene), normalsWithSupport: ponSupport(v), normal: normal?(v))
        }
        let population = populations
        // Each variant is classified on its own (a pure function of its input), so variants run in
        // parallel and come back in input order: the result does not depend on the thread count.
        func run(_ purity: Double?, describes: Bool = true) -> [OriginVerdict] {
            let model = OriginModel(purity: purity, thresholds: thresholds, describes: describes)
            let vs = variants
            @Sendable func one(_ i: Int, _ memo: inout OriginModel.Memo) -> OriginVerdict {
                let c = inputs[i]
                return model.classify(OriginInput(variant: vs[i], population: population[i], isHotspot: c.isHotspot, isPGxSite: c.isPGxSite,
                                                  isPredispositionSite: c.isPredispositionSite, copies: c.copies,
                                                  normalsWithSupport: c.normalsWithSupport, normal: c.normal), memo: &memo)
            }
            // The allele-fraction likelihoods of every distinct (alt, depth, copies) once, in parallel, before
            // the variants: per-worker memos computed the keys the workers shared once per worker.
            let shared = model.likelihoods(for: vs.indices.lazy.map { OriginModel.memoKey(vs[$0], copies: inputs[$0].copies) }, threads: threads)
            // Nothing here throws; an incomplete parallel map (which cannot happen) is redone in order.
            return (try? ParallelMap.map(vs.count, threads: threads, state: { _ in OriginModel.Memo(likelihoods: shared) }) { memo, i in one(i, &memo) })
                ?? { var memo = OriginModel.Memo(likelihoods: shared); return vs.indices.map { one($0, &memo) } }()
        }
        // Each variant's `OriginCall` is set as one value. `evidence: false` for the purity-estimate
        // pass: the estimate reads origins, and the last pass replaces every call set here (its
        // evidence arrays would be 200,000 allocations held meanwhile). `ccf(i)` is the last pass's CCF.
        // Identical calls share one stored value (`OriginCallPool`): ~30,000 distinct among a dense VCF's 200,000.
        func apply(_ verdicts: [OriginVerdict], evidence: Bool = true, ccf: (Int) -> CancerCellFraction? = { _ in nil }) {
            var pool = OriginCallPool()
            for i in variants.indices {
                let v = verdicts[i]
                pool.set(OriginCall(origin: v.origin, evidence: evidence ? v.evidence : [], zygosity: v.zygosity,
                                    population: population[i], ccf: ccf(i), possiblyGermline: v.possiblyGermline), on: &variants[i])
            }
        }
        // The estimate comes from a pass with purity unknown, so a given purity cannot bias it.
        // That pass writes no evidence sentences: the pass that gives the result does.
        // The first pass's calls are dropped before the next pass is made.
        let germlineProbability: [Double]
        do {
            let first = run(nil, describes: false)
            apply(first, evidence: false)
            germlineProbability = first.map { $0.germlineProbability ?? ($0.origin.isGermline ? 1 : 0) }
        }
        // The variants are read in place (no candidate copy of each).
        let estimate = PurityEstimator.estimate(variants, germlineProbability: germlineProbability,
                                                copies: copies, settings: puritySettings, threads: threads)
        var notes: [String] = []
        let purity: PurityInfo
        let verdicts: [OriginVerdict]
        if let g = givenPurity {
            purity = PurityInfo(value: g, source: .given, given: g, estimated: estimate?.purity, estimateBasis: estimate?.basis)
            verdicts = run(g)
            if let e = estimate?.purity, abs(e - g) > puritySettings.disagreement {
                notes.append("Purity: the given purity \(TextFormat.fixed(g, 2)) and the estimate from somatic VAFs \(TextFormat.fixed(e, 2)) differ by more than \(puritySettings.disagreement); the given value is used.")
            }
        } else if let e = estimate {
            purity = PurityInfo(value: e.purity, source: .estimated, estimated: e.purity, estimateBasis: e.basis)
            verdicts = run(e.purity)
        } else {
            purity = PurityInfo(value: nil, source: .unavailable)
            verdicts = run(nil)
        }
        guard let p = purity.value else {
            apply(verdicts)
            return (purity, notes)
        }
        // Somatic findings get a CCF: somatic, likely somatic, and unknown (reported with them); never germline.
        // It is computed from the last pass's verdicts before the calls are set, so each call is set once, whole.
        let prior = puritySettings.clonalPrior
        // At one purity the CCF is a pure function of (alt, depth, copies): each distinct one is computed
        // once, in parallel (a dense VCF repeats the same counts: ~30,000 of them among 200,000 variants).
        var keyIndex: [OriginModel.Memo.Key: Int] = [:]
        var keys: [OriginModel.Memo.Key] = []
        var which = [Int](repeating: -1, count: variants.count)
        for i in variants.indices {
            guard !verdicts[i].origin.isGermline && !verdicts[i].possiblyGermline && variants[i].vaf != nil else { continue }
            let k = OriginModel.Memo.Key(alt: min(variants[i].altDepth, variants[i].depth), depth: variants[i].depth,
                                         copies: AlleleFractionModel.copies(copies(variants[i].gene)))
            if let j = keyIndex[k] { which[i] = j } else { keyIndex[k] = keys.count; which[i] = keys.count; keys.append(k) }
        }
        keyIndex = [:]
        // `ccf` reads only min(alt, depth) and the copies rounded as the key holds them.
        let distinct = keys
        let values = ParallelMap.map(distinct.count, threads: threads) { j in
            CCFEstimator.ccf(alt: distinct[j].alt, depth: distinct[j].depth, purity: p, copies: Double(distinct[j].copies), clonalPrior: prior)
        }
        apply(verdicts) { i in which[i] < 0 ? nil : values[which[i]] }
        return (purity, notes)
    }

    func copies(_ gene: String?) -> Double? {
        guard let gene else { return nil }
        return copyNumber?.first { $0.gene == gene }?.copies
    }
}
