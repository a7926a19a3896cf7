/// The panel's germline pharmacogenomic sites: the rsID SNV hotspots of its PGx genes (role `pgx` in
/// genes.tsv). The one definition used by genotyping (`GermlineGenotyper.sites`) and scoring (a variant
/// at a PGx site is germline, informational: not a somatic biomarker, tier PGx).
package struct PGxSites: Sendable, Equatable {
    /// Positions by chromosome, in panel naming ("chr7"): a position alone would also match another
    /// chromosome's variant at the same coordinate.
    private let positions: [String: Set<Int>]

    /// No sites (a caller without a panel).
    package init() { positions = [:] }

    package init(_ panel: Panel) {
        var p: [String: Set<Int>] = [:]
        for h in panel.pgxHotspots { p[h.chrom, default: []].insert(h.pos) }
        positions = p
    }

    /// Whether `pos` on `chrom` (input or panel naming: "7" or "chr7") is a PGx site.
    package func contains(chrom: String, pos: Int) -> Bool {
        positions[ChromosomeLengths.panelName(chrom)]?.contains(pos) ?? false
    }

    /// Whether the variant lies at a PGx site.
    package func contains(_ v: VariantCall) -> Bool { contains(chrom: v.chrom, pos: v.pos) }

    package var isEmpty: Bool { positions.isEmpty }
}

extension Panel {
    /// The hotspots that are germline pharmacogenomic sites: SNVs with an rsID in a PGx gene, in panel order.
    package var pgxHotspots: [Hotspot] {
        let pgx = Set(genes(with: .pgx))
        return hotspots.filter { $0.isSNV && $0.rsid != nil && pgx.contains($0.gene) }
    }
}
