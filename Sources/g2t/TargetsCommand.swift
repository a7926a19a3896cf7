import ArgumentParser
import G2TCore

/// `g2t targets`: the panel's target intervals as BED, for other tools.
struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets", abstract: "Print the panel targets (coding exons ± 20 bp) as BED.",
        discussion: "Example:\n  g2t targets --build GRCh37 --chrom 7 > targets.bed\n  samtools depth -b targets.bed sample.bam")

    @Option(name: .long, help: "GRCh38 or GRCh37.") var build: String = "GRCh38"
    @Option(name: .long, help: "Chromosome name to write (e.g. 7 for Ensembl-style names).") var chrom: String?

    func run() throws {
        try reportingErrors {
            guard let b = GenomeBuild(name: build) else { throw ValidationError("--build must be GRCh38 or GRCh37") }
            for t in try PanelLoader.bundled(build: b).targets {
                print("\(chrom ?? t.interval.chrom)\t\(t.interval.start - 1)\t\(t.interval.end)\t\(t.gene)_exon\(t.exon)")
            }
        }
    }
}
