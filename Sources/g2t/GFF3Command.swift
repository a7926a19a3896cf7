import Annotation
import ArgumentParser
import G2TCore

/// `g2t gff3`: the panel transcripts as GFF3 (for bcftools csq and genome browsers).
struct GFF3Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gff3", abstract: "Print the panel's MANE Select transcripts as Ensembl-style GFF3.",
        discussion: "Example:\n  g2t gff3 --build GRCh38 > panel.gff3\n  bcftools csq -f GRCh38.fa -g panel.gff3 calls.vcf.gz")

    @Option(name: .long, help: "GRCh38 or GRCh37.") var build: String = "GRCh38"
    @Option(name: .long, help: "Chromosome name to write (e.g. 7).") var chrom: String?

    func run() throws {
        try reportingErrors {
            guard let b = GenomeBuild(name: build) else { throw ValidationError("--build must be GRCh38 or GRCh37") }
            print(GFF3Writer.gff3(try PanelLoader.bundled(build: b), chrom: { chrom ?? $0 }), terminator: "")
        }
    }
}
