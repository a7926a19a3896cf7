import Foundation
import G2TCore
import Knowledge
import Pipeline
import Testing
import TestSupport

/// A gene on another chromosome, added as data only (TestData/panel-extra: a synthetic gene SYNT1 on
/// chr17 with a G12V hotspot, its knowledge-base entry and a BAM), goes through call, annotate,
/// score and report like the bundled genes.
@Suite struct ExtraGenePanelTests {
    static let dir = TestSupport.testData("panel-extra")

    /// The bundled panel files with the extra gene's rows appended and its FASTA slices added.
    static func panels() throws -> PanelSet {
        var files = PanelLoader.bundledFiles
        for table in ["genes.tsv", "exons.tsv", "hotspots.tsv"] {
            let extra = try TestSupport.readText("\(dir)/\(table)").split(separator: "\n")
                .filter { !$0.hasPrefix("#") }.dropFirst()  // the header row
            files[table] = (files[table] ?? "") + extra.joined(separator: "\n") + "\n"
        }
        for build in GenomeBuild.allCases {
            files["SYNT1.\(build.rawValue).fa"] = try TestSupport.readText("\(dir)/SYNT1.\(build.rawValue).fa")
        }
        return try PanelSet(files: files)
    }

    @Test func extraGeneIsData() throws {
        let set = try Self.panels()
        for build in GenomeBuild.allCases {
            let p = try set.panel(build)
            #expect(p.chromosomes == ["chr1", "chr12", "chr17", "chr3", "chr7"])
            #expect(p.targets.contains { $0.gene == "SYNT1" && $0.interval.chrom == "chr17" })
            #expect(p.hotspots.contains { $0.name == "SYNT1 G12V" && $0.chrom == "chr17" })
            #expect(p.chromosomeLengths["chr17"] == (build == .grch38 ? 83_257_441 : 81_195_210))
        }
        #expect(try set.panel(.grch37).hotspots.first { $0.name == "SYNT1 G12V" }?.pos == 9_999_185)
    }

    @Test func everyStageOnAnotherChromosome() throws {
        let set = try Self.panels()
        var o = CallOptions(input: "\(Self.dir)/synt1-g12v.bam", tumorType: "LUAD", environment: ["SOURCE_DATE_EPOCH": "0"])
        o.panels = set
        o.expression = [GeneExpression(gene: "SYNT1", tpm: 12.5, source: "--expression")]
        let called = try Stages.call(o)
        // Build told from chr7 and chr17 together; the hotspot on chr17 is detected.
        #expect(called.reference.build == .grch38)
        let hs = try #require(called.hotspots.first { $0.name == "SYNT1 G12V" })
        #expect(hs.status == .detected && hs.chrom == "chr17")
        #expect(called.expression == [GeneExpression(gene: "SYNT1", tpm: 12.5, source: "--expression")])

        let annotated = try Stages.annotate(called, panels: set)
        let v = try #require(annotated.variants.first { $0.gene == "SYNT1" })
        #expect(v.chrom == "chr17" && v.pos == 10_000_185 && v.ref == "G" && v.alt == "T" && v.passed)
        #expect(v.annotation?.hgvsc == "c.35G>T" && v.annotation?.hgvsp == "p.Gly12Val" && v.hotspot == "SYNT1 G12V")
        #expect(abs((v.vaf ?? 0) - 0.4) < 0.08)

        let kb = try KnowledgeBaseLoader.load(path: "\(Self.dir)/kb.json")
        let scored = try Stages.score(annotated, kb: kb, panels: set)
        let call = try #require(scored.therapies.first { $0.drug == "syntinib" })
        #expect(call.call == .sensitive)
        #expect(call.evidence.contains { $0.biomarker == "SYNT1 G12V" })

        let out = try TestSupport.tempDir("g2t-extra-gene")
        let w = try ReportFiles.write(scored, to: out, panels: set)
        let html = try TestSupport.readText(w.html)
        #expect(html.contains("SYNT1") && html.contains("syntinib"))
        // The EGFR hotspots had no reads: the bundled summary gene's negative is refused, not stated.
        #expect(html.contains("EGFR hotspot(s) have low coverage"))
        #expect(!html.contains("No SYNT1 "), "a gene with a passing variant gets no negative statement")
        let mqc = try TestSupport.readText("\(out)/\(scored.sample.id).g2t_mqc.tsv")
        #expect(mqc.contains("SYNT1 G12V"))
        // The VCF declares both chromosomes with their GRCh38 lengths and holds the chr17 record.
        let vcf = try TestSupport.run("bcftools", ["view", w.vcf])
        #expect(vcf.stdout.contains("##contig=<ID=chr17,length=83257441>"))
        #expect(vcf.stdout.contains("##contig=<ID=chr7,length=159345973>"))
        #expect(vcf.stdout.split(separator: "\n").contains { $0.hasPrefix("chr17\t10000185\t") })
    }

    @Test func unknownExpressionGeneIsOneLine() throws {
        var o = CallOptions(input: TestSupport.testData("samples/demo-nsclc.bam"))
        o.expression = [GeneExpression(gene: "NOPE1", tpm: 3, source: "--expression")]
        #expect(throws: PipelineError.badInput(path: o.input, detail: "--expression: 'NOPE1' is not a panel gene (panel: EGFR, ABCB1, KRAS, NRAS, BRAF, MET, PIK3CA)")) {
            try Stages.call(o)
        }
    }
}

extension ExtraGenePanelTests {
    /// A BAM whose header lacks a panel chromosome (chr7-only test BAMs once a gene on chr17 is added):
    /// the genes there are not assessed, and the report says so, instead of the run failing.
    @Test func missingPanelChromosomeIsNoted() throws {
        var o = CallOptions(input: TestSupport.testData("samples/demo-nsclc.bam"), tumorType: "LUAD", environment: ["SOURCE_DATE_EPOCH": "0"])
        o.panels = try Self.panels()
        let a = try Stages.call(o)
        #expect(a.notes.contains { $0.contains("no chr17 in the header: SYNT1 not assessed") })
        let hs = try #require(a.hotspots.first { $0.name == "SYNT1 G12V" })
        #expect(hs.status == .lowCoverage && hs.depth == 0)
        #expect(a.hotspots.contains { $0.name == "EGFR L858R" && $0.status == .detected })
    }
}
