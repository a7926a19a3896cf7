import Foundation
import G2TCore
import HTS
import Knowledge
import Pipeline
import Testing
import TestSupport

@Suite struct PipelineTests {
    func run(_ input: String, reference: String? = nil, tumor: String? = "LUAD") throws -> Analysis {
        let a = try Stages.call(CallOptions(input: input, reference: reference, tumorType: tumor, environment: ["SOURCE_DATE_EPOCH": "0"]))
        return try Stages.score(try Stages.annotate(a), kb: try KnowledgeBaseLoader.bundled())
    }

    @Test func demoReportsL858RWithItsVAF() throws {
        let a = try run(TestSupport.testData("samples/demo-nsclc.bam"))
        #expect(a.sample.id == "DEMO-NSCLC")
        #expect(a.reference.build == .grch38)
        let l858r = try #require(a.variants.first { $0.annotation?.hgvsp == "p.Leu858Arg" })
        #expect(l858r.annotation?.hgvsc == "c.2573T>G" && l858r.gene == "EGFR" && l858r.hotspot == "EGFR L858R")
        #expect(abs((l858r.vaf ?? 0) - 0.3) < 0.06)
        let rs = try #require(a.variants.first { $0.hotspot == "ABCB1 rs1045642" })
        #expect(abs((rs.vaf ?? 0) - 0.5) < 0.08, "heterozygous")
        #expect(a.therapies.contains { $0.drug == "osimertinib" && $0.call == .sensitive })
        #expect(a.knowledgeBase?.sha256.count == 64)
        #expect(a.date == "1970-01-01T00:00:00Z")
    }

    @Test func wildTypeHasNoEGFRVariant() throws {
        let a = try run(TestSupport.testData("samples/egfr-wildtype.bam"))
        #expect(!a.variants.contains { $0.gene == "EGFR" })
        #expect(a.hotspots.filter { $0.gene == "EGFR" }.allSatisfy { $0.status == .notDetected })
        #expect(a.therapies.allSatisfy { $0.evidence.isEmpty && $0.call == .standardOption }, "only tumour-type context, no biomarker")
    }

    @Test func grch37WithEnsemblNames() throws {
        let a = try run(TestSupport.testData("samples/demo-nsclc.grch37.bam"))
        #expect(a.reference.build == .grch37 && a.reference.chrom == "7")
        let v = try #require(a.variants.first { $0.annotation?.hgvsp == "p.Leu858Arg" })
        #expect(v.chrom == "7" && v.pos == 55_259_515 && v.annotation?.hgvsc == "c.2573T>G")
    }

    @Test func cramNeedsAndUsesReference() throws {
        let cram = TestSupport.testData("samples/egfr-ex19del-t790m.cram")
        #expect(throws: HTSError.cramNeedsReference(path: cram)) { try run(cram) }
        let a = try run(cram, reference: TestSupport.testData("ref/chr7.panel.GRCh38.fa.gz"))
        #expect(a.variants.contains { $0.annotation?.hgvsp == "p.Thr790Met" })
        #expect(a.variants.contains { $0.annotation?.hgvsp == "p.Glu746_Ala750del" })
        let bam = try run(TestSupport.testData("samples/egfr-ex19del-t790m.bam"))
        #expect(a.variants.map { $0.annotation?.hgvsc } == bam.variants.map { $0.annotation?.hgvsc })
    }

    @Test func referenceWithoutChr7IsRejected() throws {
        let fa = try TestSupport.tempDir() + "/other.fa"
        try ">chr1\nACGT\n".write(toFile: fa, atomically: true, encoding: .utf8)
        #expect(throws: PipelineError.self) { try run(TestSupport.testData("samples/demo-nsclc.bam"), reference: fa) }
    }

