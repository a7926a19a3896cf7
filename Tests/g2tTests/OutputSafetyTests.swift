import Foundation
import Testing
import TestSupport

/// Issue 13: report sets are published whole, never through a planted symlink, into a locked --out;
/// nothing is written outside --out but under TMPDIR.
@Suite struct OutputSafetyTests {
    let g2t = TestSupport.g2tBinary
    let bam = TestSupport.testData("samples/demo-nsclc.bam")

    /// Whether DIR/ID.manifest.json exists and every file it lists has the recorded SHA-256 (checked with sha256sum).
    static func manifestVerifies(_ dir: String, _ id: String) throws -> Bool {
        guard let data = FileManager.default.contents(atPath: "\(dir)/\(id).manifest.json"),
              let doc = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let files = doc["files"] as? [[String: Any]], !files.isEmpty else { return false }
        for f in files {
            guard let name = f["name"] as? String, let sha = f["sha256"] as? String else { return false }
            let r = try TestSupport.run("sha256sum", ["\(dir)/\(name)"])
            if r.status != 0 || !r.stdout.hasPrefix(sha + " ") { return false }
        }
        return true
    }

    @Test func aSymlinkPlantedInOutIsReplacedNeverWrittenThrough() throws {
        let dir = try TestSupport.tempDir()
        let out = dir + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let victim = dir + "/victim.txt"
        try "precious".write(toFile: victim, atomically: true, encoding: .utf8)
        // Every final name, and the temporary names of g2t before issue 13, point at the victim.
        let names = ["report.html", "report.json", "g2t.vcf.gz", "g2t.vcf.gz.tbi", "variants.tsv", "hotspots.tsv", "therapies.tsv",
                     "g2t_mqc.tsv", "manifest.json", "report.pdf"].map { "DEMO-NSCLC.\($0)" }
        for n in names + names.flatMap({ n in (1...3).map { ".\(n).tmp-\($0)" } }) {
            try FileManager.default.createSymbolicLink(atPath: "\(out)/\(n)", withDestinationPath: victim)
        }
        let r = try TestSupport.run(g2t, ["pipeline", bam, "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try TestSupport.readText(victim) == "precious", "the victim must be unchanged")
        for n in names.dropLast() where n != "DEMO-NSCLC.report.pdf" {
            let attrs = try FileManager.default.attributesOfItem(atPath: "\(out)/\(n)")
            #expect(attrs[.type] as? FileAttributeType == .typeRegular, "\(n) must be a regular file now")
        }
        #expect(!TestSupport.exists("\(out)/DEMO-NSCLC.report.pdf"), "a stale PDF (here a planted link) is removed")
        #expect(try Self.manifestVerifies(out, "DEMO-NSCLC"))
    }

    /// Chromium prints into a private staging folder; a link planted at the PDF's name is replaced.
    @Test(.enabled(if: TestSupport.has("chromium"))) func thePDFIsNotWrittenThroughASymlink() throws {
        let dir = try TestSupport.tempDir()
        let out = dir + "/out", victim = dir + "/victim.txt"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try "precious".write(toFile: victim, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: out + "/DEMO-NSCLC.report.pdf", withDestinationPath: victim)
        let r = try TestSupport.run(g2t, ["pipeline", bam, "--out", out, "--pdf"])
        #expect(r.status == 0 && r.stdout.contains("PDF:"), "\(r.stderr)")
        #expect(try TestSupport.readText(victim) == "precious")
        let attrs = try FileManager.default.attributesOfItem(atPath: out + "/DEMO-NSCLC.report.pdf")
        #expect(attrs[.type] as? FileAttributeType == .typeRegular)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test func anEmptyOutIsAnError() throws {
        let dir = try TestSupport.tempDir()
        let r = try TestSupport.run(g2t, ["pipeline", bam, "--out", ""], cwd: dir)
        #expect(r.status == 1)
        #expect(r.stderr == "g2t: error: --out: is empty; give an output directory\n", "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        let b = try TestSupport.run(g2t, ["batch", TestSupport.testData("samplesheet.csv"), "--out", ""], cwd: dir)
        #expect(b.status == 1 && b.stderr.contains("--out: is empty"), "\(b.stderr)")
    }

    /// A second run into an --out that a batch is writing fails at once and names the lock.
    @Test func aSecondConcurrentRunIsRefused() throws {
        let dir = try TestSupport.tempDir()
        let out = dir + "/out"
        // A batch of several samples run one at a time holds --out for a while.
        let sheet = "sample,input,tumor_type\n" + (1...8).map { "S\($0),\(bam),LUAD" }.joined(separator: "\n") + "\n"
        try sheet.write(toFile: dir + "/sheet.csv", atomically: true, encoding: .utf8)
        let batch = Process()
        batch.executableURL = URL(fileURLWithPath: g2t)
        batch.arguments = ["batch", dir + "/sheet.csv", "--out", out, "--jobs", "1"]
        batch.standardError = FileHandle.nullDevice
        batch.standardOutput = FileHandle.nullDevice
        try batch.run()
        defer { batch.terminate() }
        // The batch holds the lock once its private log folder exists.
        var waited = 0
        while waited < 200, (try? FileManager.default.contentsOfDirectory(atPath: out))?.contains(where: { $0.hasPrefix(".g2t-tmp-") }) != true {
            usleep(50_000)
            waited += 1
        }
        #expect(batch.isRunning, "the batch must still run for this test to mean anything")
        let start = Date()
        let second = try TestSupport.run(g2t, ["pipeline", bam, "--out", out])
        #expect(second.status == 1)
        #expect(second.stderr.contains("g2t: error: \(out): another g2t run is writing into this directory"), "\(second.stderr)")
        #expect(Date().timeIntervalSince(start) < 10 * TestSupport.slowdown, "it must fail fast, not wait")
        #expect(!TestSupport.exists(out + "/DEMO-NSCLC.report.json"))
        let again = try TestSupport.run(g2t, ["batch", dir + "/sheet.csv", "--out", out])
        #expect(again.status == 1 && again.stderr.contains("another g2t run is writing"), "\(again.stderr)")
    }

    @Test func aMalformedSourceDateEpochIsAnErrorNamingIt() throws {
        let dir = try TestSupport.tempDir()
        for bad in ["yesterday", "1.5e9", ""] {
            let r = try TestSupport.run(g2t, ["pipeline", bam, "--out", dir + "/o"], environment: ["SOURCE_DATE_EPOCH": bad])
            #expect(r.status == 1 && r.stderr.contains("SOURCE_DATE_EPOCH: '\(bad)' is not a whole number of seconds"), "\(r.stderr)")
            #expect(!TestSupport.exists(dir + "/o"))
        }
    }

    /// --sample names the report; the VCF's tumour column is read unless --vcf-sample says otherwise.
    @Test func vcfSampleIsSeparateFromTheReportID() throws {
        let dir = try TestSupport.tempDir()
        let vcf = TestSupport.testData("vcf/mutect2.vcf.gz")
        let r = try TestSupport.run(g2t, ["pipeline", vcf, "--sample", "P-0042", "--out", dir + "/a"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try TestSupport.readText(dir + "/a/P-0042.report.json")
        #expect(report.contains("\"id\" : \"P-0042\"") && report.contains("p.Leu858Arg"))
        let n = try TestSupport.run(g2t, ["pipeline", vcf, "--sample", "P-0042", "--vcf-sample", "DEMO-NORMAL", "--out", dir + "/b"])
        #expect(n.status == 0, "\(n.stderr)")
        #expect(r.stderr.contains("used 'DEMO-TUMOUR' (choose with --vcf-sample)"), "\(r.stderr)")
        #expect(try TestSupport.readText(dir + "/b/P-0042.variants.tsv") != TestSupport.readText(dir + "/a/P-0042.variants.tsv"),
                "the normal column's depths differ from the tumour's")
        let bad = try TestSupport.run(g2t, ["pipeline", vcf, "--vcf-sample", "NOPE", "--out", dir + "/c"])
        #expect(bad.status == 1 && bad.stderr.contains("no sample 'NOPE'"), "\(bad.stderr)")
    }

    /// Without a .fai the reference is indexed under TMPDIR, and that folder is removed.
    @Test func aReferenceWithoutIndexIsNotWrittenBeside() throws {
        let dir = try TestSupport.tempDir()
        let refDir = dir + "/ref", tmp = dir + "/tmp"
        for d in [refDir, tmp] { try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true) }
        try TestSupport.run("sh", ["-c", "zcat '\(TestSupport.testData("ref/chr7.panel.GRCh38.fa.gz"))' > '\(refDir)/panel.fa'"])
        try TestSupport.run("cp", [TestSupport.testData("samples/egfr-wildtype.bam"), dir + "/wt.bam"])  // no index beside: one is built
        let r = try TestSupport.run(g2t, ["pipeline", dir + "/wt.bam", "--reference", refDir + "/panel.fa", "--out", dir + "/out"],
                                    environment: ["TMPDIR": tmp])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: refDir) == ["panel.fa"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty, "temporary index folders are removed")
        #expect(!TestSupport.exists(dir + "/wt.bam.bai"))
    }

    /// A short run of scripts/kill-test.sh (`make test-kill` runs 100 kills): after each kill -9 of
    /// `g2t pipeline` or `g2t batch`, every report set in --out is complete and from one run; a
    /// `g2t batch` parent killed alone takes its sample processes with it.
    @Test func killedRunsNeverLeaveMixedSets() throws {
        let r = try TestSupport.run("bash", [TestSupport.root + "/scripts/kill-test.sh", "6", g2t])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("kill-test: 6 kills within "), "\(r.stdout)")
        #expect(r.stdout.contains(" of a batch (2 aimed at a publish;"), "\(r.stdout)")
        #expect(r.stdout.contains("; 1 of the batch parent alone, 1 of them during a sample's publish, no sample process outlived it)"), "\(r.stdout)")
    }

