import Calling
import G2TCore
import HTS
import Testing
import TestSupport

/// One simulated SNV (chr7:55191850 A>T, 20%) and the same SNV turned into each artefact
/// (TestData/samples/trap-*.bam): every trap must leave no passing call.
@Suite struct ArtefactFilterTests {
    func site(_ kind: String) throws -> VariantCall? {
        try CallingSetup.counted("trap-\(kind)").call().variants.first { $0.pos == 55_191_850 }
    }

    @Test func theUntouchedSNVPasses() throws {
        let v = try #require(try site("none"))
        #expect(v.passed && abs((v.vaf ?? 0) - 0.2) < 0.05)
    }

    /// Artefacts the evidence itself betrays are called and named by their filter (the orientation
    /// trap, all in F1R2 pairs, is judged by the sample's damage model since the hard cut-off went).
    @Test(arguments: [("strand", "strand_bias"), ("readend", "read_position"), ("orientation", "damage"),
                      ("mostlydup", "duplicate"), ("mostlylowmapq", "low_mapq")])
    func namedFilter(kind: String, filter: String) throws {
        let v = try #require(try site(kind), "the \(kind) trap should still be seen, and filtered")
        #expect(v.filter.text == filter)
        #expect(!v.passed)
    }

    /// Artefacts in reads or bases g2t never counts leave nothing at all.
    @Test(arguments: ["lowbq", "dup", "lowmapq"])
    func excludedEvidence(kind: String) throws {
        #expect(try site(kind) == nil)
    }

    /// An allele the likelihood supports on fewer fragments than --min-alt is listed as min_alt.
    @Test func minAltIsNamed() throws {
        var p = CallingParameters()
        p.minAltFragments = 500
        let v = try CallingSetup.counted("trap-none").call(p).variants.first { $0.pos == 55_191_850 }
        #expect(v?.filter == "min_alt")
    }

    @Test func filtersAreDeclaredInTheVCF() throws {
        let dir = try TestSupport.tempDir()
        let out = try TestSupport.run(TestSupport.g2tBinary, ["pipeline", TestSupport.testData("samples/trap-strand.bam"), "--out", dir])
        #expect(out.status == 0, "\(out.stderr)")
        let header = try TestSupport.run("bcftools", ["view", "-h", dir + "/EGFR-TRAP.g2t.vcf.gz"]).stdout
        for f in CallFilter.allCases { #expect(header.contains("##FILTER=<ID=\(f.rawValue),")) }
        let rec = try TestSupport.run("bcftools", ["view", "-H", "-f", "strand_bias", dir + "/EGFR-TRAP.g2t.vcf.gz"]).stdout
        #expect(rec.contains("55191850"))
    }

}