    @Test func otherBuildIsNamed() throws {
        let p = TestSupport.testData("bad/other-build.bam")
        #expect(throws: PipelineError.unknownBuild(path: p, contig: "chr7", length: 144_995_196,
                                                   problem: "chr7 has length 144995196, which is neither GRCh38 (159345973) nor GRCh37 (159138663)")) { try run(p) }
    }

    @Test func unindexedInputWorksAndSaysSo() throws {
        let dir = try TestSupport.tempDir()
        try TestSupport.run("cp", [TestSupport.testData("samples/egfr-wildtype.bam"), dir + "/wt.bam"])
        var logged: [String] = []
        let a = try Stages.call(CallOptions(input: dir + "/wt.bam"), log: { logged.append($0) })
        #expect(logged.count == 1 && logged[0].contains("no index"))
        #expect(a.notes.contains(logged.first ?? "-"))
        // egfr-wildtype.bam has chr7 only: chr1/chr3/chr12 genes are noted as not assessed.
        #expect(a.notes.contains { $0.contains("no chr12 in the header: KRAS not assessed") })
        #expect(a.hotspots.count == 62)
    }

    @Test func reportFilesAreWrittenAllOrNothingAndReproducibly() throws {
        let a = try run(TestSupport.testData("samples/demo-nsclc.bam"))
        let d1 = try TestSupport.tempDir() + "/out", d2 = try TestSupport.tempDir() + "/out"
        let w1 = try ReportFiles.write(a, to: d1)
        _ = try ReportFiles.write(try run(TestSupport.testData("samples/demo-nsclc.bam")), to: d2)
        let names = try FileManager.default.contentsOfDirectory(atPath: d1).sorted()
        #expect(names == ["DEMO-NSCLC.g2t.vcf.gz", "DEMO-NSCLC.g2t.vcf.gz.tbi", "DEMO-NSCLC.g2t_mqc.tsv", "DEMO-NSCLC.hotspots.tsv",
                          "DEMO-NSCLC.manifest.json", "DEMO-NSCLC.report.html", "DEMO-NSCLC.report.json", "DEMO-NSCLC.therapies.tsv", "DEMO-NSCLC.variants.tsv"])
        let variantsTSV = try TestSupport.readText(d1 + "/DEMO-NSCLC.variants.tsv").split(separator: "\n")
        #expect(variantsTSV.count == a.variants.count + 1 && variantsTSV[1].contains("c.2573T>G"))
        #expect(try TestSupport.readText(d1 + "/DEMO-NSCLC.g2t_mqc.tsv").contains("DEMO-NSCLC\tEGFR L858R\tafatinib"))
        for n in names {
            #expect(FileManager.default.contents(atPath: d1 + "/" + n) == FileManager.default.contents(atPath: d2 + "/" + n), "\(n) differs between runs")
        }
        let view = try TestSupport.run("bcftools", ["view", "-H", w1.vcf])
        #expect(view.status == 0 && view.stdout.contains("55191822"))
    }
}

/// BAM input and VCF input of the same sample give the same report content.
@Suite struct VCFInputPipelineTests {
    func run(_ input: String, sample: String? = nil) throws -> Analysis {
        let a = try Stages.call(CallOptions(input: input, sampleID: sample, tumorType: "LUAD", environment: ["SOURCE_DATE_EPOCH": "0"]))
        return try Stages.score(try Stages.annotate(a), kb: try KnowledgeBaseLoader.bundled())
    }

    func key(_ a: Analysis) -> [String] {
        a.variants.filter(\.passed).map { "\($0.pos) \($0.ref)>\($0.alt) \($0.annotation?.hgvsc ?? "") \($0.annotation?.hgvsp ?? "")" }
    }

