/// A transcript on one build: its exons in transcript order and its coding span.
package struct Transcript: Codable, Sendable, Hashable {
    package var gene: String
    package var refseq: String
    package var ensembl: String
    package var protein: String
    package var build: GenomeBuild
    package var chrom: String
    package var strand: Strand
    /// Exons in transcript order (5'→3'); on the minus strand that is descending genomic order.
    package var exons: [Exon]

    package init(gene: String, refseq: String, ensembl: String, protein: String, build: GenomeBuild,
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
    package var codingExons: [Exon] { exons.filter { $0.cdsStart != nil } }

    /// Length of the coding sequence including the stop codon.
    package var cdsLength: Int {
        codingExons.reduce(0) { $0 + (($1.cdsEnd ?? 0) - ($1.cdsStart ?? 0) + 1) }
    }
}
