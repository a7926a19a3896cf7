@testable import Calling
import G2TCore
import HTS
import Testing
import TestSupport

/// `PanelCaller.bestCovering` (the duplex and family-class tiers' target per hotspot, found by index)
/// against what it replaced, kept here: the covering targets with molecule strands filtered, then
/// `max(by:)` (the first of equal keys). On molecule counts of committed cfDNA samples, every panel
/// SNV hotspot, both tiers' keys, and target lists with repeats (equal keys) and raw counts (no strands).
@Suite struct BestCoveringTests {
    static func before(_ targets: [TargetCounts], _ h: Hotspot, by key: (RegionCounts) -> Int) -> TargetCounts? {
        let covering = targets.filter { $0.counts.hasDuplex && $0.target.interval.chrom == h.chrom && $0.target.interval.contains(h.pos) }
        return covering.max(by: { key($0.counts) < key($1.counts) })
    }

    @Test(arguments: ["cfdna/cfdna-duplex-t790m", "cfdna/cfdna-class-c797s", "cfdna/cfdna-t790m"])
    func sameTargetAsFilterThenMax(sample: String) throws {
        let raw = try CallingSetup.counted(sample, threads: 1)
        let molecules = try CallingSetup.moleculeCounts(raw)
        let hotspots = raw.panel.hotspots.filter(\.isSNV)
        var found = 0
        for list in [molecules, molecules + molecules.reversed(), raw.counts] {
            for h in hotspots {
                let pos0 = h.pos - 1
                let keys: [(RegionCounts) -> Int] = [{ $0.duplexDepth(at: pos0) },
                                                     { c in MoleculeClass.allCases.reduce(0) { $0 + c.classDepth($1, at: pos0) } },
                                                     { _ in 0 }]
                for key in keys {
                    let want = Self.before(list, h, by: key)
                    let got = PanelCaller.bestCovering(list, h, by: key).map { list[$0] }
                    #expect(got?.target == want?.target && got?.counts == want?.counts, "\(sample) \(h.name)")
                    // The first of equals: the same index as the filtered list's first maximum.
                    if let i = PanelCaller.bestCovering(list, h, by: key), let w = want {
                        found += 1
                        #expect(key(list[i].counts) == key(w.counts))
                        #expect(!list[..<i].contains { $0.counts.hasDuplex && $0.target.interval.chrom == h.chrom
                            && $0.target.interval.contains(h.pos) && key($0.counts) >= key(list[i].counts) })
                    }
                }
            }
        }
        #expect(found > 0, "some hotspot covered by a target with molecule strands")
    }
}
