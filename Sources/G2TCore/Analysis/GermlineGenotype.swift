/// A germline genotype at a pharmacogenomic site (ABCB1 rs1045642 …), for information only.
package struct GermlineGenotype: Codable, Sendable, Equatable {
    /// "called", or "no-call" when the data do not support a genotype (never assumed reference).
    package enum Status: String, Codable, Sendable {
        case called
        case noCall = "no-call"
    }

    package var gene: String
    package var rsid: String
    /// Legacy or common name, e.g. "rs1045642 (legacy C3435T)".
    package var name: String
    package var chrom: String
    package var pos: Int
    /// Plus-strand alleles, reference first, e.g. "A/G"; "./." when not called.
    package var genotype: String
    package var status: Status
    package var depth: Int
    /// Phred-scaled confidence in the genotype (capped at 99).
    package var quality: Int
    /// Fragments per plus-strand base at the site, e.g. ["A": 155, "G": 158].
    package var alleleDepths: [String: Int]

    package init(gene: String, rsid: String, name: String, chrom: String, pos: Int, genotype: String, status: Status,
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
