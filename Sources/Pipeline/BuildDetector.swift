import G2TCore
import HTS

/// Recognises the reference build from the @SQ line of chromosome 7.
enum BuildDetector {
    static func detect(_ header: AlignmentHeader, path: String) throws -> (build: GenomeBuild, chrom: String) {
        guard let chr7 = header.references.first(where: { $0.name == "chr7" || $0.name == "7" }) else {
            throw PipelineError.noChromosome7(path: path, contigs: header.references.map(\.name))
        }
        guard let build = GenomeBuild.forChr7(length: chr7.length) else {
            throw PipelineError.unknownBuild(path: path, contig: chr7.name, length: chr7.length)
        }
        return (build, chr7.name)
    }
}
