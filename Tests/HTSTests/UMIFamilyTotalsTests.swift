@testable import HTS
import Testing

/// The UMI QC's family totals (branch us1): `union` counts what the set of every list's families counts (the QC's
/// definition before us1), whatever the lists hold: families shared by neighbouring targets, equal entries in one
/// list, lists out of order and families outside their own target.
@Suite struct UMIFamilyTotalsTests {
    typealias Family = UMIReadStats.FamilySummary

    /// A family on its contig.
    struct Placed: Hashable {
        var contig: String
        var family: Family
    }

    /// The totals as the QC computed them before us1, a set of all the lists' families, then filters; here with the
    /// list's contig, as `union` tells families apart (a summary holds no contig: the set merged equal families of
    /// two contigs).
    static func viaSet(_ lists: [[Family]], regions: [GenomicRegion], cap: Int) -> UMIFamilyTotals {
        var t = UMIFamilyTotals(cap: cap)
        for p in Set(lists.indices.flatMap { k in lists[k].map { Placed(contig: regions[k].contig, family: $0) } }) { t.add(p.family) }
        return t
    }

    /// Targets on two contigs, some closer than a fragment (so families overlap two of them), families drawn near
    /// them with few distinct UMIs (equal families recur); each list holds the families of its contig that overlap it, sorted as
    /// the tallies sort them, sometimes twice; one round in four also shuffles lists or adds families outside their target.
    @Test func unionCountsEachDistinctFamilyOnce() {
        var rng = UMIFastPathTests.Mix(state: 77)
        var sharedSeen = 0, duplicatesSeen = 0, regularRounds = 0
        for round in 0..<300 {
            let count = 1 + rng.below(6)
            var regions: [GenomicRegion] = []
            var at = 1_000
            for _ in 0..<count {
                at += 40 + rng.below(300)  // gaps below and above a fragment's length
                let length = 30 + rng.below(200)
                regions.append(GenomicRegion(contig: rng.below(4) == 0 ? "chr12" : "chr7", start: at, end: at + length))
                at += length
            }
            // The cluster's families (few distinct UMIs, so equal families recur), then each target's list: those
            // overlapping it, as the tallies filter them, an equal entry now and then, and now and then one outside it.
            let umis = ["AAC-GTT", "AAC-GTA", "CCG-TTA", "GGA-ACT"]
            var pool: [Placed] = []
            for r in regions {
                for _ in 0..<rng.below(40) {
                    let start = r.start - 150 + rng.below(r.end - r.start + 140)
                    pool.append(Placed(contig: r.contig, family: Family(umi: umis[rng.below(umis.count)], start: start, end: start + 120 + rng.below(60),
                                                                        size: rng.below(4), duplex: rng.below(3) == 0, counted: rng.below(2) == 0)))
                }
            }
            // One round in four breaks what the tallies promise (a list out of order, a family outside its target).
            let irregular = rng.below(4) == 0
            var lists: [[Family]] = []
            for r in regions {
                var list: [Family] = []
                for p in pool where p.contig == r.contig {
                    let f = p.family
                    let inside = f.start < r.end && f.end > r.start
                    guard inside || (irregular && rng.below(30) == 0) else { continue }
                    list.append(f)
                    if rng.below(6) == 0 { list.append(f) }
                }
                list.sort(by: Family.precedes)
                if irregular && rng.below(3) == 0 { list.shuffle(using: &rng) }
                lists.append(list)
            }
            duplicatesSeen += lists.reduce(0) { $0 + $1.count - Set($1).count }
            sharedSeen += lists.indices.reduce(0) { n, k in
                n + lists[k].filter { f in lists.indices.contains { $0 != k && regions[$0].contig == regions[k].contig && lists[$0].contains(f) } }.count
            }
            let cap = 1 + rng.below(3)
            #expect(UMIFamilyTotals.union(lists, cap: cap, regions: regions) == Self.viaSet(lists, regions: regions, cap: cap), "round \(round)")
            if !irregular { regularRounds += 1 }
        }
        // The draw did reach the cases the union must handle.
        #expect(sharedSeen > 100 && duplicatesSeen > 100 && regularRounds > 150, "shared \(sharedSeen), duplicates \(duplicatesSeen), regular \(regularRounds)")
    }

    /// The size histogram (moved from `UMIGrouping.sizeHistogram`): singletons apart, sizes from `cap` on in the last entry.
    @Test func histogramKeepsSingletonsApart() {
        var totals = UMIFamilyTotals(cap: 4)
        for size in [1, 1, 2, 5, 30] { totals.add(Family(umi: "ACGT", start: 0, end: 100, size: size, duplex: false, counted: true)) }
        #expect(totals.sizeHistogram == [0, 2, 1, 0, 2])
    }

    /// One family per list, one list per target: each family counts, by its size, strands and whether it counted.
    @Test func totalsCountEachKind() {
        let fams = [Family(umi: "A", start: 0, end: 10, size: 1, duplex: false, counted: false),
                    Family(umi: "C", start: 0, end: 10, size: 3, duplex: true, counted: true),
                    Family(umi: "G", start: 0, end: 10, size: 9, duplex: false, counted: true),
                    Family(umi: "T", start: 0, end: 10, size: 0, duplex: true, counted: false)]
        let t = UMIFamilyTotals.union(fams.map { [$0] }, cap: 4, regions: fams.map { _ in GenomicRegion(contig: "chr7", start: 5, end: 6) })
        #expect(t.families == 4 && t.singletons == 1 && t.duplex == 2 && t.counted == 2 && t.countedDuplex == 1)
        #expect(t.sizeHistogram == [0, 1, 0, 1, 1])
    }
}

extension UMIFastPathTests.Mix: RandomNumberGenerator {}
