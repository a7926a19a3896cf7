import Calling
import G2TCore
import HTS
import Testing
import TestSupport

/// The off-target counts from record starts tallied during the counting pass equal those of the
/// counter's own second read of the padded targets, and widening the counting queries for them
/// changes no count.
@Suite struct OffTargetCounterTests {
    /// `cn-ot` BAMs hold reads on and off the targets of chr1, chr3, chr7 and chr12; `demo-nsclc` only chr7.
    @Test(arguments: ["cn-ot/ot-normal-1", "cn-ot/ot-egfr-8", "demo-nsclc"], [1, 2])
    func startsCountedInThePassEqualASecondRead(sample: String, threads: Int) throws {
        HTSEnvironment.configure()
        let path = TestSupport.testData("samples/\(sample).bam")
        let panel = try PanelLoader.bundled(build: .grch38)
        let file = try AlignmentFile(path: path)
        let naming = ContigNaming.matching(panelChroms: Set(panel.chromosomes), inputContigs: file.header.references.map(\.name))
        let present = Set(file.header.references.map(\.name))
        let targets = panel.targets.filter { present.contains(naming.input($0.interval.chrom)) }
        let filter = ReadFilter()

        let secondRead = try #require(try OffTargetCounter.count(file, targets: panel.targets, naming: naming))
        let (counts, starts) = try TargetCounter.count(file: file, reference: nil, targets: targets, naming: naming, filter: filter,
                                                       threads: threads, startMargin: OffTargetCounts.defaultMargin)
        let tally = try #require(starts)
        // Every panel contig's starts come from the pass (none falls back to a second read)...
        for ref in file.header.references where targets.contains(where: { naming.input($0.interval.chrom) == ref.name }) {
            let regions = OffTargetCounter.startRegions(targets: panel.targets, panelChrom: naming.panel(ref.name), contig: ref,
                                                        margin: OffTargetCounts.defaultMargin)
            let counted = try #require(tally.count(regions), "\(ref.name) not counted in the pass")
            #expect(counted == (try file.mappedRecordsStarting(in: regions)), "\(sample) \(ref.name)")
            #expect(counted > 0)
        }
        // ... and give the same off-target counts.
        #expect(try OffTargetCounter.count(file, targets: panel.targets, naming: naming, counted: tally) == secondRead)
        // The widened queries count exactly what the narrow ones do.
        let plain = try TargetCounter.count(file: file, reference: nil, targets: targets, naming: naming, filter: filter, threads: threads)
        #expect(counts.map(\.counts) == plain.map(\.counts) && counts.map(\.target) == plain.map(\.target))
    }

    /// Starts tallied over other regions (another target list) are not used: the counter reads them itself.
    @Test func startsOverOtherRegionsAreNotUsed() throws {
        HTSEnvironment.configure()
        let file = try AlignmentFile(path: TestSupport.testData("samples/cn-ot/ot-normal-1.bam"))
        let panel = try PanelLoader.bundled(build: .grch38)
        let naming = ContigNaming.matching(panelChroms: Set(panel.chromosomes), inputContigs: file.header.references.map(\.name))
        let some = panel.targets.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let (_, starts) = try TargetCounter.count(file: file, reference: nil, targets: some, naming: naming, filter: ReadFilter(),
                                                  threads: 1, startMargin: OffTargetCounts.defaultMargin)
        let tally = try #require(starts)
        let chr7 = try #require(file.header.references.first { $0.name == "chr7" })
        let all = OffTargetCounter.startRegions(targets: panel.targets, panelChrom: "chr7", contig: chr7, margin: OffTargetCounts.defaultMargin)
        #expect(tally.count(all) == nil)
        #expect(try OffTargetCounter.count(file, targets: panel.targets, naming: naming, counted: tally)
                == OffTargetCounter.count(file, targets: panel.targets, naming: naming))
    }
}