    /// The checker of the kill test can fail: a set with one file of another run is caught.
    @Test func theReportSetCheckerCatchesAMixedSet() throws {
        let dir = try TestSupport.tempDir()
        #expect(try TestSupport.run(g2t, ["pipeline", bam, "--sample", "X", "--out", dir + "/a"]).status == 0)
        #expect(try TestSupport.run(g2t, ["pipeline", TestSupport.testData("samples/egfr-wildtype.bam"), "--sample", "X", "--out", dir + "/b"]).status == 0)
        let check = TestSupport.root + "/scripts/check-report-sets.py"
        #expect(try TestSupport.run("python3", [check, dir, "--final"]).status == 0)
        try TestSupport.run("cp", [dir + "/b/X.report.html", dir + "/a/X.report.html"])
        let r = try TestSupport.run("python3", [check, dir])
        #expect(r.status == 1 && r.stdout.contains("X.report.html: not the file X.manifest.json lists"), "\(r.stdout)")
    }

    /// Durability: under strace, every file of the set is fsync'ed in its staging folder before the
    /// manifest is written there, the staging folder before the first rename into --out, and --out
    /// before the manifest is renamed in and after. strace is a test package (Makefile TEST_PKGS).
    @Test func aReportSetIsSyncedBeforeItsManifestIsPublished() throws {
        let dir = try TestSupport.tempDir()
        let out = dir + "/out"
        let r = try TestSupport.run("strace", ["-f", "-y", "-qq", "-e", "trace=fsync,fdatasync,fadvise64,rename,renameat,renameat2", "-o", dir + "/trace",
                                               g2t, "pipeline", bam, "--sample", "S", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let trace = try TestSupport.readText(dir + "/trace").split(separator: "\n").map(String.init).filter { !$0.contains("= -1") }
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/S.manifest.json"))) as? [String: Any])
        let names = try #require(doc["files"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(names.count >= 8)
        func first(_ test: (String) -> Bool) -> Int? { trace.firstIndex(where: test) }
        func last(_ test: (String) -> Bool) -> Int? { trace.lastIndex(where: test) }
        // A rename whose target is directly in --out (not in a staging folder inside it).
        func isPublish(_ line: String) -> Bool {
            line.contains("rename") && line.range(of: ", \"\(out)/[^/\"]+\"\\) = 0$", options: .regularExpression) != nil
        }
        let stagingManifest = try #require(first { $0.contains("rename") && $0.contains(".manifest.part\"") }, "\(trace)")
        let firstPublish = try #require(first(isPublish), "\(trace)")
        let manifestIn = try #require(last { isPublish($0) && $0.hasSuffix("\"\(out)/S.manifest.json\") = 0") }, "\(trace)")
        func dirSync(_ path: String) -> (String) -> Bool { { $0.contains("fsync(") && $0.contains("<\(path)>") } }
        for n in names {
            let synced = first { $0.contains("fsync(") && $0.contains("/.g2t-tmp-") && $0.contains("/\(n)>") }
            #expect(synced.map { $0 < stagingManifest } == true, "\(n) is not synced before the manifest")
            // Its writeback was started when it was closed, ahead of the sync pass (`SafeFile.startWriteback`).
            let started = first { $0.contains("fadvise64(") && $0.contains("POSIX_FADV_DONTNEED") && $0.contains("/.g2t-tmp-") && $0.contains("/\(n)>") }
            #expect(started.flatMap { s in synced.map { s < $0 } } == true, "\(n): writeback not started before its fsync")
        }
        #expect(first { $0.contains("fsync(") && $0.contains(".manifest.part>") }.map { $0 < stagingManifest } == true)
        let stagingSync = first { $0.contains("fsync(") && $0.range(of: "/\\.g2t-tmp-[A-Za-z0-9]{6}>\\)", options: .regularExpression) != nil }
        #expect(stagingSync.map { $0 > stagingManifest && $0 < firstPublish } == true, "the staging folder is synced before the publish")
        #expect(trace[..<manifestIn].lastIndex(where: dirSync(out)).map { $0 > firstPublish } == true, "--out synced before the manifest goes in")
        #expect(last(dirSync(out)).map { $0 > manifestIn } == true, "--out synced after the manifest goes in")
    }
}
