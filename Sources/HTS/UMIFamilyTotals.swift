/// Counts of UMI families (`UMIReadStats.FamilySummary`) for the QC: families, singletons, duplex, counted and
/// the family-size histogram, added one family at a time (one pass, no copies: the QC filtered and mapped each
/// list four times).
package struct UMIFamilyTotals: Equatable, Sendable {
    package private(set) var families = 0
    /// Families of one read pair.
    package private(set) var singletons = 0
    /// Families with reads from both strands.
    package private(set) var duplex = 0
    /// Families that passed the minimum family size and duplex requirement.
    package private(set) var counted = 0
    /// Counted families that are duplex.
    package private(set) var countedDuplex = 0
    /// Families per size (read pairs): index k holds the families of size k; the last entry, `cap`, every larger one.
    package private(set) var sizeHistogram: [Int]

    package init(cap: Int) {
        sizeHistogram = Array(repeating: 0, count: max(0, cap) + 1)
    }

    package mutating func add(_ f: UMIReadStats.FamilySummary) {
        families += 1
        if f.size == 1 { singletons += 1 }
        if f.duplex { duplex += 1 }
        if f.counted {
            counted += 1
            if f.duplex { countedDuplex += 1 }
        }
        if f.size > 0 { sizeHistogram[min(f.size, sizeHistogram.count - 1)] += 1 }
    }

    /// The totals of the union of several targets' family lists: each distinct family once (a family overlapping two
    /// targets of one cluster is in both lists; two equal entries in one list are one family), families on two contigs
    /// apart. `regions[k]`: the region of list k's target, on the contig of its families, which all overlap it.
    ///
    /// Only a family that overlaps another target's region can be in another list, so only those go through a set;
    /// the others are counted as they come, an entry equal to the one before it left out (a list sorted by
    /// `FamilySummary.precedes`, as the tallies return them, holds equal entries side by side). If any list is not of
    /// that kind (out of that order, or holding a family outside its target), every family goes through the set. Hashing every
    /// family was ~1.5% of a ~21,300x UMI run, all of it serial.
    package static func union(_ lists: [[UMIReadStats.FamilySummary]], cap: Int, regions: [GenomicRegion]) -> UMIFamilyTotals {
        precondition(lists.count == regions.count, "one region per family list")
        // Families of two contigs are two families (a summary holds no contig: a set of summaries merged equal ones).
        struct Placed: Hashable {
            var contig: String
            var family: UMIReadStats.FamilySummary
        }
        var totals = UMIFamilyTotals(cap: cap)
        var shared = Set<Placed>()
        let asTallied = lists.indices.allSatisfy { k in
            let r = regions[k]
            return lists[k].allSatisfy { $0.start < r.end && $0.end > r.start }
                && zip(lists[k], lists[k].dropFirst()).allSatisfy { !UMIReadStats.FamilySummary.precedes($1, $0) }
        }
        guard asTallied else {
            for k in lists.indices { for f in lists[k] { shared.insert(Placed(contig: regions[k].contig, family: f)) } }
            for p in shared { totals.add(p.family) }
            return totals
        }
        for (k, list) in lists.enumerated() where !list.isEmpty {
            let from = list.lazy.map(\.start).min() ?? 0, to = list.lazy.map(\.end).max() ?? 0
            // The other targets the list's families can reach.
            let near = regions.indices.filter { j in
                j != k && regions[j].contig == regions[k].contig && regions[j].start < to && regions[j].end > from
            }.map { (start: regions[$0].start, end: regions[$0].end) }
            for i in list.indices {
                let f = list[i]
                if near.contains(where: { f.start < $0.end && f.end > $0.start }) {
                    shared.insert(Placed(contig: regions[k].contig, family: f))
                } else if i == 0 || list[i - 1] != f {
                    totals.add(f)
                }
            }
        }
        for p in shared { totals.add(p.family) }
        return totals
    }
}
