import G2TCore

/// The panel of normals' site list: alternate alleles with support in the normals, counted per
/// allele over the normals (as Mutect2's panel of normals records germline sites and recurrent
/// artefacts).
package enum NormalSites {
    /// The rule (support thresholds from `CallingParameters.NormalPanel`, with their reasons there),
    /// written into the panel of normals.
    package static func rule(_ s: CallingParameters.NormalPanel = .init()) -> String { s.rule }

    /// Calling parameters for a normal: every allele meeting the support rule is reported
    /// (the likelihood test is switched off; the floors do the work).
    package static func parameters(from p: CallingParameters) -> CallingParameters {
        var q = p
        let s = p.normalPanel
        q.minVAF = s.siteMinVAF
        q.hotspotMinVAF = s.siteMinVAF
        q.minAltFragments = s.siteMinAltFragments
        q.hotspotMinAltFragments = s.siteMinAltFragments
        q.minLOD = -Double.greatestFiniteMagnitude
        q.hotspotMinLOD = -Double.greatestFiniteMagnitude
        return q
    }

    /// Sites supported in at least one normal, from each normal's calls (sorted by position).
    package static func sites(perNormal: [[VariantCall]], settings: CallingParameters.NormalPanel = .init()) -> [PanelOfNormals.Site] {
        let minAltFragments = settings.siteMinAltFragments, minVAF = settings.siteMinVAF
        struct Key: Hashable { var chrom: String; var pos: Int; var ref: String; var alt: String }
        var count: [Key: (normals: Int, maxVAF: Double)] = [:]
        for calls in perNormal {
            var seen = Set<Key>()
            for v in calls where v.altDepth >= minAltFragments && v.depth > 0 {
                let vaf = Double(v.altDepth) / Double(v.depth)
                guard vaf >= minVAF else { continue }
                let k = Key(chrom: v.chrom, pos: v.pos, ref: v.ref, alt: v.alt)
                guard seen.insert(k).inserted else { continue }
                let old = count[k] ?? (0, 0)
                count[k] = (old.normals + 1, max(old.maxVAF, vaf))
            }
        }
        return count.map { k, v in
            PanelOfNormals.Site(chrom: k.chrom, pos: k.pos, ref: k.ref, alt: k.alt, normals: v.normals,
                                maxVAF: Rounding.fraction(v.maxVAF))
        }.sorted { ($0.chrom, $0.pos, $0.ref, $0.alt) < ($1.chrom, $1.pos, $1.ref, $1.alt) }
    }
}
