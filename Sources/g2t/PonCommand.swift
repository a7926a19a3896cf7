import ArgumentParser
import G2TCore
import Pipeline

/// `g2t pon`: panels of normals for copy number.
struct PonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pon", abstract: "Build a panel of normals (copy number, and alleles the normals carry).",
        subcommands: [Build.self])

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build", abstract: "Per-target depth profile of normal samples sequenced with the same panel.",
            discussion: """
            Each normal's target depths are scaled by its median; the panel keeps the median and spread
            per target, each normal's off-target reads (from the BAM index: the genome-wide scale for
            copy number, and each panel chromosome's own level), and every alternate allele at a target position with
            ≥ 2 alternate fragments and VAF ≥ 1% in a normal (`normalPanel` in `--config`), with how many normals carry it.
            Format g2t-pon/2; g2t-pon/1 files still load (no off-target scale, no sites).
            Use three or more normals of the same assay and build.

            Example:
              g2t pon build TestData/samples/cn/pon-normal-*.bam -o pon.json
              g2t pipeline tumour.bam --pon pon.json --tumor-type LUSC
            """)

        @Argument(help: "Normal samples' alignments (BAM/CRAM).") var normals: [String]
        @Option(name: .shortAndLong, help: "Output JSON.") var output: String
        @Option(name: .long, help: "Reference FASTA (needed for CRAM).") var reference: String?
        @OptionGroup var workers: ThreadsFlags
        var threads: Int { workers.threads }
        @Option(name: .long, help: ArgumentHelp("Thresholds from a JSON file (`g2t config show`): read filters and `normalPanel` site support.",
                                                valueName: "file")) var config: String?

        func validate() throws {
            guard !normals.isEmpty else { throw ValidationError("give at least one normal BAM/CRAM") }
        }

        func run() throws {
            try reportingErrors {
                let parameters = try config.map(ConfigurationFile.load(path:)) ?? CallingParameters()
                let pon = try Stages.buildPanelOfNormals(normals, reference: reference, threads: threads, parameters: parameters, log: printError)
                try pon.write(to: output)
                let scale = pon.offTarget == nil ? (pon.offTargetNote ?? "no off-target scale") : "off-target scale"
                print("Panel of normals: \(output) (\(pon.normals.count) normals, \(pon.targets.count) targets, \(pon.build); \(scale); \(pon.sites?.count ?? 0) sites with support)")
            }
        }
    }
}
