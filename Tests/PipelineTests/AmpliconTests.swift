import Foundation
import G2TCore
import Knowledge
@testable import Pipeline
import Testing
import TestSupport

/// Amplicon mode on simulated amplicon-panel samples (TestData/samples/amplicon, simulate_amplicon.py):
/// whole-amplicon reads on real EGFR exons 18–21 with untrimmed primers, variants at 5–20% including
/// some within 10 bp of an insert end and one under a neighbour's primer, and a primer-site mismatch.
@Suite struct AmpliconTests {
    static let bed = TestSupport.testData("samples/amplicon/egfr-exons18-21.amplicons.bed")
    /// The primer-site mismatch (simulate_amplicon.py): a base of EGFR_ex21_2's left primer that
    /// differs from the reference, in every read of that amplicon.
    static let primerMismatch = 55_191_780
    /// PRIMER_EGFR_ex18_2 in the truth: under EGFR_ex18_2's left primer, inside EGFR_ex18_1's insert.
    static let underPrimer = 55_173_976
    static let l858r = 55_191_822

    struct Truth { var pos: Int; var ref: String; var alt: String; var af: Double; var name: String }

    static func truth() throws -> [Truth] {
        let out = try TestSupport.run("bcftools", ["query", "-f", "%POS\t%REF\t%ALT\t%INFO/AF\t%INFO/NAME\n",
                                                   TestSupport.testData("samples/amplicon/amplicon-egfr.truth.vcf.gz")])
        #expect(out.status == 0, "\(out.stderr)")
        return out.stdout.split(separator: "\n").compactMap { line in
            let f = line.split(separator: "\t").map(String.init)
            guard f.count == 5, let pos = Int(f[0]), let af = Double(f[3]) else { return nil }
            return Truth(pos: pos, ref: f[1], alt: f[2], af: af, name: f[4])
        }
    }

    static func call(_ sample: String, amplicons: Bool = true) throws -> Analysis {
        var o = CallOptions(input: TestSupport.testData("samples/amplicon/\(sample).bam"))
        if amplicons { o.amplicons = bed }
        return try Stages.call(o)
    }

    static func passing(_ a: Analysis, _ t: Truth) -> VariantCall? {
        a.variants.first { $0.pos == t.pos && $0.ref == t.ref && $0.alt == t.alt && $0.passed }
    }

    @Test func truthHasEndAndPrimerVariants() throws {
        let t = try Self.truth()
        #expect(t.count >= 10)
        #expect(t.filter { $0.name.hasPrefix("END") }.count >= 5)
        #expect(t.contains { $0.pos == Self.underPrimer })
        #expect(t.allSatisfy { $0.af >= 0.05 && $0.af <= 0.2 })
    }

    /// Recall ≥ 99% at VAF ≥ 5% (here: every truth variant), insert-end variants included, with VAFs
    /// measured from the amplicons whose insert holds the variant (not diluted by primer bases).
    @Test(arguments: ["amplicon-egfr", "amplicon-egfr-markdup"])
    func recallWithAmplicons(sample: String) throws {
        let a = try Self.call(sample)
        let truth = try Self.truth()
        var missed: [String] = []
        for t in truth {
            guard let v = Self.passing(a, t) else { missed.append(t.name); continue }
            let vaf = v.vaf ?? 0
            #expect(vaf > t.af * 0.6 && vaf < t.af * 1.5, "\(t.name): VAF \(vaf) vs truth \(t.af)")
        }
        #expect(missed.isEmpty, "missed: \(missed)")
        #expect(Double(truth.count - missed.count) / Double(truth.count) >= 0.99)
        // No passing call outside the truth: in particular none from the primer-site mismatch.
        let extra = a.variants.filter { v in v.passed && !truth.contains { $0.pos == v.pos && $0.ref == v.ref && $0.alt == v.alt } }
        #expect(extra.isEmpty, "false positives: \(extra.map { "\($0.pos) \($0.ref)>\($0.alt)" })")
    }

    /// Primer bases are not counted: the primer-site mismatch is seen in no read at all.
    @Test func noCallFromPrimerBases() throws {
        let a = try Self.call("amplicon-egfr")
        #expect(!a.variants.contains { $0.pos == Self.primerMismatch })
        #expect(a.parameters.amplicon != nil, "amplicon mode's values are recorded")
    }

    /// Without --amplicons the primer-site mismatch becomes a passing call (~50%), a variant under a
    /// primer is diluted by the primer's reference bases, and with duplicate marking the variants are lost.
    @Test func withoutAmpliconModeTheAssayMisleads() throws {
        let plain = try Self.call("amplicon-egfr", amplicons: false)
        let artefact = plain.variants.first { $0.pos == Self.primerMismatch }
        #expect(artefact?.passed == true, "the primer mismatch is called without primer trimming")
        let truth = try Self.truth()
        let under = try #require(truth.first { $0.pos == Self.underPrimer })
        let diluted = plain.variants.first { $0.pos == under.pos }?.vaf ?? 0
        #expect(diluted < under.af * 0.75, "VAF \(diluted) diluted by primer reads (truth \(under.af))")
        let dedup = try Self.call("amplicon-egfr-markdup", amplicons: false)
        let found = truth.filter { Self.passing(dedup, $0) != nil }.count
        #expect(Double(found) / Double(truth.count) < 0.5, "duplicate marking discards amplicon reads: \(found) of \(truth.count) found")
    }

