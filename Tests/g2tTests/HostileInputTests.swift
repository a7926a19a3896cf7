import Foundation
import Testing
import TestSupport

/// Issue 13, "no crash on any input" and "clear errors": every hostile input found so far, run
/// through the binary. A refusal is exit status 1 (never a signal), exactly one error line of at
/// most ~300 characters naming the file or value, nothing in --out and nothing left in TMPDIR.
/// Inputs are made here from the bundled test data (samtools from SAM text, edited VCF lines).
@Suite struct HostileInputTests {
    let g2t = TestSupport.g2tBinary
    static let demo = TestSupport.testData("samples/demo-nsclc.bam")
    static let deepVariant = TestSupport.testData("vcf/deepvariant.vcf")
    static let bcftools = TestSupport.testData("vcf/bcftools.vcf")

    /// A fresh working directory with its own TMPDIR.
    struct Scratch {
        let dir: String
        var tmp: String { dir + "/tmp" }
        var out: String { dir + "/results" }
        init() throws {
            dir = try TestSupport.tempDir("g2t-hostile")
            try FileManager.default.createDirectory(atPath: dir + "/tmp", withIntermediateDirectories: true)
        }
    }

    func run(_ args: [String], _ s: Scratch) throws -> TestSupport.Output {
        try TestSupport.run(g2t, args, environment: ["TMPDIR": s.tmp])
    }

    /// The refusal contract; `naming` must appear in the one error line.
    func expectRefusal(_ r: TestSupport.Output, _ s: Scratch, naming: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(r.status == 1, "exit status \(r.status) (a signal shows as a status above 128); stderr: \(r.stderr)", sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("g2t: error: "), "stderr: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.count <= 320, "error line of \(r.stderr.count) characters", sourceLocation: sourceLocation)
        for n in naming { #expect(r.stderr.contains(n), "'\(n)' missing from: \(r.stderr)", sourceLocation: sourceLocation) }
        let outFiles = TestSupport.exists(s.out) ? try FileManager.default.contentsOfDirectory(atPath: s.out) : []
        #expect(outFiles.isEmpty, "nothing may be left in --out: \(outFiles)", sourceLocation: sourceLocation)
        let tmpFiles = try FileManager.default.contentsOfDirectory(atPath: s.tmp)
        #expect(tmpFiles.isEmpty, "nothing may be left in TMPDIR: \(tmpFiles)", sourceLocation: sourceLocation)
    }

    /// `samtools view -h` of the demo, lines edited by `awk`, back to an indexed BAM at `path`.
    func editedDemo(_ awk: String, to path: String, index: Bool = true) throws {
        let sh = "samtools view -h '\(Self.demo)' | awk 'BEGIN{OFS=\"\\t\"} \(awk)' | samtools view -b -o '\(path)' -"
            + (index ? " && samtools index '\(path)'" : "")
        let r = try TestSupport.run("sh", ["-c", sh])
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// A copy of a test VCF with its record lines edited by `edit`.
    func editedVCF(_ source: String, to path: String, _ edit: ([String]) -> [String]) throws {
        let lines = try TestSupport.readText(source).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines.filter { $0.hasPrefix("#") }, records = lines.filter { !$0.hasPrefix("#") && !$0.isEmpty }
        try (header + edit(records)).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    func json(_ s: Scratch) throws -> [String: Any] {
        let files = try FileManager.default.contentsOfDirectory(atPath: s.out).filter { $0.hasSuffix(".report.json") }
        let file = try #require(files.first)
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: s.out + "/" + file))) as? [String: Any])
    }

    func hotspotStatus(_ j: [String: Any], _ name: String) -> String? {
        (j["hotspots"] as? [[String: Any]])?.first { ($0["name"] as? String)?.contains(name) == true }?["status"] as? String
    }

    // MARK: reads

