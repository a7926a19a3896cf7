import Foundation
import Testing
import TestSupport

/// The g2t executable as a user runs it.
@Suite struct CommandLineTests {
    let g2t = TestSupport.g2tBinary

    @Test func versionAndHelp() throws {
        let v = try TestSupport.run(g2t, ["--version"])
        #expect(v.status == 0 && v.stdout.contains("g2t 0.1.0") && v.stdout.contains("g2t-kb 2027.3"))
        let h = try TestSupport.run(g2t, ["pipeline", "--help"])
        #expect(h.stdout.contains("Examples:") && h.stdout.contains("--tumor-type"))
    }

    /// Bad input: one error line naming the file, a non-zero exit, and no output directory.
    @Test(arguments: [
        ("/nonexistent/sample.bam", "no such file"),
        ("bad/not-a-bam.txt", "not a BAM/CRAM/SAM or VCF/BCF file"),
        ("TRUNCATED", "truncated"),
        ("bad/other-build.bam", "neither GRCh38"),
        ("bad/unsorted.bam", "not coordinate-sorted"),
    ])
    func badInputFailsCleanly(input: String, message: String) throws {
        let dir = try TestSupport.tempDir()
        var path = input.hasPrefix("/") ? input : TestSupport.testData(input)
        if input == "TRUNCATED" {
            path = dir + "/cut.bam"
            try TestSupport.run("sh", ["-c", "head -c 300000 '\(TestSupport.testData("samples/demo-nsclc.bam"))' > '\(path)'"])
        }
        let out = dir + "/results"
        let r = try TestSupport.run(g2t, ["pipeline", path, "--out", out])
        #expect(r.status != 0)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(r.stderr)")
        #expect(r.stderr.hasPrefix("g2t: error: \(path):"))
        #expect(r.stderr.contains(message), "stderr: \(r.stderr)")
        #expect(!TestSupport.exists(out), "nothing may be left in --out")
    }

    /// An input refused while its checksum is still being computed on its own thread (`BackgroundDigest`):
    /// the process exits with that thread inside libcrypto. OpenSSL's exit handler freed SHA-256 under it
    /// and the run ended on signal 11 about one time in five; twenty runs, each exiting 1 with one line.
    @Test func exitWhileHashingTheInputIsClean() throws {
        let dir = try TestSupport.tempDir()
        let path = TestSupport.testData("bad/other-build.bam")
        for i in 0..<20 {
            let r = try TestSupport.run(g2t, ["pipeline", path, "--out", dir + "/results"])
            #expect(r.status == 1, "run \(i): exit \(r.status), stderr: \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "run \(i): stderr: \(r.stderr)")
        }
        #expect(!TestSupport.exists(dir + "/results"))
    }

    /// A panel of normals of another build (or of an unknown format) is refused before anything is written.
    @Test(arguments: [("\"build\" : \"GRCh38\"", "\"build\" : \"GRCh37\"", "panel of normals is for GRCh37 but"),
                      ("\"format\" : \"g2t-pon/2\"", "\"format\" : \"g2t-pon/9\"", "unknown panel-of-normals format 'g2t-pon/9'")])
    func badPanelOfNormalsFailsCleanly(from: String, to: String, message: String) throws {
        let dir = try TestSupport.tempDir()
        let pon = dir + "/other.pon.json"
        let text = try TestSupport.readText(TestSupport.testData("samples/cn/pon.json"))
        #expect(text.contains(from))
        try text.replacingOccurrences(of: from, with: to).write(toFile: pon, atomically: true, encoding: .utf8)
        let out = dir + "/results"
        let r = try TestSupport.run(g2t, ["pipeline", TestSupport.testData("samples/cn/cn-egfr-8.bam"), "--pon", pon, "--out", out])
        #expect(r.status != 0)
        #expect(r.stderr.split(separator: "\n").count == 1, "stderr: \(r.stderr)")
        #expect(r.stderr.hasPrefix("g2t: error: \(pon):") && r.stderr.contains(message), "stderr: \(r.stderr)")
        #expect(!TestSupport.exists(out), "nothing may be left in --out")
    }