    @Test(arguments: ["OWN", "vcf/mutect2.vcf.gz", "vcf/vardict.vcf", "vcf/freebayes.vcf", "vcf/bcftools.vcf"])
    func sameVariantsNamesAndTherapies(vcf: String) throws {
        let bamAnalysis = try run(TestSupport.testData("samples/demo-nsclc.bam"))
        var path = TestSupport.testData(vcf)
        if vcf == "OWN" {  // g2t's own VCF output read back
            let dir = try TestSupport.tempDir()
            path = try ReportFiles.write(bamAnalysis, to: dir).vcf
        }
        let vcfAnalysis = try run(path)
        #expect(key(vcfAnalysis) == key(bamAnalysis))
        #expect(vcfAnalysis.therapies.map { "\($0.drug) \($0.call.rawValue) \($0.score)" }
                == bamAnalysis.therapies.map { "\($0.drug) \($0.call.rawValue) \($0.score)" })
        #expect(vcfAnalysis.hotspots.filter { $0.status == .detected }.map(\.name)
                == bamAnalysis.hotspots.filter { $0.status == .detected }.map(\.name))
        #expect(vcfAnalysis.inputs.first?.format == "VCF")
    }
}

/// Every kind of report the tests can make validates against docs/report.schema.json.
@Suite struct ReportSchemaTests {
    /// A python3 that has the jsonschema package (Debian: python3-jsonschema).
    static func python() throws -> String {
        for p in ["python3", "/usr/bin/python3"] where (try? TestSupport.run(p, ["-c", "import jsonschema"]).status) == 0 { return p }
        Issue.record("no python3 with the jsonschema package: apt-get install python3-jsonschema (make test does)")
        return "python3"
    }

    @Test func reportsValidateAgainstTheSchema() throws {
        let dir = try TestSupport.tempDir()
        let kb = try KnowledgeBaseLoader.bundled()
        var files: [String] = []
        let inputs: [(String, String?, GenomeBuild?)] = [
            ("samples/demo-nsclc.bam", nil, nil), ("samples/egfr-wildtype.bam", nil, nil),
            ("samples/egfr-ex19del-t790m.cram", "ref/chr7.panel.GRCh38.fa.gz", nil), ("samples/demo-nsclc.grch37.bam", nil, nil),
            ("vcf/mutect2.vcf.gz", nil, nil), ("vcf/strelka2.indels.vcf", nil, nil), ("vcf/deepvariant.vcf", nil, nil),
            ("vcf/sites-only.vcf", nil, .grch38), ("samples/egfr-t790m-c797s-cis.bam", nil, nil),
        ]
        for (i, (input, ref, build)) in inputs.enumerated() {
            let called = try Stages.call(CallOptions(input: TestSupport.testData(input), reference: ref.map(TestSupport.testData),
                                                     tumorType: i % 2 == 0 ? "LUAD" : nil, build: build))
            let scored = try Stages.score(try Stages.annotate(called), kb: kb)
            files.append(try ReportFiles.write(scored, to: "\(dir)/\(i)").json)
            // Stage files validate too.
            try StageFile.write(called, to: "\(dir)/call-\(i).json")
            files.append("\(dir)/call-\(i).json")
        }
        let r = try TestSupport.run(try Self.python(), [TestSupport.root + "/scripts/validate-json.py", TestSupport.root + "/docs/report.schema.json"] + files)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("\(files.count) valid, 0 invalid"))
    }

    @Test func schemaCatchesABrokenReport() throws {
        let dir = try TestSupport.tempDir()
        let a = try Stages.call(CallOptions(input: TestSupport.testData("vcf/vardict.vcf")))
        let good = try ReportFiles.write(a, to: dir).json
        let text = try TestSupport.readText(good).replacingOccurrences(of: "\"status\" : \"not-detected\"", with: "\"status\" : \"absent\"")
        try text.write(toFile: dir + "/bad.json", atomically: true, encoding: .utf8)
        let r = try TestSupport.run(try Self.python(), [TestSupport.root + "/scripts/validate-json.py", TestSupport.root + "/docs/report.schema.json", dir + "/bad.json"])
        #expect(r.status != 0 && r.stdout.contains("hotspots"))
    }
}

