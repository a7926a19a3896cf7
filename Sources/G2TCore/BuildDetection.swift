/// Recognises the build of an input from the lengths of the panel's chromosomes in its header
/// (BAM/CRAM @SQ lines or VCF ##contig lines), and the input's own name for each of them
/// ("7" or "chr7", chosen per contig).
package enum BuildDetection {
    /// A header contig: its name and length (0 when the header gives none).
    package struct Contig: Sendable, Equatable {
        package var name: String
        package var length: Int
        package init(name: String, length: Int) { self.name = name; self.length = length }
    }

    /// The build and the input's name of each panel chromosome found in the header.
    package struct Match: Sendable, Equatable {
        package var build: GenomeBuild
        /// Panel chromosome ("chr7") → the input's name ("7" or "chr7"); panel chromosomes the
        /// header lacks are absent.
        package var inputNames: [String: String]
        package init(build: GenomeBuild, inputNames: [String: String]) { self.build = build; self.inputNames = inputNames }
    }

    /// Why no build could be told.
    package enum Problem: Sendable, Equatable {
        /// None of the panel's chromosomes has a length in the header.
        case noPanelChromosome(panelChromosomes: [String])
        /// A panel chromosome's length is that of no known build.
        case unknownLength(contig: String, length: Int, known: [(GenomeBuild, Int)])
        /// Two panel chromosomes' lengths name different builds.
        case conflict(String)

        package static func == (a: Problem, b: Problem) -> Bool { a.text == b.text }

        /// The problem in words (after "FILE: ").
        package var text: String {
            switch self {
            case .noPanelChromosome(let c):
                let bare = c.map { $0.hasPrefix("chr") ? String($0.dropFirst(3)) : $0 }
                return "no chromosome \(bare.joined(separator: ", ")) in the header"
            case .unknownLength(let contig, let l, let known):
                let k = known.map { "\($0.0.rawValue) (\($0.1))" }.joined(separator: " nor ")
                return "\(contig) has length \(l), which is neither \(k)"
            case .conflict(let t): return t
            }
        }
    }

    /// The input's contig for panel chromosome `chrom` ("chr7" matches "chr7" or "7").
    package static func contig(for chrom: String, in contigs: [Contig]) -> Contig? {
        let bare = chrom.hasPrefix("chr") ? String(chrom.dropFirst(3)) : chrom
        return contigs.first { $0.name == chrom } ?? contigs.first { $0.name == bare }
    }

    /// Detects the build from every panel chromosome the header names with a length.
    package static func detect(panelChromosomes: [String], contigs: [Contig], lengths: ChromosomeLengths) -> Result<Match, DetectionFailure> {
        var names: [String: String] = [:]
        var votes: [(contig: String, builds: [GenomeBuild])] = []
        for chrom in panelChromosomes.sorted() {
            guard let c = contig(for: chrom, in: contigs) else { continue }
            names[chrom] = c.name
            guard c.length > 0 else { continue }
            let builds = lengths.builds(chrom, length: c.length)
            if builds.isEmpty {
                let known = GenomeBuild.allCases.compactMap { b in lengths.length(chrom, on: b).map { (b, $0) } }
                return .failure(DetectionFailure(problem: .unknownLength(contig: c.name, length: c.length, known: known)))
            }
            votes.append((c.name, builds))
        }
        guard let first = votes.first else {
            return .failure(DetectionFailure(problem: .noPanelChromosome(panelChromosomes: panelChromosomes.sorted())))
        }
        var common = Set(first.builds)
        for v in votes.dropFirst() {
            common.formIntersection(v.builds)
            if common.isEmpty {
                let said = votes.map { "\($0.contig) is \($0.builds.map(\.rawValue).joined(separator: "/"))" }.joined(separator: ", ")
                return .failure(DetectionFailure(problem: .conflict("the panel's chromosomes disagree on the build (\(said)): a mixed or edited header")))
            }
        }
        // Both builds share no chromosome length, so one vote decides; order is fixed for safety.
        guard let build = GenomeBuild.allCases.first(where: { common.contains($0) }) else {
            return .failure(DetectionFailure(problem: .noPanelChromosome(panelChromosomes: panelChromosomes.sorted())))
        }
        return .success(Match(build: build, inputNames: names))
    }

    /// A detection failure (an `Error` so it can travel in a `Result`).
    package struct DetectionFailure: Error, Sendable, Equatable {
        package var problem: Problem
    }
}
