#if canImport(Glibc)
import Glibc
#endif
import G2TCore

/// Alternate and total fragments of a variant's allele in the matched normal.
package struct NormalSupport: Sendable, Equatable {
    package var alt: Int
    package var depth: Int
    package init(alt: Int, depth: Int) {
        self.alt = alt
        self.depth = depth
    }
}

/// What the origin model knows about one variant besides its counts.
package struct OriginInput: Sendable {
    package var variant: VariantCall
    package var population: PopulationFrequency?
    package var isHotspot: Bool
    package var isPGxSite: Bool
    package var isPredispositionSite: Bool
    /// Local total copy number in the tumour; nil = assume 2.
    package var copies: Double?
    /// Normals of the panel of normals with alternate support at this allele; nil when the PoN has no site data.
    package var normalsWithSupport: Int?
    /// Counts in the matched normal; nil in tumour-only mode.
    package var normal: NormalSupport?
    package init(variant: VariantCall, population: PopulationFrequency? = nil, isHotspot: Bool = false, isPGxSite: Bool = false,
                isPredispositionSite: Bool = false, copies: Double? = nil, normalsWithSupport: Int? = nil, normal: NormalSupport? = nil) {
        self.variant = variant
        self.population = population
        self.isHotspot = isHotspot
        self.isPGxSite = isPGxSite
        self.isPredispositionSite = isPredispositionSite
        self.copies = copies
        self.normalsWithSupport = normalsWithSupport
        self.normal = normal
    }
}

/// The model's verdict on one variant: what `OriginClassifier` makes the variant's `OriginCall`
/// from (with the population frequency and CCF), plus the probability the purity estimate weighs.
package struct OriginVerdict: Sendable, Equatable {
    package var origin: VariantOrigin
    package var evidence: [OriginEvidence]
    package var zygosity: Zygosity?
    package var possiblyGermline: Bool
    /// Posterior probability of germline origin from frequency and allele fraction (nil when a normal decided).
    package var germlineProbability: Double?
}

