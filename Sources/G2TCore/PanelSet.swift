/// The panel on every build g2t knows, with the chromosome lengths that tell the builds apart:
/// built once per process (`bundled()`) or from a test panel's files, and passed to every stage.
package struct PanelSet: Sendable {
    package let panels: [GenomeBuild: Panel]
    package let lengths: ChromosomeLengths

    package init(files: [String: String]) throws {
        var p: [GenomeBuild: Panel] = [:]
        for b in GenomeBuild.allCases { p[b] = try PanelLoader.load(files: files, build: b) }
        panels = p
        guard let text = files["assemblies.tsv"] else { throw DataFileError.missing(file: "assemblies.tsv") }
        lengths = try ChromosomeLengths.parse(text)
    }

    /// The panel on `build`.
    package func panel(_ build: GenomeBuild) throws -> Panel {
        guard let p = panels[build] else { throw DataFileError.missing(file: "exons.tsv (\(build.rawValue))") }
        return p
    }

    /// Every chromosome the panel uses on any build, in panel naming.
    package var chromosomes: [String] { Array(Set(panels.values.flatMap(\.chromosomes))).sorted() }

    /// Detects the build of an input from its header contigs (see `BuildDetection`).
    package func detect(contigs: [BuildDetection.Contig]) -> Result<BuildDetection.Match, BuildDetection.DetectionFailure> {
        BuildDetection.detect(panelChromosomes: chromosomes, contigs: contigs, lengths: lengths)
    }

    /// The bundled panel, parsed on first use and then shared (a `static let` is initialised once,
    /// thread-safely).
    package static func bundled() throws -> PanelSet { try shared.get() }

    private static let shared: Result<PanelSet, DataFileError> = {
        do { return .success(try PanelSet(files: PanelLoader.bundledFiles)) }
        catch let e as DataFileError { return .failure(e) }
        catch { return .failure(.malformed(file: "panel data", line: 0, problem: "\(error)")) }
    }()
}
