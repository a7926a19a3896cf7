import Foundation
import Testing
import TestSupport

/// `--amplicons` bad input: one clear error line naming the amplicon file, non-zero exit, nothing in --out.
@Suite struct AmpliconCommandLineTests {
    static let sample = TestSupport.testData("samples/amplicon/amplicon-egfr.bam")
    static let bed = TestSupport.testData("samples/amplicon/egfr-exons18-21.amplicons.bed")

    func refused(_ input: String, _ amplicons: String, saying words: [String]) throws {
        let dir = try TestSupport.tempDir()
        let out = dir + "/out"
        let r = try TestSupport.run(TestSupport.g2tBinary, ["pipeline", input, "--amplicons", amplicons, "--out", out])
        #expect(r.status != 0)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one error line: \(r.stderr)")
        let line = String(lines.first ?? "")
        #expect(line.hasPrefix("g2t: error: ") && line.contains(amplicons), "\(line)")
        for w in words { #expect(line.contains(w), "\(line) should say '\(w)'") }
        let left = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        #expect(left.isEmpty, "nothing in --out: \(left)")
    }

    @Test func anotherBuildsCoordinates() throws {
        try refused(Self.sample, TestSupport.testData("samples/amplicon/bad/grch37-coordinates.bed"), saying: ["GRCh37", "another build"])
    }

    @Test func pastTheContigsEnd() throws {
        try refused(Self.sample, TestSupport.testData("samples/amplicon/bad/past-contig-end.bed"), saying: ["past the input's contig length", "build"])
    }

    @Test func aContigTheInputLacks() throws {
        let bed = try TestSupport.tempDir() + "/chr12.bed"
        try "chr12\t25245200\t25245370\tKRAS_1\t20\t20\n".write(toFile: bed, atomically: true, encoding: .utf8)
        try refused(Self.sample, bed, saying: ["KRAS_1", "not in the input's header"])
    }

    @Test func overlappingWithoutPrimers() throws {
        try refused(Self.sample, TestSupport.testData("samples/amplicon/bad/overlap-no-primers.bed"), saying: ["overlap", "primer"])
    }

    @Test func noOverlapWithThePanel() throws {
        try refused(Self.sample, TestSupport.testData("samples/amplicon/bad/no-panel-overlap.bed"), saying: ["no amplicon overlaps a panel target"])
    }

    @Test func onAVCFInput() throws {
        try refused(TestSupport.testData("vcf/mutect2.vcf.gz"), Self.bed, saying: ["needs aligned reads", "VCF"])
    }

    @Test func aMissingFile() throws {
        try refused(Self.sample, TestSupport.testData("samples/amplicon/bad/no-such.bed"), saying: ["cannot read"])
    }

    /// The flag works end to end and the JSON carries the per-amplicon QC.
    @Test func pipelineWritesAmpliconQC() throws {
        let out = try TestSupport.tempDir() + "/out"
        let r = try TestSupport.run(TestSupport.g2tBinary, ["pipeline", Self.sample, "--amplicons", Self.bed, "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try String(contentsOfFile: out + "/AMPLICON-EGFR.report.json", encoding: .utf8)
        #expect(json.contains("\"amplicons\"") && json.contains("\"EGFR_ex21_2\"") && json.contains("\"meanInsertDepth\""))
        #expect(json.contains("\"readPositionMinGap\""))
        let v = try TestSupport.run("python3", [TestSupport.root + "/scripts/validate-json.py", TestSupport.root + "/docs/report.schema.json",
                                                out + "/AMPLICON-EGFR.report.json"])
        #expect(v.status == 0 && v.stdout.contains("1 valid, 0 invalid"), "\(v.stdout)\(v.stderr)")
        // The HTML's per-amplicon table: every amplicon of the design with its fragments and status.
        let html = try String(contentsOfFile: out + "/AMPLICON-EGFR.report.html", encoding: .utf8)
        #expect(html.contains("<h3 id=\"amplicons\">Amplicons</h3>"))
        for name in ["EGFR_ex18_1", "EGFR_ex19_2", "EGFR_ex21_2"] { #expect(html.contains("<td>\(name)</td>"), "\(name) row") }
        #expect(html.contains("No amplicon dropped out."))
    }

    /// The same design as a primer BED (one line per primer, ARTIC style) gives the same calls and QC.
    @Test func primerBEDGivesTheSameReport() throws {
        let dir = try TestSupport.tempDir()
        var reports: [String] = []
        for (name, bed) in [("design", Self.bed), ("primers", TestSupport.testData("samples/amplicon/egfr-exons18-21.primers.bed"))] {
            let r = try TestSupport.run(TestSupport.g2tBinary, ["call", Self.sample, "--amplicons", bed, "-o", "\(dir)/\(name).json"])
            #expect(r.status == 0, "\(r.stderr)")
            let json = try String(contentsOfFile: "\(dir)/\(name).json", encoding: .utf8)
            // Everything but the file names and the input path must agree.
            reports.append(json.split(separator: "\n").filter { !$0.contains(".bed") && !$0.contains("\"date\"") && !$0.contains("\"path\"") }.joined(separator: "\n"))
        }
        #expect(reports[0].contains("\"EGFR_ex21_2\"") && reports[0] == reports[1])
    }

    @Test func primerBEDWithAMissingRightPrimer() throws {
        let bed = try TestSupport.tempDir() + "/primers.bed"
        try "chr7\t55173873\t55173892\tEGFR_ex18_1_LEFT\t1\t+\nchr7\t55174008\t55174027\tEGFR_ex18_1_RIGHT\t1\t-\nchr7\t55174675\t55174694\tEGFR_ex19_1_LEFT\t1\t+\n"
            .write(toFile: bed, atomically: true, encoding: .utf8)
        try refused(Self.sample, bed, saying: ["line 3", "EGFR_ex19_1", "no _RIGHT primer"])
    }
}
