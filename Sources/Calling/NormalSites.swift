import G2TCore

/// The panel of normals' site list: alternate alleles with support in the normals, counted per
/// allele over the normals (as Mutect2's panel of normals records germline sites and recurrent
/// artefacts).
public enum NormalSites {
    /// Support: at least this many alternate fragments (mates counted once, base quality and mapping
    /// quality ≥ 20, duplicates excluded), as the caller counts them…
    public static let minAltFragments = 2
    /// …and at least this allele fraction: above the ~0.1% base-call error rate, below any subclonal
    /// or contaminating germline allele worth knowing about.
    public static let minVAF = 0.01
    /// The rule, written into the panel of normals.
    public static let rule = "≥ \(minAltFragments) alternate fragments and VAF ≥ \(Int(minVAF * 100))% at a target position, "
        + "as g2t's caller counts them (SNVs, MNVs and indels; artefact-filtered alleles included)"

    /// Calling parameters for a normal: every allele meeting the support rule is reported
    /// (the likelihood test is switched off; the floors do the work).
    public static func parameters(from p: CallingParameters) -> CallingParameters {
        var q = p
        q.minVAF = minVAF
        q.hotspotMinVAF = minVAF
        q.minAltFragments = minAltFragments
        q.hotspotMinAltFragments = minAltFragments
        q.minLOD = -Double.greatestFiniteMagnitude
        q.hotspotMinLOD = -Double.greatestFiniteMagnitude
        return q
    }

    /// Sites supported in at least one normal, from each normal's calls (sorted by position).
    public static func sites(perNormal: [[VariantCall]]) -> [PanelOfNormals.Site] {
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
