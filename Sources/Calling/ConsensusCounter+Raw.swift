import G2TCore
import HTS

extension ConsensusCounter {
    /// `count` (molecules) and `TargetCounter.count` (raw reads, with `rawFilter`, and the record starts
    /// near the targets with `startMargin`) from one read of each run of target clusters: each record is
    /// decoded once for both (`AlignmentFile.moleculeCounts(spans:…)`), where UMI mode read every target
    /// twice (branch cf7) and then each cluster with a query of its own (branch cf8). The clusters, each cluster's span, subregions, reference and start ranges are the
    /// raw counter's, so both results equal the two calls' (`UMISharedPassTests`).
    package static func countWithRaw(file: AlignmentFile, reference: String?, targets: [Target], naming: ContigNaming,
                                     options: MoleculeCounting, rawFilter: ReadFilter, threads: Int, bases: PanelReference? = nil,
                                     startMargin: Int?, flank: BackgroundFlank? = nil) throws -> (molecules: Result, raw: [TargetCounts], starts: RecordStarts?) {
        // As `TargetCounter.count`: targets on contigs the header lacks cannot be queried.
        let present = Set(file.header.references.map(\.name))
        let targets = targets.filter { present.contains(naming.input($0.interval.chrom)) }
        let clusters = TargetCounter.clusters(of: targets)
        let spans = TargetCounter.spans(of: clusters, targets: targets, naming: naming)
        let plan = startMargin.map { StartPlan(spans: spans, targets: targets, naming: naming, header: file.header, margin: $0) }
        let owned = plan?.owned
        let groups = clusters  // an immutable copy for the workers
        // The raw pass's work items (`TargetCounter.workItems`): runs of nearby clusters read with one
        // index query (`AlignmentFile.moleculeCounts(spans:…)`), where a query per cluster inflated again
        // the BGZF blocks it shared with the previous cluster (branch cf8).
        let (items, order) = TargetCounter.workItems(queries: TargetCounter.queries(spans: spans, owned: owned), file: file, threads: threads)
        let path = file.path, indexPath = file.temporaryIndexPath
        let claims = order
        let claimed = try ParallelMap.map(items.count, threads: threads,
                                          state: { _ in try AlignmentFile(path: path, reference: reference, indexPath: indexPath) }) { f, k in
            let run = items[claims[k]]
            let requests = run.map { c -> MoleculeSpan in
                let members = groups[c]
                let span = spans[c]
                let regions = members.map { i -> GenomicRegion in
                    let iv = targets[i].interval
                    return GenomicRegion(contig: naming.input(iv.chrom), start: iv.start - 1, end: iv.end)
                }
                let chrom = targets[members[0]].interval.chrom
                // The molecules' bases are counted `flank.width` past the span for the backgrounds (without a
                // reference there is nothing to tally them against).
                let widen = bases == nil ? 0 : flank?.width ?? 0
                let counted = AlignmentFile.countedRegion(span, flank: widen)
                // Each side's reference as its own pass took it (`count`; `TargetCounter.count`), the molecules' over their counted region.
                let moleculeBases = bases.map { ref in
                    counted.end > counted.start ? ref.bases(chrom: chrom, (counted.start + 1)...counted.end).map { $0 ?? UInt8(ascii: "N") } : []
                }
                let request = SpanRequest(region: span, subregions: regions, referenceBases: bases.map { spanBases($0, chrom: chrom, span: span) },
                                          amplicons: nil, recordStartsIn: owned?[c] ?? [], basesOnlyInSubregions: members.count > 1)
                return MoleculeSpan(region: span, subregions: regions, referenceBases: moleculeBases, raw: request, flank: widen)
            }
            let results = try f.moleculeCounts(spans: requests, options: options, rawFilter: rawFilter)
            return zip(run, zip(requests, results)).map { c, item in
                let (request, (m, r)) = item
                let members = groups[c]
                let regions = request.subregions
                let widen = request.flank
                let phasing = PhaseMolecules.Cluster(region: request.region, molecules: m.stats.molecules)
                let molecules = members.enumerated().map { k, i in
                    let reg = regions[k]
                    var s = m.stats
                    s.molecules = []
                    // As `count`: each target keeps the families that overlap it; read totals go to the cluster's first target.
                    s.families = m.stats.families.filter { $0.start < reg.end && $0.end > reg.start }
                    if k > 0 { s.reads = 0; s.tagged = 0; s.untagged = 0; s.malformed = [:] }
                    // A lone target of unwidened counts is the counts; widened, its part (with the reads of the whole, as unwidened).
                    let counts = regions.count == 1 && widen == 0 ? m.counts
                        : m.counts.slice(reg, reads: regions.count == 1 ? m.counts.reads : m.readsPerSubregion[k])
                    return (TargetCounts(target: targets[i], counts: counts), s)
                }
                // The flanks' tallies (positions in no target of the cluster): only these are kept of the flanks (the
                // targets' counts view the widened count fields, as a cluster's targets view its span's).
                var tally: BackgroundTally?
                if let flank, let ref = bases, widen > 0 {
                    let counted = AlignmentFile.countedRegion(request.region, flank: widen)
                    let chrom = targets[members[0]].interval.chrom
                    var t = BackgroundTally()
                    t.add(m.counts, chrom: chrom, ranges: BackgroundFlank.ranges(counted: counted.start..<counted.end, outside: regions.map { $0.start..<$0.end }),
                          reference: ref, flank: flank)
                    tally = t
                }
                // As `TargetCounter.count`.
                let raw = members.enumerated().map { k, i in
                    var tc = TargetCounts(target: targets[i], counts: regions.count == 1 ? r.counts : r.counts.slice(regions[k], reads: r.readsPerSubregion[k],
                                                                                                             readsWithoutBases: k == 0 ? r.counts.readsWithoutBases : 0))
                    if k == 0 {
                        tc.counts.ampliconFragments = r.counts.ampliconFragments
                        tc.counts.readsOutsideAmplicons = r.counts.readsOutsideAmplicons
                    }
                    return tc
                }
                return (molecules, raw, r.recordsStarting, tally, phasing)
            }
        }
        // Back in file order.
        var perRun = claimed
        for (k, item) in claims.enumerated() { perRun[item] = claimed[k] }
        let perCluster = perRun.flatMap { $0 }
        let all = perCluster.flatMap(\.0)
        var result = Result(targets: all.map(\.0), stats: all.map(\.1))
        let tallies = perCluster.compactMap(\.3)
        if !tallies.isEmpty { result.flanks = tallies.dropFirst().reduce(tallies[0], +) }
        result.molecules = PhaseMolecules(clusters: perCluster.map(\.4))
        let raw = perCluster.flatMap(\.1)
        return (result, raw, plan?.recordStarts(spans: spans, perCluster: perCluster.map(\.2)))
    }
}
