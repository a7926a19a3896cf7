import Dispatch
import G2TCore
import Knowledge
import Synchronization

/// Scores every knowledge-base drug against a sample's passing, annotated variants.
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

    /// Therapy calls for drugs with at least one matching statement, most favourable first.
    public func score(_ variants: [VariantCall], threads: Int = 2) -> [TherapyCall] {
        let passing = variants.filter(\.passed)
        let drugs = kb.drugs
        let results = Mutex<[Int: TherapyCall]>([:])
        let workers = max(1, min(threads, drugs.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for i in stride(from: w, to: drugs.count, by: workers) {
                if let call = score(drug: drugs[i], passing) { results.withLock { $0[i] = call } }
            }
        }
        let calls = results.withLock { r in (0..<drugs.count).compactMap { r[$0] } }
        let rank = Dictionary(uniqueKeysWithValues: TherapyCall.Call.allCases.enumerated().map { ($1, $0) })
        return calls.sorted { (rank[$0.call] ?? 0, -$0.score, $0.drug) < (rank[$1.call] ?? 0, -$1.score, $1.drug) }
    }

    /// AMP/ASCO/CAP 2017 tier of each variant: I with level A/B evidence in this tumour type,
    /// II with level C/D evidence or level A/B from another tumour type, III otherwise.
    /// `pgxSites` (rsIDs' positions in pharmacogenomic genes) get "PGx": germline, informational.
    public func tiers(_ variants: [VariantCall], pgxSites: Set<Int> = []) -> [VariantCall] {
        variants.map { v in
            var out = v
            guard v.passed else { return out }
            if pgxSites.contains(v.pos) { out.tier = "PGx"; return out }
            var tier = "III"
            for e in kb.effects {
                guard let b = kb.biomarker(id: e.biomarker), BiomarkerMatcher.matches(v, b) else { continue }
                let inScope = e.tumorTypes.isEmpty || e.tumorTypes.contains { tumorLineage.contains($0) }
                let strong = (e.ampLevel.map { $0.hasPrefix("IA") || $0.hasPrefix("IB") } ?? false)
                    || ["1", "2", "R1"].contains(e.oncokbLevel ?? "")
                if strong && inScope { tier = "I"; break }
                tier = "II"
            }
            out.tier = tier
            return out
        }
    }

    /// The call for one drug, or nil when no statement about it applies.
    public func score(drug: KnowledgeBase.Drug, _ passing: [VariantCall]) -> TherapyCall? {
        var items: [EvidenceItem] = []
        for e in kb.effects where e.drug == drug.name {
            guard let b = kb.biomarker(id: e.biomarker) else { continue }
            for v in passing where BiomarkerMatcher.matches(v, b) {
                let inScope = e.tumorTypes.isEmpty || e.tumorTypes.contains { tumorLineage.contains($0) }
                let w = kb.weight(of: e) * (inScope ? 1 : kb.levelWeights.outsideTumorTypeFactor)
                let change = v.hgvsp ?? v.hgvsc ?? "\(v.chrom):\(v.pos)\(v.ref)>\(v.alt)"
                items.append(EvidenceItem(effect: e.effect, biomarker: b.name,
                                          matchedBy: "\(v.gene ?? b.gene) \(change) (VAF \(v.vaf.map(TextFormat.percent) ?? "unknown"))",
                                          oncokbLevel: e.oncokbLevel ?? "", ampLevel: e.ampLevel ?? "",
                                          tumorTypes: e.tumorTypes, inTumorType: inScope, weight: w, summary: e.summary,
                                          sources: e.sources.map { kb.sources[$0]?.label ?? $0 }))
            }
        }
        guard !items.isEmpty else { return nil }
        let score = (items.reduce(0) { $0 + $1.weight } * 100).rounded() / 100
        let strongResistance = items.contains { $0.weight <= -2.5 }
        let call: TherapyCall.Call
        if strongResistance { call = .resistant }
        else if score >= 2.5 { call = .sensitive }
        else if score >= 1 { call = .likelySensitive }
        else if score <= -2.5 { call = .resistant }
        else if score <= -1 { call = .likelyResistant }
        else { call = .uncertain }
        return TherapyCall(drug: drug.name, drugClass: drug.class, pgpSubstrate: drug.pgpSubstrate, call: call, score: score, evidence: items,
                           explanation: explain(items, score: score, call: call, strongResistance: strongResistance))
    }

    private func explain(_ items: [EvidenceItem], score: Double, call: TherapyCall.Call, strongResistance: Bool) -> String {
        let parts = items.map { i in
            let level = [i.oncokbLevel.isEmpty ? nil : "OncoKB \(i.oncokbLevel)", i.ampLevel.isEmpty ? nil : "AMP \(i.ampLevel)"]
                .compactMap { $0 }.joined(separator: ", ")
            let scope = i.inTumorType ? "" : tumorLineage.isEmpty ? ", tumour type not given" : ", other tumour type"
            return "\(i.biomarker) → \(i.effect) (\(level)\(scope); \(i.weight > 0 ? "+" : "")\(i.weight))"
        }
        var text = parts.joined(separator: "; ") + ". Score \(score) → \(call.rawValue)."
        if strongResistance && score > -2.5 { text += " Strong resistance evidence takes precedence over sensitivity." }
        return text
    }
}
