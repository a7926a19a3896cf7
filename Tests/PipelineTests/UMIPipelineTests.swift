import G2TCore
import Pipeline
import Testing
import TestSupport

/// UMI consensus calling end to end on the simulated cfDNA samples (TestData/samples/cfdna,
/// scripts/simulate_cfdna.py): molecules, not reads, decide calls and limits of detection.
@Suite struct UMIPipelineTests {
    func call(_ sample: String, umiTag: String? = nil, log: (String) -> Void = { _ in }) throws -> Analysis {
        var o = CallOptions(input: TestSupport.testData("samples/cfdna/\(sample).bam"), environment: ["SOURCE_DATE_EPOCH": "0"])
        o.umiTag = umiTag
        return try Stages.call(o, log: log)
    }

    @Test func t790mAtHalfAPercentIsCalledFromMolecules() throws {
        let a = try call("cfdna-t790m")
        let umi = try #require(a.qc.umi, "UMI mode must switch on by itself for reads with RX")
        #expect(a.notes.contains { $0.contains("UMI consensus mode") })
        let t = try #require(a.hotspots.first { $0.name == "EGFR T790M" })
        #expect(t.status == .detected)
        // 0.5% of 2,500 molecules: about 12 alternate molecules, depth in molecules far below the raw reads.
        #expect((2_000...3_000).contains(t.depth), "molecules at T790M: \(t.depth)")
        #expect((6...20).contains(t.altDepth), "T790M molecules: \(t.altDepth)")
        #expect((t.readDepth ?? 0) > 3 * t.depth)
        let v = try #require(a.variants.first { $0.hotspot == "EGFR T790M" })
        #expect(v.filter == .pass)
        #expect((v.readAltDepth ?? 0) > v.altDepth && (v.readDepth ?? 0) > v.depth)
        // The exon 19 deletion at 1% too.
        #expect(a.hotspots.first { $0.name == "EGFR E746_A750del (c.2235_2249del)" }?.status == .detected)
        #expect(umu(umi))
    }

    func umu(_ u: UMISummary) -> Bool {
        // Families of one read pair are kept apart in the histogram; duplex UMIs give duplex families.
        u.familySizeHistogram.count == UMISummary.histogramCap + 1 && u.familySizeHistogram[1] == u.singletons
            && u.singletons > 0 && u.duplexFamilies > 0 && u.families > u.singletons && u.tag == "RX"
            && !u.targets.isEmpty && u.targets.contains { $0.meanMolecules > 0 && $0.meanRawDepth > 2 * $0.meanMolecules }
    }

    @Test func negativeSampleHasNoCallsAndStatesItsLimitInMolecules() throws {
        let a = try call("cfdna-negative")
        // Its molecules carry sequencing errors and early-PCR errors shared by whole families: none is a call.
        #expect(a.variants.filter { $0.filter == .pass }.isEmpty, "false positives: \(a.variants.filter { $0.filter == .pass }.map { "\($0.pos)\($0.ref)>\($0.alt)" })")
        let t = try #require(a.hotspots.first { $0.name == "EGFR T790M" })
        #expect(t.status == .notDetected)
        let lod = try #require(t.lod)
        #expect(lod > 0.0005 && lod < 0.005, "LOD \(lod) at \(t.depth) molecules")
        let statement = try #require(a.qc.umi?.hotspotStatements.first { $0.hasPrefix("EGFR T790M ") })
        let grouped = t.depth >= 1_000 ? "\(t.depth / 1_000),\(String(t.depth % 1_000).leftPadded(3))" : "\(t.depth)"
        let pct = "\((lod * 10_000).rounded() / 100)%"
        #expect(statement == "EGFR T790M not detected; \(grouped) molecules; LOD \(pct)")
    }

    @Test func simplexUMIsWork() throws {
        let a = try call("cfdna-simplex", umiTag: "RX")
        #expect(a.qc.umi?.duplexFamilies == 0)
        #expect(a.hotspots.first { $0.name == "EGFR T790M" }?.status == .detected)
    }

    @Test func readsWithoutUMIsAreCalledAsBefore() throws {
        let a = try Stages.call(CallOptions(input: TestSupport.testData("samples/egfr-ex19del-t790m.bam")))
        #expect(a.qc.umi == nil)
        #expect(!a.notes.contains { $0.contains("UMI") })
    }
}

/// Bad UMI input: a clear error or a note in the report, never a silent fall-back.
@Suite struct UMIBadInputTests {
    func call(_ path: String, umiTag: String? = nil) throws -> Analysis {
        var o = CallOptions(input: TestSupport.testData(path))
        o.umiTag = umiTag
        return try Stages.call(o)
    }

