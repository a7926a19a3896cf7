/// A transcript on one build: its exons in transcript order and its coding span.
public struct Transcript: Codable, Sendable, Hashable {
    public var gene: String
    public var refseq: String
    public var ensembl: String
    public var protein: String
    public var build: GenomeBuild
    public var chrom: String
    public var strand: Strand
    /// Exons in transcript order (5'→3'); on the minus strand that is descending genomic order.
    public var exons: [Exon]

    public init(gene: String, refseq: String, ensembl: String, protein: String, build: GenomeBuild,
                chrom: String, strand: Strand, exons: [Exon]) {
        self.gene = gene
        self.refseq = refseq
        self.ensembl = ensembl
        self.protein = protein
        self.build = build
        self.chrom = chrom
        self.strand = strand
        self.exons = exons
    }

    /// Coding exons in transcript order.
    public var codingExons: [Exon] { exons.filter { $0.cdsStart != nil } }

    /// Length of the coding sequence including the stop codon.
    public var cdsLength: Int {
        codingExons.reduce(0) { $0 + (($1.cdsEnd ?? 0) - ($1.cdsStart ?? 0) + 1) }
    }
}