@Suite struct PhaseInOutputsTests {
    @Test func phasedVCFAndNames() throws {
        let a = try Stages.annotate(try Stages.call(CallOptions(input: TestSupport.testData("samples/egfr-t790m-c797s-trans.bam"))))
        #expect(a.phases.map(\.variants) == [["EGFR T790M", "EGFR C797S"]])
        let w = try ReportFiles.write(a, to: try TestSupport.tempDir())
        let q = try TestSupport.run("bcftools", ["query", "-f", "%POS [%GT %PS]\n", w.vcf]).stdout
        #expect(q == "55181378 0|1 55181378\n55181399 1|0 55181378\n")
        #expect(try TestSupport.readText(w.html).contains("are in trans"))
    }
}

@Suite struct MNVPipelineTests {
    /// L858R written as two changed bases of codon 858 becomes one MNV, named and scored as L858R.
    @Test func mnvIsOneAllele() throws {
        let a = try Stages.score(try Stages.annotate(try Stages.call(CallOptions(input: TestSupport.testData("samples/egfr-l858r-mnv.bam"),
                                                                               tumorType: "LUAD"))), kb: try KnowledgeBaseLoader.bundled())
        let passing = a.variants.filter(\.passed)
        #expect(passing.count == 1)
        let v = try #require(passing.first)
        #expect(v.ref == "TG" && v.alt == "GT" && v.annotation?.hgvsc == "c.2573_2574delinsGT" && v.annotation?.hgvsp == "p.Leu858Arg")
        #expect(abs((v.vaf ?? 0) - 0.3) < 0.08)
        #expect(a.phases.isEmpty, "the merged pair is no longer a pair")
        #expect(a.therapies.contains { $0.drug == "osimertinib" && $0.call == .sensitive })
    }
}

/// Copy number end to end: a panel of normals from three generated normals, tumours at 2, 4 and 8 copies.
@Suite struct CopyNumberPipelineTests {
    static let pon: Result<PanelOfNormals, Error> = Result {
        try Stages.buildPanelOfNormals((1...3).map { TestSupport.testData("samples/cn/pon-normal-\($0).bam") })
    }

    func analyse(_ sample: String, tumor: String = "LUSC", expression: Double? = nil) throws -> Analysis {
        let dir = try TestSupport.tempDir()
        try Self.pon.get().write(to: dir + "/pon.json")
        var o = CallOptions(input: TestSupport.testData("samples/cn/\(sample).bam"), tumorType: tumor, environment: ["SOURCE_DATE_EPOCH": "0"])
        o.pon = dir + "/pon.json"
        o.abcb1Expression = expression
        return try Stages.score(try Stages.annotate(try Stages.call(o)), kb: try KnowledgeBaseLoader.bundled())
    }

    @Test(arguments: [("cn-abcb1-4", "ABCB1", 4.0, CopyNumberCall.Status.gain),
                      ("cn-abcb1-8", "ABCB1", 8.0, .amplification), ("cn-egfr-8", "EGFR", 8.0, .amplification)])
    func generatedTumoursGiveTheirCopies(sample: String, gene: String, copies: Double, status: CopyNumberCall.Status) throws {
        let a = try analyse(sample)
        let cn = try #require(a.copyNumber?.first { $0.gene == gene })
        #expect(abs((cn.copies ?? 0) - copies) / copies < 0.15, "\(sample): \(String(describing: cn.copies)) copies, expected \(copies)")
        #expect(cn.status == status && cn.baseline == .lowestGene)
        // These BAMs hold only the targets: the other gene is the named, assumed-diploid baseline.
        // The BAMs hold EGFR and ABCB1 reads only: the other panel genes are named as not read, never as losses.
        let other = try #require(a.copyNumber?.first { $0.gene == (gene == "EGFR" ? "ABCB1" : "EGFR") })
        #expect(other.status == .notAssessed && other.copies == nil && other.note?.contains("\(other.gene) is the baseline") == true)
        Self.expectUnreadGenesNotAssessed(a)
        #expect(cn.note?.contains("chromosome 7 gain cannot be told from focal gain") == true)
        #expect(a.inputs.contains { $0.format == "g2t-pon/2" && $0.sha256.count == 64 })
        let pac = try #require(a.therapies.first { $0.drug == "paclitaxel" })
        // 2027.1: ≥ 3 copies low, ≥ 5 moderate, ≥ 8 high (the grading itself is unit-tested at each threshold).
        let c = cn.copies ?? 0
        let expected: MDRRisk = gene != "ABCB1" || c < 3 ? .none : c < 5 ? .low : c < 8 ? .moderate : .high
        #expect(pac.mdrRisk == expected && a.mdr?.risk == expected)
        #expect(a.therapies.first { $0.drug == "carboplatin" }?.mdrRisk == MDRRisk.none)
        if gene == "EGFR" {
            #expect(a.mdr?.notAssessed.contains { $0.contains("ABCB1 copy number: not assessed (it is the baseline assumed diploid") } == true)
        }
    }