    func message(_ body: () throws -> Analysis) -> String? {
        do { _ = try body(); return nil } catch { return "\(error)" }
    }

    @Test func absentTagNamedOnTheCommandLineIsAnError() throws {
        let m = try #require(message { try call("samples/cfdna/cfdna-simplex.bam", umiTag: "BX") })
        #expect(m.contains("--umi-tag BX") && m.contains("cfdna-simplex.bam"))
        let raw = try #require(message { try call("samples/egfr-wildtype.bam", umiTag: "RX") })
        #expect(raw.contains("--umi-tag RX: none of the"))
        #expect(message { try call("samples/egfr-wildtype.bam", umiTag: "R") }?.contains("not a SAM tag name") == true)
    }

    @Test func tagOnOnlySomeReadsIsSaidInTheReport() throws {
        let a = try call("samples/cfdna/cfdna-partial-umi.bam")
        #expect(a.qc.umi == nil)
        #expect(a.notes.contains { $0.contains("carry a RX UMI: UMI consensus is off and variants are called from raw reads") })
        let m = try #require(message { try call("samples/cfdna/cfdna-partial-umi.bam", umiTag: "RX") })
        #expect(m.contains("carry the tag"))
    }

    @Test func malformedUMIsAreCountedAndNoted() throws {
        let a = try call("samples/cfdna/cfdna-malformed-umi.bam")
        let u = try #require(a.qc.umi)
        #expect((u.readsMalformed[UMI_Problem.nRich] ?? 0) > 100)
        #expect((u.readsMalformed[UMI_Problem.wrongLength] ?? 0) > 100)
        #expect(a.notes.contains { $0.contains("malformed UMIs were left out") })
    }

    @Test func nameSortedReadsAreAnError() throws {
        let m = try #require(message { try call("samples/cfdna/cfdna-namesorted.bam") })
        #expect(m.contains("cfdna-namesorted.bam") && (m.contains("sorted by name") || m.contains("not coordinate-sorted")))
    }
}

/// The reasons as the JSON writes them.
enum UMI_Problem {
    static let nRich = "too many N bases"
    static let wrongLength = "length differs from the run's UMI length"
}

private extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}

/// The duplex hotspot tier end to end (branch hot1): two duplex molecules carrying T790M are a call;
/// two one-strand early-PCR molecules showing it are not (three such molecules of 4-5 read pairs pass
/// the molecule rule itself, LOD 3.01: docs/benchmarks.md, "Duplex hotspot tier").
@Suite struct UMIDuplexTierTests {
    func call(_ sample: String) throws -> Analysis {
        try Stages.call(CallOptions(input: TestSupport.testData("samples/cfdna/\(sample).bam"), environment: ["SOURCE_DATE_EPOCH": "0"]))
    }

    @Test func twoDuplexMoleculesCarryingT790MAreCalled() throws {
        let a = try call("cfdna-duplex-t790m")
        let t = try #require(a.hotspots.first { $0.name == "EGFR T790M" })
        #expect(t.duplexAltDepth == 2)
        #expect(t.duplexMinAlt == 2, "needed \(String(describing: t.duplexMinAlt)) at \(String(describing: t.duplexDepth)) duplex molecules")
        // Below the molecule rule (3 molecules, 0.1%): only the duplex tier can call it.
        #expect(t.altDepth < 3)
        #expect(t.status == .detected)
        let v = try #require(a.variants.first { $0.hotspot == "EGFR T790M" })
        #expect(v.filter == .pass)
        #expect(a.qc.umi?.hotspotStatements.contains { $0.hasPrefix("EGFR T790M detected in 2 of") } == true)
        // Nothing else passes.
        #expect(a.variants.filter { $0.filter == .pass }.count == 1)
    }

    @Test func oneStrandEarlyPCRMoleculesAtT790MAreNot() throws {
        let a = try call("cfdna-pcr-t790m")
        let t = try #require(a.hotspots.first { $0.name == "EGFR T790M" })
        #expect(t.altDepth >= 2, "the one-strand molecules must be counted as alternate molecules: \(t.altDepth)")
        #expect(t.duplexAltDepth == 0)
        #expect(t.status == .notDetected)
        #expect(a.variants.filter { $0.filter == .pass }.isEmpty)
        // The negative statement's LOD is the lower of the two rules' (either detects).
        let lod = try #require(t.lod)
        let statement = try #require(a.qc.umi?.hotspotStatements.first { $0.hasPrefix("EGFR T790M ") })
        #expect(statement.hasSuffix("LOD \((lod * 10_000).rounded() / 100)%"))
    }
}
