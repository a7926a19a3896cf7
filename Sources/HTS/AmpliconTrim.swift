import CHTSlib

/// Amplicon mode's read hook for the counter (`AlignmentFile.counts(…, amplicons:)`): each read is
/// matched to the amplicon it was copied from, and only the bases between that amplicon's primers
/// count. Primer bases are the primer's sequence, not the sample's, so a change under a primer is seen
/// only in reads of an overlapping amplicon for which it lies in the insert.
package struct AmpliconTrim: Sendable, Hashable {
    /// One amplicon in htslib's coordinates (0-based, end exclusive) on the input's contig names.
    package struct Window: Sendable, Hashable {
        /// The caller's index of this amplicon (keys `RegionCounts.ampliconFragments`).
        package var id: Int
        package var contig: String
        /// The whole amplicon, primers included.
        package var start: Int
        package var end: Int
        /// The insert between the primers.
        package var insertStart: Int
        package var insertEnd: Int

        package init(id: Int, contig: String, start: Int, end: Int, insertStart: Int, insertEnd: Int) {
            self.id = id
            self.contig = contig
            self.start = start
            self.end = end
            self.insertStart = insertStart
            self.insertEnd = insertEnd
        }
    }

    package var windows: [Window]
    /// Largest distance (bases) between a read's aligned start or end and its amplicon's.
    package var tolerance: Int

    package init(windows: [Window], tolerance: Int) {
        self.windows = windows
        self.tolerance = tolerance
    }

    /// The amplicon whose start lies nearest the read's aligned start, or whose end lies nearest its
    /// end, within the tolerance (ties: the one matching both ends better); nil when none does.
    /// A read of a full amplicon matches at both ends; a shorter read at the end it was primed from.
    package func match(start: Int, end: Int) -> Window? {
        var best: Window?
        var bestScore = (Int.max, Int.max)
        for w in windows {
            let ds = abs(start - w.start), de = abs(end - w.end)
            guard ds <= tolerance || de <= tolerance else { continue }
            let score = (min(ds, de), ds + de)
            if score < bestScore {
                best = w
                bestScore = score
            }
        }
        return best
    }

    /// The windows on `contig` that overlap [start, end).
    package func on(_ contig: String, start: Int, end: Int) -> AmpliconTrim {
        AmpliconTrim(windows: windows.filter { $0.contig == contig && $0.start < end && $0.end > start }, tolerance: tolerance)
    }
}

extension ReadFilter {
    /// The same filter without the duplicate exclusion: amplicon reads share their start and end by
    /// design, so duplicate marking (and fragment identity by position) says nothing about them.
    package var keepingDuplicates: ReadFilter {
        var f = self
        f.excludeFlags &= ~UInt16(BAM_FDUP)
        return f
    }
}