    @Test func aDiploidTumourWithoutOffTargetReadsNamesItsBaseline() throws {
        let a = try analyse("cn-2")
        Self.expectUnreadGenesNotAssessed(a)
        let cns = try #require(a.copyNumber?.filter { ["EGFR", "ABCB1"].contains($0.gene) })
        #expect(cns.count == 2 && cns.filter { $0.status == .notAssessed }.count == 1)
        let measured = try #require(cns.first { $0.status != .notAssessed })
        #expect(measured.status == .neutral && abs((measured.copies ?? 0) - 2) < 0.3)
        #expect(measured.note?.contains("No usable off-target reads: NORMAL-1 has 0 off-target reads") == true)
    }

    /// Every panel gene other than EGFR and ABCB1 has no read in these target-only BAMs: not assessed, said so.
    static func expectUnreadGenesNotAssessed(_ a: Analysis) {
        let unread = (a.copyNumber ?? []).filter { !["EGFR", "ABCB1"].contains($0.gene) }
        #expect(!unread.isEmpty)
        for c in unread {
            #expect(c.status == .notAssessed && c.copies == nil && c.note?.contains("no read in any \(c.gene) target") == true, "\(c)")
            #expect(a.qc.genesWithoutReads?.contains(c.gene) == true)
        }
    }

    @Test func withoutAPanelCopyNumberIsNotAssessed() throws {
        let a = try Stages.score(try Stages.annotate(try Stages.call(CallOptions(input: TestSupport.testData("samples/cn/cn-abcb1-8.bam"),
                                                                                 tumorType: "LUSC"))), kb: try KnowledgeBaseLoader.bundled())
        #expect(a.copyNumber == nil)
        #expect(a.mdr?.assessed == false && a.mdr?.notAssessed.contains { $0.contains("no panel of normals") } == true)
    }

    @Test func expressionAloneSetsTheRisk() throws {
        let a = try analyse("cn-2", expression: 320)
        #expect(a.expression == [GeneExpression(gene: "ABCB1", tpm: 320, source: "--abcb1-expression")])
        #expect(a.mdr?.risk == .high && a.therapies.first { $0.drug == "paclitaxel" }?.mdrRisk == .high)
    }

    @Test func aBrokenPanelIsOneClearError() throws {
        let path = try TestSupport.tempDir() + "/pon.json"
        try "{\"not\": \"a panel\"}".write(toFile: path, atomically: true, encoding: .utf8)
        var o = CallOptions(input: TestSupport.testData("samples/cn/cn-2.bam"))
        o.pon = path
        #expect(throws: PipelineError.badInput(path: path, detail: "not a g2t panel of normals (make one with `g2t pon build`): format: missing key 'format'")) { try Stages.call(o) }
    }
}