    @Test func unknownTumourTypeSuggests() throws {
        let r = try TestSupport.run(g2t, ["pipeline", TestSupport.testData("samples/demo-nsclc.bam"), "--tumor-type", "LUDA", "--out", try TestSupport.tempDir() + "/o"])
        #expect(r.status != 0 && r.stderr.contains("LUAD"))
    }

    /// The stage subcommands chained give the same report as `g2t pipeline`.
    @Test func stagesEqualPipeline() throws {
        let dir = try TestSupport.tempDir()
        let bam = TestSupport.testData("samples/demo-nsclc.bam")
        let env = ["SOURCE_DATE_EPOCH": "1700000000"]
        #expect(try TestSupport.run(g2t, ["pipeline", bam, "--tumor-type", "LUAD", "--out", dir + "/p"], environment: env).status == 0)
        for step in [["call", bam, "--tumor-type", "LUAD", "-o", dir + "/c.json"], ["annotate", dir + "/c.json", "-o", dir + "/a.json"],
                     ["score", dir + "/a.json", "-o", dir + "/s.json"], ["report", dir + "/s.json", "--out", dir + "/r"]] {
            let r = try TestSupport.run(g2t, step, environment: env)
            #expect(r.status == 0, "\(step[0]): \(r.stderr)")
        }
        let a = FileManager.default.contents(atPath: dir + "/p/DEMO-NSCLC.report.json")
        #expect(a != nil && a == FileManager.default.contents(atPath: dir + "/r/DEMO-NSCLC.report.json"))
        let skip = try TestSupport.run(g2t, ["score", dir + "/c.json", "-o", dir + "/x.json"])
        #expect(skip.status != 0 && skip.stderr.contains("g2t annotate"))
    }

    @Test func knowledgeBaseCommands() throws {
        #expect(try TestSupport.run(g2t, ["kb", "validate"]).stdout.contains("valid"))
        let bad = try TestSupport.tempDir() + "/kb.json"
        try "{\"name\": 1}".write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try TestSupport.run(g2t, ["kb", "validate", bad])
        #expect(r.status != 0 && r.stderr.hasPrefix("g2t: error: \(bad): name:"))
        let show = try TestSupport.run(g2t, ["kb", "show"]).stdout
        #expect(show.contains("paclitaxel\ttaxane (microtubule stabiliser)\tP-gp substrate\tCHOI2005"))
        #expect(show.contains("cetuximab\tanti-EGFR monoclonal antibody\tnot applicable (antibody)"))
        #expect(show.contains("BEVACIZUMAB_SQUAMOUS\texcluded\tbevacizumab\tLUSC"))
        #expect(show.contains("# P-gp MDR rules (ABCB1): copies ≥ 3.0 low, ≥ 5.0 moderate, ≥ 8.0 high"))
        #expect(show.contains("OncoKB data of "))
        // Scored lines name statements by number and sources by key: both resolvable here.
        #expect(show.contains("# effects: statement, biomarker") && show.contains("\n0\t"))
        #expect(show.contains("# sources: key, citation\n") && show.contains("\nIPASS\tMok TS et al."))
        // A lab's alias finds the drug: ADM is doxorubicin (the ABCB1 seed's abbreviation).
        let adm = try TestSupport.run(g2t, ["kb", "show", "--drug", "ADM"])
        #expect(adm.status == 0 && adm.stdout.contains("doxorubicin\tanthracycline") && adm.stdout.contains("ADM,adriamycin"))
        #expect(!adm.stdout.contains("paclitaxel"))
        let unknown = try TestSupport.run(g2t, ["kb", "show", "--drug", "aspirin"])
        #expect(unknown.status != 0 && unknown.stderr.contains("'aspirin': not a drug or alias"))
    }

