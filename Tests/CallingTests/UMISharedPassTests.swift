@testable import Calling
import G2TCore
import HTS
import Testing
import TestSupport

/// UMI mode reads each target cluster once for the molecules and the raw read counts
/// (`ConsensusCounter.countWithRaw`, branch cf7): both must equal what the two passes gave apart
/// (`ConsensusCounter.count`, `TargetCounter.count`), record starts for the off-target counts included,
/// on every committed cfDNA sample, one and two threads.
@Suite struct UMISharedPassTests {
    @Test(arguments: ["cfdna-t790m", "cfdna-simplex", "cfdna-phase", "cfdna-negative", "cfdna-malformed-umi", "cfdna-partial-umi",
                      "cfdna-duplex-t790m", "cfdna-pcr-t790m"])
    func sharedPassEqualsTwoPasses(sample: String) throws {
        HTSEnvironment.configure()
        let path = TestSupport.testData("samples/cfdna/\(sample).bam")
        let panel = try PanelLoader.bundled(build: .grch38)
        let naming = ContigNaming.matching(panelChroms: ["chr7"], inputContigs: ["chr7"])
        let filter = ReadFilter(minMappingQuality: 20, minBaseQuality: 20)
        var rawFilter = filter
        rawFilter.excludeFlags &= ~ReadFilter.duplicateFlag
        let options = MoleculeCounting(tag: .standard, filter: filter, maxN: 1, minFamilySize: 1, requireDuplex: false,
                                       consensus: ConsensusModel(preUMIError: 3.16e-5, postUMIError: 1e-4, minInputQuality: 20,
                                                                 deletionError: 5e-4, maxConsensusError: 0.02))
        // Under ThreadSanitizer (CI's TSan stage) only the two-thread pass with start counts, the one
        // where threads share anything: all four took 396 of that stage's ~550 s (5 December).
        let threadCounts = TestSupport.underThreadSanitizer ? [2] : [1, 2]
        let margins: [Int?] = TestSupport.underThreadSanitizer ? [OffTargetCounts.defaultMargin] : [OffTargetCounts.defaultMargin, nil]
        for threads in threadCounts {
            for margin in margins {
                let file = try AlignmentFile(path: path)
                // The targets the call stage counts: those on the header's contigs.
                let contigs = Set(file.header.references.map(\.name))
                let targets = panel.targets.filter { contigs.contains(naming.input($0.interval.chrom)) }
                let shared = try ConsensusCounter.countWithRaw(file: file, reference: nil, targets: targets, naming: naming, options: options,
                                                               rawFilter: rawFilter, threads: threads, bases: panel.reference, startMargin: margin)
                let (raw, starts) = try TargetCounter.count(file: try AlignmentFile(path: path), reference: nil, targets: targets, naming: naming,
                                                            filter: rawFilter, threads: threads, bases: panel.reference, startMargin: margin)
                let molecules = try ConsensusCounter.count(path: path, reference: nil, indexPath: nil, targets: targets, naming: naming,
                                                           options: options, threads: threads, bases: panel.reference)
                #expect(shared.raw.map(\.target) == raw.map(\.target), "\(sample)")
                #expect(shared.raw.map(\.counts) == raw.map(\.counts), "\(sample) threads \(threads)")
                #expect(shared.starts == starts, "\(sample) threads \(threads) margin \(String(describing: margin))")
                #expect(shared.molecules.targets.map(\.counts) == molecules.targets.map(\.counts), "\(sample) threads \(threads)")
                #expect(shared.molecules.stats == molecules.stats, "\(sample) threads \(threads)")
                #expect(shared.molecules.molecules == molecules.molecules, "\(sample) threads \(threads): phasing molecules")
                // Something was counted: the comparison is not of two empty results.
                #expect(raw.contains { $0.counts.reads > 0 } && molecules.targets.contains { $0.counts.reads > 0 })
                if margin != nil { #expect((starts?.records.values.reduce(0, +) ?? 0) > 0) }
            }
        }
    }
}
