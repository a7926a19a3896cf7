import Annotation
import ArgumentParser
import G2TCore

/// `g2t gff3`: the panel transcripts as GFF3 (for bcftools csq and genome browsers).
struct GFF3Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gff3", abstract: "Print the panel's MANE Select transcripts as Ensembl-style GFF3.",
        discussion: "Example:\n  g2t gff3 --build GRCh38 > panel.gff3\n  bcftools csq -f GRCh38.fa -g panel.gff3 calls.vcf.gz")

    @OptionGroup var options: PanelOptions

    func run() throws {
        try reportingErrors {
            print(GFF3Writer.gff3(try options.panel(), chrom: options.name), terminator: "")
        }
    }
}
