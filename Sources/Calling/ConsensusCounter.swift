import G2TCore
import HTS

/// Counts every panel target as consensus molecules (`AlignmentFile.moleculeCounts`), as
/// `TargetCounter` counts reads: clusters of nearby targets read once, in parallel.
package enum ConsensusCounter {
    /// Molecule counts per target and the UMI statistics of each target's reads.
    package struct Result: Sendable {
        package var targets: [TargetCounts]
        package var stats: [UMIReadStats]
        /// The backgrounds' tallies of the bases around the targets (`countWithRaw` with a `BackgroundFlank`), else nil.
        package var flanks: BackgroundTally?
        /// Each cluster's counted molecules for phasing (moved out of `stats`, which hold none).
        package var molecules = PhaseMolecules()
    }

    package static func count(path: String, reference: String?, indexPath: String?, targets: [Target], naming: ContigNaming,
                             options: MoleculeCounting, threads: Int, bases: PanelReference? = nil) throws -> Result {
        let clusters = TargetCounter.clusters(of: targets)
        let groups = clusters
        let perCluster = try ParallelMap.map(groups.count, threads: threads,
                                             state: { _ in try AlignmentFile(path: path, reference: reference, indexPath: indexPath) }) { file, c in
            let members = groups[c]
            let regions = members.map { i -> GenomicRegion in
                let iv = targets[i].interval
                return GenomicRegion(contig: naming.input(iv.chrom), start: iv.start - 1, end: iv.end)
            }
            guard let first = regions.first, let last = regions.last else { return ([(TargetCounts, UMIReadStats)](), PhaseMolecules.Cluster?.none) }
            let span = GenomicRegion(contig: first.contig, start: first.start, end: regions.map(\.end).max() ?? last.end)
            // One block search per stretch (`bases`), not per position: `base` per position searched every
            // block and was ~5% of a small UMI run's instructions.
            let refBases = bases.map { ref in
                span.end > span.start
                    ? ref.bases(chrom: targets[members[0]].interval.chrom, (span.start + 1)...span.end).map { $0 ?? UInt8(ascii: "N") }
                    : []
            }
            var (counts, reads, stats) = try file.moleculeCounts(in: span, options: options, subregions: regions, referenceBases: refBases)
            let cluster = PhaseMolecules.Cluster(region: span, molecules: stats.molecules)
            stats.molecules = []
            return (members.enumerated().map { k, i in
                let r = regions[k]
                var s = stats
                // Each target keeps the families that overlap it; read totals go to the cluster's first target.
                s.families = stats.families.filter { $0.start < r.end && $0.end > r.start }
                if k > 0 { s.reads = 0; s.tagged = 0; s.untagged = 0; s.malformed = [:] }
                return (TargetCounts(target: targets[i], counts: regions.count == 1 ? counts : counts.slice(r, reads: reads[k])), s)
            }, Optional(cluster))
        }
        let all = perCluster.flatMap(\.0)
        var result = Result(targets: all.map(\.0), stats: all.map(\.1))
        result.molecules = PhaseMolecules(clusters: perCluster.compactMap(\.1))
        return result
    }
}
