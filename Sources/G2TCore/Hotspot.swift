/// A named variant the panel always evaluates, positive or not (VCF-style, 1-based).
public struct Hotspot: Codable, Sendable, Hashable {
    public var gene: String
    /// Short name as the report shows it, e.g. "EGFR L858R".
    public var name: String
    public var hgvsc: String
    public var hgvsp: String
    public var chrom: String
    public var pos: Int
    public var ref: String
    public var alt: String
    public var rsid: String?

    public init(gene: String, name: String, hgvsc: String, hgvsp: String, chrom: String, pos: Int,
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
    public var isSNV: Bool { ref.count == 1 && alt.count == 1 }
}
