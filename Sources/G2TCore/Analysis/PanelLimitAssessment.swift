/// Whether the panel itself assessed the genes of a panel limit (extended RAS/BRAF for cetuximab and
/// panitumumab in colorectal cancer): every hotspot codon of those genes must have been read with a
/// limit of detection at or below `maxLOD` before the report may call the tumour wild type for them.
/// The codons are the panel's hotspot codons of the limit's genes (hotspots.tsv lists KRAS/NRAS codons
/// 12, 13, 59, 61, 117, 146 and BRAF 600, the extended-RAS/BRAF codons of the labels). This decides
/// the facts only, in one place for the score stage's panel-limit finding and the knowledge base's
/// `wildType` rule; `ClinicalSummary` decides the statement and the report words it.
package enum PanelLimitAssessment {
    /// The finding with `assessment` set, or unchanged when the panel has no hotspot of each of its genes.
    package static func assess(_ limit: PanelLimitFinding, hotspots: [HotspotCall], passing: [VariantCall],
                              maxLOD: Double) -> PanelLimitFinding {
        guard let codons = codons(genes: limit.genes, hotspots: hotspots, passing: passing, maxLOD: maxLOD) else { return limit }
        var out = limit
        out.assessment = codons
        return out
    }

    /// The panel's reading of `genes`, codon by codon; nil when the panel has no hotspot of each of them
    /// (then nothing may be said about them).
    package static func codons(genes: [String], hotspots: [HotspotCall], passing: [VariantCall], maxLOD: Double) -> PanelLimitCodons? {
        let relevant = hotspots.filter { genes.contains($0.gene) }
        guard !genes.isEmpty, Set(relevant.map(\.gene)) == Set(genes) else { return nil }
        var groups: [(gene: String, codon: String, calls: [HotspotCall])] = []
        for h in relevant {
            let codon = codonLabel(h.name)
            if let i = groups.firstIndex(where: { $0.gene == h.gene && $0.codon == codon }) { groups[i].calls.append(h) } else { groups.append((h.gene, codon, [h])) }
        }
        let codons = groups.map { g -> CodonAssessment in
            // A codon's LOD is its worst allele's (they share the depth up to a base or two).
            let lods = g.calls.map(\.lod)
            let worst = lods.contains(where: { $0 == nil }) ? nil : lods.compactMap { $0 }.max()
            let low = g.calls.contains { $0.status == .lowCoverage }
            let assessed = worst.map { $0 <= maxLOD } == true && !low
            return CodonAssessment(gene: g.gene, codon: g.codon, depth: g.calls.map(\.depth).min() ?? 0, lod: worst, assessed: assessed)
        }
        let mutated = passing.filter { genes.contains($0.gene ?? "") }.map { "\($0.gene ?? "") \($0.annotation?.hgvspShort ?? $0.annotation?.hgvsc ?? "")" }
        return PanelLimitCodons(codons: codons, mutated: mutated, maxLOD: maxLOD)
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