    @Test func perAmpliconQC() throws {
        let a = try Self.call("amplicon-egfr")
        let qc = try #require(a.qc.amplicons)
        #expect(qc.amplicons.count == 9)
        #expect(qc.amplicons.allSatisfy { $0.fragments == 400 && !$0.dropout && $0.meanInsertDepth > 300 })
        #expect(qc.unmatchedReads == 0 && qc.primersTrimmed)
        #expect(qc.file == Self.bed)
    }

    /// The amplicon reading L858R drops out: QC flags it, L858R's hotspot is low-coverage, a note says so.
    @Test func dropoutMakesItsHotspotsLowCoverage() throws {
        let a = try Self.call("amplicon-dropout")
        let qc = try #require(a.qc.amplicons)
        let dropped = qc.amplicons.filter(\.dropout).map(\.name)
        #expect(dropped == ["EGFR_ex21_2"])
        let h = try #require(a.hotspots.first { $0.pos == Self.l858r && $0.ref.count == 1 })
        #expect(h.status == .lowCoverage)
        #expect(a.notes.contains { $0.contains("EGFR_ex21_2 dropped out") })
        // Hotspots other amplicons read are assessed as usual (T790M: 10%).
        let t790m = try #require(a.hotspots.first { $0.pos == 55_181_378 })
        #expect(t790m.status == .detected)
    }

    /// Why read_position compares the alleles in amplicon mode: judged on the insert-end distance alone
    /// (gap 0), the variants 3–8 bp inside an insert end that only one amplicon reads are rejected.
    @Test func readPositionNeedsTheReferenceComparison() throws {
        var o = CallOptions(input: TestSupport.testData("samples/amplicon/amplicon-egfr.bam"))
        o.amplicons = Self.bed
        var mode = CallingParameters.AmpliconMode()
        mode.readPositionMinGap = 0
        o.parameters.amplicon = mode
        let a = try Stages.call(o)
        for pos in [55_173_901, 55_174_702, 55_181_273] {  // END1, END3, END5: one amplicon each
            let v = try #require(a.variants.first { $0.pos == pos })
            #expect(v.filter.text == "read_position", "\(pos): \(v.filter.text)")
        }
    }

    /// A configuration file may set the amplicon group; without --amplicons it changes nothing.
    @Test func hybridCaptureRecordsNoAmpliconGroup() throws {
        let a = try Self.call("amplicon-egfr", amplicons: false)
        #expect(a.parameters.amplicon == nil && a.qc.amplicons == nil)
    }
}

/// The amplicon group in a --config file: settable, validated, absent unless given.
@Suite struct AmpliconConfigurationTests {
    @Test func theGroupIsOptionalSettableAndChecked() throws {
        let set = try ConfigurationFile.parse(Array(#"{"amplicon": {"matchTolerance": 3}}"#.utf8), file: "c.json")
        #expect(set.amplicon?.matchTolerance == 3 && set.amplicon?.dropoutFraction == 0.2)
        #expect(try ConfigurationFile.parse(Array(#"{"minLOD": 7}"#.utf8), file: "c.json").amplicon == nil)
        #expect(throws: PipelineError.badInput(path: "c.json", detail: "amplicon.dropoutFraction: must be a fraction from 0 to 1, not 2.0")) {
            try ConfigurationFile.parse(Array(#"{"amplicon": {"dropoutFraction": 2}}"#.utf8), file: "c.json")
        }
        #expect(throws: PipelineError.self) { try ConfigurationFile.parse(Array(#"{"amplicon": {"tolerance": 3}}"#.utf8), file: "c.json") }
    }
}

/// Sample-sheet column `amplicons`: resolved like the other file columns and passed to the sample's run.
@Suite struct AmpliconSheetTests {
    @Test func ampliconsColumnIsPassedOn() throws {
        let dir = try TestSupport.tempDir()
        let bam = TestSupport.testData("samples/amplicon/amplicon-egfr.bam")
        let path = dir + "/sheet.csv"
        try "sample,input,tumor_type,amplicons\nA,\(bam),LUAD,\(AmpliconTests.bed)\nB,\(bam),LUAD,\n".write(toFile: path, atomically: true, encoding: .utf8)
        let sheet = try SampleSheet.load(path)
        #expect(sheet.rows[0].amplicons == AmpliconTests.bed && sheet.rows[1].amplicons == nil)
        let runner = BatchRunner(out: dir + "/out", jobs: 1, kb: try KnowledgeBaseLoader.bundled(), environment: [:], executable: TestSupport.g2tBinary)
        let args = runner.arguments(sheet.rows[0], dir: "x")
        #expect(args.firstIndex(of: "--amplicons").map { args[$0 + 1] } == AmpliconTests.bed)
        #expect(!runner.arguments(sheet.rows[1], dir: "x").contains("--amplicons"))
        #expect(runner.options(sheet.rows[0]).amplicons == AmpliconTests.bed)
        let missing = dir + "/sheet2.csv"
        try "sample,input,tumor_type,amplicons\nA,\(bam),LUAD,\(dir)/none.bed\n".write(toFile: missing, atomically: true, encoding: .utf8)
        #expect(throws: SampleSheetError.self) { try SampleSheet.load(missing) }
    }
}
