import G2TCore

/// Whether the panel itself assessed the genes of a panel limit (extended RAS/BRAF for cetuximab and
/// panitumumab in colorectal cancer): every hotspot codon of those genes must have been read with a
/// limit of detection at or below `maxLOD` before the report may call the tumour wild type for them.
/// The codons are the panel's hotspot codons of the limit's genes (hotspots.tsv lists KRAS/NRAS codons
/// 12, 13, 59, 61, 117, 146 and BRAF 600, the extended-RAS/BRAF codons of the labels).
public enum PanelLimitAssessment {
    /// The finding with `assessment` set, or unchanged when the panel has no hotspot of its genes.
    public static func assess(_ limit: PanelLimitFinding, hotspots: [HotspotCall], passing: [VariantCall],
                              maxLOD: Double) -> PanelLimitFinding {
        let genes = limit.genes
        let relevant = hotspots.filter { genes.contains($0.gene) }
        // Only when the panel reads every gene of the limit; otherwise the KB statement stands alone.
        guard Set(relevant.map(\.gene)) == Set(genes) else { return limit }
        var codons: [(label: String, calls: [HotspotCall])] = []
        for h in relevant {
            let label = "\(h.gene) \(codonLabel(h.name))"
            if let i = codons.firstIndex(where: { $0.label == label }) { codons[i].calls.append(h) } else { codons.append((label, [h])) }
        }
        var out = limit
        let mutated = passing.filter { v in genes.contains(v.gene ?? "") }
        var perCodon: [String] = [], missing: [String] = []
        for c in codons {
            // A codon's LOD is its worst allele's (they share the depth up to a base or two).
            let lods = c.calls.map(\.lod)
            let worst = lods.contains(where: { $0 == nil }) ? nil : lods.compactMap { $0 }.max()
            let low = c.calls.contains { $0.status == .lowCoverage }
            let depth = c.calls.map(\.depth).min() ?? 0
            if let worst, worst <= maxLOD, !low {
                perCodon.append("\(c.label) LOD \(TextFormat.percent(worst))")
            } else {
                missing.append("\(c.label) (\(depth)×\(worst.map { ", LOD " + TextFormat.percent($0) } ?? ""))")
            }
        }
        out.notAssessed = missing
        out.wildType = mutated.isEmpty && missing.isEmpty
        let geneList = genes.joined(separator: "/")
        if !mutated.isEmpty {
            out.assessment = "\(geneList) mutated: \(mutated.map { "\($0.gene ?? "") \($0.hgvspShort ?? $0.hgvsc ?? "")" }.joined(separator: ", ")) — not wild type."
        } else if missing.isEmpty {
            out.assessment = "Extended \(geneList) wild type: all \(codons.count) listed codons assessed with LOD ≤ \(TextFormat.percent(maxLOD)) (95% power), no mutation detected; LOD per codon: \(perCodon.joined(separator: ", "))."
        } else {
            out.assessment = "Extended \(geneList) wild type NOT established: no mutation detected, but \(missing.count) of \(codons.count) listed codons were not assessed with LOD ≤ \(TextFormat.percent(maxLOD)): \(missing.joined(separator: ", ")). Eligibility must come from another test."
        }
        return out
    }

    /// The codon of a hotspot from its name: "KRAS G12C" → "G12", "BRAF V600K (GTG>AAG)" → "V600".
    static func codonLabel(_ name: String) -> String {
        let words = name.split(separator: " ")
        guard words.count > 1 else { return name }
        let change = words[1]
        let codon = change.prefix { !$0.isNumber } + change.drop { !$0.isNumber }.prefix { $0.isNumber }
        return codon.isEmpty ? String(change) : String(codon)
    }
}
