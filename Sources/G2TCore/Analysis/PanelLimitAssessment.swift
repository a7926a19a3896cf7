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
        asciiCodonLabel(name) ?? characterCodonLabel(name)
    }

    /// `codonLabel` on the UTF-8 bytes of an ASCII name (every hotspot name of the panels): the
    /// Character walk below was half of `PanelLimitAssessment.codons` in `g2t rescore` (twice per
    /// colorectal sample). In ASCII only '0'...'9' are numbers and a Character is a byte (or CR LF,
    /// neither a space nor a digit), so the result is the same; nil for anything else.
    static func asciiCodonLabel(_ name: String) -> String? {
        var name = name
        return name.withUTF8 { b -> String? in
            var i = 0
            // The second word: skip spaces, the first word, spaces (`split` drops empty words).
            while i < b.count, b[i] == 32 { i += 1 }
            while i < b.count, b[i] != 32 { guard b[i] < 0x80 else { return nil }; i += 1 }
            while i < b.count, b[i] == 32 { i += 1 }
            let start = i
            guard start < b.count else {
                // One word: the name itself (after checking it is ASCII).
                return b.allSatisfy { $0 < 0x80 } ? String(decoding: b, as: UTF8.self) : nil
            }
            var end = start
            while end < b.count, b[end] != 32 { guard b[end] < 0x80 else { return nil }; end += 1 }
            for k in end..<b.count where b[k] >= 0x80 { return nil }
            // Up to the end of the first run of digits (the whole word when it has none).
            var cut = start
            while cut < end, !(48...57).contains(b[cut]) { cut += 1 }
            while cut < end, (48...57).contains(b[cut]) { cut += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: b[start..<cut]), as: UTF8.self)
        }
    }

    /// `codonLabel` by Characters: any name.
    static func characterCodonLabel(_ name: String) -> String {
        let words = name.split(separator: " ")
        guard words.count > 1 else { return name }
        let change = words[1]
        let codon = change.prefix { !$0.isNumber } + change.drop { !$0.isNumber }.prefix { $0.isNumber }
        return codon.isEmpty ? String(change) : String(codon)
    }
}