/// One model for a variant's origin (docs/germline.md): a matched normal decides when it is deep
/// enough; otherwise a panel of normals with the allele in ≥ 2 normals calls it likely germline;
/// otherwise a posterior from a population-frequency prior and allele-fraction likelihoods.
package struct OriginModel: Sendable {
    /// Tumour purity, or nil when unknown (then averaged over).
    package let purity: Double?

    /// Normal support, normal depth, zygosity, panel-of-normals and posterior cut-offs (defaults and
    /// reasons in `CallingParameters.Origin`).
    package var thresholds: CallingParameters.Origin

    /// The allele-fraction hypotheses at this purity, built once for every variant the model classifies.
    let hypotheses: AlleleFractionModel.HypothesisTable

    /// Whether calls carry their evidence sentences. The purity-estimate pass needs only the origin
    /// and probability: formatting ~4 sentences for each of 200,000 variants twice cost seconds.
    package var describes: Bool

    package init(purity: Double?, thresholds: CallingParameters.Origin = .init(), describes: Bool = true) {
        self.purity = purity
        self.thresholds = thresholds
        self.describes = describes
        hypotheses = AlleleFractionModel.HypothesisTable(purity: purity)
    }

    /// An evidence entry; its sentence is written only when the model `describes`.
    private func evidence(_ source: OriginEvidence.Source, _ favours: OriginEvidence.Direction, _ detail: @autoclosure () -> String) -> OriginEvidence {
        OriginEvidence(source: source, favours: favours, detail: describes ? detail() : "")
    }

    // The model's priors, each with its reason, are in `CallingParameters.Origin` (`thresholds`).

    /// Allele-fraction likelihoods already computed, by alternate count, depth and copies: they are a
    /// pure function of those, and a dense VCF repeats the same counts many times. One per worker thread.
    package struct Memo: Sendable {
        struct Key: Hashable { var alt: Int, depth: Int, copies: Int }
        var likelihoods: [Key: (het: Double, hom: Double, somatic: Double)] = [:]
        /// The allele-fraction sentences already written, by what they say: equal sentences share one
        /// string's storage (a dense VCF's 200,000 variants repeat a few tens of thousands of them).
        struct SentenceKey: Hashable { var vaf: UInt64, depth: Int, copies: UInt64?, ratio: UInt64 }
        var sentences: [SentenceKey: String] = [:]
        package init() {}
        init(likelihoods: [Key: (het: Double, hom: Double, somatic: Double)]) { self.likelihoods = likelihoods }
    }

    /// The memo key of a variant with counts (nil without: the model uses no likelihood then).
    static func memoKey(_ v: VariantCall, copies: Double?) -> Memo.Key? {
        guard v.depth > 0 && v.vaf != nil else { return nil }
        return Memo.Key(alt: min(v.altDepth, v.depth), depth: v.depth, copies: AlleleFractionModel.copies(copies))
    }

    /// The allele-fraction likelihoods of every distinct key (`memoKey` of each variant), computed once
    /// each on up to `threads` threads: the same values `classify` would compute.
    func likelihoods<S: Sequence>(for memoKeys: S, threads: Int) -> [Memo.Key: (het: Double, hom: Double, somatic: Double)]
        where S.Element == Memo.Key? {
        var seen = Set<Memo.Key>()
        var found: [Memo.Key] = []
        for case let k? in memoKeys where seen.insert(k).inserted { found.append(k) }
        seen = []
        var table: [Memo.Key: (het: Double, hom: Double, somatic: Double)] = [:]
        table.reserveCapacity(found.count)
        for (copies, group) in Dictionary(grouping: found, by: \.copies) {
            let model = hypotheses[copies: copies]
            // In depth order, so each worker's `SumTerms` find most of the likelihoods' third lgamma terms.
            let keys = group.sorted { ($0.depth, $0.alt) < ($1.depth, $1.alt) }
            // The somatic and heterozygous likelihoods' lgamma(alt + a) and lgamma(ref + b) depend on one count
            // each: looked up from tables of the counts present (a dense VCF has ~80 alternate and ~400 reference
            // counts among ~30,000 keys), which leaves one lgamma per grid point instead of three, and that one
            // mostly remembered (`SumTerms`).
            let alts = Array(Set(keys.map(\.alt))).sorted(), refs = Array(Set(keys.map { $0.depth - $0.alt })).sorted()
            let tabulated = (alts.count + refs.count) * (model.somatic.count + model.heterozygous.count) <= Self.maxTabulatedTerms
            let altTerms = tabulated ? ParallelMap.map(alts.count, threads: threads) { (model.somaticTerms(alt: alts[$0]), model.heterozygousTerms(alt: alts[$0])) } : []
            let refTerms = tabulated ? ParallelMap.map(refs.count, threads: threads) { (model.somaticTerms(ref: refs[$0]), model.heterozygousTerms(ref: refs[$0])) } : []
            let altRow = Dictionary(uniqueKeysWithValues: zip(alts, alts.indices)), refRow = Dictionary(uniqueKeysWithValues: zip(refs, refs.indices))
            typealias Sums = (somatic: AlleleFractionModel.SumTerms, heterozygous: AlleleFractionModel.SumTerms)
            let one = { @Sendable (sums: inout Sums, i: Int) -> (het: Double, hom: Double, somatic: Double) in
                let k = keys[i]
                guard tabulated, let a = altRow[k.alt], let r = refRow[k.depth - k.alt] else {
                    let g = model.germline(alt: k.alt, depth: k.depth)
                    return (g.het, g.hom, model.somatic(alt: k.alt, depth: k.depth))
                }
                let het = model.heterozygous(alt: k.alt, depth: k.depth, altTerms: altTerms[a].1, refTerms: refTerms[r].1, sums: &sums.heterozygous)
                return (het, model.homozygous(alt: k.alt, depth: k.depth),
                        model.somatic(alt: k.alt, depth: k.depth, altTerms: altTerms[a].0, refTerms: refTerms[r].0, sums: &sums.somatic))
            }
            let values: [(het: Double, hom: Double, somatic: Double)]
            do {
                values = try ParallelMap.map(keys.count, threads: threads, state: { _ -> Sums in (AlleleFractionModel.SumTerms(), AlleleFractionModel.SumTerms()) }, one)
            } catch {
                // Unreachable (nothing here throws); computed again in order rather than trapping.
                var sums: Sums = (AlleleFractionModel.SumTerms(), AlleleFractionModel.SumTerms())
                values = keys.indices.map { one(&sums, $0) }
            }
            for (k, v) in zip(keys, values) { table[k] = v }
        }
        return table
    }

    /// At most this many tabulated lgamma terms (8 bytes each: 32 MB); beyond, each key is computed directly.
    static let maxTabulatedTerms = 4_000_000

    package func classify(_ x: OriginInput) -> OriginVerdict {
        var memo = Memo()
        return classify(x, memo: &memo)
    }

    package func classify(_ x: OriginInput, memo: inout Memo) -> OriginVerdict {
        let v = x.variant
        let t = thresholds
        var ev: [OriginEvidence] = []
        var possiblyGermline = false

        // Population frequency → prior.
        var prior = t.novelGermlinePrior
        if x.isHotspot && !x.isPGxSite {
            prior = t.hotspotGermlinePrior
            ev.append(evidence(.hotspot, .somatic,
                            "panel hotspot \(v.hotspot ?? ""): recurrently somatic, population frequency not used"))
        } else if let f = x.population {
            let carrier = 1 - pow(1 - f.afPopmax, 2)
            prior = carrier / (carrier + t.somaticPrior)
            ev.append(evidence(.populationFrequency, f.afPopmax >= 1e-4 ? .germline : .neutral,
                            "\(f.rsid ?? "known variant"): popmax AF \(Self.fmt(f.afPopmax))\(f.popmaxPopulation.map { " (\($0))" } ?? "")\(f.af.map { ", AF \(Self.fmt($0))" } ?? "") [\(f.source)]"))
        } else {
            ev.append(evidence(.populationFrequency, .neutral, "not in the germline resource"))
        }
        if x.isPGxSite {
            prior = max(prior, t.pgxGermlinePrior)
            ev.append(evidence(.pharmacogenomicSite, .germline, "pharmacogenomic germline site"))
        }

        // Allele fraction → likelihoods.
        var pG = prior
        var homLikelier = false
        let hasCounts = v.depth > 0 && v.vaf != nil
        if hasCounts {
            let alt = min(v.altDepth, v.depth)
            let key = Memo.Key(alt: alt, depth: v.depth, copies: AlleleFractionModel.copies(x.copies))  // = memoKey(v, copies:)
            let g: (het: Double, hom: Double), s: Double
            if let known = memo.likelihoods[key] {
                (g, s) = ((known.het, known.hom), known.somatic)
            } else {
                let model = hypotheses(copies: x.copies)
                (g, s) = (model.germline(alt: alt, depth: v.depth), model.somatic(alt: alt, depth: v.depth))
                memo.likelihoods[key] = (g.het, g.hom, s)
            }
            let f = x.population.map { $0.af ?? $0.afPopmax } ?? 0
            // Hardy–Weinberg share of homozygotes among carriers, kept within 1–99%: an allele absent from
            // the resource can still be homozygous, and one at ~100% can still be heterozygous (ancestry varies).
            let h = min(0.99, max(0.01, f / (2 - f)))
            let lg = AlleleFractionModel.logMeanExp([(g.het, 1 - h), (g.hom, h)])
            homLikelier = log(h) + g.hom > log(1 - h) + g.het
            let logOdds = log(prior / (1 - prior)) + lg - s
            pG = 1 / (1 + exp(-logOdds))
            let lr = (lg - s) / log(10)
            var sentence = ""
            if describes {
                // The purity is the model's: the other values the sentence prints are the key.
                let said = Memo.SentenceKey(vaf: (v.vaf ?? 0).bitPattern, depth: v.depth, copies: x.copies?.bitPattern, ratio: lr.bitPattern)
                if let known = memo.sentences[said] {
                    sentence = known
                } else {
                    sentence = "VAF \(Self.fmt(v.vaf ?? 0)) at \(v.depth)×\(purity.map { ", purity \(Self.fmt($0))" } ?? ", purity unknown")\(x.copies.map { ", \(Self.fmt($0)) copies" } ?? ""): germline/somatic likelihood ratio 10^\(Self.fmt(lr))"
                    memo.sentences[said] = sentence
                }
            }
            ev.append(evidence(.alleleFraction, lr > 1 ? .germline : lr < -1 ? .somatic : .neutral, sentence))
            if x.isPredispositionSite && Self.heterozygousVAF(alt: alt, depth: v.depth) { possiblyGermline = true }
        }

        // Panel of normals (site level).
        var ponGermline = false
        if let n = x.normalsWithSupport {
            ponGermline = n >= t.ponMinNormals
            ev.append(evidence(.panelOfNormals, ponGermline ? .germline : .neutral,
                            "allele seen in \(n) normal\(n == 1 ? "" : "s") of the panel of normals\(ponGermline ? ": germline or a recurrent artefact" : "")"))
        }

        // Matched normal.
        if let n = x.normal {
            let nVAF = n.depth > 0 ? Double(n.alt) / Double(n.depth) : 0
            let supported = n.alt >= t.normalMinAltFragments && nVAF >= t.normalMinVAF
            if supported {
                ev.append(evidence(.matchedNormal, .germline, "normal \(n.alt)/\(n.depth) fragments (VAF \(Self.fmt(nVAF)))"))
                if x.isPredispositionSite { possiblyGermline = true; ev.append(predisposition(v)) }
                return OriginVerdict(origin: .germline, evidence: ev, zygosity: nVAF >= t.homozygousVAF ? .homozygous : .heterozygous,
                                  possiblyGermline: possiblyGermline, germlineProbability: nil)
            }
            if n.depth >= t.normalMinDepth && !ponGermline {
                ev.append(evidence(.matchedNormal, .somatic, "normal \(n.alt)/\(n.depth) fragments: no support at adequate depth"))
                return OriginVerdict(origin: .somatic, evidence: ev, zygosity: nil, possiblyGermline: false, germlineProbability: nil)
            }
            if n.depth < t.normalMinDepth {
                ev.append(evidence(.matchedNormal, .neutral, "normal depth \(n.depth)× < \(t.normalMinDepth)×: not informative"))
            }
        }
        if possiblyGermline { ev.append(predisposition(v)) }

        if ponGermline {
            return OriginVerdict(origin: .likelyGermline, evidence: ev, zygosity: homLikelier ? .homozygous : .heterozygous,
                              possiblyGermline: possiblyGermline, germlineProbability: pG)
        }
        let origin: VariantOrigin
        if !hasCounts && x.population == nil && !x.isHotspot && !x.isPGxSite { origin = .unknown }
        else if pG >= t.germlineAt && hasCounts && (x.population != nil || x.isPGxSite) { origin = .germline }
        else if pG >= t.likelyGermlineAt { origin = .likelyGermline }
        else if pG <= t.likelySomaticAt { origin = .likelySomatic }
        else { origin = .unknown }
        return OriginVerdict(origin: origin, evidence: ev, zygosity: origin.isGermline ? (homLikelier || (v.vaf ?? 0) >= t.homozygousVAF ? .homozygous : .heterozygous) : nil,
                          possiblyGermline: possiblyGermline, germlineProbability: pG)
    }

    private func predisposition(_ v: VariantCall) -> OriginEvidence {
        .init(source: .predispositionSite, favours: .germline,
              detail: "\(v.hotspot ?? "variant") is a known germline predisposition site: possibly germline, consider germline testing and genetic counselling")
    }

    /// A VAF a heterozygous germline allele could give: within 2.58 overdispersed standard errors
    /// of 0.5 (99%), and at least 0.3.
    static func heterozygousVAF(alt: Int, depth: Int) -> Bool {
        guard depth > 0 else { return false }
        let n = Double(depth), vaf = Double(alt) / n
        let sd = (0.25 / n * (1 + (n - 1) * AlleleFractionModel.overdispersion)).squareRoot()
        return vaf >= 0.3 && abs(vaf - 0.5) <= 2.58 * sd
    }

    static func fmt(_ x: Double) -> String {
        if x == 0 { return "0" }
        if abs(x) < 0.001 { return TextFormat.scientific(x) }
        return TextFormat.fixed(x, abs(x) < 0.01 ? 4 : abs(x) < 10 ? 2 : 1)
    }
}
