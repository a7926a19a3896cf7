import ArgumentParser
import G2TCore

/// `g2t targets`: the panel's target intervals as BED, for other tools.
struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets", abstract: "Print the panel targets (coding exons ± 20 bp) as BED.",
        discussion: "Example:\n  g2t targets --build GRCh37 --chrom 7 > targets.bed\n  samtools depth -b targets.bed sample.bam")

    @OptionGroup var options: PanelOptions

    func run() throws {
        try reportingErrors {
            for t in try options.panel().targets {
                print("\(options.name(t.interval.chrom))\t\(t.interval.start - 1)\t\(t.interval.end)\t\(t.gene)_exon\(t.exon)")
            }
        }
    }
}
