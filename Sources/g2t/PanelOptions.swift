import ArgumentParser
import G2TCore

/// `--build` and `--chrom` for the commands that print the panel for other tools.
struct PanelOptions: ParsableArguments {
    @Option(name: .long, help: "GRCh38 or GRCh37.") var build: GenomeBuild = .grch38
    @Option(name: .long, help: ArgumentHelp("Chromosome naming to write: a name without 'chr' for Ensembl-style names, with it for UCSC-style.",
                                            discussion: "Applies to every panel chromosome: a name without 'chr' drops the prefix from all of them."))
    var chrom: String?

    func panel() throws -> Panel { try PanelLoader.bundled(build: build) }

    /// The name to write for a panel chromosome ("chrN").
    func name(_ panelChrom: String) -> String {
        guard let chrom, !chrom.hasPrefix("chr") else { return panelChrom }
        return panelChrom.hasPrefix("chr") ? String(panelChrom.dropFirst(3)) : panelChrom
    }
}

/// `--build GRCh38` (or hg38, 38, GRCh37, hg19, 37, b37).
extension GenomeBuild: ExpressibleByArgument {
    package init?(argument: String) { self.init(name: argument) }
    package static var allValueStrings: [String] { allCases.map(\.rawValue) }
    package var defaultValueDescription: String { rawValue }
}
