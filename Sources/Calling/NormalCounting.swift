import G2TCore
import HTS

/// Reads a variant's allele out of a matched normal's target counts.
package enum NormalCounting {
    /// Alternate and total fragments at the variant (SNV: the base; indel: reads with the same
    /// indel at the anchor; MNV: the weakest base). nil when no target covers it.
    package static func support(for v: VariantCall, in counts: [TargetCounts]) -> NormalSupport? {
        let chrom = ChromosomeLengths.panelName(v.chrom)
        guard let tc = counts.first(where: { $0.target.interval.chrom == chrom && $0.target.interval.contains(v.pos) }) else { return nil }
        let c = tc.counts
        let at = v.pos - 1
        let depth = c.depth(at: at) + c.deletions(at: at)
        if v.ref.count == v.alt.count {
            var alt = Int.max
            for (k, (r, a)) in zip(v.ref.utf8, v.alt.utf8).enumerated() where r != a {
                guard let b = base(a) else { return NormalSupport(alt: 0, depth: depth) }
                alt = min(alt, c.count(b, at: at + k))
            }
            return NormalSupport(alt: alt == Int.max ? 0 : alt, depth: depth)
        }
        // Indel, VCF-style with a shared anchor base.
        let key = RegionCounts.IndelKey(anchor: at, deletedLength: max(0, v.ref.count - v.alt.count),
                                        inserted: v.alt.count > v.ref.count ? String(v.alt.dropFirst(v.ref.count)).uppercased() : "")
        return NormalSupport(alt: c.indels[key]?.total ?? 0, depth: depth)
    }

    static func base(_ a: UInt8) -> RegionCounts.Base? {
        switch a {
        case UInt8(ascii: "A"), UInt8(ascii: "a"): return .a
        case UInt8(ascii: "C"), UInt8(ascii: "c"): return .c
        case UInt8(ascii: "G"), UInt8(ascii: "g"): return .g
        case UInt8(ascii: "T"), UInt8(ascii: "t"): return .t
        default: return nil
        }
    }
}

/// Germline concordance of tumour and normal at the panel's common SNP sites.
package enum IdentityCheck {
    /// The pharmacogenomic SNVs plus the germline resource's SNVs at ≥ `commonSiteAF` popmax frequency
    /// (`CallingParameters.Identity`: informative, often not hom-ref).
    package static func sites(panel: Panel, resource: GermlineResource?, commonSiteAF: Double = CallingParameters.Identity().commonSiteAF) -> [GermlineGenotyper.Site] {
        var out = GermlineGenotyper.sites(panel)
        for e in resource?.entries ?? [] where e.ref.count == 1 && e.alt.count == 1 && e.frequency.afPopmax >= commonSiteAF {
            let chrom = ChromosomeLengths.panelName(e.chrom)
            if let i = out.firstIndex(where: { $0.chrom == chrom && $0.pos == e.pos }) {
                if !out[i].alts.contains(e.alt) { out[i].alts.append(e.alt) }
            } else {
                out.append(.init(gene: e.gene ?? "", rsid: e.frequency.rsid ?? "", name: e.frequency.rsid ?? "\(e.pos)",
                                 chrom: chrom, pos: e.pos, ref: e.ref, alts: [e.alt]))
            }
        }
        return out.sorted { ($0.chrom, $0.pos) < ($1.chrom, $1.pos) }
    }

    /// A site's place, in panel naming.
    package struct SiteKey: Hashable, Comparable, Sendable, CustomStringConvertible {
        package var chrom: String, pos: Int
        package init(chrom: String, pos: Int) { self.chrom = chrom; self.pos = pos }
        package static func < (a: SiteKey, b: SiteKey) -> Bool { (a.chrom, a.pos) < (b.chrom, b.pos) }
        package var description: String { "\(chrom):\(pos)" }
    }

    /// Called genotypes (allele sets) by site.
    package static func genotypes(_ sites: [GermlineGenotyper.Site], counts: [TargetCounts],
                                 genotyping: CallingParameters.Genotyping = .init()) -> [SiteKey: Set<String>] {
        var out: [SiteKey: Set<String>] = [:]
        // Panel naming in, panel naming out: the counts' targets are in panel naming.
        for g in GermlineGenotyper(genotyping).genotype(counts, sites: sites, naming: ContigNaming(inputName: [:])) where g.status == .called {
            out[SiteKey(chrom: g.chrom, pos: g.pos)] = Set(g.genotype.split(separator: "/").map(String.init))
        }
        return out
    }

    package struct Result: Sendable {
        package var compared: Int
        package var discordant: Int
        package var examples: [String]
        /// `mismatchSites` discordant sites, or one that is at least half of those compared.
        package func mismatch(sites mismatchSites: Int) -> Bool {
            discordant >= mismatchSites || (discordant >= 1 && 2 * discordant >= compared)
        }
    }

    /// A site is discordant when the tumour carries an allele the normal does not (LOH removes
    /// alleles, it does not add them).
    package static func compare(tumour: [SiteKey: Set<String>], normal: [SiteKey: Set<String>]) -> Result {
        var compared = 0, discordant = 0
        var examples: [String] = []
        for (pos, t) in tumour.sorted(by: { $0.key < $1.key }) {
            guard let n = normal[pos] else { continue }
            compared += 1
            if !t.isSubset(of: n) {
                discordant += 1
                examples.append("\(pos) tumour \(t.sorted().joined(separator: "/")) vs normal \(n.sorted().joined(separator: "/"))")
            }
        }
        return Result(compared: compared, discordant: discordant, examples: Array(examples.prefix(3)))
    }
}
