import G2TCore
import HTS

/// Counts every panel target of one alignment file, in parallel: each worker reads through its
/// own handle (htsFile is not thread-safe) and takes the next unclaimed cluster of targets. The
/// caller's handle is lent to the first worker, so the input is opened `threads` times in all, not
/// once more for the header and once per worker.
package enum TargetCounter {
    /// Targets closer than this share one index query.
    static let clusterGap = 2_000
    /// Cluster queries closer than this are read in one pass: BAI's linear index starts a query at the
    /// first record overlapping its 16 kb window, so a query this close re-reads the previous one's blocks.
    static let shareGap = 16_384

    /// Nearby targets (sorted, same contig, at most `clusterGap` apart) grouped by index: each group is
    /// read with one query. Shared by the raw-read pass and UMI mode's molecule passes.
    static func clusters(of targets: [Target]) -> [[Int]] {
        var clusters: [[Int]] = []
        for (i, t) in targets.enumerated() {
            if let last = clusters.last?.last, targets[last].interval.chrom == t.interval.chrom,
               t.interval.start - targets[last].interval.end <= clusterGap {
                clusters[clusters.count - 1].append(i)
            } else {
                clusters.append([i])
            }
        }
        return clusters
    }

    /// Each cluster's span in the input's contig names (0-based, half-open).
    static func spans(of clusters: [[Int]], targets: [Target], naming: ContigNaming) -> [GenomicRegion] {
        clusters.map { members -> GenomicRegion in
            let ivs = members.map { targets[$0].interval }
            return GenomicRegion(contig: naming.input(ivs[0].chrom), start: ivs[0].start - 1, end: ivs.map(\.end).max() ?? ivs[0].end)
        }
    }

    /// `file` is the caller's open handle (index prepared); it is used by one worker at a time while
    /// this runs. `bases` (the panel reference, panel naming) lets the counter skip per-allele
    /// statistics for reference bases; without it they are kept for all.
    package static func count(file: AlignmentFile, reference: String?, targets: [Target],
                             naming: ContigNaming, filter: ReadFilter, threads: Int, bases: PanelReference? = nil,
                             amplicons: AmpliconTrim? = nil) throws -> [TargetCounts] {
        try count(file: file, reference: reference, targets: targets, naming: naming, filter: filter, threads: threads,
                  bases: bases, amplicons: amplicons, startMargin: nil).counts
    }

    /// As `count`, and with `startMargin` also tallies, in the same pass, the mapped records starting
    /// within that margin of the targets (`OffTargetCounter.startRegions`), for `OffTargetCounter`:
    /// each cluster's query is widened by the margin, and the reads of the widening count only as
    /// starts, so the counts are those of the narrow query.
    package static func count(file: AlignmentFile, reference: String?, targets: [Target],
                             naming: ContigNaming, filter: ReadFilter, threads: Int, bases: PanelReference? = nil,
                             amplicons: AmpliconTrim? = nil, startMargin: Int?) throws -> (counts: [TargetCounts], starts: RecordStarts?) {
        // Targets on chromosomes the header lacks (a chr7-only BAM and the chr1/chr3/chr12 genes) cannot
        // be queried: they get no counts, so their hotspots come out low-coverage (Stages notes the genes).
        let present = Set(file.header.references.map(\.name))
        let targets = targets.filter { present.contains(naming.input($0.interval.chrom)) }
        let path = file.path
        let indexPath = file.temporaryIndexPath
        // Clusters of nearby targets (sorted), each read once.
        let clusters = Self.clusters(of: targets)
        let spans = Self.spans(of: clusters, targets: targets, naming: naming)
        let plan = startMargin.map { StartPlan(spans: spans, targets: targets, naming: naming, header: file.header, margin: $0) }
        @Sendable func regions(of members: [Int]) -> [GenomicRegion] {
            members.map { i in
                let iv = targets[i].interval
                return GenomicRegion(contig: naming.input(iv.chrom), start: iv.start - 1, end: iv.end)
            }
        }
        let groups = clusters  // an immutable copy for the workers
        let queries = Self.queries(spans: spans, owned: plan?.owned)
        let (runs, order) = workItems(queries: queries, file: file, threads: threads)
        // Clusters hold consecutive target indices in order, so their results joined are in target order.
        // Worker 0 reads through the caller's handle; the caller waits meanwhile (see `Lent`).
        let lent = Lent(file)
        let items = runs  // immutable copies for the workers
        let claims = order
        let claimed = try ParallelMap.map(items.count, threads: threads,
                                          state: { w in w == 0 ? lent.file : try AlignmentFile(path: path, reference: reference, indexPath: indexPath) }) { file, k in
            let run = items[claims[k]]
            let requests = run.map { c -> SpanRequest in
                let members = groups[c]
                let span = spans[c]
                // Amplicon mode keeps the statistics for reference bases too: its read_position test compares the alleles.
                let refBases = amplicons != nil ? nil : bases.map { spanBases($0, chrom: targets[members[0]].interval.chrom, span: span) }
                return SpanRequest(region: span, subregions: regions(of: members), referenceBases: refBases,
                                   amplicons: amplicons?.on(span.contig, start: span.start, end: span.end),
                                   recordStartsIn: plan?.owned[c] ?? [], basesOnlyInSubregions: members.count > 1)
            }
            let tallies = try file.counts(spans: requests, filter: filter)
            return zip(run, tallies).map { c, tally in
                let (counts, reads, started) = tally
                let members = groups[c]
                let regions = requests[c - run.lowerBound].subregions
                let out = members.enumerated().map { k, i in
                    var tc = TargetCounts(target: targets[i], counts: regions.count == 1 ? counts : counts.slice(regions[k], reads: reads[k],
                                                                                                    readsWithoutBases: k == 0 ? counts.readsWithoutBases : 0))
                    if k == 0 {  // the amplicon tallies once per span
                        tc.counts.ampliconFragments = counts.ampliconFragments
                        tc.counts.readsOutsideAmplicons = counts.readsOutsideAmplicons
                    }
                    return tc
                }
                return (out, started)
            }
        }
        // Back in file order.
        var perRun = claimed
        for (k, item) in claims.enumerated() { perRun[item] = claimed[k] }
        let perCluster = perRun.flatMap { $0 }
        return (perCluster.flatMap(\.0), plan?.recordStarts(spans: spans, perCluster: perCluster.map(\.1)))
    }
}

