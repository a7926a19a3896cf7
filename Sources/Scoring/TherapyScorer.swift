import Dispatch
import G2TCore
import Knowledge
import Synchronization

/// Scores every knowledge-base drug against one sample's findings.
///
/// Each drug is scored independently (a pure function of the inputs), so drugs run in
/// parallel and the result is sorted afterwards: the same input always gives the same output.
public struct TherapyScorer: Sendable {
    public let kb: KnowledgeBase
    /// OncoTree codes of the sample's tumour type and its ancestors; empty when not given.
    public let tumorLineage: [String]

    public init(kb: KnowledgeBase, tumorLineage: [String]) {
        self.kb = kb
        self.tumorLineage = tumorLineage
    }

    /// Therapy calls from variants alone (no copy number, expression or genotypes).
    public func score(_ variants: [VariantCall], threads: Int = 1) -> [TherapyCall] {
        score(SampleFindings(variants: variants), threads: threads).therapies
    }

    /// Everything the knowledge base says about a sample: therapy calls (drugs with evidence or
    /// tumour-type context, most favourable first), the MDR assessment and informational findings.
    public func score(_ f: SampleFindings, threads: Int = 1) -> SampleScore {
        let mdr = mdrAssessment(f)
        let matches = matchesByBiomarker(f)
        let drugs = kb.drugs
        var calls: [TherapyCall]
        if threads <= 1 || drugs.count < 2 {
            calls = drugs.compactMap { score(drug: $0, f, mdr: mdr, matches: matches) }
        } else {
            let results = Mutex<[Int: TherapyCall]>([:])
            let workers = min(threads, drugs.count)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for i in stride(from: w, to: drugs.count, by: workers) {
                    if let call = score(drug: drugs[i], f, mdr: mdr, matches: matches) { results.withLock { $0[i] = call } }
                }
            }
            calls = results.withLock { r in (0..<drugs.count).compactMap { r[$0] } }
        }
        let rank = Dictionary(uniqueKeysWithValues: TherapyCall.Call.allCases.enumerated().map { ($1, $0) })
        calls.sort { (rank[$0.call] ?? 0, -$0.score, $0.drug) < (rank[$1.call] ?? 0, -$1.score, $1.drug) }
        return SampleScore(therapies: calls, mdr: mdr, informational: informational(f))
    }

    /// AMP/ASCO/CAP 2017 tier of each variant: I with level A/B evidence in this tumour type,
    /// II with level C/D evidence or level A/B from another tumour type, III otherwise; IV for a
    /// benign or likely benign germline polymorphism.
    /// `pgxSites` (rsIDs' positions in pharmacogenomic genes) get "PGx": germline, informational.
    public func tiers(_ variants: [VariantCall], pgxSites: Set<Int> = []) -> [VariantCall] {
        variants.map { v in
            var out = v
            guard v.passed else { return out }
            if pgxSites.contains(v.pos) { out.tier = "PGx"; return out }
            // Germline variants are not somatic findings: a polymorphism (≥ 1% in a population) is
            // benign or likely benign, AMP Tier IV; a rarer one stays a variant of unknown significance.
            if v.isGermlineFinding { out.tier = v.population?.isPolymorphism == true ? "IV" : "III"; return out }
            var tier = "III"
            for e in kb.effects {
                guard let b = kb.biomarker(id: e.biomarker), BiomarkerMatcher.matches(v, b) else { continue }
                let strong = (e.ampLevel.map { $0.hasPrefix("IA") || $0.hasPrefix("IB") } ?? false)
                    || ["1", "2", "R1"].contains(e.oncokbLevel ?? "")
                if strong && inScope(e.tumorTypes) { tier = "I"; break }
                tier = "II"
            }
            out.tier = tier
            return out
        }
    }

    func inScope(_ types: [String]) -> Bool { types.isEmpty || types.contains { tumorLineage.contains($0) } }

    /// How the sample matches each biomarker, computed once per sample (drugs share biomarkers).
    func matchesByBiomarker(_ f: SampleFindings) -> [String: [BiomarkerMatch]] {
        Dictionary(kb.biomarkers.map { ($0.id, BiomarkerMatcher.matches($0, in: f, kb: kb)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The call for one drug, or nil when neither evidence nor tumour-type context applies.
    public func score(drug: KnowledgeBase.Drug, _ f: SampleFindings, mdr: MDRAssessment) -> TherapyCall? {
        score(drug: drug, f, mdr: mdr, matches: matchesByBiomarker(f))
    }

    func score(drug: KnowledgeBase.Drug, _ f: SampleFindings, mdr: MDRAssessment, matches: [String: [BiomarkerMatch]]) -> TherapyCall? {
        var items: [EvidenceItem] = []
        var dominant: [String] = []
        for e in kb.effects where e.drug == drug.name {
            guard let b = kb.biomarker(id: e.biomarker) else { continue }
            for m in matches[b.id] ?? [] {
                let here = inScope(e.tumorTypes)
                var w = kb.weight(of: e) * (here ? 1 : kb.levelWeights.outsideTumorTypeFactor)
                let (clonality, ccf) = Self.clonality(m, ccf: f.ccf)
                if clonality == "subclonal" && e.effect == "sensitivity" { w *= kb.levelWeights.subclonalSensitivityFactor ?? 1 }
                if e.dominant == true && e.effect == "resistance" { dominant.append(b.name) }
                items.append(EvidenceItem(effect: e.effect, biomarker: b.name, matchedBy: m.text,
                                          oncokbLevel: e.oncokbLevel ?? "", ampLevel: e.ampLevel ?? "",
                                          tumorTypes: e.tumorTypes, inTumorType: here, weight: Self.round(w), summary: e.summary,
                                          sources: kb.sourceLabels(e.sources), clonality: clonality, ccf: ccf))
            }
        }
        let mdrRisk = drug.pgpSubstrate == "yes" ? mdr.risk : .none
        if mdrRisk > .none, let rules = kb.mdr {
            let w = mdrRisk == .high ? rules.highWeight : mdrRisk == .moderate ? rules.moderateWeight : rules.lowWeight
            items.append(EvidenceItem(effect: "resistance", biomarker: "P-gp multidrug resistance (\(rules.gene))",
                                      matchedBy: mdr.evidence.joined(separator: "; "), oncokbLevel: "", ampLevel: rules.ampLevel,
                                      tumorTypes: [], inTumorType: true, weight: -abs(w), summary: rules.statement,
                                      sources: kb.sourceLabels(rules.sources)))
        }
        let contexts = (kb.tumorTypeContext ?? []).filter { c in
            c.drugs.contains(drug.name) && !tumorLineage.isEmpty && c.tumorTypes.contains { tumorLineage.contains($0) }
        }
        guard !items.isEmpty || !contexts.isEmpty else { return nil }
        let excluded = contexts.first { $0.role == "excluded" }
        let standard = contexts.first { $0.role == "standard" }
        let score = Self.round(items.reduce(0) { $0 + $1.weight })
        let strongResistance = items.contains { $0.weight <= -2.5 }
        let call: TherapyCall.Call
        if !dominant.isEmpty || strongResistance { call = .resistant }
        else if excluded != nil { call = .notStandard }
        else if score >= 2.5 { call = .sensitive }
        else if score >= 1 { call = .likelySensitive }
        else if score <= -2.5 { call = .resistant }
        else if score <= -1 { call = .likelyResistant }
        else if standard != nil { call = .standardOption }
        else { call = .uncertain }
        let context = (excluded ?? standard).map { "\($0.statement) (\(kb.sourceLabels($0.sources).joined(separator: "; ")))" }
        return TherapyCall(drug: drug.name, drugClass: drug.class, pgpSubstrate: drug.pgpSubstrate, call: call, score: score,
                           evidence: items,
                           explanation: explain(items, score: score, call: call, dominant: dominant, strong: strongResistance, context: excluded ?? standard),
                           mdrRisk: mdrRisk, mdrNote: Self.mdrNote(drug, mdr: mdr), context: context)
    }

    /// "subclonal" when the CCF's upper 95% bound is below `CancerCellFraction.subclonalBelow`
    /// (a combination: its least clonal part), "clonal" otherwise, "unknown" without a CCF. From the
    /// purity, not the sample's other VAFs: a germline variant never changes a somatic one's weight.
    static func clonality(_ m: BiomarkerMatch, ccf: [String: CancerCellFraction]) -> (String?, CancerCellFraction?) {
        guard !m.keys.isEmpty else { return (nil, nil) }
        let parts = m.keys.map { ccf[$0] }
        guard parts.allSatisfy({ $0 != nil }), let least = parts.compactMap({ $0 }).min(by: { $0.high < $1.high }) else { return ("unknown", nil) }
        return (least.isSubclonal ? "subclonal" : "clonal", least)
    }

    static func mdrNote(_ d: KnowledgeBase.Drug, mdr: MDRAssessment) -> String {
        switch d.pgpSubstrate {
        case "no": return "not a P-gp substrate"
        case "unknown": return "P-gp substrate status unknown"
        default:
            if !mdr.assessed { return "P-gp substrate; MDR not assessed (\(mdr.notAssessed.joined(separator: "; ")))" }
            if mdr.risk == .none { return "P-gp substrate; no somatic ABCB1 evidence of MDR (\(mdr.evidence.joined(separator: "; ")))" }
            return "P-gp substrate; MDR risk \(mdr.risk.rawValue): \(mdr.evidence.joined(separator: "; "))"
        }
    }

    static func round(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    private func explain(_ items: [EvidenceItem], score: Double, call: TherapyCall.Call, dominant: [String], strong: Bool,
                         context: KnowledgeBase.TumorTypeContext?) -> String {
        var parts = items.map { i in
            let level = [i.oncokbLevel.isEmpty ? nil : "OncoKB \(i.oncokbLevel)", i.ampLevel.isEmpty ? nil : "AMP \(i.ampLevel)"]
                .compactMap { $0 }.joined(separator: ", ")
            var notes: [String] = []
            if !i.inTumorType { notes.append(tumorLineage.isEmpty ? "tumour type not given, ×\(kb.levelWeights.outsideTumorTypeFactor)" : "other tumour type, ×\(kb.levelWeights.outsideTumorTypeFactor)") }
            if let c = i.ccf { notes.append("CCF \(TextFormat.fixed(c.value, 2)) (95% CI \(TextFormat.fixed(c.low, 2))–\(TextFormat.fixed(c.high, 2)))") }
            if i.clonality == "subclonal" && i.effect == "sensitivity", let f = kb.levelWeights.subclonalSensitivityFactor { notes.append("subclonal, ×\(f)") }
            let extra = notes.isEmpty ? "" : "; " + notes.joined(separator: "; ")
            return "\(i.biomarker) → \(i.effect) (\(level)\(extra); \(i.weight > 0 ? "+" : "")\(i.weight))"
        }
        if let context { parts.append("tumour-type context: \(context.role) (no score)") }
        var text = parts.joined(separator: "; ") + ". Score \(score) → \(call.rawValue)."
        if !dominant.isEmpty { text += " \(dominant.joined(separator: ", ")) confers resistance that overrides sensitising evidence." }
        else if strong && score > -2.5 { text += " Strong resistance evidence takes precedence over sensitivity." }
        return text
    }
}

/// What the knowledge base says about one sample.
public struct SampleScore: Sendable, Equatable {
    public var therapies: [TherapyCall]
    public var mdr: MDRAssessment
    public var informational: [InformationalFinding]
}
