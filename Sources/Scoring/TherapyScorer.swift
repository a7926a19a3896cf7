import G2TCore
import Knowledge

/// Scores every knowledge-base drug against one sample's findings.
///
/// Each drug is scored independently (a pure function of the inputs), so drugs run in
/// parallel and the result is sorted afterwards: the same input always gives the same output.
/// The call rules are documented as a table in docs/knowledge-base.md ("Call rules").
package struct TherapyScorer: Sendable {
    package let kb: KnowledgeBase
    /// OncoTree codes of the sample's tumour type and its ancestors; empty when not given.
    package let tumorLineage: [String]
    /// Knowledge-base names of the drugs the patient has had (`--prior-therapy`), to order by line of therapy.
    package let priorTherapies: [String]

    /// The call cut-offs, from the knowledge base (`callCutoffs`, each with its reason); nil only for a
    /// knowledge base built in code without them and no bundled one to fall back on: then no drug is
    /// called sensitive or resistant (`uncertain`).
    let cutoffs: KnowledgeBase.CallCutoffs?
    /// The analysis's own cut-offs (its recorded `CallingParameters`): CCF upper bound below which a
    /// variant is subclonal, and popmax frequency from which a germline variant is a polymorphism.
    package var subclonalBelow = CallingParameters.Purity().subclonalBelow
    package var polymorphismAF = CallingParameters.Origin().polymorphismAF
    /// false: calls and evidence without the report's sentences — each therapy's explanation, MDR
    /// note, context and panel-limit text, each evidence item's summary and citations (left empty).
    /// `g2t rescore` writes statements by their knowledge-base keys (`EvidenceItem.reference`), so it
    /// does not make them; calls, scores and weights do not depend on them.
    package var writesText = true
    /// The knowledge base's statements grouped for scoring (see `Index`).
    let index: Index

    /// `index`: the knowledge base's `Index`, when the caller scores many samples (made once); nil makes one.
    package init(kb: KnowledgeBase, tumorLineage: [String], priorTherapies: [String] = [], index: Index? = nil) {
        self.kb = kb
        self.cutoffs = kb.callCutoffs ?? (try? KnowledgeBaseLoader.bundled())?.kb.callCutoffs
        self.tumorLineage = tumorLineage
        self.priorTherapies = priorTherapies
        self.index = index ?? Index(kb)
    }

    /// What scoring looks up in the knowledge base for every sample, found once: each drug's
    /// statements (indices into `effects`, in order) and each statement's biomarker. Looking them up
    /// per drug per sample (a scan of every statement and biomarker) was a third of `g2t rescore`'s scoring.
    package struct Index: Sendable {
        /// Indices into `effects` of each drug's statements, by drug name.
        let effectsByDrug: [String: [Int]]
        /// Each statement's biomarker (nil when the knowledge base lacks it), aligned with `effects`.
        let biomarkerOfEffect: [KnowledgeBase.Biomarker?]
        /// The position in `biomarkers` of each statement's biomarker (the first with its id, as
        /// `biomarker(id:)`), aligned with `effects`: where its matches are in `matchLists`.
        let slotOfEffect: [Int?]
        /// The tumour-type contexts naming each drug, in knowledge-base order, by drug name (a scan
        /// of every context's drug list per drug per sample was 5% of `g2t rescore`'s scoring).
        let contextsByDrug: [String: [KnowledgeBase.TumorTypeContext]]

        package init(_ kb: KnowledgeBase) {
            var byDrug: [String: [Int]] = [:]
            for (i, e) in kb.effects.enumerated() { byDrug[e.drug, default: []].append(i) }
            effectsByDrug = byDrug
            var slots: [String: Int] = [:]
            for (i, b) in kb.biomarkers.enumerated() where slots[b.id] == nil { slots[b.id] = i }
            slotOfEffect = kb.effects.map { slots[$0.biomarker] }
            biomarkerOfEffect = slotOfEffect.map { $0.map { kb.biomarkers[$0] } }
            var contexts: [String: [KnowledgeBase.TumorTypeContext]] = [:]
            for c in kb.tumorTypeContext ?? [] {
                for name in Set(c.drugs) { contexts[name, default: []].append(c) }
            }
            contextsByDrug = contexts
        }
    }

    /// Therapy calls from variants alone (no copy number, expression or genotypes).
    package func score(_ variants: [VariantCall], threads: Int = 1) -> [TherapyCall] {
        score(SampleFindings(variants: variants), threads: threads).therapies
    }

    /// Everything the knowledge base says about a sample: therapy calls (drugs with evidence or
    /// tumour-type context, actionable first), the MDR assessment, informational findings and
    /// the genes outside the panel that decide listed drugs.
    package func score(_ f: SampleFindings, threads: Int = 1) -> SampleScore {
        let mdr = mdrAssessment(f)
        let matches = matchLists(f)
        let drugs = kb.drugs
        let calls = ParallelMap.map(drugs.count, threads: threads) { score(drug: drugs[$0], f, mdr: mdr, matches: matches) }
            .compactMap { $0 }
        return SampleScore(therapies: Self.inTableOrder(calls), mdr: mdr, informational: informational(f), panelLimits: panelLimits())
    }

    /// Therapy table order: call group (sensitive, resistance alerts, context, open), then evidence that
    /// fits the patient's line of therapy, then the strength of the deciding evidence, then the name.
    static func tableOrder(_ a: TherapyCall, _ b: TherapyCall) -> Bool { tableKey(a) < tableKey(b) }

    static func tableKey(_ t: TherapyCall) -> (Int, Int, Double, String) {
        (t.call.rank, t.inSetting == true ? 0 : t.inSetting == nil ? 1 : 2, -abs(t.score), t.drug)
    }

    /// `calls` sorted by `tableOrder` (stably, as `sort` is): their keys are sorted, then each call
    /// is moved once (sorting the calls themselves moved them at every step: 3% of `g2t rescore`).
    static func inTableOrder(_ calls: [TherapyCall]) -> [TherapyCall] {
        let keys = calls.map(tableKey)
        return keys.indices.sorted { keys[$0] < keys[$1] }.map { calls[$0] }
    }

    /// AMP/ASCO/CAP 2017 tier of each variant: I with level A/B evidence in this tumour type,
    /// II with level C/D evidence or level A/B from another tumour type, III otherwise; IV for a
    /// benign or likely benign germline polymorphism.
    /// Variants at `pgxSites` (the panel's germline pharmacogenomic sites) get "PGx": germline, informational.
    package func tiers(_ variants: [VariantCall], pgxSites: PGxSites = PGxSites()) -> [VariantCall] {
        var out = variants
        setTiers(&out, pgxSites: pgxSites)
        return out
    }

    /// As `tiers(_:pgxSites:)`, setting each passing variant's tier in place (no second list).
    /// `index`: a `TierIndex` made earlier for this knowledge base; used only when made for this
    /// scorer's tumour lineage (otherwise one is made here).
    package func setTiers(_ variants: inout [VariantCall], pgxSites: PGxSites = PGxSites(), index prebuilt: TierIndex? = nil) {
        let index = prebuilt.flatMap { $0.lineage == tumorLineage ? $0 : nil } ?? TierIndex(self)
        for i in variants.indices where variants[i].passed {
            variants[i].tier = tier(of: variants[i], byGene: index.byGene, pgxSites: pgxSites)
        }
    }

    /// What `setTiers` reads of the knowledge base for one tumour lineage: each gene's biomarkers and
    /// whether one of their statements makes Tier I there. The same for every sample of that lineage:
    /// `g2t rescore` keeps one per lineage (making it for every sample was a tenth of its time).
    package struct TierIndex: Sendable {
        /// The tumour lineage it was made for.
        package let lineage: [String]
        /// Grouped by gene (a variant matches only its gene's biomarkers): not a search of the
        /// knowledge base per variant, which for a dense VCF of 200,000 variants was a search per pair.
        let byGene: [String: [Entry]]

        struct Entry: Sendable {
            let biomarker: KnowledgeBase.Biomarker
            var tierOne: Bool
        }

        /// One entry per biomarker (Tier I if any of its effects makes it so): the tier depends only on
        /// whether some matching effect is Tier I, so the effects sharing a biomarker need one match, not one each.
        package init(_ scorer: TherapyScorer) {
            var byGene: [String: [Entry]] = [:]
            var slot: [String: (gene: String, index: Int)] = [:]
            for (i, e) in scorer.kb.effects.enumerated() {
                guard let b = scorer.index.biomarkerOfEffect[i] else { continue }
                let strong = e.ampLevel.map(TherapyScorer.ampLevelsOfTierOne.contains) == true
                    || e.oncokbLevel.map(TherapyScorer.oncokbLevelsOfTierOne.contains) == true
                let tierOne = strong && scorer.inScope(e.tumorTypes)
                if let s = slot[b.id] {
                    if tierOne { byGene[s.gene]?[s.index].tierOne = true }
                } else {
                    slot[b.id] = (b.gene, byGene[b.gene]?.count ?? 0)
                    byGene[b.gene, default: []].append(Entry(biomarker: b, tierOne: tierOne))
                }
            }
            lineage = scorer.tumorLineage
            self.byGene = byGene
        }
    }

    /// Evidence levels that make a variant Tier I in its tumour type: AMP/ASCO/CAP levels A and B
    /// (Li et al., J Mol Diagn 2017;19:4-23), named by level key as the knowledge base's `levelWeights.amp` does.
    static let ampLevelsOfTierOne: Set<String> = ["IA", "IB"]
    /// The OncoKB levels of the same strength: FDA-recognised (1) and standard care (2, R1) (OncoKB SOP, levels of evidence).
    static let oncokbLevelsOfTierOne: Set<String> = ["1", "2", "R1"]

    private func tier(of v: VariantCall, byGene: [String: [TierIndex.Entry]], pgxSites: PGxSites) -> Tier {
        if pgxSites.contains(v) { return .pgx }
        // Germline variants are not somatic findings: a polymorphism (≥ 1% in a population) is
        // benign or likely benign, AMP Tier IV; a rarer one stays a variant of unknown significance.
        if v.isGermlineFinding { return v.originCall?.population?.isPolymorphism(atLeast: polymorphismAF) == true ? .four : .three }
        var tier = Tier.three
        // `byGene` holds only the variant's gene's biomarkers: the annotation alone decides (read once).
        let annotation = v.annotation
        for e in v.gene.flatMap({ byGene[$0] }) ?? [] where BiomarkerMatcher.matches(annotation, e.biomarker) {
            if e.tierOne { return .one }
            tier = .two
        }
        return tier
    }

    /// Whether evidence scoped to `types` applies: a tumour type must be given and lie within them
    /// (an empty scope is any tumour type).
    func inScope(_ types: [String]) -> Bool {
        !tumorLineage.isEmpty && (types.isEmpty || types.contains { tumorLineage.contains($0) })
    }

    /// How the sample matches each biomarker, aligned with `kb.biomarkers`, computed once per
    /// sample (drugs share biomarkers). Statements find theirs by position (`Index.slotOfEffect`):
    /// looking them up by id, for every statement of every drug, was a tenth of scoring.
    func matchLists(_ f: SampleFindings) -> [[BiomarkerMatch]] {
        kb.biomarkers.map { b in
            // A wild-type rule restates a panel limit's assessment, which the report gives only where the limit
            // applies (its tumour types): elsewhere a wild-type tumour is no finding and gets no row.
            if case .wildType(let id) = b.rule, !(kb.panelLimits ?? []).contains(where: { $0.id == id && inScope($0.tumorTypes) }) {
                return []
            }
            return BiomarkerMatcher.matches(b, in: f, kb: kb)
        }
    }

    /// The call for one drug, or nil when neither evidence nor tumour-type context applies.
    package func score(drug: KnowledgeBase.Drug, _ f: SampleFindings, mdr: MDRAssessment) -> TherapyCall? {
        score(drug: drug, f, mdr: mdr, matches: matchLists(f))
    }

    func score(drug: KnowledgeBase.Drug, _ f: SampleFindings, mdr: MDRAssessment, matches: [[BiomarkerMatch]]) -> TherapyCall? {
        var items: [EvidenceItem] = []
        var fits: [Bool?] = []
        var dominant: [String] = []
        for effectIndex in index.effectsByDrug[drug.name] ?? [] {
            // A statement the sample does not match adds nothing: passed over before its data is read.
            guard let slot = index.slotOfEffect[effectIndex], !matches[slot].isEmpty else { continue }
            let ms = matches[slot]
            let e = kb.effects[effectIndex]
            let b = kb.biomarkers[slot]
            let here = inScope(e.tumorTypes)
            // Each match's weight first; evidence items are made only for the matches `folded` keeps
            // (the same items): a dense VCF matched one rule thousands of times per drug.
            var weights: [Double] = [], clonal: [(Clonality?, CancerCellFraction?)] = []
            weights.reserveCapacity(ms.count)
            clonal.reserveCapacity(ms.count)
            for m in ms {
                var w = kb.weight(of: e) * (here ? 1 : kb.levelWeights.outsideTumorTypeFactor)
                let (clonality, ccf) = Self.clonality(m, subclonalBelow: subclonalBelow)
                if clonality == .subclonal && e.effect == .sensitivity { w *= kb.levelWeights.subclonalSensitivityFactor ?? 1 }
                if e.dominant == true && e.effect == .resistance && here { dominant.append(b.name) }
                weights.append(Self.round(w))
                clonal.append((clonality, ccf))
            }
            let sources = writesText ? kb.sourceLabels(e.sources) : []
            let (kept, rest) = Self.foldOrder(weights)
            var mine = kept.map { i in
                EvidenceItem(effect: e.effect, biomarker: b.name, matchedBy: ms[i].text,
                             oncokbLevel: e.oncokbLevel ?? "", ampLevel: e.ampLevel ?? "",
                             tumorTypes: e.tumorTypes, inTumorType: here, weight: weights[i], counted: false,
                             summary: writesText ? e.summary : "", sources: sources, clonality: clonal[i].0,
                             setting: e.setting?.text, ccf: clonal[i].1, variants: ms[i].keys,
                             reference: EvidenceReference(statement: effectIndex, biomarker: b.id, sources: e.sources))
            }
            if !rest.isEmpty { Self.foldRest(into: &mine, rest.count, variants: rest.flatMap { ms[$0].keys }) }
            items += mine
            fits += Array(repeating: settingFit(e.setting), count: mine.count)
        }
        // Each direction counts its strongest in-scope statement only: compound matches do not add up.
        // Among equally strong statements, the one that fits the patient's line of therapy decides.
        func strongest(_ dir: EffectDirection) -> Int? {
            items.indices.filter { items[$0].effect == dir && items[$0].inTumorType }.max { a, b in
                let wa = dir == .sensitivity ? items[a].weight : -items[a].weight
                let wb = dir == .sensitivity ? items[b].weight : -items[b].weight
                func fit(_ i: Int) -> Int { fits[i] == true ? 2 : fits[i] == nil ? 1 : 0 }
                return (wa, fit(a), b) < (wb, fit(b), a)
            }
        }
        let sIndex = strongest(.sensitivity), rIndex = strongest(.resistance)
        let sens = sIndex.map { items[$0].weight } ?? 0
        let res = rIndex.map { items[$0].weight } ?? 0
        let hasOutside = items.contains { !$0.inTumorType }
        let compound = items.filter { $0.effect == .sensitivity && $0.inTumorType }.count > 1

        let mdrRisk = drug.pgpSubstrate == .yes ? mdr.risk : .none
        var mdrWeight = 0.0
        if mdrRisk > .none, let rules = kb.mdr {
            mdrWeight = -abs(mdrRisk == .high ? rules.highWeight : mdrRisk == .moderate ? rules.moderateWeight : rules.lowWeight)
            items.append(EvidenceItem(effect: .resistance, biomarker: "P-gp multidrug resistance (\(rules.gene))",
                                      matchedBy: mdr.evidence.joined(separator: "; "), oncokbLevel: "", ampLevel: rules.ampLevel,
                                      tumorTypes: [], inTumorType: true, weight: Self.round(mdrWeight), counted: true,
                                      summary: writesText ? rules.statement : "", sources: writesText ? kb.sourceLabels(rules.sources) : [], kind: .mdr,
                                      reference: EvidenceReference(statement: nil, biomarker: nil, sources: rules.sources)))
            fits.append(nil)
        }
        let contexts = (index.contextsByDrug[drug.name] ?? []).filter { c in
            !tumorLineage.isEmpty && c.tumorTypes.contains { tumorLineage.contains($0) }
        }
        guard !items.isEmpty || !contexts.isEmpty else { return nil }
        let excluded = contexts.first { $0.role == .excluded }
        let standard = contexts.first { $0.role == .standard }

        let verdict = Self.decide(sens: sens, res: res, mdr: mdrWeight, dominant: !dominant.isEmpty,
                                  excluded: excluded != nil, standard: standard != nil, cutoffs: cutoffs)
        if let i = sIndex, !verdict.overridden { items[i].counted = true }
        if let i = rIndex { items[i].counted = true }
        let decisive = verdict.overridden ? rIndex : (sIndex ?? rIndex)
        let setting = decisive.flatMap { items[$0].setting }, inSetting = decisive.flatMap { fits[$0] }
        guard writesText else {
            return TherapyCall(drug: drug.name, drugClass: drug.class, pgpSubstrate: drug.pgpSubstrate, call: verdict.call,
                               score: Self.round(verdict.score), evidence: items, explanation: "", mdrRisk: mdrRisk,
                               setting: setting, inSetting: inSetting)
        }
        let context = (excluded ?? standard).map { "\($0.statement) (\(kb.sourceLabels($0.sources).joined(separator: "; ")))" }
        let why = Reasons(dominant: dominant, overridden: verdict.overridden, sensitivityWeight: sens, mdrFloor: verdict.mdrFloor,
                          outsideOnly: hasOutside && sIndex == nil && rIndex == nil, compound: compound)
        return TherapyCall(drug: drug.name, drugClass: drug.class, pgpSubstrate: drug.pgpSubstrate, call: verdict.call,
                           score: Self.round(verdict.score), evidence: items,
                           explanation: explain(items, score: Self.round(verdict.score), call: verdict.call, why: why, context: excluded ?? standard),
                           mdrRisk: mdrRisk, mdrNote: Self.mdrNote(drug, mdr: mdr, gene: kb.mdr?.gene ?? "P-gp"), context: context,
                           setting: setting, inSetting: inSetting, panelLimit: panelLimit(for: drug.name))
    }

    /// The call from the counted weights (the "Call rules" table in docs/knowledge-base.md).
    struct Verdict: Equatable {
        var call: TherapyCall.Call
        var score: Double
        /// Resistance decided the call over sensitising evidence.
        var overridden: Bool
        /// P-gp risk alone would have made the drug (likely-)resistant; held at uncertain.
        var mdrFloor: Bool
    }

    static func decide(sens: Double, res: Double, mdr: Double, dominant: Bool, excluded: Bool, standard: Bool,
                       cutoffs: KnowledgeBase.CallCutoffs?) -> Verdict {
        if dominant || cutoffs.map({ res <= $0.decidingResistance }) == true {
            return Verdict(call: .resistant, score: res + mdr, overridden: sens > 0, mdrFloor: false)
        }
        if excluded { return Verdict(call: .notStandard, score: sens + res + mdr, overridden: false, mdrFloor: false) }
        let score = sens + res + mdr
        let open: TherapyCall.Call = standard ? .standardOption : .uncertain
        var call: TherapyCall.Call
        if let c = cutoffs, score >= c.sensitive { call = .sensitive }
        else if let c = cutoffs, score >= c.likelySensitive { call = .likelySensitive }
        else if let c = cutoffs, score <= c.resistant { call = .resistant }
        else if let c = cutoffs, score <= c.likelyResistant { call = .likelyResistant }
        else { call = open }
        // P-gp efflux is preclinical evidence (AMP IID): without a resistance statement of the
        // knowledge base it lowers a call at most to uncertain.
        if res == 0 && (call == .resistant || call == .likelyResistant) {
            return Verdict(call: open, score: score, overridden: false, mdrFloor: true)
        }
        return Verdict(call: call, score: score, overridden: false, mdrFloor: false)
    }

    /// At most this many variants are listed for one knowledge-base statement; the rest are folded
    /// into the last listed item. A real tumour matches a statement with a handful of variants; a
    /// dense VCF matched one exon 20 rule with thousands, filling table cells with megabytes (issue 13).
    static let maxMatchesListedPerStatement = 10

    /// Keeps the strongest matches of one statement (by weight, then input order), so the score and
    /// call are unchanged, and names how many more matched; their variant keys stay in the last item
    /// so every matched variant still counts as having a therapy statement.
    static func folded(_ mine: [EvidenceItem]) -> [EvidenceItem] {
        let (keptIndices, rest) = foldOrder(mine.map(\.weight))
        var kept = keptIndices.map { mine[$0] }
        if !rest.isEmpty { foldRest(into: &kept, rest.count, variants: rest.flatMap { mine[$0].variants }) }
        return kept
    }

    /// `folded`'s choice from the items' weights alone: the indices kept and those folded, each in input order.
    static func foldOrder(_ weights: [Double]) -> (kept: [Int], rest: [Int]) {
        let cap = maxMatchesListedPerStatement
        guard weights.count > cap else { return (Array(weights.indices), []) }
        let order = weights.indices.sorted { (abs(weights[$0]), -$0) > (abs(weights[$1]), -$1) }
        return (order.prefix(cap).sorted(), order.dropFirst(cap).sorted())
    }

    /// Names the `count` folded matches in the last kept item, which takes their variants.
    static func foldRest(into kept: inout [EvidenceItem], _ count: Int, variants: [VariantKey]) {
        kept[kept.count - 1].matchedBy += "; and \(count) more variants matching this statement (all in the variants table)"
        kept[kept.count - 1].variants += variants
    }

    /// Whether evidence gathered in `setting` fits the patient's prior therapies; nil when the line does not matter.
    /// Without `--prior-therapy` the patient is taken to be untreated (first line).
    func settingFit(_ setting: KnowledgeBase.TherapySetting?) -> Bool? {
        guard let setting else { return nil }
        switch setting.line {
        case .any, .adjuvant: return nil
        case .firstLine: return priorTherapies.isEmpty
        case .laterLine:
            let after = setting.after ?? []
            guard !priorTherapies.isEmpty else { return false }
            if after.isEmpty { return true }
            let had = Set(priorTherapies.flatMap { [$0] + (kb.drug(named: $0)?.components ?? []) })
            return after.contains { had.contains($0) }
        }
    }

    /// The panel-limit statement for a drug in this tumour type, if any.
    func panelLimit(for drug: String) -> String? {
        let hits = (kb.panelLimits ?? []).filter { $0.drugs.contains(drug) && inScope($0.tumorTypes) }
        return hits.isEmpty ? nil : hits.map(\.statement).joined(separator: " ")
    }

    /// Genes outside this panel that decide drugs in the sample's tumour type.
    package func panelLimits() -> [PanelLimitFinding] {
        (kb.panelLimits ?? []).filter { inScope($0.tumorTypes) }.map {
            PanelLimitFinding(drugs: $0.drugs, genes: $0.genes, statement: $0.statement, sources: kb.sourceLabels($0.sources))
        }
    }

    /// Subclonal when the CCF's upper 95% bound is below `subclonalBelow`
    /// (a combination: its least clonal part), clonal otherwise, unknown without a CCF. From the
    /// purity, not the sample's other VAFs: a germline variant never changes a somatic one's weight.
    static func clonality(_ m: BiomarkerMatch, subclonalBelow: Double) -> (Clonality?, CancerCellFraction?) {
        guard !m.keys.isEmpty else { return (nil, nil) }
        let parts = m.ccf.count == m.keys.count ? m.ccf : m.keys.map { _ in nil }
        guard parts.allSatisfy({ $0 != nil }), let least = parts.compactMap({ $0 }).min(by: { $0.high < $1.high }) else { return (.unknown, nil) }
        return (least.isSubclonal(below: subclonalBelow) ? .subclonal : .clonal, least)
    }

    /// `gene` is the knowledge base's MDR gene (`mdr.gene`).
    static func mdrNote(_ d: KnowledgeBase.Drug, mdr: MDRAssessment, gene: String) -> String {
        switch d.pgpSubstrate {
        case .no, .unknown, .notApplicable: return d.pgpSubstrate.text
        case .yes:
            if !mdr.assessed { return "P-gp substrate; MDR not assessed (\(mdr.notAssessed.joined(separator: "; ")))" }
            if mdr.risk == .none { return "P-gp substrate; no somatic \(gene) evidence of MDR (\(mdr.evidence.joined(separator: "; ")))" }
            return "P-gp substrate; MDR risk \(mdr.risk.rawValue): \(mdr.evidence.joined(separator: "; "))"
        }
    }

    /// Scores and weights are written with two decimals.
    static func round(_ x: Double) -> Double { Rounding.places(x, 2) }
}

/// What the knowledge base says about one sample.
package struct SampleScore: Sendable, Equatable {
    package var therapies: [TherapyCall]
    package var mdr: MDRAssessment
    package var informational: [InformationalFinding]
    package var panelLimits: [PanelLimitFinding]
}
