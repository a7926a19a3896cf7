import Calling
import G2TCore
import HTS
import Testing
import TestSupport

/// How `TargetCounter` makes its work items for several threads (`split`, `claimOrder`), and that
/// counting through them counts every read exactly once: the counts equal one thread's.
@Suite struct TargetCounterSplitTests {
    @Test func runsAreDividedWhereTheirReadsAreApart() {
        let runs = [0..<10, 10..<26, 26..<27]
        let weights = Array(repeating: 11, count: 10) + Array(repeating: 7, count: 16) + [3]
        var apart = Array(repeating: false, count: 27)
        for c in [3, 9, 15, 21, 24] { apart[c] = true }
        apart[10] = true  // a run's own first cluster: not a cut inside it
        #expect(TargetCounter.split(runs, weights: weights, apart: apart, threads: 2)
                == [0..<3, 3..<9, 9..<10, 10..<15, 15..<21, 21..<24, 24..<26, 26..<27])
        // With no such boundary, `cut` alone decides (these runs stay whole).
        #expect(TargetCounter.split(runs, weights: weights, apart: Array(repeating: false, count: 27), threads: 2) == runs)
    }

    @Test func aPieceOverItsShareIsStillCut() {
        // All the work in one run without free boundaries but the last: the piece before it is cut by `cut`.
        let runs = [0..<10]
        let weights = Array(repeating: 100, count: 10)
        var apart = Array(repeating: false, count: 10)
        apart[9] = true
        let items = TargetCounter.split(runs, weights: weights, apart: apart, threads: 2)
        #expect(items == [0..<5, 5..<9, 9..<10])
    }

    @Test(arguments: [2, 3, 5, 8])
    func itemsCoverEveryClusterOnceInOrder(threads: Int) {
        let runs = [0..<1, 1..<9, 9..<30, 30..<31]
        let weights = (0..<31).map { ($0 * 37) % 11 + 1 }
        let apart = (0..<31).map { $0 % 4 == 1 }
        let items = TargetCounter.split(runs, weights: weights, apart: apart, threads: threads)
        #expect(items.flatMap { Array($0) } == Array(0..<31))
        #expect(items.allSatisfy { !$0.isEmpty })
        // No item crosses a run's end.
        #expect(items.allSatisfy { item in runs.contains { $0.contains(item.lowerBound) && item.upperBound <= $0.upperBound } })
        let order = TargetCounter.claimOrder(items, weights: weights)
        #expect(order.sorted() == Array(items.indices))
        let w = order.map { items[$0].reduce(0) { $0 + weights[$1] } }
        #expect(zip(w, w.dropFirst()).allSatisfy { $0 >= $1 }, "heaviest first")
    }

    @Test func tiesAreClaimedInFileOrder() {
        #expect(TargetCounter.claimOrder([0..<1, 1..<2, 2..<4, 4..<5], weights: [5, 9, 2, 3, 9]) == [1, 3, 0, 2])
    }

    /// On the demo BAM some clusters of one run (EGFR's exons, within 16 kb of each other) read disjoint
    /// parts of the file: the split has free cuts to make there, so the comparison below divides runs.
    @Test func theDemoHasClustersWhoseReadsAreApart() throws {
        HTSEnvironment.configure()
        let file = try AlignmentFile(path: TestSupport.testData("samples/demo-nsclc.bam"))
        try file.prepareIndex()
        // EGFR exons 2 and 3, then 3 and 4: queries 1 kb apart and 2.5 kb apart (the margins included).
        let e2 = try #require(file.indexedSpan(in: GenomicRegion(contig: "chr7", start: 55_141_265, end: 55_144_508)))
        let e3 = try #require(file.indexedSpan(in: GenomicRegion(contig: "chr7", start: 55_145_585, end: 55_147_760)))
        let e4 = try #require(file.indexedSpan(in: GenomicRegion(contig: "chr7", start: 55_150_273, end: 55_158_773)))
        #expect(e2.bytes > 0 && e3.bytes > 0 && e4.bytes > 0)
        let (r2, r3, r4) = (try #require(e2.offsets), try #require(e3.offsets), try #require(e4.offsets))
        #expect(r2.upperBound > r3.lowerBound, "exons 2 and 3 share a 16 kb window: their reads overlap")
        #expect(r3.upperBound <= r4.lowerBound, "exon 4's query starts in the next window")
        #expect(file.indexedSpan(in: GenomicRegion(contig: "chr7", start: 1_000, end: 2_000)) == IndexedSpan(bytes: 0, offsets: nil))
    }

    /// Every read counted once: the counts (per base, per indel, reads per target, record starts for the
    /// off-target counts) with 2–4 threads, through the divided runs, equal one thread's, which reads
    /// each run whole in file order.
    @Test(arguments: ["demo-nsclc", "cn-ot/ot-egfr-8", "panel18/met-amp-egfr-l858r", "egfr-t790m-c797s-cis"], [2, 3, 4])
    func countsEqualOneThreads(sample: String, threads: Int) throws {
        HTSEnvironment.configure()
        let path = TestSupport.testData("samples/\(sample).bam")
        guard HTSEnvironment.fileExists(path) else {
            Issue.record("missing \(path)")
            return
        }
        let panel = try PanelLoader.bundled(build: .grch38)
        let one = try AlignmentFile(path: path)
        let naming = ContigNaming.matching(panelChroms: Set(panel.chromosomes), inputContigs: one.header.references.map(\.name))
        let present = Set(one.header.references.map(\.name))
        let targets = panel.targets.filter { present.contains(naming.input($0.interval.chrom)) }
        let count = { (file: AlignmentFile, threads: Int) in
            try TargetCounter.count(file: file, reference: nil, targets: targets, naming: naming, filter: ReadFilter(), threads: threads,
                                    bases: panel.reference, startMargin: OffTargetCounts.defaultMargin)
        }
        let (a, sa) = try count(one, 1)
        let (b, sb) = try count(try AlignmentFile(path: path), threads)
        #expect(a.map(\.target) == b.map(\.target))
        #expect(a.map(\.counts) == b.map(\.counts))
        #expect(a.contains { $0.counts.reads > 0 })
        let (ra, rb) = (try #require(sa), try #require(sb))
        #expect(ra == rb)
    }
}
