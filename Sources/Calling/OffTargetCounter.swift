import G2TCore
import HTS

/// Off-target read counts of one alignment file: the index's mapped records per contig, less the
/// records that start within `margin` of a panel target. No read outside the targets is read.
package enum OffTargetCounter {
    /// nil where the index keeps no counts (CRAM, streamed SAM). `counted`: the record starts the
    /// counting pass tallied (`TargetCounter.count(…startMargin:)`), so that the target reads are
    /// not read a second time; a contig it lacks, or counted over other regions, is queried here.
    package static func count(_ file: AlignmentFile, targets: [Target], naming: ContigNaming,
                             margin: Int = OffTargetCounts.defaultMargin, counted: RecordStarts? = nil) throws -> OffTargetCounts? {
        guard let perContig = try file.mappedRecordsPerContig() else { return nil }
        let contigs = file.header.references
        let panelChroms = Set(targets.map(\.interval.chrom))
        var onPanel: [String: Int] = [:]
        var others = 0
        for (i, ref) in contigs.enumerated() where i < perContig.count {
            let panelName = naming.panel(ref.name)
            if panelChroms.contains(panelName) {
                let near = startRegions(targets: targets, panelChrom: panelName, contig: ref, margin: margin)
                let starting = try counted?.count(near) ?? file.mappedRecordsStarting(in: near)
                onPanel[panelName] = max(0, perContig[i] - starting)
            } else if OffTargetCounts.isAutosome(ref.name) {
                others += perContig[i]
            }
        }
        return OffTargetCounts(panelChromosomes: onPanel, otherAutosomes: others, margin: margin)
    }

    /// Where a starting record is a capture read on `contig` (input naming): the targets of its panel
    /// chromosome, each padded by `margin`, merged so that no record is counted twice; 0-based,
    /// clipped to the contig.
    package static func startRegions(targets: [Target], panelChrom: String, contig: AlignmentHeader.Reference,
                                     margin: Int) -> [GenomicRegion] {
        GenomicInterval.merge(targets.filter { $0.interval.chrom == panelChrom }.map {
            GenomicInterval(chrom: panelChrom, start: max(1, $0.interval.start - margin), end: $0.interval.end + margin)
        }).map { GenomicRegion(contig: contig.name, start: $0.start - 1, end: min($0.end, contig.length)) }
    }
}

/// Mapped records (as `AlignmentFile.mappedRecordsStarting` counts them) starting in given regions,
/// tallied during the counting pass, per contig with the regions they were counted over.
package struct RecordStarts: Sendable, Equatable {
    package var regions: [String: [GenomicRegion]] = [:]
    package var records: [String: Int] = [:]

    /// The records starting in `regions` (all on one contig) if exactly these regions were counted.
    package func count(_ regions: [GenomicRegion]) -> Int? {
        guard let contig = regions.first?.contig, self.regions[contig] == regions else { return nil }
        return records[contig]
    }
}