/// Copy number against off-target reads (samples/cn-ot: reads on chr1, chr3, chr7 and chr12), the
/// panel of normals' site list from normals with germline variants, and old panels of normals.
@Suite struct OffTargetCopyNumberTests {
    static let pon: Result<PanelOfNormals, Error> = Result {
        try Stages.buildPanelOfNormals((1...3).map { TestSupport.testData("samples/cn-ot/ot-normal-\($0).bam") })
    }

    func analyse(_ sample: String, pon path: String? = nil) throws -> Analysis {
        let dir = try TestSupport.tempDir()
        try Self.pon.get().write(to: dir + "/pon.json")
        var o = CallOptions(input: TestSupport.testData("samples/cn-ot/\(sample).bam"), tumorType: "LUAD", environment: ["SOURCE_DATE_EPOCH": "0"])
        o.pon = path ?? dir + "/pon.json"
        return try Stages.call(o)
    }

    @Test func theIndexGivesOffTargetCounts() throws {
        let a = try analyse("ot-normal-1")
        let ot = try #require(a.qc.offTarget)
        // Every chromosome of these BAMs now holds panel targets (chr1 NRAS, chr3 PIK3CA, chr7, chr12 KRAS): no
        // autosome is without targets, and each keeps the reads that start beyond 1,000 bp of every target.
        // Counted independently: `samtools view -F 4` records whose POS is outside every GRCh38 coding exon
        // of exons.tsv ± (20 + 1,000) bp (idxstats: chr1 194, chr3 986, chr7 6694, chr12 532 before that cut).
        #expect(ot.otherAutosomes == 0)
        #expect(ot.panelChromosomes == ["chr1": 120, "chr3": 762, "chr7": 2787, "chr12": 446], "\(ot)")
        // The genome scale for chromosome 7 is the other chromosomes' off-target reads.
        #expect(ot.genome(excluding: "chr7") == 120 + 762 + 446 && ot.genome(excluding: nil) == 120 + 762 + 446 + 2787)
        // A BAM of the targets only has none.
        let targetsOnly = try Stages.call(CallOptions(input: TestSupport.testData("samples/cn/cn-2.bam")))
        #expect(targetsOnly.qc.offTarget?.otherAutosomes == 0 && targetsOnly.qc.offTarget?.panelChromosomes["chr7"] == 0)
    }

    @Test func thePanelKeepsTheOffTargetScaleAndTheSites() throws {
        let pon = try Self.pon.get()
        #expect(pon.format == "g2t-pon/2" && pon.offTarget != nil && pon.offTargetNote == nil)
        #expect(pon.siteRule?.hasPrefix("≥ 2 alternate fragments and VAF ≥ 1%") == true && pon.hasSiteData)
        // rs1050171 (EGFR c.2361G>A) in normals 1 and 2, the synthetic 2-bp deletion in normals 2 and 3, both heterozygous.
        #expect(pon.normalsWithSupport(chrom: "chr7", pos: 55181370, ref: "G", alt: "A") == 2)
        #expect(pon.normalsWithSupport(chrom: "chr7", pos: 55174827, ref: "TTC", alt: "T") == 2)
        let snp = try #require(pon.sites?.first { $0.pos == 55181370 })
        #expect(abs(snp.maxVAF - 0.5) < 0.2)
        // L858R: a target position no normal supports; the middle of intron 1 is not a target.
        #expect(pon.normalsWithSupport(chrom: "chr7", pos: 55191822, ref: "T", alt: "G") == 0)
        #expect(pon.normalsWithSupport(chrom: "chr7", pos: 55100000, ref: "A", alt: "G") == nil)
    }

