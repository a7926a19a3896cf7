/// A germline genotype at a pharmacogenomic site (ABCB1 rs1045642 …), for information only.
public struct GermlineGenotype: Codable, Sendable, Equatable {
    /// "called", or "no-call" when the data do not support a genotype (never assumed reference).
    public enum Status: String, Codable, Sendable {
        case called
        case noCall = "no-call"
    }

    public var gene: String
    public var rsid: String
    /// Legacy or common name, e.g. "rs1045642 (legacy C3435T)".
    public var name: String
    public var chrom: String
    public var pos: Int
    /// Plus-strand alleles, reference first, e.g. "A/G"; "./." when not called.
    public var genotype: String
    public var status: Status
    public var depth: Int
    /// Phred-scaled confidence in the genotype (capped at 99).
    public var quality: Int
    /// Fragments per plus-strand base at the site, e.g. ["A": 155, "G": 158].
    public var alleleDepths: [String: Int]

    public init(gene: String, rsid: String, name: String, chrom: String, pos: Int, genotype: String, status: Status,
                depth: Int, quality: Int, alleleDepths: [String: Int]) {
        self.gene = gene
        self.rsid = rsid
        self.name = name
        self.chrom = chrom
        self.pos = pos
        self.genotype = genotype
        self.status = status
        self.depth = depth
        self.quality = quality
        self.alleleDepths = alleleDepths
    }
}
