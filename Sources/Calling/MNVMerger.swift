import G2TCore

/// Joins SNVs that sit within one codon's reach and travel on the same fragments into one
/// multi-nucleotide variant: two changed bases of one codon code for one amino-acid change, and
/// naming them apart would name two wrong proteins.
package struct MNVMerger: Sendable {
    /// Distance and shared-fragment share (defaults and reasons in `CallingParameters.MNVMerging`).
    package var thresholds: CallingParameters.MNVMerging

    package init(_ thresholds: CallingParameters.MNVMerging = .init()) { self.thresholds = thresholds }

    /// The variants with cis SNV pairs replaced by MNVs, and the phase list without those pairs.
    package func merge(_ variants: [VariantCall], phases: [PhaseCall], reference: ReferenceSource, panelChrom: (String) -> String)
        -> (variants: [VariantCall], phases: [PhaseCall]) {
        var byKey = Dictionary(variants.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var keptPhases: [PhaseCall] = []
        var merged: [VariantCall] = []
        for p in phases {
            guard p.relation == .cis, p.keys.count == 2, let a = byKey[p.keys[0]], let b = byKey[p.keys[1]],
                  a.ref.count == 1, a.alt.count == 1, b.ref.count == 1, b.alt.count == 1, b.pos - a.pos <= thresholds.maxDistance,
                  Double(p.both) >= thresholds.minShare * Double(max(p.both + p.firstOnly, p.both + p.secondOnly)) else {
                keptPhases.append(p)
                continue
            }
            // The reference between the two changes, and the same with both changes made.
            var ref: [UInt8] = []
            for pos in a.pos...b.pos {
                guard let base = reference.base(chrom: panelChrom(a.chrom), pos: pos) else { ref = []; break }
                ref.append(base)
            }
            guard !ref.isEmpty else { keptPhases.append(p); continue }
            var alt = ref
            alt[0] = Array(a.alt.utf8)[0]
            alt[alt.count - 1] = Array(b.alt.utf8)[0]
            let depth = min(a.depth, b.depth)
            var m = VariantCall(gene: a.gene, chrom: a.chrom, pos: a.pos, ref: String(decoding: ref, as: UTF8.self),
                                alt: String(decoding: alt, as: UTF8.self), vaf: depth > 0 ? Rounding.fraction(Double(p.both) / Double(depth)) : nil,
                                depth: depth, altDepth: p.both, altForward: min(a.altForward, b.altForward),
                                altReverse: min(a.altReverse, b.altReverse), filter: a.passed && b.passed ? .pass : a.filter)
            m.hotspot = nil
            byKey[p.keys[0]] = nil
            byKey[p.keys[1]] = nil
            merged.append(m)
        }
        let out = (Array(byKey.values) + merged).sorted { ($0.chrom, $0.pos, $0.ref, $0.alt) < ($1.chrom, $1.pos, $1.ref, $1.alt) }
        return (out, keptPhases)
    }
}
