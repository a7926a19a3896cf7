import Foundation
import Testing
import TestSupport

/// `--config FILE` on the command line: the file's thresholds are applied and recorded, flags
/// override it, a bad file is one line and nothing is written.
@Suite struct ConfigCommandLineTests {
    func parameters(_ json: String) throws -> [String: Any] {
        let a = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return try #require(a?["parameters"] as? [String: Any])
    }

    @Test func fileAppliesAndFlagsOverride() throws {
        let dir = try TestSupport.tempDir()
        try #"{"hotspotMinVAF": 0.5, "minVAF": 0.5, "phasing": {"maxDistance": 20}}"#.write(toFile: dir + "/lab.json", atomically: true, encoding: .utf8)
        let bam = TestSupport.testData("samples/demo-nsclc.bam")
        let r = try TestSupport.run(TestSupport.g2tBinary, ["call", bam, "--config", dir + "/lab.json", "-o", dir + "/a.json"])
        #expect(r.status == 0, "\(r.stderr)")
        let a = try TestSupport.readText(dir + "/a.json")
        let p = try parameters(a)
        #expect(p["hotspotMinVAF"] as? Double == 0.5 && p["minVAF"] as? Double == 0.5)
        #expect((p["phasing"] as? [String: Any])?["maxDistance"] as? Int == 20)
        // L858R at 30% no longer passes a 50% hotspot threshold.
        let variants = try #require((try JSONSerialization.jsonObject(with: Data(a.utf8)) as? [String: Any])?["variants"] as? [[String: Any]])
        #expect(!variants.contains { $0["pos"] as? Int == 55_191_822 })
        #expect(variants.contains { $0["pos"] as? Int == 87_509_329 }, "ABCB1 rs1045642 at 50.5% still passes")
        let b = try TestSupport.run(TestSupport.g2tBinary, ["call", bam, "--config", dir + "/lab.json", "--min-vaf", "0.01", "-o", dir + "/b.json"])
        #expect(b.status == 0, "\(b.stderr)")
        let q = try parameters(try TestSupport.readText(dir + "/b.json"))
        #expect(q["minVAF"] as? Double == 0.01 && q["hotspotMinVAF"] as? Double == 0.5, "the flag wins over the file, the rest of the file stays")
    }

    @Test func badFileIsOneLineAndNothingIsWritten() throws {
        let dir = try TestSupport.tempDir()
        try #"{"filters": {"strandBias": 0.1}}"#.write(toFile: dir + "/lab.json", atomically: true, encoding: .utf8)
        let r = try TestSupport.run(TestSupport.g2tBinary, ["pipeline", TestSupport.testData("samples/demo-nsclc.bam"), "--config", dir + "/lab.json",
                                                            "--out", dir + "/out"])
        #expect(r.status != 0)
        #expect(r.stderr == "g2t: error: \(dir)/lab.json: filters.strandBias: unknown key (`g2t config show` lists every key)\n")
        #expect(!TestSupport.exists(dir + "/out/DEMO-NSCLC.report.json"))
    }

    @Test func showPrintsAFileThatChecksBack() throws {
        let dir = try TestSupport.tempDir()
        let show = try TestSupport.run(TestSupport.g2tBinary, ["config", "show"])
        #expect(show.status == 0 && show.stdout.contains("\"maxPosterior\" : 0.5"))
        try show.stdout.write(toFile: dir + "/all.json", atomically: true, encoding: .utf8)
        let check = try TestSupport.run(TestSupport.g2tBinary, ["config", "check", dir + "/all.json"])
        #expect(check.status == 0 && check.stdout == show.stdout)
    }
}
