@testable import HTS
import Testing
import TestSupport

/// `ReferenceRuns` (branch rr1) adds what `UMIMoleculeStream.addFamilies` added per position for a reference call:
/// one to the reference slot on the molecule's strand, and to the duplex count and duplex reference slot (both
/// strands) or the one strand's class field. Random runs of every kind and strand, overlapping, at the region's
/// edges and one position long, against those per-position adds; reference slots include 4 and 5 (N, unknown), whose
/// indices the per-position code computed by the same formula. `UMIStreamingTests` checks the whole stream.
@Suite struct ReferenceRunsTests {
    static func perPosition(_ counts: inout RegionCounts, kind: MoleculeClass, strandOffset: Int, at i: Int, ref: Int) {
        counts.fields.withUnsafeMutableFields { f in f[i * RegionCounts.fieldsPerPosition + 2 * ref + strandOffset] += 1 }
        guard counts.hasDuplex else { return }
        let c = i * RegionCounts.duplexFieldsPerPosition
        if kind == .duplex {
            counts.duplex[c] += 1
            counts.duplex[c + 1 + ref] += 1
        } else {
            counts.duplex[c + 4 + kind.rawValue] += 1
        }
    }

    @Test(arguments: [true, false])
    func runsAddWhatEachPositionAdded(duplex: Bool) {
        var rng = SplitMix64(seed: duplex ? 0x2A11 : 0x2A12)
        let region = GenomicRegion(contig: "chr7", start: 1_000, end: 1_000 + 300)
        let refSlot = (0..<region.length).map { _ in [0, 1, 2, 3, 3, 2, 1, 0, 4, 5][Int(rng.next() % 10)] }
        var expected = RegionCounts(region: region), counts = RegionCounts(region: region)
        if duplex {
            expected.allocateDuplex()
            counts.allocateDuplex()
        }
        var runs = ReferenceRuns(positions: region.length)
        for _ in 0..<2_000 {
            let kind = MoleculeClass.allCases[Int(rng.next() % 4)], strandOffset = Int(rng.next() % 2)
            let from = Int(rng.next() % UInt64(region.length))
            let to = min(region.length, from + [1, 8, 16, 40, 300][Int(rng.next() % 5)])
            runs.add(.init(kind: kind, from: region.start + from, to: region.start + to), strandOffset: strandOffset, regionStart: region.start)
            for i in from..<to { Self.perPosition(&expected, kind: kind, strandOffset: strandOffset, at: i, ref: refSlot[i]) }
        }
        // An empty run and a run without a kind add nothing.
        runs.add(.init(kind: .duplex, from: region.start + 5, to: region.start + 5), strandOffset: 0, regionStart: region.start)
        runs.add(.init(), strandOffset: 1, regionStart: region.start)
        #expect(counts != expected, "the runs are not in the counts before the flush")
        runs.flush(into: &counts, refSlot: refSlot)
        #expect(counts == expected)
        // Flushed runs are emptied: a second flush adds nothing.
        runs.flush(into: &counts, refSlot: refSlot)
        #expect(counts == expected)
        // Runs added after a flush are summed by the next one, and only they.
        runs.add(.init(kind: .ss2, from: region.start + 10, to: region.start + 30), strandOffset: 1, regionStart: region.start)
        for i in 10..<30 { Self.perPosition(&expected, kind: .ss2, strandOffset: 1, at: i, ref: refSlot[i]) }
        runs.flush(into: &counts, refSlot: refSlot)
        #expect(counts == expected)
    }
}
