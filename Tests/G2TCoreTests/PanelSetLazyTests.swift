import G2TCore
import Testing

/// The bundled `PanelSet` parses its second build on first use: the same panels and chromosomes as
/// parsing every build at once (`PanelSet(files:)`), whichever build is asked for first.
@Suite struct PanelSetLazyTests {
    @Test func lazyBuildsEqualEagerOnes() throws {
        let eager = try PanelSet(files: PanelLoader.bundledFiles)
        let lazy = try PanelSet.bundled()
        #expect(lazy.chromosomes == eager.chromosomes)
        #expect(lazy.chromosomes == Array(Set(try eager.panels.values.flatMap(\.chromosomes))).sorted())
        for build in GenomeBuild.allCases.reversed() {  // GRCh37, the lazily parsed one, first
            let (a, b) = (try lazy.panel(build), try eager.panel(build))
            #expect(a.build == b.build && a.genes == b.genes && a.transcripts == b.transcripts && a.hotspots == b.hotspots)
            #expect(a.targetFlank == b.targetFlank && a.chromosomeLengths == b.chromosomeLengths)
            #expect(a.predispositionHotspots == b.predispositionHotspots)
            #expect(a.reference.blocks.map(\.chrom) == b.reference.blocks.map(\.chrom))
            #expect(a.reference.blocks.map(\.start) == b.reference.blocks.map(\.start))
            #expect(a.reference.blocks.map(\.bases) == b.reference.blocks.map(\.bases))
            #expect(a.targets.map(\.interval) == b.targets.map(\.interval))
        }
        #expect(Set(try lazy.panels.keys) == Set(GenomeBuild.allCases))
    }

    /// Threads asking for the builds at once each get the build's panel (parsed under the lock).
    @Test func concurrentFirstUseGivesTheBuildsPanel() async throws {
        let set = try PanelSet.bundled()
        let eager = try PanelSet(files: PanelLoader.bundledFiles)
        let want = try GenomeBuild.allCases.map { try eager.panel($0).hotspots.map(\.pos) }
        let got = try await withThrowingTaskGroup(of: (Int, [Int]).self) { group in
            for i in 0..<16 {
                group.addTask { (i % 2, try set.panel(GenomeBuild.allCases[i % 2]).hotspots.map(\.pos)) }
            }
            var out: [(Int, [Int])] = []
            for try await r in group { out.append(r) }
            return out
        }
        #expect(got.count == 16)
        for (b, positions) in got { #expect(positions == want[b]) }
        #expect(want[0] != want[1], "the builds' positions differ, so a mix-up shows")
    }
}