    @Test(arguments: [("ot-egfr-8", "EGFR", 8.0, 2.0, CopyNumberCall.Status.amplification, "focal"),
                      ("ot-chr7-4", "EGFR", 4.0, 4.0, .gain, "whole-chromosome change"),
                      ("ot-chr7-4", "ABCB1", 4.0, 4.0, .gain, "whole-chromosome change"),
                      ("ot-abcb1-1", "ABCB1", 1.0, 2.0, .loss, "focal"), ("ot-abcb1-1", "EGFR", 2.0, 2.0, .neutral, "For reference")])
    func offTargetReadsGiveCopiesAgainstTheGenome(sample: String, gene: String, copies: Double, chromosome: Double,
                                                  status: CopyNumberCall.Status, wording: String) throws {
        let a = try analyse(sample)
        let cn = try #require(a.copyNumber?.first { $0.gene == gene })
        #expect(cn.baseline == .offTarget && cn.status == status, "\(cn)")
        #expect(abs((cn.copies ?? 0) - copies) < 0.15 * copies, "\(sample) \(gene): \(String(describing: cn.copies)) copies, expected \(copies)")
        #expect(abs((cn.chromosomeCopies ?? 0) - chromosome) < 0.2, "\(String(describing: cn.chromosomeCopies))")
        #expect(cn.note?.contains(wording) == true, "\(cn.note ?? "")")
        #expect(cn.note?.contains("Not corrected for purity") == true)
    }

    @Test func anImpureTumourIsCorrectedForPurity() throws {
        // EGFR at 8 copies in half the cells: observed ratio 2.5, 5 copies uncorrected, 8 at purity 0.5.
        let a = try analyse("ot-egfr-8-p50")
        let pon = try Self.pon.get()
        let raw = try #require(a.copyNumber?.first { $0.gene == "EGFR" })
        #expect(abs((raw.copies ?? 0) - 5) < 0.5 && raw.purity == nil)
        let corrected = try #require(Stages.estimateCopyNumber(a, pon: pon, purity: 0.5).first { $0.gene == "EGFR" })
        #expect(abs((corrected.copies ?? 0) - 8) < 1.0 && corrected.purity == 0.5 && corrected.status == .amplification, "\(corrected)")
        #expect(abs((corrected.chromosomeCopies ?? 0) - 2) < 0.3)
        #expect(corrected.note?.contains("Corrected for purity 0.50") == true)
    }

    @Test func aFormatOnePanelStillLoadsWithoutSiteData() throws {
        // samples/cn/pon-format1.json was written by g2t before format 2: copy number only.
        let path = TestSupport.testData("samples/cn/pon-format1.json")
        let old = try Stages.loadPanelOfNormals(path)
        #expect(old.format == "g2t-pon/1" && old.offTarget == nil && old.sites == nil && !old.hasSiteData)
        #expect(old.normalsWithSupport(chrom: "chr7", pos: 55181370, ref: "G", alt: "A") == nil)
        // A tumour with off-target reads still falls back, and says why.
        let a = try analyse("ot-egfr-8", pon: path)
        let egfr = try #require(a.copyNumber?.first { $0.gene == "EGFR" })
        #expect(egfr.baseline == .lowestGene && egfr.status == .amplification)
        #expect(egfr.note?.contains("format g2t-pon/1") == true && egfr.note?.contains("chromosome 7 gain cannot be told from focal gain") == true)
    }

