import G2TCore
import HTS

/// Counts every panel target of one alignment file, in parallel: each worker opens its own
/// handle (htsFile is not thread-safe) and takes every n-th target.
public enum TargetCounter {
    /// Targets closer than this share one index query.
    static let clusterGap = 2_000

    /// `bases` (the panel reference, panel naming) lets the counter skip per-allele statistics for
    /// reference bases; without it they are kept for all.
    public static func count(path: String, reference: String?, indexPath: String?, targets: [Target],
                             naming: ContigNaming, filter: ReadFilter, threads: Int, bases: PanelReference? = nil,
                             amplicons: AmpliconTrim? = nil) throws -> [TargetCounts] {
        // Targets on chromosomes the header lacks (a chr7-only BAM and the chr1/chr3/chr12 genes) cannot
        // be queried: they get no counts, so their hotspots come out low-coverage (Stages notes the genes).
        let present = Set(try AlignmentFile(path: path, reference: reference, indexPath: indexPath).header.references.map(\.name))
        let targets = targets.filter { present.contains(naming.input($0.interval.chrom)) }
        // Clusters of nearby targets (sorted), each read once.
        var clusters: [[Int]] = []
        for (i, t) in targets.enumerated() {
            if let last = clusters.last?.last, targets[last].interval.chrom == t.interval.chrom,
               t.interval.start - targets[last].interval.end <= clusterGap {
                clusters[clusters.count - 1].append(i)
            } else {
                clusters.append([i])
            }
        }
        let groups = clusters  // an immutable copy for the workers
        // Clusters hold consecutive target indices in order, so their results joined are in target order.
        let perCluster = try ParallelMap.map(groups.count, threads: threads,
                                             state: { _ in try AlignmentFile(path: path, reference: reference, indexPath: indexPath) }) { file, c in
            let members = groups[c]
            let regions = members.map { i -> GenomicRegion in
                let iv = targets[i].interval
                return GenomicRegion(contig: naming.input(iv.chrom), start: iv.start - 1, end: iv.end)
            }
            guard let first = regions.first, let last = regions.last else { return [TargetCounts]() }
            let span = GenomicRegion(contig: first.contig, start: first.start, end: regions.map(\.end).max() ?? last.end)
            // Amplicon mode keeps the statistics for reference bases too: its read_position test compares the alleles.
            let refBases = amplicons != nil ? nil : bases.map { ref in
                (span.start..<span.end).map { ref.base(chrom: targets[members[0]].interval.chrom, pos: $0 + 1) ?? UInt8(ascii: "N") }
            }
            let (counts, reads) = try file.counts(in: span, filter: filter, subregions: regions, referenceBases: refBases,
                                                  amplicons: amplicons?.on(span.contig, start: span.start, end: span.end))
            return members.enumerated().map { k, i in
                var tc = TargetCounts(target: targets[i], counts: regions.count == 1 ? counts : counts.slice(regions[k], reads: reads[k],
                                                                                                readsWithoutBases: k == 0 ? counts.readsWithoutBases : 0))
                if k == 0 {  // the amplicon tallies once per span
                    tc.counts.ampliconFragments = counts.ampliconFragments
                    tc.counts.readsOutsideAmplicons = counts.readsOutsideAmplicons
                }
                return tc
            }
        }
        return perCluster.flatMap { $0 }
    }
}
