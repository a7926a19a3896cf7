@testable import Calling
import G2TCore
import HTS
import Testing
import TestSupport

/// UMI mode's backgrounds taken around the targets too (branch bg1, `BackgroundFlank`): the flanks feed
/// the duplex and family-class backgrounds and nothing else (the targets' molecule counts, raw counts and
/// UMI statistics are those of unwidened counting), and a 2-molecule C797S is a call against the flank-fed
/// background where the targets' alone leave it just short (TestData/samples/cfdna/cfdna-flank-c797s.bam,
/// scripts/simulate_cfdna.py, seed 160510).
@Suite struct FlankBackgroundTests {
    struct Shared {
        var panel: Panel
        var counted: (molecules: ConsensusCounter.Result, raw: [TargetCounts], starts: RecordStarts?)
        var exclude: Set<DuplexBackground.ExcludedPosition>
    }

    /// A committed cfDNA sample counted as the call stage counts it (`countWithRaw`), with or without the flanks.
    func shared(_ sample: String, flank: Bool, threads: Int = 1) throws -> Shared {
        HTSEnvironment.configure()
        let path = TestSupport.testData("samples/cfdna/\(sample).bam")
        let panel = try PanelLoader.bundled(build: .grch38)
        let naming = ContigNaming.matching(panelChroms: ["chr7"], inputContigs: ["chr7"])
        var rawFilter = CallingSetup.moleculeOptions.filter
        rawFilter.excludeFlags &= ~ReadFilter.duplicateFlag
        let file = try AlignmentFile(path: path)
        let contigs = Set(file.header.references.map(\.name))
        let targets = panel.targets.filter { contigs.contains(naming.input($0.interval.chrom)) }
        let exclude = Set(panel.hotspots.filter(\.isSNV).map { DuplexBackground.ExcludedPosition(chrom: $0.chrom, pos: $0.pos) })
        let counted = try ConsensusCounter.countWithRaw(file: file, reference: nil, targets: targets, naming: naming, options: CallingSetup.moleculeOptions,
                                                        rawFilter: rawFilter, threads: threads, bases: panel.reference,
                                                        startMargin: OffTargetCounts.defaultMargin,
                                                        flank: flank ? BackgroundFlank(maxVAF: 0.02, exclude: exclude) : nil)
        return Shared(panel: panel, counted: counted, exclude: exclude)
    }

    @Test func flankPositionsAreTheCountedOnesOutsideEveryTarget() {
        #expect(BackgroundFlank.ranges(counted: 0..<100, outside: [20..<30]) == [0..<20, 30..<100])
        // Overlapping and unsorted targets, one at the counted region's end.
        #expect(BackgroundFlank.ranges(counted: 0..<100, outside: [50..<60, 10..<30, 25..<40, 90..<100]) == [0..<10, 40..<50, 60..<90])
        #expect(BackgroundFlank.ranges(counted: 0..<100, outside: [0..<100]).isEmpty)
        #expect(BackgroundFlank.ranges(counted: 5..<10, outside: []) == [5..<10])
        // The flank never reaches another cluster (no base tallied twice).
        #expect(BackgroundFlank.defaultWidth * 2 < TargetCounter.clusterGap)
    }