extension TargetCounter {
    /// The work items for `threads` > 1: a run (consecutive clusters) holding more than its share of the
    /// work (`weights`, per cluster: the index's compressed bytes) is cut at cluster boundaries into
    /// parts of about one share each, so that a file whose reads lie in one gene still keeps every
    /// thread busy. A run up to a fifth over one share stays whole: a cut re-reads the BGZF blocks the
    /// two parts share (up to 16 kb of reads). The parts cover the runs' clusters in order.
    package static func cut(_ runs: [Range<Int>], weights: [Int], threads: Int) -> [Range<Int>] {
        let share = max(1, weights.reduce(0, +) / max(1, threads))
        return runs.flatMap { run -> [Range<Int>] in
            let w = run.reduce(0) { $0 + weights[$1] }
            guard run.count > 1, w * 5 > share * 6 else { return [run] }
            let parts = min(run.count, (w + share - 1) / share)
            var out: [Range<Int>] = []
            var from = run.lowerBound, done = 0
            for c in run where c + 1 < run.upperBound && out.count < parts - 1 {
                done += weights[c]
                if done * parts >= w * (out.count + 1) {
                    out.append(from..<(c + 1))
                    from = c + 1
                }
            }
            out.append(from..<run.upperBound)
            return out
        }
    }
}

extension TargetCounter {
    /// The work items for `threads` > 1: the runs divided at every cluster boundary where the two sides'
    /// index reads do not overlap (`apart[c]`: cluster c's reads begin where c − 1's end, or later), since
    /// such a cut decodes no record twice, then `cut` for a part still holding more than its share.
    /// Small items claimed heaviest first (`claimOrder`) let two threads finish together even when the
    /// compressed bytes misjudge a region's work (per-read costs differ between genes); whole runs of half
    /// the work each left one thread idle for up to a fifth of the counting. The items cover the runs'
    /// clusters in order.
    package static func split(_ runs: [Range<Int>], weights: [Int], apart: [Bool], threads: Int) -> [Range<Int>] {
        let pieces = runs.flatMap { run -> [Range<Int>] in
            var out: [Range<Int>] = []
            var from = run.lowerBound
            for c in run.dropFirst() where apart[c] {
                out.append(from..<c)
                from = c
            }
            out.append(from..<run.upperBound)
            return out
        }
        return cut(pieces, weights: weights, threads: threads)
    }

    /// The order in which workers claim `items`: heaviest first (by `weights` per cluster), ties in file
    /// order, so that the last items claimed are the lightest and no thread is left with a large one
    /// while the others wait (longest-processing-time-first scheduling). A permutation of the indices.
    package static func claimOrder(_ items: [Range<Int>], weights: [Int]) -> [Int] {
        let w = items.map { $0.reduce(0) { $0 + weights[$1] } }
        return items.indices.sorted { w[$0] != w[$1] ? w[$0] > w[$1] : $0 < $1 }
    }

    /// Whether two consecutive cluster queries read disjoint parts of the file (either reading nothing
    /// counts as disjoint); unknown (no BAM index) is not.
    static func readApart(_ a: IndexedSpan?, _ b: IndexedSpan?) -> Bool {
        guard let a, let b else { return false }
        guard let ra = a.offsets, let rb = b.offsets else { return true }
        return ra.upperBound <= rb.lowerBound
    }
}

