import Foundation
import Calling
import G2TCore
import HTS
import Testing
import TestSupport

/// VCFs written the way common callers write them (TestData/scripts/caller_vcfs.py).
@Suite struct VCFImportTests {
    func read(_ name: String, sample: String? = nil, build: GenomeBuild? = nil) throws -> VCFImport.Result {
        HTSEnvironment.configure()
        return try VCFImport.read(path: TestSupport.testData("vcf/\(name)"), sample: sample, build: build, panels: try PanelSet.bundled())
    }

    /// Each caller's own depth fields give the same L858R evidence: 83 of 271 fragments.
    @Test(arguments: ["mutect2.vcf", "mutect2.vcf.gz", "strelka2.snvs.vcf", "vardict.vcf", "bcftools.vcf", "freebayes.vcf", "deepvariant.vcf"])
    func depthFromEachCallerStyle(file: String) throws {
        let r = try read(file)
        #expect(r.build == .grch38)
        let v = try #require(r.variants.first { $0.pos == 55_191_822 })
        #expect(v.ref == "T" && v.alt == "G" && v.gene == "EGFR" && v.hotspot == "EGFR L858R")
        #expect(v.depth == 271 && v.altDepth == 83, "\(file): \(v.depth)/\(v.altDepth)")
        #expect(abs((v.vaf ?? 0) - 0.306) < 0.001)
        #expect(v.filter == "PASS")
    }

    @Test func strandCountsWhereGiven() throws {
        for f in ["mutect2.vcf", "bcftools.vcf", "freebayes.vcf"] {
            let v = try #require(try read(f).variants.first { $0.pos == 55_191_822 })
            #expect(v.altForward == 39 && v.altReverse == 44, "\(f)")
        }
    }

    @Test func tumourColumnChosenFromHeaderOrOption() throws {
        #expect(try read("mutect2.vcf").sample == "DEMO-TUMOUR")
        #expect(try read("strelka2.snvs.vcf").sample == "TUMOR")
        let normal = try read("mutect2.vcf", sample: "DEMO-NORMAL")
        #expect(normal.variants.first { $0.pos == 55_191_822 }?.altDepth == 0)
        #expect(throws: VCFImportError.self) { try read("mutect2.vcf", sample: "NOPE") }
    }

    @Test func indelsAreNormalisedAndFiltersKept() throws {
        // Mutect2 wrote the exon 19 deletion with an extra leading base; Strelka2 in normal form.
        let m = try #require(try read("mutect2.vcf").variants.first { $0.ref.count > 1 })
        #expect(m.pos == 55_174_771 && m.ref == "AGGAATTAAGAGAAGC" && m.alt == "A" && m.filter == "weak_evidence")
        let s = try #require(try read("strelka2.indels.vcf").variants.first)
        #expect(s.pos == 55_174_771 && s.depth == 572 && s.altDepth == 179)
    }

    @Test func multiAllelicRecordsAreSplit() throws {
        let vs = try read("deepvariant.vcf").variants.filter { $0.pos == 87_531_302 }
        #expect(vs.map(\.alt) == ["C", "T"])
        #expect(vs.map(\.altDepth) == [120, 128])
        #expect(vs.map(\.vaf) == [0.48, 0.512])
        #expect(vs.compactMap(\.hotspot).count == 2)
    }

    @Test func grch37WithoutChr() throws {
        let r = try read("grch37-nochr.vcf")
        // reference.chrom is the panel's first chromosome (chr1 since issue 18's NRAS); this VCF has no
        // contig 1, so it stays in panel naming. The "7" naming is checked on the records below.
        #expect(r.build == .grch37 && r.chrom == "chr1")
        #expect(r.variants.map(\.pos) == [55_259_515, 87_138_645])
        #expect(r.variants.first?.chrom == "7")
    }

    @Test func noDepthMeansUnknownVAF() throws {
        #expect(throws: VCFImportError.noBuild(path: TestSupport.testData("vcf/sites-only.vcf"))) { try read("sites-only.vcf") }
        let r = try read("sites-only.vcf", build: .grch38)
        let v = try #require(r.variants.first)
        #expect(v.vaf == nil && v.depth == 0)
        #expect(r.notes.contains { $0.contains("unknown") })
    }

    @Test func malformedVCFsNameTheLine() throws {
        func message(_ f: String) -> String {
            do { _ = try read(f); return "" } catch { return "\(error)" }
        }
        #expect(message("bad-header.vcf").contains("line 2"))
        #expect(message("ref-mismatch.vcf").contains("line 5: REF C at chr7:55191822 does not match GRCh38 (T)"))
        #expect(message("unknown-contig.vcf").contains("line 5: contig 'chrUn_KI270742v1' is not declared"))
    }
}

@Suite struct BCFImportTests {
    @Test func bcfInputReadsLikeItsVCF() throws {
        HTSEnvironment.configure()
        let bcf = try TestSupport.tempDir() + "/mutect2.bcf"
        #expect(try TestSupport.run("bcftools", ["view", "-Ob", "-o", bcf, TestSupport.testData("vcf/mutect2.vcf")]).status == 0)
        let fromBCF = try VCFImport.read(path: bcf, sample: nil, build: nil, panels: try PanelSet.bundled())
        let fromVCF = try VCFImport.read(path: TestSupport.testData("vcf/mutect2.vcf"), sample: nil, build: nil, panels: try PanelSet.bundled())
        #expect(fromBCF.format == "BCF" && fromBCF.sample == "DEMO-TUMOUR")
        #expect(fromBCF.variants == fromVCF.variants)
    }
}

/// A change repeated in the file is refused with the line that repeats it and the line it first
/// appeared at; of several problems, the one earliest in the file is reported (as a reading that
/// stops at the first problem reports it), whatever order the changes sort in.
@Suite struct VCFImportDuplicateTests {
    func message(_ extra: [String]) throws -> String {
        HTSEnvironment.configure()
        let lines = try TestSupport.readText(TestSupport.testData("vcf/mutect2.vcf")).split(separator: "\n").map(String.init)
        let data = lines.filter { !$0.hasPrefix("#") }
        let path = try TestSupport.tempDir() + "/edited.vcf"
        let edited = extra.map { e in e.hasPrefix("d") ? data[Int(e.dropFirst()) ?? 0] : e }
        try (lines + edited).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try VCFImport.read(path: path, sample: nil, build: nil, panels: try PanelSet.bundled())
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func theEarliestRepeatInTheFileIsReported() throws {
        // Data lines 14–17: chr7:55174770, 55191822, 87509329, 87550285; lines 18 and 19 are added.
        #expect(try message(["d1"]).contains("line 18: chr7:55191822 T>G is already at line 15"))
        // 87509329 sorts after 55191822 but repeats first.
        #expect(try message(["d2", "d1"]).contains("line 18: chr7:87509329 A>G is already at line 16"))
        #expect(try message(["d1", "d1"]).contains("line 18: chr7:55191822 T>G is already at line 15"))
    }

    @Test func aRepeatBeforeAnotherErrorIsReportedAndAfterItIsNot() throws {
        let mismatch = "chr7\t55191822\t.\tC\tA\t.\tPASS\tDP=400\tGT:AD:AF:DP:SB\t0/0:120,0:0.008:120:60,60,0,0\t0/1:188,83:0.306:271:94,94,39,44"
        #expect(try message(["d1", mismatch]).contains("line 18: chr7:55191822 T>G is already at line 15"))
        let m = try message([mismatch, "d1"])
        #expect(m.contains("line 18: REF C at chr7:55191822 does not match"), "\(m)")
        #expect(try message([]) == "", "the file itself reads")
    }
}
