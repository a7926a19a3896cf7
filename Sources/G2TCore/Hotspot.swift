/// A named variant the panel always evaluates, positive or not (VCF-style, 1-based).
package struct Hotspot: Codable, Sendable, Hashable {
    package var gene: String
    /// Short name as the report shows it, e.g. "EGFR L858R".
    package var name: String
    package var hgvsc: String
    package var hgvsp: String
    package var chrom: String
    package var pos: Int
    package var ref: String
    package var alt: String
    package var rsid: String?

    package init(gene: String, name: String, hgvsc: String, hgvsp: String, chrom: String, pos: Int,
                ref: String, alt: String, rsid: String?) {
        self.gene = gene
        self.name = name
        self.hgvsc = hgvsc
        self.hgvsp = hgvsp
        self.chrom = chrom
        self.pos = pos
        self.ref = ref
        self.alt = alt
        self.rsid = rsid
    }

    /// True for a single-base substitution.
    package var isSNV: Bool { ref.count == 1 && alt.count == 1 }
}
