import G2TCore
import Pipeline
import Testing
import TestSupport

/// The family-class hotspot tier end to end (branch cls1): the committed class samples through
/// `Stages.call`; which rule called a hotspot is in the JSON (`calledBy`) and the VCF (INFO HTIER).
@Suite struct UMIFamilyClassTierTests {
    func call(_ sample: String) throws -> Analysis {
        try Stages.call(CallOptions(input: TestSupport.testData("samples/cfdna/\(sample).bam"), environment: ["SOURCE_DATE_EPOCH": "0"]))
    }

    @Test func oneDuplexAndTwoThreePairMoleculesCallC797SByTheClassTier() throws {
        let a = try call("cfdna-class-c797s")
        let t = try #require(a.hotspots.first { $0.name.hasPrefix("EGFR C797S") && $0.alt == "C" })
        #expect(t.status == .detected)
        #expect(t.calledBy?.contains(.familyClass) == true, "\(String(describing: t.calledBy))")
        #expect(t.calledBy?.contains(.duplex) == false, "one duplex molecule")
        #expect((t.familyClassP ?? 1) <= 0.05)
        #expect(t.duplexAltDepth == 1)
        let v = try #require(a.variants.first { $0.hotspot == t.name })
        #expect(v.filter == .pass)
        // Hotspots not detected say no rule.
        #expect(a.hotspots.filter { $0.status != .detected }.allSatisfy { $0.calledBy == nil })
    }

    @Test func threeSingletonsAtT790MAreNotCalled() throws {
        let a = try call("cfdna-class-singletons")
        let t = try #require(a.hotspots.first { $0.name == "EGFR T790M" })
        #expect(t.altDepth >= 3)
        #expect(t.status == .notDetected)
        #expect((t.familyClassP ?? 0) > 0.05)
        #expect(t.calledBy == nil)
        // The LOD is the lowest of the rules' and the statement prints it.
        let lod = try #require(t.lod)
        let statement = try #require(a.qc.umi?.hotspotStatements.first { $0.hasPrefix("EGFR T790M ") })
        #expect(statement.hasSuffix("LOD \((lod * 10_000).rounded() / 100)%"))
    }

    @Test func twoMoleculeC797SIsCalledAgainstTheFlankFedBackgroundAndNothingInTheFlanks() throws {
        // One duplex molecule and one one-strand molecule of 3 read pairs (branch bg1): a call only because
        // the background is taken around the targets too (`FlankBackgroundTests` has the targets-alone side).
        let a = try call("cfdna-flank-c797s")
        let t = try #require(a.hotspots.first { $0.name.hasPrefix("EGFR C797S") && $0.alt == "C" })
        #expect(t.status == .detected)
        #expect(t.calledBy == [.familyClass], "\(String(describing: t.calledBy))")
        #expect(t.altDepth == 2 && (t.familyClassP ?? 1) <= 0.05, "\(t.altDepth) \(String(describing: t.familyClassP))")
        // Two one-strand T790M molecules of 2 read pairs are not.
        let t790m = try #require(a.hotspots.first { $0.name == "EGFR T790M" })
        #expect(t790m.status == .notDetected && t790m.calledBy == nil)
        // The only passing record is the truth; every record and the UMI QC lie in the panel's targets.
        #expect(a.variants.filter { $0.filter == .pass }.map(\.pos) == [55181399])
        let targets = try PanelLoader.bundled(build: .grch38).targets.filter { $0.interval.chrom == "chr7" }
        for v in a.variants { #expect(targets.contains { $0.interval.start <= v.pos && v.pos <= $0.interval.end }, "\(v.pos)") }
        #expect(a.qc.umi?.targets.count == targets.count)
    }

    @Test func hotspotsCalledByTheMoleculeRuleSaySo() throws {
        let a = try call("cfdna-t790m")
        let t = try #require(a.hotspots.first { $0.name == "EGFR T790M" })
        #expect(t.status == .detected)
        #expect(t.calledBy?.contains(.likelihood) == true, "\(String(describing: t.calledBy))")
    }
}