    @Test func kbDiffNamesTheCallsThatChange() throws {
        let dir = try TestSupport.tempDir()
        let bundled = TestSupport.root + "/Sources/Knowledge/Data/g2t-kb.json"
        // A lab version where amivantamab is not yet in the knowledge base for exon 20 insertions.
        var text = try TestSupport.readText(bundled)
        text = text.replacingOccurrences(of: "\"version\": \"2027.3\"", with: "\"version\": \"2027.4\"")
        text = text.replacingOccurrences(of: "\"biomarker\": \"EGFR_EX20INS\",\n      \"drug\": \"amivantamab\"", with: "\"biomarker\": \"EGFR_EX20INS\",\n      \"drug\": \"lapatinib\"")
        try text.write(toFile: dir + "/new.json", atomically: true, encoding: .utf8)
        let r = try TestSupport.run(g2t, ["kb", "diff", bundled, dir + "/new.json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("version: 2027.3 → 2027.4"))
        #expect(r.stdout.contains("EGFR exon 20 in-frame insertion (762_823ins, excluding A763_Y764insFQEA) [NSCLC]: amivantamab: sensitive"))
        #expect(r.stdout.contains("→ not reported"))
        let same = try TestSupport.run(g2t, ["kb", "diff", bundled, bundled])
        #expect(same.stdout.contains("Statements: 0 changed") && same.stdout.contains("Calls: 0 would change"))
    }

    /// The 2026.11.2 → 2027.1 changes on a real sample run, and the colorectal report names what the panel cannot test.
    @Test func kbDiffFromTheLastReleaseAndColorectalPanelLimits() throws {
        let dir = try TestSupport.tempDir()
        let old = TestSupport.testData("kb/g2t-kb-2026.11.2.json")
        let bundled = TestSupport.root + "/Sources/Knowledge/Data/g2t-kb.json"
        let bam = TestSupport.testData("samples/demo-nsclc.bam")
        _ = try TestSupport.run(g2t, ["call", bam, "--tumor-type", "LUAD", "-o", dir + "/c.json"])
        _ = try TestSupport.run(g2t, ["annotate", dir + "/c.json", "-o", dir + "/a.json"])
        let r = try TestSupport.run(g2t, ["kb", "diff", old, bundled, "--sample", dir + "/a.json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("version: 2026.11.2 → 2027.3"))
        #expect(r.stdout.contains("+ panel limit COADREAD_ANTI_EGFR_RAS_BRAF"))
        #expect(r.stdout.contains("(\(dir)/a.json): amivantamab + lazertinib: not reported → sensitive"))
        // L858R in colorectal cancer: no TKI (likely-)sensitive, and RAS/BRAF named for the antibodies.
        let out = dir + "/crc"
        let p = try TestSupport.run(g2t, ["pipeline", bam, "--tumor-type", "COADREAD", "--sample", "CRC", "--out", out])
        #expect(p.status == 0, "\(p.stderr)")
        let html = try TestSupport.readText(out + "/CRC.report.html")
        // The demo BAM has no chr1/chr12 and no reads at BRAF: extended RAS/BRAF status is not claimed, and the codons are listed.
        #expect(html.contains("cetuximab, panitumumab — Extended KRAS/NRAS/BRAF wild type NOT established"))
        #expect(html.contains("KRAS G12 (0×") && html.contains("BRAF V600 (0×"))
        let json = try TestSupport.readText(out + "/CRC.report.json")
        #expect(!json.contains("\"call\" : \"sensitive\"") && !json.contains("\"call\" : \"likely-sensitive\""))
    }

    /// The FQEA exon 20 insertion as a caller writes it (GRCh37, left-aligned into the intron): named on the
    /// exon and TKI-sensitive, never "resistant" through the exon 20 insertion rule.
    @Test func fqeaInsertionFromAVCFIsNamedAndNotResistant() throws {
        let dir = try TestSupport.tempDir()
        let vcf = """
        ##fileformat=VCFv4.2
        ##contig=<ID=chr7,length=159138663>
        ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
        ##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allele depths">
        ##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">
        #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR
        chr7\t55248980\t.\tC\tCTCCAGGAAGCCT\t.\tPASS\t.\tGT:AD:DP\t0/1:60,40:100

        """
        try vcf.write(toFile: dir + "/fqea.vcf", atomically: true, encoding: .utf8)
        let r = try TestSupport.run(g2t, ["pipeline", dir + "/fqea.vcf", "--tumor-type", "LUAD", "--out", dir + "/out"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try TestSupport.readText(dir + "/out/TUMOR.report.json")
        #expect(json.contains("\"hgvsc\" : \"c.2284-5_2290dup\"") && json.contains("\"hgvsp\" : \"p.Ala763_Tyr764insPheGlnGluAla\""))
        let tsv = try TestSupport.readText(dir + "/out/TUMOR.therapies.tsv")
        for drug in ["gefitinib", "erlotinib", "afatinib"] {
            let row = tsv.split(separator: "\n").first { $0.hasPrefix("TUMOR\t\(drug)\t") }
            #expect(row?.contains("\tlikely-sensitive\t") == true, "\(drug): \(row ?? "missing")")
        }
    }

    @Test func priorTherapyOrdersTheTableAndUnknownDrugsAreRefused() throws {
        let dir = try TestSupport.tempDir()
        let bam = TestSupport.testData("samples/egfr-ex19del-t790m.bam")
        let r = try TestSupport.run(g2t, ["pipeline", bam, "--tumor-type", "LUAD", "--sample", "P1", "--prior-therapy", "Gefitinib", "--out", dir + "/a"])
        #expect(r.status == 0, "\(r.stderr)")
        let tsv = try TestSupport.readText(dir + "/a/P1.therapies.tsv").split(separator: "\n")
        #expect(tsv.count > 1 && tsv[1].hasPrefix("P1\tosimertinib\t"), "after gefitinib with T790M, osimertinib first: \(tsv.prefix(3))")
        #expect(try TestSupport.readText(dir + "/a/P1.report.json").contains("\"priorTherapies\" : [\n      \"gefitinib\""))
        let bad = try TestSupport.run(g2t, ["pipeline", bam, "--tumor-type", "LUAD", "--prior-therapy", "aspirine", "--out", dir + "/b"])
        #expect(bad.status == 1 && bad.stderr.contains("--prior-therapy 'aspirine': not a drug or alias of the knowledge base"))
        #expect(bad.stderr.split(separator: "\n").count == 1)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/b")) ?? []
        #expect(left.isEmpty, "nothing in --out: \(left)")
    }

    @Test func rescoreIsTheSameForAnyThreadCountAndNamesBadLines() throws {
        let dir = try TestSupport.tempDir()
        var lines: [String] = []
        for s in ["demo-nsclc", "egfr-t790m-c797s-cis", "egfr-t790m-c797s-trans", "egfr-ex20ins"] {
            #expect(try TestSupport.run(g2t, ["call", TestSupport.testData("samples/\(s).bam"), "-o", "\(dir)/\(s).json"]).status == 0)
            #expect(try TestSupport.run(g2t, ["annotate", "\(dir)/\(s).json", "-o", "\(dir)/\(s).ann.json"]).status == 0)
            let compact = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(s).ann.json"))))
            lines.append(String(decoding: compact, as: UTF8.self))
        }
        let cohort = (0..<25).map { lines[$0 % lines.count] } + ["{\"not\": \"an analysis\"}"] + lines
        try (cohort.joined(separator: "\n") + "\n").write(toFile: dir + "/cohort.jsonl", atomically: true, encoding: .utf8)
        let one = try TestSupport.run(g2t, ["rescore", dir + "/cohort.jsonl", "-o", dir + "/t1.jsonl", "--threads", "1", "--chunk", "7"])
        let four = try TestSupport.run(g2t, ["rescore", dir + "/cohort.jsonl", "-o", dir + "/t4.jsonl", "--threads", "4", "--chunk", "7"])
        #expect(one.status == 1 && four.status == 1, "a bad line fails the run")
        #expect(one.stderr.contains("cohort.jsonl: line 26: not an analysis JSON"))
        let a = try TestSupport.readText(dir + "/t1.jsonl"), b = try TestSupport.readText(dir + "/t4.jsonl")
        #expect(a == b && a.split(separator: "\n").count == 29)
        #expect(a.contains("\"drug\":\"gefitinib + osimertinib\"") && a.hasPrefix("{\"annotated\":{"))
        #expect(a.split(separator: "\n").allSatisfy { $0.contains("\"format\":\"g2t-scored-line/2\"") })
        // Its own output re-scores to the same lines, at any thread count.
        let again = try TestSupport.run(g2t, ["rescore", dir + "/t1.jsonl", "-o", dir + "/t1b.jsonl", "--threads", "2", "--chunk", "5"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try TestSupport.readText(dir + "/t1b.jsonl") == a)
    }

    @Test func batchFailsOneSampleAndKeepsTheOthers() throws {
        let dir = try TestSupport.tempDir()
        try "This is not a BAM".write(toFile: dir + "/corrupt.bam", atomically: true, encoding: .utf8)
        try """
            sample,input,tumor_type
            WT,\(TestSupport.testData("samples/egfr-l858r-mnv.bam")),LUAD
            BAD,\(dir)/corrupt.bam,LUAD
            """.write(toFile: dir + "/sheet.csv", atomically: true, encoding: .utf8)
        let r = try TestSupport.run(g2t, ["batch", dir + "/sheet.csv", "--out", dir + "/out", "--jobs", "2"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("2 samples, 1 done, 0 skipped, 1 failed"))
        #expect(r.stderr.contains("BAD: failed — \(dir)/corrupt.bam"))
        let json = try TestSupport.readText(dir + "/out/batch-summary.json")
        #expect(json.contains("\"failed\" : 1") && json.contains("\"status\" : \"failed\""))
        let sheetErr = try TestSupport.run(g2t, ["batch", dir + "/missing.csv"])
        #expect(sheetErr.status != 0 && sheetErr.stderr.contains("missing.csv: cannot read the sample sheet"))
    }
}

/// The one-way layering of DEVELOPERS.md: each module imports only modules below it, only
/// HTS touches htslib and only Checksum touches libcrypto.
@Suite struct LayeringTests {
    static let allowed: [String: Set<String>] = [
        "HTS": ["CHTSlib"],
        "Checksum": ["CLibCrypto"],
        "G2TCore": [],
        "Calling": ["G2TCore", "HTS"],
        "Annotation": ["G2TCore"],
        "Knowledge": ["G2TCore", "Checksum"],
        "Scoring": ["G2TCore", "Knowledge"],
        "Interpretation": ["G2TCore"],
        "Reporting": ["G2TCore", "Interpretation", "Mustache"],
        "Pipeline": ["G2TCore", "HTS", "Calling", "Annotation", "Knowledge", "Scoring", "Reporting", "Checksum"],
        "g2t": ["Pipeline", "G2TCore", "Knowledge", "Scoring", "Reporting", "Annotation", "ArgumentParser"],
    ]
    static let project: Set<String> = ["CHTSlib", "CLibCrypto", "Checksum", "HTS", "G2TCore", "Calling", "Annotation", "Knowledge", "Scoring", "Interpretation", "Reporting",
                                       "Pipeline", "Mustache", "ArgumentParser"]

    @Test func importsFollowTheLayers() throws {
        let fm = FileManager.default
        let sources = TestSupport.root + "/Sources"
        for module in try fm.contentsOfDirectory(atPath: sources) where module != "CHTSlib" && module != "CLibCrypto" {
            let allowed = try #require(Self.allowed[module], "new module \(module): add it to the layering table")
            guard let files = fm.enumerator(atPath: sources + "/" + module) else { continue }
            for case let f as String in files where f.hasSuffix(".swift") {
                for line in try TestSupport.readText("\(sources)/\(module)/\(f)").split(separator: "\n") where line.hasPrefix("import ") {
                    let name = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces)
                    if Self.project.contains(name) { #expect(allowed.contains(name), "\(module)/\(f) imports \(name)") }
                }
            }
        }
    }

    /// Every project module a target imports is declared in Package.swift (an undeclared one builds
    /// only by luck of the build order, and not at all in another build system).
    @Test func everyImportIsDeclared() throws {
        let manifest = try TestSupport.readText(TestSupport.root + "/Package.swift")
        let target = try Regex(#"[tT]arget\(name: "(\w+)"(?:, dependencies: \[([^\]]*)\])?(?:, path: "([^"]+)")?"#)
        let modules = Self.project.union(["TestSupport"])
        var checked = 0
        for m in manifest.matches(of: target) {
            let name = String(m.output[1].substring ?? "")
            guard name != "CHTSlib" else { continue }
            let declared = Set((m.output[2].substring ?? "").split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) })
            let dir = m.output[3].substring.map(String.init) ?? (name.hasSuffix("Tests") ? "Tests/\(name)" : "Sources/\(name)")
            guard let files = FileManager.default.enumerator(atPath: TestSupport.root + "/" + dir) else { continue }
            for case let f as String in files where f.hasSuffix(".swift") {
                for line in try TestSupport.readText("\(TestSupport.root)/\(dir)/\(f)").split(separator: "\n") {
                    let words = line.split(separator: " ")
                    guard let i = words.firstIndex(of: "import"), i + 1 < words.count, words[..<i].allSatisfy({ $0.hasPrefix("@") }) else { continue }
                    let imported = String(words[i + 1])
                    if modules.contains(imported) && imported != name { #expect(declared.contains(imported), "\(dir)/\(f) imports \(imported), not declared for \(name)") }
                }
            }
            checked += 1
        }
        #expect(checked >= 18, "targets found in Package.swift: \(checked)")
    }
}

@Suite struct VCFCommandLineTests {
    @Test func annotateAcceptsAVCF() throws {
        let dir = try TestSupport.tempDir()
        let r = try TestSupport.run(TestSupport.g2tBinary, ["annotate", TestSupport.testData("vcf/vardict.vcf"), "-o", dir + "/a.json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try TestSupport.readText(dir + "/a.json").contains("\"hgvsp\" : \"p.Leu858Arg\""))
        let bad = try TestSupport.run(TestSupport.g2tBinary, ["pipeline", TestSupport.testData("vcf/ref-mismatch.vcf"), "--out", dir + "/o"])
        #expect(bad.status != 0 && bad.stderr.split(separator: "\n").count == 1 && bad.stderr.contains("line 5"))
        #expect(!TestSupport.exists(dir + "/o"))
    }
}

/// The demo report must not change by accident: `make golden` rewrites the expected files after
/// an intended change, and the diff is reviewed.
@Suite struct GoldenReportTests {
    @Test func demoReportMatchesGolden() throws {
        let dir = try TestSupport.tempDir()
        let r = try TestSupport.run(TestSupport.g2tBinary, ["pipeline", "TestData/samples/demo-nsclc.bam", "--tumor-type", "LUAD", "--out", dir],
                                    environment: ["SOURCE_DATE_EPOCH": "1700000000"], cwd: TestSupport.root)
        #expect(r.status == 0, "\(r.stderr)")
        // The commit changes with every commit: the golden copies hold "<commit>" in its place.
        let version = try TestSupport.run(TestSupport.g2tBinary, ["--version"]).stdout
        let commit = try #require(version.split(separator: "(commit ").dropFirst().first?.split(separator: ";").first.map(String.init))
        for name in ["DEMO-NSCLC.report.json", "DEMO-NSCLC.report.html"] {
            let got = try TestSupport.readText("\(dir)/\(name)").replacingOccurrences(of: commit, with: "<commit>")
            let want = try TestSupport.readText("\(TestSupport.root)/Tests/g2tTests/Golden/\(name)")
            let gotLines = got.split(separator: "\n", omittingEmptySubsequences: false)
            let wantLines = want.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff = zip(gotLines, wantLines).enumerated().first { $0.element.0 != $0.element.1 }
            #expect(got == want, "\(name) differs from the golden copy at line \((firstDiff?.offset ?? min(gotLines.count, wantLines.count)) + 1): \(firstDiff.map { "got «\($0.element.0)» want «\($0.element.1)»" } ?? "length") — run `make golden` if the change is intended")
        }
    }
}

@Suite struct NoCoverageTests {
    /// A GRCh38 BAM whose reads all lie outside the panel: a clear error, never an empty report.
    @Test func offTargetBAMIsAnError() throws {
        let dir = try TestSupport.tempDir()
        let sam = dir + "/off.sam", bam = dir + "/off.bam"
        try "@HD\tVN:1.6\tSO:coordinate\n@SQ\tSN:chr7\tLN:159345973\n@RG\tID:x\tSM:OFF\nr1\t0\tchr7\t1000000\t60\t4M\t*\t0\t0\tACGT\tIIII\tRG:Z:x\n"
            .write(toFile: sam, atomically: true, encoding: .utf8)
        try TestSupport.run("samtools", ["view", "-b", "-o", bam, sam])
        try TestSupport.run("samtools", ["index", bam])
        let r = try TestSupport.run(TestSupport.g2tBinary, ["pipeline", bam, "--out", dir + "/o"])
        #expect(r.status != 0 && r.stderr.contains("no reads pass the filters in any panel target"))
        #expect(!TestSupport.exists(dir + "/o"))
    }
}