/// The span's reference bases as `PanelReference.base` gives them, "N" where it gives none: one
/// pass over the blocks, not a search of every block for every position.
func spanBases(_ ref: PanelReference, chrom: String, span: GenomicRegion) -> [UInt8] {
    let n = UInt8(ascii: "N")
    var out = Array(repeating: n, count: max(0, span.length))
    var known = Array(repeating: false, count: out.count)
    // `base` takes the first block (in the reference's order) holding the position, even where that block says N.
    for b in ref.blocks where b.chrom == chrom {
        let from = max(span.start + 1, b.start), to = min(span.end, b.end)  // 1-based, closed
        guard from <= to else { continue }
        for pos in from...to where !known[pos - 1 - span.start] {
            known[pos - 1 - span.start] = true
            out[pos - 1 - span.start] = b.bases[pos - b.start]
        }
    }
    return out
}

/// Which record starts each cluster's query tallies: the padded targets of each contig
/// (`OffTargetCounter.startRegions`), cut so that every position belongs to at most one cluster.
/// Every padded target lies inside its own cluster's span widened by the margin (the span holds the
/// target, the padding is the margin, and the clipping at the contig's ends only shrinks it), so the
/// clusters' parts together cover the regions whole.
struct StartPlan {
    /// Per input contig, the regions the starts are counted over.
    var regions: [String: [GenomicRegion]] = [:]
    /// Per cluster, the parts of those regions it counts (disjoint between clusters).
    var owned: [[Range<Int>]]

    /// The record starts per contig from each cluster's count over the parts it owns (clusters in `spans` order).
    func recordStarts(spans: [GenomicRegion], perCluster: [Int]) -> RecordStarts {
        var starts = RecordStarts()
        for (contig, regions) in regions {
            var n = 0
            for (c, span) in spans.enumerated() where span.contig == contig { n += perCluster[c] }
            starts.regions[contig] = regions
            starts.records[contig] = n
        }
        return starts
    }

    init(spans: [GenomicRegion], targets: [Target], naming: ContigNaming, header: AlignmentHeader, margin: Int) {
        owned = Array(repeating: [], count: spans.count)
        let refs = Dictionary(header.references.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for chrom in Set(targets.map(\.interval.chrom)) {
            guard let ref = refs[naming.input(chrom)], regions[ref.name] == nil else { continue }
            let near = OffTargetCounter.startRegions(targets: targets, panelChrom: chrom, contig: ref, margin: margin)
            regions[ref.name] = near
            // The clusters of this contig in order of start; each owns its widened span less what an
            // earlier one owns (a window starting no later covers everything below its end).
            var covered = Int.min
            for c in spans.indices.filter({ spans[$0].contig == ref.name }).sorted(by: { spans[$0].start < spans[$1].start }) {
                let lo = max(spans[c].start - margin, covered), hi = spans[c].end + margin
                guard lo < hi else { continue }
                covered = hi
                owned[c] = near.compactMap { r in
                    let from = max(r.start, lo), to = min(r.end, hi)
                    return from < to ? from..<to : nil
                }
            }
        }
    }
}

/// The caller's handle, lent to one worker of `TargetCounter.count`. An `AlignmentFile` is not
/// Sendable (one stream position); the unchecked `Sendable` holds because exactly one worker
/// (worker 0) uses it, and the caller is blocked in `ParallelMap.map` until every worker returns.
private final class Lent: @unchecked Sendable {
    let file: AlignmentFile
    init(_ file: AlignmentFile) { self.file = file }
}

extension TargetCounter {
    /// Each cluster's query: its span, widened over the record starts it tallies (`owned`, per cluster).
    static func queries(spans: [GenomicRegion], owned: [[Range<Int>]]?) -> [GenomicRegion] {
        spans.indices.map { c -> GenomicRegion in
            var q = spans[c]
            for r in owned?[c] ?? [] {
                q.start = min(q.start, r.lowerBound)
                q.end = max(q.end, r.upperBound)
            }
            return q
        }
    }

    /// The work items of a pass over the clusters' `queries` (sorted, as `clusters` gives them) and the order
    /// in which workers claim them: shared by the raw pass and UMI mode's shared pass
    /// (`ConsensusCounter.countWithRaw`), so both read the same runs. `file`: an open handle (index prepared).
    static func workItems(queries: [GenomicRegion], file: AlignmentFile, threads: Int) -> (runs: [Range<Int>], order: [Int]) {
        // Work items: runs of clusters whose queries lie closer than `shareGap`, read with one pass
        // (`AlignmentFile.counts(spans:)`); each cluster's counts are the same whichever run it is in.
        var runs: [Range<Int>] = []
        for c in queries.indices {
            if let last = runs.last, queries[c].contig == queries[c - 1].contig, queries[c].start - queries[c - 1].end < shareGap {
                runs[runs.count - 1] = last.lowerBound..<(c + 1)
            } else {
                runs.append(c..<(c + 1))
            }
        }
        // Which item a worker claims next: with one thread, file order.
        var order = Array(runs.indices)
        if threads > 1 {
            let read = queries.map { file.indexedSpan(in: $0) }
            let weights = read.map { max(1, $0?.bytes ?? 1) }
            runs = split(runs, weights: weights, apart: read.indices.map { $0 > 0 && readApart(read[$0 - 1], read[$0]) }, threads: threads)
            order = claimOrder(runs, weights: weights)
        }
        return (runs, order)
    }
}