    /// SEQ `*` is legal SAM (l_qseq 0); with a CIGAR it used to crash the walkers (SIGILL or a
    /// heap over-read). Such reads are now left out of every count, and the report says how many.
    @Test func readsWithoutSequenceAreExcluded() throws {
        let s = try Scratch()
        let bam = s.dir + "/seqstar.bam"
        // Every other read loses its bases; one more, soft-clipped and with an insertion, sits on L858R.
        try editedDemo("/^@/ {print; next} NR % 2 == 0 {$10 = \"*\"; $11 = \"*\"} {print} END {print \"star-read\", 0, \"chr7\", 55191700, 60, \"10S100M5I30M\", \"*\", 0, 0, \"*\", \"*\"}",
                       to: s.dir + "/unsorted.bam", index: false)
        #expect(try TestSupport.run("samtools", ["sort", "-o", bam, s.dir + "/unsorted.bam"]).status == 0)
        #expect(try TestSupport.run("samtools", ["index", bam]).status == 0)
        let r = try run(["pipeline", bam, "--out", s.out, "--sample", "SEQSTAR"], s)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let j = try json(s)
        let notes = (j["notes"] as? [String]) ?? []
        #expect(notes.contains { $0.contains("store no bases") }, "notes: \(notes)")
        #expect(hotspotStatus(j, "L858R") == "detected", "half the reads still carry L858R")
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.tmp).isEmpty)
    }

    @Test func onlyReadsWithoutSequenceIsRefused() throws {
        let s = try Scratch()
        let bam = s.dir + "/allstar.bam"
        try editedDemo("/^@/ {print; next} {$10 = \"*\"; $11 = \"*\"; print}", to: bam)
        try expectRefusal(try run(["pipeline", bam, "--out", s.out], s), s, naming: [bam, "store no bases"])
    }

    /// A blank `@RG SM` names no sample: the file name is used instead (htslib crashed on it).
    @Test func blankReadGroupSampleFallsBackToFileName() throws {
        let s = try Scratch()
        let bam = s.dir + "/blank-sm.bam"
        try editedDemo("/^@RG/ {sub(/SM:[^\\t]*/, \"SM: \")} {print}", to: bam)
        #expect(try TestSupport.run("sh", ["-c", "samtools view -H '\(bam)' | grep -c 'SM: '"]).stdout.hasPrefix("1"))
        let r = try run(["pipeline", bam, "--out", s.out], s)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(TestSupport.exists(s.out + "/blank-sm.report.json"))
    }

    @Test(arguments: ["", " ", "\t"])
    func blankSampleFlagIsRefused(sample: String) throws {
        let s = try Scratch()
        try expectRefusal(try run(["pipeline", Self.demo, "--sample", sample, "--out", s.out], s), s, naming: ["--sample"])
    }

    /// An index older than its BAM gave depth 0 at every ABCB1 site, silently.
    @Test func staleIndexIsRefused() throws {
        let s = try Scratch()
        let bam = s.dir + "/stale.bam"
        try FileManager.default.copyItem(atPath: Self.demo, toPath: bam)
        try FileManager.default.copyItem(atPath: Self.demo + ".bai", toPath: bam + ".bai")
        #expect(try TestSupport.run("touch", ["-d", "2001-01-01", bam + ".bai"]).status == 0)
        try expectRefusal(try run(["pipeline", bam, "--out", s.out], s), s, naming: [bam, bam + ".bai", "older"])
    }

    /// The index of a file with another header (here 2 contigs instead of 1).
    @Test func foreignIndexIsRefused() throws {
        let s = try Scratch()
        let bam = s.dir + "/foreign.bam"
        try editedDemo("/^@SQ/ {print; print \"@SQ\", \"SN:chrZ\", \"LN:1000\"; next} {print}", to: s.dir + "/two-contigs.bam")
        try FileManager.default.copyItem(atPath: Self.demo, toPath: bam)
        try FileManager.default.copyItem(atPath: s.dir + "/two-contigs.bam.bai", toPath: bam + ".bai")
        try expectRefusal(try run(["pipeline", bam, "--out", s.out], s), s, naming: [bam, bam + ".bai", "another file"])
    }

    /// Corrupt data in an unindexed BAM is corruption, not "not coordinate-sorted".
    @Test func corruptUnindexedBAMIsCalledCorrupt() throws {
        let s = try Scratch()
        let bam = s.dir + "/corrupt.bam"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.demo)))
        // Scribble over compressed data in the middle of the file; the BGZF end marker stays intact.
        for i in stride(from: bytes.count / 2, to: bytes.count / 2 + 4000, by: 7) { bytes[i] ^= 0x5A }
        try Data(bytes).write(to: URL(fileURLWithPath: bam))
        let r = try run(["pipeline", bam, "--out", s.out], s)
        try expectRefusal(r, s, naming: [bam, "corrupt"])
        #expect(!r.stderr.contains("coordinate-sorted"))
    }

    @Test func directoryFifoAndStdinAreNamed() throws {
        let s = try Scratch()
        let dirInput = s.dir + "/a-directory.bam"
        try FileManager.default.createDirectory(atPath: dirInput, withIntermediateDirectories: true)
        try expectRefusal(try run(["pipeline", dirInput, "--out", s.out], s), s, naming: [dirInput, "is a directory"])
        let fifo = s.dir + "/a-fifo.bam"
        #expect(try TestSupport.run("mkfifo", [fifo]).status == 0)
        try expectRefusal(try run(["pipeline", fifo, "--out", s.out], s), s, naming: [fifo, "FIFO"])
        let r = try TestSupport.run("sh", ["-c", "'\(g2t)' pipeline /dev/stdin --out '\(s.out)' < /dev/null"], environment: ["TMPDIR": s.tmp])
        try expectRefusal(r, s, naming: ["/dev/stdin", "not a regular file"])
    }

    // MARK: VCF values

    /// AD's alternate count above FORMAT DP: the sum of AD is taken as the depth, with a note.
    @Test func altCountAboveDepthUsesTheAlleleSum() throws {
        let s = try Scratch()
        let vcf = s.dir + "/ad-over-dp.vcf"
        try editedVCF(Self.deepVariant, to: vcf) { $0.map { $0.replacingOccurrences(of: "0/1:40:271:188,83", with: "0/1:40:50:188,83") } }
        let r = try run(["pipeline", vcf, "--out", s.out], s)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let j = try json(s)
        let l858r = (j["variants"] as? [[String: Any]])?.first { $0["pos"] as? Int == 55191822 }
        #expect(l858r?["depth"] as? Int == 271 && l858r?["altDepth"] as? Int == 83)
        #expect(((j["notes"] as? [String]) ?? []).contains { $0.contains("below the alternate count") })
    }

    @Test(arguments: [
        ("0/1:40:271:188,83", "0/1:40:-271:188,83", "DP has a negative count"),
        ("0/1:40:271:188,83", "0/1:40:271:188,-83", "AD has a negative count"),
    ])
    func negativeCountsAreRefused(from: String, to: String, message: String) throws {
        let s = try Scratch()
        let vcf = s.dir + "/negative.vcf"
        try editedVCF(Self.deepVariant, to: vcf) { $0.map { $0.replacingOccurrences(of: from, with: to) } }
        try expectRefusal(try run(["pipeline", vcf, "--out", s.out], s), s, naming: [vcf, "line 11", message])
    }

    /// REF N used to skip the reference check: "L858R not-detected" beside "likely-sensitive: EGFR L858R".
    @Test func referenceNIsRefused() throws {
        let s = try Scratch()
        let vcf = s.dir + "/ref-n.vcf"
        try editedVCF(Self.deepVariant, to: vcf) { $0.map { $0.replacingOccurrences(of: "55191822\t.\tT\tG", with: "55191822\t.\tN\tG") } }
        try expectRefusal(try run(["pipeline", vcf, "--out", s.out], s), s, naming: [vcf, "line 11", "REF N", "no N"])
    }

    /// `+55191822` is a valid POS for htslib; the fast path used to drop it silently.
    @Test func plusSignedPositionIsRead() throws {
        let s = try Scratch()
        let vcf = s.dir + "/plus.vcf"
        try editedVCF(Self.deepVariant, to: vcf) { $0.map { $0.replacingOccurrences(of: "chr7\t55191822\t", with: "chr7\t+55191822\t") } }
        let r = try run(["pipeline", vcf, "--out", s.out], s)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(hotspotStatus(try json(s), "L858R") == "detected")
    }

    @Test(arguments: ["55x191822", "12345678901234567890123", "", "-5"])
    func malformedPositionIsRefused(pos: String) throws {
        let s = try Scratch()
        let vcf = s.dir + "/bad-pos.vcf"
        try editedVCF(Self.deepVariant, to: vcf) { $0.map { $0.replacingOccurrences(of: "chr7\t55191822\t", with: "chr7\t\(pos)\t") } }
        try expectRefusal(try run(["pipeline", vcf, "--out", s.out], s), s, naming: [vcf, "line 11", "POS"])
    }

    @Test func duplicateRecordsAreRefused() throws {
        let s = try Scratch()
        let vcf = s.dir + "/dup.vcf"
        try editedVCF(Self.deepVariant, to: vcf) { [$0[0]] + $0 }
        try expectRefusal(try run(["pipeline", vcf, "--out", s.out], s), s, naming: [vcf, "line 12", "already at line 11"])
    }

    /// DP4 counts whose sum passes 2^31 used to trap in 32-bit arithmetic; imported in 64 bits,
    /// they cannot go into the report VCF's 32-bit integers: refused with the value named.
    @Test func countsBeyond32BitsAreNamedNotCrashed() throws {
        let s = try Scratch()
        let vcf = s.dir + "/huge.vcf"
        try editedVCF(Self.bcftools, to: vcf) {
            $0.map { $0.replacingOccurrences(of: "DP=271;DP4=94,94,39,44", with: "DP4=2000000000,2000000000,2000000000,2000000000") }
        }
        try expectRefusal(try run(["pipeline", vcf, "--out", s.out], s), s, naming: [vcf, "depth 8000000000", "report VCF"])
    }

    /// `g2t report` on an analysis JSON with a depth of 2^31 or more.
    @Test func reportWithHugeDepthIsRefused() throws {
        let s = try Scratch()
        let calls = s.dir + "/calls.json"
        let c = try run(["call", Self.deepVariant, "-o", calls], s)
        #expect(c.status == 0, "stderr: \(c.stderr)")
        let text = try TestSupport.readText(calls)
        let edited = text.replacingOccurrences(of: "\"depth\" : 271", with: "\"depth\" : 3000000000")
        #expect(edited != text)
        let huge = s.dir + "/huge.json"
        try edited.write(toFile: huge, atomically: true, encoding: .utf8)
        try expectRefusal(try run(["report", huge, "--out", s.out], s), s, naming: [Self.deepVariant, "depth 3000000000", "report VCF"])
    }

    // MARK: numbers, JSON and long errors

    /// An expression of 1e308 TPM in a stage file crashed the MDR text (a Double-to-Int trap).
    @Test func hugeExpressionInAStageFileIsRefused() throws {
        let s = try Scratch()
        let calls = s.dir + "/calls.json"
        let c = try run(["call", Self.deepVariant, "-o", calls, "--abcb1-expression", "5"], s)
        #expect(c.status == 0, "stderr: \(c.stderr)")
        let text = try TestSupport.readText(calls)
        let edited = text.replacingOccurrences(of: "\"tpm\" : 5", with: "\"tpm\" : 1e308")
        #expect(edited != text)
        let huge = s.dir + "/huge-tpm.json"
        try edited.write(toFile: huge, atomically: true, encoding: .utf8)
        try expectRefusal(try run(["annotate", huge, "-o", s.out + "/a.json"], s), s, naming: [huge, "expression[0].tpm"])
    }

    @Test(arguments: [
        (["--abcb1-expression", "1e308"], "--abcb1-expression"), (["--abcb1-expression", "nan"], "--abcb1-expression"),
        (["--abcb1-expression", "inf"], "--abcb1-expression"), (["--abcb1-expression", "-1"], "--abcb1-expression"),
        (["--threads", "0"], "--threads"), (["--threads", "100000000"], "--threads"),
        (["--min-bq", "1000"], "--min-bq"), (["--min-lod", "nan"], "--min-lod"),
        (["--expression", "NOPE1=3"], "'NOPE1' is not a panel gene"), (["--expression", "ABCB1"], "GENE=TPM"),
        (["--expression", "ABCB1=-2"], "--expression ABCB1=-2"), (["--build", "hg17"], "--build"),
    ])
    func numericFlagsAreValidated(flags: [String], name: String) throws {
        let s = try Scratch()
        try expectRefusal(try run(["pipeline", Self.demo, "--out", s.out] + flags, s), s, naming: [name])
    }

    /// `--threads` is one shared option: every command that takes it refuses the same out-of-range values
    /// (`score` and `pon build` once accepted 0).
    @Test(arguments: [
        ["call", HostileInputTests.demo, "-o", "OUT"], ["score", HostileInputTests.demo, "-o", "OUT"], ["rescore", HostileInputTests.demo, "-o", "OUT"],
        ["pon", "build", HostileInputTests.demo, "-o", "OUT"],
    ])
    func threadsIsValidatedByEveryCommand(command: [String]) throws {
        let s = try Scratch()
        for bad in ["0", "100000000"] {
            let args = command.map { $0 == "OUT" ? s.out + "/x.json" : $0 } + ["--threads", bad]
            try expectRefusal(try run(args, s), s, naming: ["--threads must be from 1 to"])
        }
    }

    @Test func brokenStageJSONSaysWhere() throws {
        let s = try Scratch()
        let broken = s.dir + "/broken.json"
        try "{\n  \"sample\": {\"id\": \"X\"},\n  \"variants\": [1, 2,,]\n}\n".write(toFile: broken, atomically: true, encoding: .utf8)
        try expectRefusal(try run(["report", broken, "--out", s.out], s), s, naming: [broken, "line 3"])
        let wrongType = s.dir + "/wrong-type.json"
        try "{\"sample\": 5}".write(toFile: wrongType, atomically: true, encoding: .utf8)
        let r = try run(["report", wrongType, "--out", s.out], s)
        try expectRefusal(r, s, naming: [wrongType])
        #expect(!r.stderr.contains("Context("), "no raw DecodingError dump: \(r.stderr)")
    }

    @Test func brokenPanelOfNormalsSaysWhere() throws {
        let s = try Scratch()
        let pon = s.dir + "/broken.pon.json"
        try "{\"format\": \"g2t-pon/2\",\n \"targets\": [}".write(toFile: pon, atomically: true, encoding: .utf8)
        try expectRefusal(try run(["pipeline", Self.demo, "--pon", pon, "--out", s.out], s), s, naming: [pon, "line 2"])
    }

    /// A 100 KB value in an error stays one short line.
    @Test func longErrorsAreCut() throws {
        let s = try Scratch()
        let long = String(repeating: "x", count: 100_000)
        try expectRefusal(try run(["pipeline", Self.demo, "--tumor-type", long, "--out", s.out], s), s, naming: ["…"])
        try expectRefusal(try run(["pipeline", s.dir + "/" + long.prefix(200) + "/y.bam", "--out", s.out], s), s, naming: ["no such file"])
    }

    // MARK: spreadsheet formulas

    /// Sample IDs beginning with = + - @ are quoted in the TSVs, so a spreadsheet shows them as text.
    @Test func formulaLikeValuesAreQuotedInTSVs() throws {
        let s = try Scratch()
        let id = "=HYPERLINK(\"http://x\")"
        let r = try run(["pipeline", Self.demo, "--sample", id, "--out", s.out], s)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let tsvs = try FileManager.default.contentsOfDirectory(atPath: s.out).filter { $0.hasSuffix(".tsv") }
        #expect(tsvs.count >= 3)
        for t in tsvs {
            // Data rows: after the comment lines and the column header.
            let rows = try TestSupport.readText(s.out + "/" + t).split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst()
            #expect(!rows.isEmpty, "\(t) has no rows")
            for row in rows {
                let cells = row.split(separator: "\t", omittingEmptySubsequences: false)
                #expect(!cells.contains { $0.hasPrefix("=") || $0.hasPrefix("@") || $0.hasPrefix("+") }, "\(t): \(row)")
                #expect(cells.contains { $0 == "'" + id }, "\(t): \(row)")
            }
        }
    }

    // MARK: disk full

    /// `g2t rescore` whose final flush fails (the output outgrows a file-size limit, as on a full
    /// disk): one error line, exit 1, no output and no temporary file. Before, fclose ran twice
    /// (glibc: "double free detected", SIGABRT) and the temporary file stayed.
    @Test(.disabled(if: TestSupport.underThreadSanitizer,
                    "ThreadSanitizer's runtime takes SIGBUS under `ulimit -f`; the plain and ASan runs cover this"))
    func rescoreFailingItsFinalFlushIsOneErrorLine() throws {
        let s = try Scratch()
        #expect(try run(["call", Self.demo, "-o", s.dir + "/a.json"], s).status == 0)
        #expect(try run(["annotate", s.dir + "/a.json", "-o", s.dir + "/a.ann.json"], s).status == 0)
        let analysis = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: s.dir + "/a.ann.json")))
        let line = String(decoding: try JSONSerialization.data(withJSONObject: analysis), as: UTF8.self)
        try String(repeating: line + "\n", count: 3).write(toFile: s.dir + "/cohort.jsonl", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: s.out, withIntermediateDirectories: true)
        let full = try run(["rescore", s.dir + "/cohort.jsonl", "-o", s.dir + "/full.jsonl"], s)
        #expect(full.status == 0, "\(full.stderr)")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: s.dir + "/full.jsonl")[.size] as? Int)
        try #require(size % 1024 != 0 && size > 8192)
        // bash's ulimit -f counts 1 KiB blocks. stdio writes whole 4 KiB buffers until the end, so
        // a limit within the last KiB lets every write pass but the final flush. SIGXFSZ is ignored
        // (an ignored signal stays ignored across exec), so the write fails with EFBIG instead.
        let output = s.out + "/cohort.scored.jsonl"
        let r = try TestSupport.run("bash", ["-c", "trap '' XFSZ; ulimit -f \(size / 1024); exec \"$0\" \"$@\"",
                                             g2t, "rescore", s.dir + "/cohort.jsonl", "-o", output], environment: ["TMPDIR": s.tmp])
        try expectRefusal(r, s, naming: [output, "write failed"])
    }

    /// A VCF whose header has one 2 MB line is refused by its line number, without htslib
    /// reading the header (a 200 MB line in a 325 KB bgzipped file took 1 GB of memory).
    @Test func anOversizedHeaderLineIsRefused() throws {
        let s = try Scratch()
        let vcf = s.dir + "/long-header.vcf"
        try ("##fileformat=VCFv4.2\n##contig=<ID=chr7,length=159345973>\n##comment=" + String(repeating: "A", count: 2_000_000)
             + "\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n").write(toFile: vcf, atomically: true, encoding: .utf8)
        try expectRefusal(try run(["pipeline", vcf, "--out", s.out], s), s, naming: [vcf, "line 3", "longer than 1 MiB"])
    }
}
