import G2TCore
import HTS

/// Counts every panel target of one alignment file, in parallel: each worker reads through its
/// own handle (htsFile is not thread-safe) and takes the next unclaimed cluster of targets. The
/// caller's handle is lent to the first worker, so the input is opened `threads` times in all, not
/// once more for the header and once per worker.
package enum TargetCounter {
    /// Targets closer than this share one index query.
    static let clusterGap = 2_000

    /// `file` is the caller's open handle (index prepared); it is used by one worker at a time while
    /// this runs. `bases` (the panel reference, panel naming) lets the counter skip per-allele
    /// statistics for reference bases; without it they are kept for all.
    package static func count(file: AlignmentFile, reference: String?, targets: [Target],
                             naming: ContigNaming, filter: ReadFilter, threads: Int, bases: PanelReference? = nil,
                             amplicons: AmpliconTrim? = nil) throws -> [TargetCounts] {
        // Targets on chromosomes the header lacks (a chr7-only BAM and the chr1/chr3/chr12 genes) cannot
        // be queried: they get no counts, so their hotspots come out low-coverage (Stages notes the genes).
        let present = Set(file.header.references.map(\.name))
        let targets = targets.filter { present.contains(naming.input($0.interval.chrom)) }
        let path = file.path
        let indexPath = file.temporaryIndexPath
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
        // Worker 0 reads through the caller's handle; the caller waits meanwhile (see `Lent`).
        let lent = Lent(file)
        let perCluster = try ParallelMap.map(groups.count, threads: threads,
                                             state: { w in w == 0 ? lent.file : try AlignmentFile(path: path, reference: reference, indexPath: indexPath) }) { file, c in
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

/// The caller's handle, lent to one worker of `TargetCounter.count`. An `AlignmentFile` is not
/// Sendable (one stream position); the unchecked `Sendable` holds because exactly one worker
/// (worker 0) uses it, and the caller is blocked in `ParallelMap.map` until every worker returns.
private final class Lent: @unchecked Sendable {
    let file: AlignmentFile
    init(_ file: AlignmentFile) { self.file = file }
}
