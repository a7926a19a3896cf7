import G2TCore
import HTS

/// Phases pairs of passing variants that one fragment can span (EGFR T790M and C797S are 21 bp
/// apart), by reading each fragment's allele at both sites.
package struct Phaser: Sendable {
    /// Distance, cis and trans shares, fragments needed (defaults and reasons in `CallingParameters.Phasing`).
    package var thresholds: CallingParameters.Phasing

    package init(_ thresholds: CallingParameters.Phasing = .init()) { self.thresholds = thresholds }

    package func phase(_ variants: [VariantCall], file: AlignmentFile, filter: ReadFilter) throws -> [PhaseCall] {
        try phase(variants) { region, sites in try file.fragmentAlleles(in: region, sites: sites, filter: filter) }
    }

    /// UMI mode: phases with each molecule's consensus allele at the sites, as the first pass called it
    /// (`PhaseMolecules`): the molecules and alleles the calls count, without reading the file again.
    package func phase(_ variants: [VariantCall], molecules: PhaseMolecules) throws -> [PhaseCall] {
        try phase(variants) { region, sites in molecules.states(contig: region.contig, sites: sites) }
    }

    /// Phases with the alleles `alleles` reads per fragment, or per molecule in UMI mode
    /// (`PhaseMolecules`), so that the counts match the calls' depths.
    package func phase(_ variants: [VariantCall], alleles: (GenomicRegion, [AlleleSite]) throws -> [[AlleleState]]) throws -> [PhaseCall] {
        let passing = variants.filter(\.passed).sorted { ($0.chrom, $0.pos) < ($1.chrom, $1.pos) }
        var out: [PhaseCall] = []
        for (i, a) in passing.enumerated() {
            for b in passing[(i + 1)...] where b.chrom == a.chrom && b.pos - a.pos <= thresholds.maxDistance {
                guard let sa = Self.site(a), let sb = Self.site(b) else { continue }
                let region = GenomicRegion(contig: a.chrom, start: a.pos - 1, end: b.pos + b.ref.count)
                let states = try alleles(region, [sa, sb])
                out.append(Self.verdict(a, b, states: states, thresholds: thresholds))
            }
        }
        return out
    }

    static func verdict(_ a: VariantCall, _ b: VariantCall, states: [[AlleleState]], thresholds t: CallingParameters.Phasing) -> PhaseCall {
        var both = 0, first = 0, second = 0, neither = 0
        for s in states where s.count == 2 {
            switch (s[0], s[1]) {
            case (.alt, .alt): both += 1
            case (.alt, .ref): first += 1
            case (.ref, .alt): second += 1
            case (.ref, .ref): neither += 1
            default: break
            }
        }
        let rarer = min(both + first, both + second)
        let relation: PhaseCall.Relation
        if both >= t.minFragments && Double(both) >= t.cisShare * Double(rarer) {
            relation = .cis
        } else if first >= t.minFragments && second >= t.minFragments && Double(both) <= t.transShare * Double(rarer) {
            relation = .trans
        } else {
            relation = .unknown
        }
        return PhaseCall(variants: [locus(a), locus(b)], keys: [a.key, b.key], relation: relation,
                         both: both, firstOnly: first, secondOnly: second, neither: neither)
    }

    static func locus(_ v: VariantCall) -> String { "\(v.chrom):\(v.pos) \(v.ref)>\(v.alt)" }

    /// The site to read, or nil for changes g2t does not phase (MNVs, complex).
    static func site(_ v: VariantCall) -> AlleleSite? {
        let r = Array(v.ref.utf8), a = Array(v.alt.utf8)
        if r.count == 1 && a.count == 1 { return AlleleSite(position: v.pos - 1, change: .base(a[0])) }
        guard r.first == a.first else { return nil }
        if a.count == 1 { return AlleleSite(position: v.pos - 1, change: .deletion(length: r.count - 1)) }
        if r.count == 1 { return AlleleSite(position: v.pos - 1, change: .insertion(bases: String(v.alt.dropFirst()))) }
        return nil
    }
}

extension Phaser {
    /// The verdict rule on given fragment states, with the default thresholds (for tests).
    package static func verdictForTests(_ a: VariantCall, _ b: VariantCall, states: [[AlleleState]]) -> PhaseCall {
        verdict(a, b, states: states, thresholds: CallingParameters.Phasing())
    }
}
