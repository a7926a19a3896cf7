import Foundation
import Testing
import TestSupport

/// Germline/somatic origin, matched normal, purity and Tier IV through the g2t binary (docs/germline.md).
@Suite struct GermlineCommandLineTests {
    let g2t = TestSupport.g2tBinary
    let real = TestSupport.testData("real/giab-cancer-panel")

    func json(_ dir: String) throws -> [String: Any] {
        let f = try #require(try FileManager.default.contentsOfDirectory(atPath: dir).first { $0.hasSuffix(".report.json") })
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/" + f))) as? [String: Any])
    }
    func variants(_ a: [String: Any]) -> [[String: Any]] { a["variants"] as? [[String: Any]] ?? [] }
    func html(_ dir: String) throws -> String {
        let f = try #require(try FileManager.default.contentsOfDirectory(atPath: dir).first { $0.hasSuffix(".report.html") })
        return try String(contentsOfFile: dir + "/" + f, encoding: .utf8)
    }

    /// A tumour-only VCF (GT:AD:DP) on GRCh38.
    func vcf(_ path: String, _ records: [(pos: Int, ref: String, alt: String, altReads: Int, depth: Int)]) throws {
        var text = "##fileformat=VCFv4.2\n##contig=<ID=chr7,length=159345973>\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
            + "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths\">\n##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n"
            + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOUR\n"
        for r in records { text += "chr7\t\(r.pos)\t.\t\(r.ref)\t\(r.alt)\t.\tPASS\t.\tGT:AD:DP\t0/1:\(r.depth - r.altReads),\(r.altReads):\(r.depth)\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A small GRCh38 BAM of 100-base reads from the bundled EGFR sequence, `depth` reads over each
    /// site, `altReads` of them carrying the SNV.
    func bam(_ path: String, sample: String, _ sites: [(pos: Int, alt: String, altReads: Int, depth: Int)]) throws {
        let fa = try String(contentsOfFile: TestSupport.root + "/Sources/G2TCore/Data/EGFR.GRCh38.fa", encoding: .utf8)
        let seq = Array(fa.split(separator: "\n").dropFirst().joined().utf8)
        let start = 55_014_032
        var sam = "@HD\tVN:1.6\tSO:unsorted\n@SQ\tSN:chr7\tLN:159345973\n@RG\tID:rg\tSM:\(sample)\n"
        var n = 0
        for s in sites {
            for i in 0..<s.depth {
                let readStart = s.pos - 50 + (i * 7) % 41 - 20
                var bases = Array(seq[(readStart - start)..<(readStart - start + 100)])
                if i < s.altReads, let b = s.alt.utf8.first { bases[s.pos - readStart] = b }
                n += 1
                sam += "r\(n)\t\(i % 2 == 0 ? 0 : 16)\tchr7\t\(readStart)\t60\t100M\t*\t0\t0\t\(String(decoding: bases, as: UTF8.self))\t\(String(repeating: "I", count: 100))\tRG:Z:rg\n"
            }
        }
        try sam.write(toFile: path + ".sam", atomically: true, encoding: .utf8)
        #expect(try TestSupport.run("samtools", ["sort", "-o", path, path + ".sam"]).status == 0)
        #expect(try TestSupport.run("samtools", ["index", path]).status == 0)
    }

    /// Real GIAB reads (R carries rs1050171 heterozygous): no germline variant is reported as Tier I–III,
    /// and rs1050171 is Tier IV in the collapsed germline section, not in the summary.
    @Test(arguments: ["R.EGFR.GRCh38", "R.EGFR.GRCh37", "T.EGFR.GRCh38", "T.EGFR.GRCh37"])
    func realReadsReportNoGermlineVariantAsTierIToIII(_ name: String) throws {
        let out = try TestSupport.tempDir() + "/o"
        let r = try TestSupport.run(g2t, ["pipeline", "\(real)/CPCT12345678\(name).bam", "--tumor-type", "LUAD", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let vs = variants(try json(out))
        for v in vs where ["I", "II", "III"].contains(v["tier"] as? String ?? "") {
            #expect(!["germline", "likely-germline"].contains(v["origin"] as? String ?? ""), "\(v)")
            #expect((v["population"] as? [String: Any]) == nil, "a known polymorphism reported as Tier I–III: \(v)")
        }
        let q787 = vs.first { $0["hgvsc"] as? String == "c.2361G>A" }
        if name.hasPrefix("R") {
            let v = try #require(q787)
            #expect(v["origin"] as? String == "germline" && v["tier"] as? String == "IV" && v["zygosity"] as? String == "heterozygous")
            let page = try html(out)
            #expect(page.contains("Germline variants (1)"))
            let summary = page.components(separatedBy: "id=\"therapies\"").first ?? page
            #expect(!summary.contains("c.2361G&gt;A"), "the germline SNP must not be in the summary")
        } else {
            #expect(q787 == nil)
        }
    }

    /// Matched normal: the same person passes (and the SNP is germline from the normal); a sample swap is an error naming both files.
    @Test func matchedNormalAndSampleSwap() throws {
        let dir = try TestSupport.tempDir()
        let r38 = "\(real)/CPCT12345678R.EGFR.GRCh38.bam", t38 = "\(real)/CPCT12345678T.EGFR.GRCh38.bam"
        let same = try TestSupport.run(g2t, ["pipeline", r38, "--normal", r38, "--out", dir + "/same"])
        #expect(same.status == 0, "\(same.stderr)")
        let v = try #require(variants(try json(dir + "/same")).first { $0["pos"] as? Int == 55_181_370 })
        #expect((v["originEvidence"] as? [[String: Any]])?.contains { $0["source"] as? String == "matched-normal" && $0["favours"] as? String == "germline" } == true)
        #expect(v["origin"] as? String == "germline")
        let swap = try TestSupport.run(g2t, ["pipeline", r38, "--normal", t38, "--out", dir + "/swap"])
        #expect(swap.status != 0)
        #expect(swap.stderr.split(separator: "\n").count == 1, "\(swap.stderr)")
        #expect(swap.stderr.contains(t38) && swap.stderr.contains(r38) && swap.stderr.contains("not from the same person"))
        #expect(!TestSupport.exists(dir + "/swap"))
    }

    /// The issue's VCF: R521K (VAF 0.5) and Q787Q (VAF 1.0) are germline Tier IV, and L858R at 0.25
    /// stays `sensitive` for the EGFR TKIs (germline VAFs do not make it subclonal); Q787Q is 1/1 in the VCF.
    @Test func tumourOnlyVCFWithGermlinePolymorphisms() throws {
        let dir = try TestSupport.tempDir()
        try vcf(dir + "/t.vcf", [(55_161_562, "G", "A", 250, 500), (55_181_370, "G", "A", 500, 500), (55_191_822, "T", "G", 125, 500)])
        let r = try TestSupport.run(g2t, ["pipeline", dir + "/t.vcf", "--tumor-type", "LUAD", "--out", dir + "/o"])
        #expect(r.status == 0, "\(r.stderr)")
        let a = try json(dir + "/o")
        let vs = variants(a)
        #expect(vs.map { $0["tier"] as? String ?? "" } == ["IV", "IV", "I"])
        #expect(vs.map { $0["origin"] as? String ?? "" } == ["germline", "germline", "likely-somatic"])
        let therapies = a["therapies"] as? [[String: Any]] ?? []
        for drug in ["osimertinib", "gefitinib", "erlotinib"] {
            #expect(therapies.first { $0["drug"] as? String == drug }?["call"] as? String == "sensitive", "\(drug)")
        }
        let gt = try TestSupport.run("bcftools", ["query", "-f", "%POS [%GT]\\n", dir + "/o/TUMOUR.g2t.vcf.gz"])
        #expect(gt.stdout.contains("55181370 1/1") && gt.stdout.contains("55161562 0/1") && gt.stdout.contains("55191822 0/1"), "\(gt.stdout)")
        let purity = try #require((a["sample"] as? [String: Any])?["purity"] as? [String: Any])
        #expect(purity["source"] as? String == "estimated" && abs((purity["value"] as? Double ?? 0) - 0.5) <= 0.02)
    }

    /// Purity given and estimated: the given value is used, a difference > 0.2 warns in the summary.
    @Test func purityGivenAndEstimated() throws {
        let dir = try TestSupport.tempDir()
        let bam = TestSupport.testData("samples/demo-nsclc.bam")
        #expect(try TestSupport.run(g2t, ["pipeline", bam, "--purity", "0.3", "--out", dir + "/low"]).status == 0)
        let p = try #require((try json(dir + "/low")["sample"] as? [String: Any])?["purity"] as? [String: Any])
        #expect(p["source"] as? String == "given" && p["value"] as? Double == 0.3 && abs((p["estimated"] as? Double ?? 0) - 0.61) < 0.02)
        #expect(try html(dir + "/low").contains("Purity: given 0.30, estimated from somatic VAFs 0.62"))
        #expect(try TestSupport.run(g2t, ["pipeline", bam, "--purity", "0.6", "--out", dir + "/ok"]).status == 0)
        #expect(!(try html(dir + "/ok").contains("Purity: given")))
    }

    /// T790M at a heterozygous VAF, tumour-only: flagged in the summary, still a biomarker; the same
    /// with T790M in a matched normal (simulated reads).
    @Test func predispositionFlag() throws {
        let dir = try TestSupport.tempDir()
        try vcf(dir + "/t.vcf", [(55_181_378, "C", "T", 240, 500), (55_191_822, "T", "G", 100, 500)])
        #expect(try TestSupport.run(g2t, ["pipeline", dir + "/t.vcf", "--tumor-type", "LUAD", "--out", dir + "/o"]).status == 0)
        let page = try html(dir + "/o")
        #expect(page.contains("EGFR T790M (VAF 48.0%): possibly germline: consider germline testing and genetic counselling"))
        let a = try json(dir + "/o")
        #expect(variants(a).first { $0["pos"] as? Int == 55_181_378 }?["possiblyGermline"] as? Bool == true)
        let osi = (a["therapies"] as? [[String: Any]] ?? []).first { $0["drug"] as? String == "gefitinib" }
        #expect((osi?["evidence"] as? [[String: Any]])?.contains { $0["biomarker"] as? String == "EGFR T790M" } == true)

        // Matched normal carrying T790M at 50%; the tumour carries it at 30% with L858R at 20%.
        try bam(dir + "/normal.bam", sample: "N", [(55_181_378, "T", 20, 40), (55_191_822, "G", 0, 40)])
        try bam(dir + "/tumour.bam", sample: "T", [(55_181_378, "T", 60, 200), (55_191_822, "G", 40, 200)])
        let r = try TestSupport.run(g2t, ["pipeline", dir + "/tumour.bam", "--normal", dir + "/normal.bam", "--tumor-type", "LUAD", "--out", dir + "/tn"])
        #expect(r.status == 0, "\(r.stderr)")
        let tn = variants(try json(dir + "/tn"))
        let t790m = try #require(tn.first { $0["pos"] as? Int == 55_181_378 })
        #expect(t790m["origin"] as? String == "germline" && t790m["possiblyGermline"] as? Bool == true)
        #expect(tn.first { $0["pos"] as? Int == 55_191_822 }?["origin"] as? String == "somatic")
        #expect(try html(dir + "/tn").contains("possibly germline: consider germline testing"))
    }

    /// The sample sheet's normal and purity columns reach the run; an old panel of normals (copy
    /// number only) loads, and the report says site filtering was not available.
    @Test func sheetNormalAndPurityAndOldPanelOfNormals() throws {
        let dir = try TestSupport.tempDir()
        let tumour = "\(real)/CPCT12345678R.EGFR.GRCh38.bam"
        try "sample,input,tumor_type,normal,purity\nS1,\(tumour),LUAD,\(tumour),0.45\n".write(toFile: dir + "/sheet.csv", atomically: true, encoding: .utf8)
        let r = try TestSupport.run(g2t, ["batch", dir + "/sheet.csv", "--out", dir + "/b"])
        #expect(r.status == 0, "\(r.stderr)")
        let a = try json(dir + "/b/S1")
        let p = (a["sample"] as? [String: Any])?["purity"] as? [String: Any]
        #expect(p?["source"] as? String == "given" && p?["value"] as? Double == 0.45)
        #expect((a["inputs"] as? [[String: Any]])?.contains { $0["format"] as? String == "BAM (matched normal)" } == true)
        let old = try TestSupport.run(g2t, ["pipeline", TestSupport.testData("samples/cn/cn-2.bam"), "--pon", TestSupport.testData("samples/cn/pon-format1.json"), "--out", dir + "/pon"])
        #expect(old.status == 0, "\(old.stderr)")
        #expect((try json(dir + "/pon")["notes"] as? [String])?.contains { $0.contains("no site data (format 1); site-level filtering") } == true)
    }

    /// Bad input: one error line naming the file or value, non-zero exit, nothing in --out.
    @Test(arguments: ["purity0", "purity1.5", "normalOtherBuild", "normalOffTarget", "normalIsVCF", "resourceOtherBuild", "sheetNormalMissing", "sheetPurity"])
    func badInput(_ kind: String) throws {
        let dir = try TestSupport.tempDir()
        let out = dir + "/out"
        let tumour = "\(real)/CPCT12345678R.EGFR.GRCh38.bam"
        var args: [String]
        var mustName: String
        switch kind {
        case "purity0": args = ["pipeline", tumour, "--purity", "0"]; mustName = "--purity 0.0"
        case "purity1.5": args = ["pipeline", tumour, "--purity", "1.5"]; mustName = "--purity 1.5"
        case "normalOtherBuild":
            mustName = "\(real)/CPCT12345678R.EGFR.GRCh37.bam"
            args = ["pipeline", tumour, "--normal", mustName]
        case "normalOffTarget":
            let sam = dir + "/off.sam"
            mustName = dir + "/off.bam"
            try "@HD\tVN:1.6\tSO:coordinate\n@SQ\tSN:chr7\tLN:159345973\n@RG\tID:x\tSM:OFF\nr1\t0\tchr7\t1000000\t60\t4M\t*\t0\t0\tACGT\tIIII\tRG:Z:x\n"
                .write(toFile: sam, atomically: true, encoding: .utf8)
            try TestSupport.run("samtools", ["view", "-b", "-o", mustName, sam])
            try TestSupport.run("samtools", ["index", mustName])
            args = ["pipeline", tumour, "--normal", mustName]
        case "normalIsVCF":
            mustName = TestSupport.testData("vcf/mutect2.vcf")
            args = ["pipeline", tumour, "--normal", mustName]
        case "resourceOtherBuild":
            mustName = TestSupport.root + "/Sources/G2TCore/Data/germline-resource.GRCh37.tsv"
            args = ["pipeline", tumour, "--germline-resource", mustName]
        case "sheetPurity":
            mustName = "purity '60'"
            try "sample,input,tumor_type,purity\nS1,\(tumour),LUAD,60\n".write(toFile: dir + "/sheet.csv", atomically: true, encoding: .utf8)
            args = ["batch", dir + "/sheet.csv"]
        default:
            mustName = dir + "/missing-normal.bam"
            try "sample,input,tumor_type,normal,purity\nS1,\(tumour),LUAD,\(mustName),0.5\n".write(toFile: dir + "/sheet.csv", atomically: true, encoding: .utf8)
            args = ["batch", dir + "/sheet.csv"]
        }
        let r = try TestSupport.run(g2t, args + ["--out", out])
        #expect(r.status != 0)
        #expect(r.stderr.split(separator: "\n").count == 1, "stderr: \(r.stderr)")
        #expect(r.stderr.contains(kind == "sheetNormalMissing" ? "missing-normal.bam" : mustName), "stderr: \(r.stderr)")
        #expect(!TestSupport.exists(out), "nothing may be left in --out")
    }
}
