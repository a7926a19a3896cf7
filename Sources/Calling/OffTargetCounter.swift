import G2TCore
import HTS

/// Off-target read counts of one alignment file: the index's mapped records per contig, less the
/// records that start within `margin` of a panel target. No read outside the targets is read.
package enum OffTargetCounter {
    /// nil where the index keeps no counts (CRAM, streamed SAM).
    package static func count(_ file: AlignmentFile, targets: [Target], naming: ContigNaming,
                             margin: Int = OffTargetCounts.defaultMargin) throws -> OffTargetCounts? {
        guard let perContig = try file.mappedRecordsPerContig() else { return nil }
        let contigs = file.header.references
        let panelChroms = Set(targets.map(\.interval.chrom))
        var onPanel: [String: Int] = [:]
        var others = 0
        for (i, ref) in contigs.enumerated() where i < perContig.count {
            let panelName = naming.panel(ref.name)
            if panelChroms.contains(panelName) {
                // Padded targets, merged so that no record is counted twice.
                let padded = GenomicInterval.merge(targets.filter { $0.interval.chrom == panelName }.map {
                    GenomicInterval(chrom: panelName, start: max(1, $0.interval.start - margin), end: $0.interval.end + margin)
                })
                let near = try file.mappedRecordsStarting(in: padded.map {
                    GenomicRegion(contig: ref.name, start: $0.start - 1, end: min($0.end, ref.length))
                })
                onPanel[panelName] = max(0, perContig[i] - near)
            } else if OffTargetCounts.isAutosome(ref.name) {
                others += perContig[i]
            }
        }
        return OffTargetCounts(panelChromosomes: onPanel, otherAutosomes: others, margin: margin)
    }
}
