import G2TCore
import HTS

/// Amplicon mode (`--amplicons`): what the filters can ask of amplicon reads, and per-amplicon QC.
///
/// Every read of an amplicon starts and ends at the same place, so:
/// - read_position: a variant near an amplicon end is near the end of every read that shows it.
///   Distances are measured from the primer-trimmed insert ends (the counter does this), and the
///   filter fails only when the alternate allele sits markedly nearer those ends than the reference
///   allele at the same position (`amplicon.readPositionMinGap`): at one position, all reads of one
///   amplicon share the offset, so only reads that are not whole-amplicon copies (chimeras, partial
///   products) can separate the alleles.
/// - strand_bias is off: which strand reads a position is fixed by the design, not by chance. With
///   whole-amplicon read pairs both mates cover every base and the coordinate sort puts the forward
///   mate first, so fragments counted once are all "forward"; in single-end designs a base near one
///   end is read from one primer only. The reference allele is then one-stranded too, and the test has
///   nothing to compare.
/// - the damage model (F1R2/F2R1 orientation, `DamageModel`) is off: tailed-primer libraries read each amplicon in one pair orientation, so an
///   F1R2 share of 0 or 1 is what every true allele shows.
/// - duplicate: the read filter keeps reads flagged as duplicates (identical start and end is what
///   an amplicon read is), so neither counting nor the filter leans on duplicate marking.
extension PanelCaller {
    /// The artefact filters an SNV fails in amplicon mode.
    func ampliconSNVFilters(_ c: RegionCounts, pos0: Int, alt: RegionCounts.Base, refBase: UInt8) -> [CallFilter] {
        let mode = parameters.amplicon ?? .init()
        let refSlot = RegionCounts.Base.allCases.first { Self.letter($0) == refBase } ?? .n
        let altCount = c.count(alt, at: pos0)
        var out: [CallFilter] = []
        if altCount >= parameters.minAltFragments, let altEnd = c.meanEndDistance(alt, at: pos0),
           altEnd < parameters.filters.readPositionMinEndDistance,
           let refEnd = c.meanEndDistance(refSlot, at: pos0), refEnd - altEnd >= mode.readPositionMinGap {
            out.append(.readPosition)
        }
        if altCount > 0 && c.lowMappingQuality(alt, at: pos0) >= altCount { out.append(.lowMappingQuality) }
        if altCount > 0 && c.duplicates(alt, at: pos0) >= altCount { out.append(.duplicate) }
        return out
    }

    /// Per-amplicon fragments and insert depth, dropouts, and hotspots that only dropped-out amplicons
    /// (or none) read made low-coverage.
    func applyAmpliconQC(_ set: AmpliconSet, targets: [TargetCounts], to result: inout Result) {
        let mode = parameters.amplicon ?? .init()
        var fragments: [Int: Int] = [:]
        var unmatched = 0
        for tc in targets {
            for (id, n) in tc.counts.ampliconFragments { fragments[id, default: 0] += n }
            unmatched += tc.counts.readsOutsideAmplicons
        }
        // Only amplicons over the panel's targets are assessed (the file may hold others).
        let assessed = set.amplicons.indices.filter { i in targets.contains { $0.target.interval.overlaps(set.amplicons[i].interval) } }
        let counts = assessed.map { fragments[$0] ?? 0 }.sorted()
        let median = counts.isEmpty ? 0 : Double(counts[counts.count / 2] + counts[(counts.count - 1) / 2]) / 2
        var dropped = Set<Int>()
        var rows: [AmpliconCoverage] = []
        for i in assessed {
            let a = set.amplicons[i], ins = a.insert
            let n = fragments[i] ?? 0
            if Double(n) < mode.dropoutFraction * median || n < parameters.minHotspotDepth { dropped.insert(i) }
            var sum = 0, positions = 0
            for p in ins.start...max(ins.start, ins.end) where p <= ins.end {
                guard let tc = targets.first(where: { $0.target.interval.chrom == ins.chrom && $0.target.interval.contains(p) }) else { continue }
                sum += fragmentDepth(tc.counts, pos0: p - 1)
                positions += 1
            }
            rows.append(AmpliconCoverage(name: a.name, chrom: naming.input(a.interval.chrom), start: a.interval.start, end: a.interval.end,
                                         insertStart: ins.start, insertEnd: ins.end, fragments: n,
                                         meanInsertDepth: Rounding.fraction(Double(sum) / Double(max(1, positions))), dropout: dropped.contains(i)))
        }
        result.qc.amplicons = AmpliconQC(file: set.path, amplicons: rows, unmatchedReads: unmatched, primersTrimmed: set.hasPrimers)
        // A hotspot is read only through the inserts over its first changed base; if every such amplicon
        // dropped out (or none covers it), its negative result says nothing.
        for (k, h) in result.hotspots.enumerated() where h.status != .detected {
            let p = h.ref.count == 1 && h.alt.count == 1 ? h.pos : h.pos + 1
            let chrom = naming.panel(h.chrom)
            let readers = assessed.filter { set.amplicons[$0].insert.chrom == chrom && set.amplicons[$0].insert.contains(p) }
            if readers.allSatisfy(dropped.contains) { result.hotspots[k].status = .lowCoverage }
        }
    }
}
