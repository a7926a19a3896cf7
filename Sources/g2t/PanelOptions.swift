import ArgumentParser
import G2TCore

/// `--build` and `--chrom` for the commands that print the panel for other tools.
struct PanelOptions: ParsableArguments {
    @Option(name: .long, help: "GRCh38 or GRCh37.") var build: String = "GRCh38"
    @Option(name: .long, help: "Chromosome name to write (e.g. 7 for Ensembl-style names).") var chrom: String?

    func validate() throws {
        guard GenomeBuild(name: build) != nil else { throw ValidationError("--build must be GRCh38 or GRCh37") }
    }

    func panel() throws -> Panel { try PanelLoader.bundled(build: GenomeBuild(name: build) ?? .grch38) }

    /// The name to write for a panel chromosome.
    func name(_ panelChrom: String) -> String { chrom ?? panelChrom }
}
