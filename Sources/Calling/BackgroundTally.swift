import G2TCore
import HTS

/// UMI mode's error backgrounds taken around the targets too (issue 16, branch bg1): the bases the
/// targets' own reads carry past the targets (the flanks, and the gaps inside a target cluster) feed the
/// duplex and family-class backgrounds, and nothing else: no call, count or QC is made there. On a small
/// panel the targets alone hold too few molecule-bases for a class's error rate to leave the rule-of-three
/// bound (EGFR exons 19 and 20: ~369 bases). The flanks hold about as many covered bases again, though
/// thinly (only the reads reaching a target are read: ~18% more read-bases on the simulated samples).
package struct BackgroundFlank: Sendable {
    /// Bases counted either side of each target cluster's span for the backgrounds. The counted reads are
    /// those overlapping the targets, so their bases reach at most a read's length past them: 200 covers
    /// a 2×150 read and a cfDNA fragment (~167 bp) whole; wider only adds empty positions. Below half
    /// `TargetCounter.clusterGap`, so two clusters' flanks never meet and no base is tallied twice.
    package static let defaultWidth = 200

    package var width: Int
    /// Positions whose allele exceeds this share of the molecules add no error (`UMIParameters.backgroundMaxVAF`).
    package var maxVAF: Double
    /// Positions left out (the panel's SNV hotspots), 1-based, panel naming.
    package var exclude: Set<DuplexBackground.ExcludedPosition>

    package init(width: Int = BackgroundFlank.defaultWidth, maxVAF: Double, exclude: Set<DuplexBackground.ExcludedPosition>) {
        self.width = width
        self.maxVAF = maxVAF
        self.exclude = exclude
    }

    /// The 0-based positions of `counted` outside every one of `targets` (sorted by start), in order.
    package static func ranges(counted: Range<Int>, outside targets: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var cursor = counted.lowerBound
        for t in targets.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if t.lowerBound > cursor { out.append(cursor..<min(t.lowerBound, counted.upperBound)) }
            cursor = max(cursor, t.upperBound)
            if cursor >= counted.upperBound { break }
        }
        if cursor < counted.upperBound { out.append(cursor..<counted.upperBound) }
        return out.filter { !$0.isEmpty }
    }
}

/// The flanks' share of both backgrounds, summed over the target clusters (class tallies only: the
/// flanks' counts themselves are not kept).
package struct BackgroundTally: Sendable, Equatable {
    package var classes = FamilyClassBackground.Tally()
    package var duplex = DuplexBackground.Tally()

    package init() {}

    /// Adds `counts` at `ranges` (0-based positions of `chrom`, panel naming) to both tallies.
    package mutating func add(_ counts: RegionCounts, chrom: String, ranges: [Range<Int>], reference: ReferenceSource, flank: BackgroundFlank) {
        var seenClasses = Set<DuplexBackground.ExcludedPosition>(), seenDuplex = Set<DuplexBackground.ExcludedPosition>()
        for r in ranges {
            classes.add(counts, chrom: chrom, range: r, reference: reference, maxVAF: flank.maxVAF, exclude: flank.exclude, seen: &seenClasses)
            duplex.add(counts, chrom: chrom, range: r, reference: reference, maxVAF: flank.maxVAF, exclude: flank.exclude, seen: &seenDuplex)
        }
    }

    package static func + (a: BackgroundTally, b: BackgroundTally) -> BackgroundTally {
        var t = BackgroundTally()
        t.classes = a.classes + b.classes
        t.duplex = a.duplex + b.duplex
        return t
    }
}
