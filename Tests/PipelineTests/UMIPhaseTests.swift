import G2TCore
import HTS
@testable import Pipeline
import Testing
import TestSupport

/// Phasing and MNV merging in UMI mode count molecules, as the calls do (TestData/samples/cfdna/
/// cfdna-phase.bam: T790M and C797S each on 2% of 2,500 molecules, never together, except one PCR
/// jackpot molecule read as 60 read pairs that carries both; an MNV CA>TC in codon 787 on 2%).
/// By read pairs the jackpot outweighs the trans molecules; by molecules it is one of about 90.
@Suite struct UMIPhaseTests {
    static let sample = TestSupport.testData("samples/cfdna/cfdna-phase.bam")

    func call() throws -> Analysis {
        try Stages.call(CallOptions(input: Self.sample, environment: ["SOURCE_DATE_EPOCH": "0"]))
    }

    @Test func t790mAndC797SAreInTransByMoleculesThoughReadPairsSayOtherwise() throws {
        let a = try call()
        #expect(a.qc.umi != nil)
        let t790m = try #require(a.variants.first { $0.hotspot == "EGFR T790M" && $0.passed })
        let c797s = try #require(a.variants.first { $0.pos == 55_181_399 && $0.alt == "C" && $0.passed })
        let phase = try #require(a.phases.first { $0.keys == [t790m.key, c797s.key] })
        #expect(phase.relation == .trans, "molecules: \(phase)")
        // The jackpot is one molecule; the others are counted once each, like the calls' alternate molecules.
        #expect(phase.both == 1)
        #expect(phase.firstOnly <= t790m.altDepth && phase.secondOnly <= c797s.altDepth)
        #expect(phase.firstOnly >= 25 && phase.secondOnly >= 25)

        // The same two sites read by read pairs, as phasing did before molecules: the jackpot's 60
        // pairs carry both, far above the trans share of the rarer variant's pairs.
        let file = try AlignmentFile(path: Self.sample)
        let filter = ReadFilter(minMappingQuality: UInt8(a.parameters.minMappingQuality), minBaseQuality: UInt8(a.parameters.minBaseQuality),
                                countFragmentsOnce: true).keepingDuplicates
        let sites = [AlleleSite(position: t790m.pos - 1, change: .base(UInt8(ascii: "T"))), AlleleSite(position: c797s.pos - 1, change: .base(UInt8(ascii: "C")))]
        let pairs = try file.fragmentAlleles(in: GenomicRegion(contig: t790m.chrom, start: t790m.pos - 1, end: c797s.pos), sites: sites, filter: filter)
        let both = pairs.filter { $0 == [.alt, .alt] }.count
        let rarer = min(both + pairs.filter { $0 == [.alt, .ref] }.count, both + pairs.filter { $0 == [.ref, .alt] }.count)
        #expect(both >= 55, "read pairs with both: \(both)")
        #expect(Double(both) > a.parameters.phasing.transShare * Double(rarer), "by read pairs it would not be trans: \(both) of \(rarer)")
    }

    @Test func mnvCountsMoleculesNotReadPairs() throws {
        let a = try call()
        let mnv = try #require(a.variants.first { $0.pos == 55_181_368 && $0.ref == "CA" && $0.alt == "TC" }, "the two SNVs of codon 787 are one MNV")
        #expect(!a.variants.contains { ($0.pos == 55_181_368 || $0.pos == 55_181_369) && $0.ref.count == 1 })
        // 2% of 2,500 molecules = 50, fewer where singletons' bases fall below quality; by read pairs about 5× more.
        #expect((35...55).contains(mnv.altDepth), "MNV alternate molecules: \(mnv.altDepth)")
        #expect(mnv.altDepth <= mnv.depth)
        let vaf = try #require(mnv.vaf)
        #expect(vaf > 0.014 && vaf < 0.026, "MNV VAF \(vaf)")
    }
}
