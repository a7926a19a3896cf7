import G2TCore

/// Problems with the user's inputs that the pipeline detects itself; each names the file.
package enum PipelineError: Error, Equatable, Sendable, CustomStringConvertible {
    case noPanelChromosome(path: String, problem: String, contigs: [String])
    case unknownBuild(path: String, contig: String, length: Int, problem: String)
    case referenceMismatch(path: String, detail: String)
    case output(path: String, detail: String)
    case stageOrder(file: String, needs: Stage)
    case badInput(path: String, detail: String)
    case unknownDrug(name: String, knowledgeBase: String)

    package var description: String {
        switch self {
        case .noPanelChromosome(let p, let problem, let c):
            let shown = c.prefix(5).joined(separator: ", ") + (c.count > 5 ? ", …" : "")
            return "\(p): \(problem) (contigs: \(shown.isEmpty ? "none" : shown)); g2t needs GRCh38 or GRCh37 alignments"
        case .unknownBuild(let p, _, _, let problem):
            return "\(p): \(problem): another build or species"
        case .referenceMismatch(let p, let d): return "\(p): \(d)"
        case .output(let p, let d): return "\(p): \(d)"
        case .stageOrder(let f, let n): return "\(f): run `g2t \(n.rawValue)` on it first"
        case .badInput(let p, let d): return "\(p): \(d)"
        case .unknownDrug(let n, let kb):
            return "--prior-therapy '\(n)': not a drug or alias of the knowledge base (\(kb)); `g2t kb show` lists them"
        }
    }
}
