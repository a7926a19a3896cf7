@testable import HTS
import Testing
import TestSupport

/// The molecules the first pass records for phasing (`ConsensusMolecule`, branch ph2) are the
/// molecules it counts: at every position of the region, the molecules whose recorded consensus is
/// each base or a deletion add up to the molecule counts, and each accepted indel's molecules to
/// the indel's count; and a molecule's state at a site follows the read-based meanings.
@Suite struct ConsensusMoleculeTests {
    init() { HTSEnvironment.configure() }

    /// The recorded molecules, summed per position and allele, against the counts of the same pass.
    @Test(arguments: UMIStreamingTests.samples + ["cfdna-duplex-t790m", "cfdna-pcr-t790m"])
    func moleculesAddUpToTheCountsAtEveryPosition(sample: String) throws {
        let f = try AlignmentFile(path: TestSupport.testData("samples/cfdna/\(sample).bam"))
        for region in UMIStreamingTests.regions {
            // A made-up reference (every base C): most positions are exceptions, the C ones are not
            // listed; and no reference (every position listed).
            for reference in [[UInt8](repeating: UInt8(ascii: "C"), count: region.length), nil] {
                for (minSize, duplex) in [(1, false), (2, true)] {
                    let o = UMIStreamingTests.options(minFamilySize: minSize, requireDuplex: duplex)
                    let r = try f.moleculeCounts(in: region, options: o, subregions: [region], referenceBases: reference)
                    let molecules = r.stats.molecules
                    #expect(molecules.count == r.stats.families.filter { $0.counted && $0.start < region.end && $0.end > region.start }.count,
                            "\(sample): one molecule per counted family overlapping the region")
                    if sample != "cfdna-malformed-umi" && !duplex { #expect(!molecules.isEmpty, "\(sample): nothing to compare") }
                    var mismatches: [String] = []
                    for p in region.start..<region.end {
                        var bases = [0, 0, 0, 0], deleted = 0
                        for m in molecules {
                            switch m.code(at: p) {
                            case nil: if reference != nil { bases[1] += 1 }  // the reference base C
                            case .a?, .c?, .g?, .t?: bases[Int(m.code(at: p)?.rawValue ?? 0)] += 1
                            case .deleted?: deleted += 1
                            case .notCovered?, .noCall?: break
                            }
                        }
                        let counted = [RegionCounts.Base.a, .c, .g, .t].map { r.counts.count($0, at: p) }
                        if bases != counted || deleted != r.counts.deletions(at: p) {
                            mismatches.append("\(p): \(bases) \(deleted) vs \(counted) \(r.counts.deletions(at: p))")
                        }
                    }
                    #expect(mismatches.isEmpty, "\(sample) \(region) min \(minSize) duplex \(duplex): \(mismatches.prefix(5))")
                    var indels: [RegionCounts.IndelKey: Int] = [:]
                    for m in molecules { for k in m.indels { indels[k, default: 0] += 1 } }
                    #expect(indels == r.counts.indels.mapValues(\.total), "\(sample) \(region): indels")
                    // A fixed order: the molecules of a region are the same with the query read again.
                    #expect(try f.moleculeCounts(in: region, options: o, subregions: [region], referenceBases: reference).stats.molecules == molecules)
                }
            }
        }
        // Deletions are recorded too (the exon 19 deletion is on 1% of cfdna-t790m's molecules).
        if sample == "cfdna-t790m" {
            let o = UMIStreamingTests.options(minFamilySize: 1, requireDuplex: false)
            let r = try f.moleculeCounts(in: UMIStreamingTests.regions[0], options: o, subregions: [], referenceBases: nil)
            let site = AlleleSite(position: 55_174_770, change: .deletion(length: 15))
            let alt = r.stats.molecules.filter { $0.state(at: site) == .alt }.count
            #expect(alt > 0 && alt == r.counts.indels[RegionCounts.IndelKey(anchor: 55_174_770, deletedLength: 15, inserted: "")]?.total)
        }
    }