    @Test(arguments: ["cfdna-t790m", "cfdna-negative", "cfdna-simplex", "cfdna-phase", "cfdna-partial-umi", "cfdna-flank-c797s"])
    func flanksFeedTheBackgroundsAndNoTargetCount(sample: String) throws {
        for threads in [1, 2] {
            let narrow = try shared(sample, flank: false, threads: threads), wide = try shared(sample, flank: true, threads: threads)
            // The targets' molecules, raw reads, UMI statistics and record starts are those of unwidened counting.
            #expect(wide.counted.molecules.targets.map(\.target) == narrow.counted.molecules.targets.map(\.target))
            #expect(wide.counted.molecules.targets.map(\.counts) == narrow.counted.molecules.targets.map(\.counts), "\(sample) threads \(threads)")
            #expect(wide.counted.molecules.stats == narrow.counted.molecules.stats, "\(sample) threads \(threads)")
            #expect(wide.counted.raw.map(\.counts) == narrow.counted.raw.map(\.counts))
            #expect(wide.counted.starts == narrow.counted.starts)
            #expect(narrow.counted.molecules.flanks == nil)
            // The flanks hold molecules of every class the targets hold, and they add to both backgrounds exactly.
            let flanks = try #require(wide.counted.molecules.flanks)
            let targets = wide.counted.molecules.targets, ref = wide.panel.reference
            let alone = FamilyClassBackground.estimate(targets, reference: ref, maxVAF: 0.02, exclude: wide.exclude)
            let fed = FamilyClassBackground.estimate(targets, reference: ref, maxVAF: 0.02, exclude: wide.exclude, flanks: flanks.classes)
            #expect(flanks.classes.molecules > 0)
            #expect(fed.totals.values.reduce(0, +) == alone.totals.values.reduce(0, +) + flanks.classes.molecules)
            for (stratum, n) in alone.totals { #expect((fed.totals[stratum] ?? 0) >= n, "\(stratum)") }
            for (stratum, k) in alone.errors { #expect((fed.errors[stratum] ?? 0) >= k, "\(stratum)") }
            let duplexAlone = DuplexBackground.estimate(targets, reference: ref, maxVAF: 0.02, exclude: wide.exclude)
            let duplexFed = DuplexBackground.estimate(targets, reference: ref, maxVAF: 0.02, exclude: wide.exclude, flanks: flanks.duplex)
            #expect(duplexFed.totals.values.reduce(0, +) == duplexAlone.totals.values.reduce(0, +) + flanks.duplex.molecules)
            // Simplex UMIs (and the partial-UMI sample made from them) give no duplex molecule.
            if !["cfdna-simplex", "cfdna-partial-umi"].contains(sample) { #expect(flanks.duplex.molecules > 0, "\(sample)") }
        }
    }

    /// The family-class tier's evidence at a hotspot allele against the targets' background alone and the flank-fed one.
    func evidence(_ sample: String, key: String) throws -> (alone: FamilyClassTier.Evidence, fed: FamilyClassTier.Evidence) {
        let s = try shared(sample, flank: true)
        let naming = ContigNaming.matching(panelChroms: ["chr7"], inputContigs: ["chr7"])
        let targets = s.counted.molecules.targets
        var caller = PanelCaller(panel: s.panel, naming: naming, parameters: CallingParameters())
        caller.familyClassBackground = FamilyClassBackground.estimate(targets, reference: s.panel.reference, maxVAF: 0.02, exclude: s.exclude)
        let alone = try #require(caller.familyClassEvidence(targets, reference: s.panel.reference)[key])
        caller.familyClassBackground = FamilyClassBackground.estimate(targets, reference: s.panel.reference, maxVAF: 0.02, exclude: s.exclude,
                                                                      flanks: s.counted.molecules.flanks?.classes)
        let fed = try #require(caller.familyClassEvidence(targets, reference: s.panel.reference)[key])
        return (alone, fed)
    }

    @Test func twoMoleculeC797SIsACallOnlyAgainstTheFlankFedBackground() throws {
        let (alone, fed) = try evidence("cfdna-flank-c797s", key: "chr7:55181399:G:C")
        #expect(fed.alt[MoleculeClass.duplex.rawValue] == 1 && fed.alt[MoleculeClass.ss3.rawValue] == 1, "\(fed.alt)")
        #expect(fed.alt == alone.alt && fed.depth == alone.depth)
        #expect(!alone.detected, "targets alone: corrected p \(alone.correctedP), rates \(alone.rate)")
        #expect(fed.detected, "flank-fed: corrected p \(fed.correctedP), rates \(fed.rate)")
        // The flanks tighten the duplex and ss3 C>G rates, rule-of-three bounds over more molecules (the
        // singletons' rate is observed sequencing error: the flanks estimate it, they need not lower it).
        for cls in [MoleculeClass.duplex, .ss3] {
            let a = try #require(alone.rate[cls.rawValue]), f = try #require(fed.rate[cls.rawValue])
            #expect(f < a, "\(cls.name): \(f) vs \(a)")
        }
        // Two one-strand T790M molecules of 2 read pairs (CpG) stay uncalled.
        let (_, t790m) = try evidence("cfdna-flank-c797s", key: "chr7:55181378:C:T")
        #expect(t790m.alt[MoleculeClass.ss2.rawValue] == 2, "\(t790m.alt)")
        #expect(!t790m.detected, "corrected p \(t790m.correctedP)")
    }

    @Test(arguments: ["cfdna-negative", "cfdna-pcr-t790m", "cfdna-class-singletons", "cfdna-class-cpg"])
    func variantFreeHotspotsStayUncalledAgainstTheFlankFedBackground(sample: String) throws {
        let s = try shared(sample, flank: true)
        let naming = ContigNaming.matching(panelChroms: ["chr7"], inputContigs: ["chr7"])
        let targets = s.counted.molecules.targets
        var caller = PanelCaller(panel: s.panel, naming: naming, parameters: CallingParameters())
        let flanks = try #require(s.counted.molecules.flanks)
        caller.familyClassBackground = FamilyClassBackground.estimate(targets, reference: s.panel.reference, maxVAF: 0.02, exclude: s.exclude,
                                                                      flanks: flanks.classes)
        caller.duplexBackground = DuplexBackground.estimate(targets, reference: s.panel.reference, maxVAF: 0.02, exclude: s.exclude, flanks: flanks.duplex)
        let classes = caller.familyClassEvidence(targets, reference: s.panel.reference)
        #expect(!classes.isEmpty)
        for (key, e) in classes { #expect(!e.detected, "\(sample) \(key): corrected p \(e.correctedP), alt \(e.alt)") }
        for (key, e) in caller.duplexEvidence(targets) { #expect(!e.detected, "\(sample) \(key) (duplex)") }
        // Something at T790M to test where the sample puts it (not an empty comparison).
        if sample != "cfdna-negative" { #expect((classes["chr7:55181378:C:T"]?.alt.reduce(0, +) ?? 0) >= 2, "\(sample)") }
    }
}
