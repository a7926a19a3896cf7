import Calling
import G2TCore
import HTS

/// Recognises the reference build from the @SQ lines of every panel chromosome (`BuildDetection`).
enum BuildDetector {
    /// The build, the input's name of each panel chromosome it has, and the name of the first
    /// (for `ReferenceInfo.chrom`).
    static func detect(_ header: AlignmentHeader, path: String, panels: PanelSet) throws
        -> (build: GenomeBuild, naming: ContigNaming, chrom: String) {
        let contigs = header.references.map { BuildDetection.Contig(name: $0.name, length: $0.length) }
        switch panels.detect(contigs: contigs) {
        case .success(let m):
            let panel = try panels.panel(m.build)
            // A panel chromosome the header lacks keeps the panel's name: its targets get no reads.
            var names: [String: String] = [:]
            for c in panel.chromosomes { names[c] = m.inputNames[c] ?? c }
            let naming = ContigNaming(inputName: names)
            let first = panel.chromosomes.first { m.inputNames[$0] != nil } ?? ""
            return (m.build, naming, naming.input(first))
        case .failure(let f):
            switch f.problem {
            case .noPanelChromosome:
                throw PipelineError.noPanelChromosome(path: path, problem: f.problem.text, contigs: header.references.map(\.name))
            case .unknownLength(let contig, let length, _):
                throw PipelineError.unknownBuild(path: path, contig: contig, length: length, problem: f.problem.text)
            case .conflict:
                throw PipelineError.badInput(path: path, detail: f.problem.text)
            }
        }
    }
}