    /// One molecule over 100–120 of reference `AAAA…` with a T at 105, a no-call at 107, nothing read
    /// at 110–111, bases deleted at 113–114 (an accepted 2-base deletion after 112) and an accepted
    /// insertion of GG after 116.
    static func molecule() -> ConsensusMolecule {
        var r = ConsensusMolecule.Recorder(start: 90, end: 130, umi: "ACGT", lo: 100, hi: 120)
        r.note(99, .t)  // outside the recorded range: ignored
        r.note(105, .t)
        r.noCall(107, covered: true)
        r.noCall(110, covered: false)
        r.noCall(111, covered: false)
        r.note(113, .deleted)
        r.note(114, .deleted)
        r.accept(RegionCounts.IndelKey(anchor: 116, deletedLength: 0, inserted: "GG"))
        r.accept(RegionCounts.IndelKey(anchor: 112, deletedLength: 2, inserted: ""))
        return r.finished()
    }

    @Test func snvStates() {
        let m = Self.molecule()
        let t = UInt8(ascii: "T"), g = UInt8(ascii: "G")
        #expect(m.exceptions.count == 4, "runs: 105, 107, 110–111, 113–114")
        #expect(m.indels.map(\.anchor) == [112, 116], "indels sorted")
        #expect(m.state(at: AlleleSite(position: 105, change: .base(t))) == .alt)
        #expect(m.state(at: AlleleSite(position: 105, change: .base(g))) == .ref, "another base than the alternate reads as ref, as a read's")
        #expect(m.state(at: AlleleSite(position: 104, change: .base(t))) == .ref)
        #expect(m.state(at: AlleleSite(position: 107, change: .base(t))) == .other)
        #expect(m.state(at: AlleleSite(position: 110, change: .base(t))) == .notCovered)
        #expect(m.state(at: AlleleSite(position: 111, change: .base(t))) == .notCovered)
        #expect(m.state(at: AlleleSite(position: 112, change: .base(t))) == .ref)
        #expect(m.state(at: AlleleSite(position: 114, change: .base(t))) == .other, "deleted")
        #expect(m.state(at: AlleleSite(position: 99, change: .base(t))) == .notCovered, "outside the recorded range")
        #expect(m.state(at: AlleleSite(position: 120, change: .base(t))) == .notCovered)
        #expect(m.state(at: AlleleSite(position: 119, change: .base(t))) == .ref)
    }

    @Test func deletionStates() {
        let m = Self.molecule()
        #expect(m.state(at: AlleleSite(position: 112, change: .deletion(length: 2))) == .alt)
        #expect(m.state(at: AlleleSite(position: 112, change: .deletion(length: 3))) == .other, "another deletion at the anchor")
        #expect(m.state(at: AlleleSite(position: 100, change: .deletion(length: 4))) == .ref)
        #expect(m.state(at: AlleleSite(position: 104, change: .deletion(length: 2))) == .ref, "the T at 105 is a base")
        #expect(m.state(at: AlleleSite(position: 106, change: .deletion(length: 2))) == .ref, "107 is read (without consensus), not deleted")
        #expect(m.state(at: AlleleSite(position: 108, change: .deletion(length: 3))) == .notCovered)
        #expect(m.state(at: AlleleSite(position: 111, change: .deletion(length: 2))) == .notCovered)
        #expect(m.state(at: AlleleSite(position: 115, change: .deletion(length: 2))) == .other, "the insertion after 116")
        #expect(m.state(at: AlleleSite(position: 117, change: .deletion(length: 2))) == .ref)
        #expect(m.state(at: AlleleSite(position: 118, change: .deletion(length: 2))) == .notCovered, "120 is past the molecule")
    }

    @Test func insertionStates() {
        let m = Self.molecule()
        #expect(m.state(at: AlleleSite(position: 116, change: .insertion(bases: "GG"))) == .alt)
        #expect(m.state(at: AlleleSite(position: 116, change: .insertion(bases: "G"))) == .other, "another insertion at the anchor")
        #expect(m.state(at: AlleleSite(position: 101, change: .insertion(bases: "GG"))) == .ref)
        #expect(m.state(at: AlleleSite(position: 106, change: .insertion(bases: "GG"))) == .ref, "107 is read")
        #expect(m.state(at: AlleleSite(position: 109, change: .insertion(bases: "GG"))) == .notCovered, "110 not read")
        #expect(m.state(at: AlleleSite(position: 112, change: .insertion(bases: "GG"))) == .other, "113 deleted")
        #expect(m.state(at: AlleleSite(position: 119, change: .insertion(bases: "GG"))) == .notCovered)
    }
}