    /// The case of issue 12: a panel of normals without the amplified gene's targets gave "2.0 copies, neutral".
    @Test func aPanelWithoutAGenesTargetsNeverCallsItNeutral() throws {
        let dir = try TestSupport.tempDir()
        for (ponFile, sample, dropped) in [("old", "cn/cn-egfr-8", "ABCB1"), ("old", "cn/cn-egfr-8", "EGFR"), ("ot", "cn-ot/ot-egfr-8", "ABCB1")] {
            var pon = ponFile == "old" ? try Stages.loadPanelOfNormals(TestSupport.testData("samples/cn/pon-format1.json")) : try Self.pon.get()
            pon.targets.removeAll { $0.gene == dropped }
            let path = "\(dir)/\(ponFile)-\(dropped).json"
            try pon.write(to: path)
            var o = CallOptions(input: TestSupport.testData("samples/\(sample).bam"))
            o.pon = path
            let cns = try #require(try Stages.call(o).copyNumber)
            let gone = try #require(cns.first { $0.gene == dropped })
            #expect(gone.status == .notAssessed && gone.copies == nil && gone.note?.contains("no usable targets for \(dropped)") == true)
            let egfr = try #require(cns.first { $0.gene == "EGFR" })
            if ponFile == "ot" {
                #expect(egfr.status == .amplification && abs((egfr.copies ?? 0) - 8) < 1.2, "measured against the genome")
            } else {
                #expect(egfr.status == .notAssessed && egfr.copies == nil, "never 2.0 copies, neutral: \(egfr)")
            }
        }
    }

    @Test func aPanelFromTargetOnlyNormalsRecordsWhyItHasNoScale() throws {
        let pon = try CopyNumberPipelineTests.pon.get()
        #expect(pon.offTarget == nil && pon.offTargetNote?.contains("NORMAL-1 has 0 off-target reads") == true)
        #expect(pon.sites != nil, "site data is recorded even without off-target reads")
    }
}

/// Reports with copy number, expression, an MDR risk and informational findings, and the knowledge
/// base itself, validate against their schemas; a broken knowledge base does not.
@Suite struct KnowledgeSchemaTests {
    @Test func copyNumberReportsValidate() throws {
        let dir = try TestSupport.tempDir()
        let pon = try Stages.buildPanelOfNormals((1...3).map { TestSupport.testData("samples/cn/pon-normal-\($0).bam") })
        try pon.write(to: dir + "/pon.json")
        var files: [String] = []
        for (i, (sample, tpm)) in [("cn-abcb1-8", 120.0), ("cn-egfr-8", nil)].enumerated() {
            var o = CallOptions(input: TestSupport.testData("samples/cn/\(sample).bam"), tumorType: i == 0 ? "LUSC" : "STAD")
            o.pon = dir + "/pon.json"
            o.abcb1Expression = tpm
            let a = try Stages.score(try Stages.annotate(try Stages.call(o)), kb: try KnowledgeBaseLoader.bundled())
            #expect(a.copyNumber?.isEmpty == false && a.mdr != nil)
            files.append(try ReportFiles.write(a, to: "\(dir)/\(i)").json)
            let html = try TestSupport.readText(try ReportFiles.write(a, to: "\(dir)/h\(i)").html)
            #expect(html.contains("Copy number and expression") && html.contains("<td class=\"num\">8."))
            if i == 0 { #expect(html.contains("MDR alert — P-gp (ABCB1) multidrug-resistance risk high")) }
        }
        let r = try TestSupport.run(try ReportSchemaTests.python(), [TestSupport.root + "/scripts/validate-json.py",
                                                                      TestSupport.root + "/docs/report.schema.json"] + files)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    }

    @Test func knowledgeBaseMatchesItsSchema() throws {
        let kb = TestSupport.root + "/Sources/Knowledge/Data/g2t-kb.json"
        let ok = try TestSupport.run(try ReportSchemaTests.python(), [TestSupport.root + "/scripts/validate-json.py", TestSupport.root + "/docs/kb.schema.json", kb])
        #expect(ok.status == 0, "\(ok.stdout)")
        let broken = try TestSupport.readText(kb).replacingOccurrences(of: "\"pgpSubstrate\": \"yes\"", with: "\"pgpSubstrate\": \"maybe\"")
        let path = try TestSupport.tempDir() + "/kb.json"
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        let bad = try TestSupport.run(try ReportSchemaTests.python(), [TestSupport.root + "/scripts/validate-json.py", TestSupport.root + "/docs/kb.schema.json", path])
        #expect(bad.status != 0 && bad.stdout.contains("pgpSubstrate"))
    }
}
