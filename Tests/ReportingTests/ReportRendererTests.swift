import Foundation
import G2TCore
@testable import Reporting
import Testing
import TestSupport

@Suite struct ReportRendererTests {
    func analysis(sample: String = "S1") -> Analysis {
        var v = VariantCall(gene: "EGFR", chrom: "chr7", pos: 55_191_822, ref: "T", alt: "G", vaf: 0.3, depth: 300, altDepth: 90,
                            altForward: 45, altReverse: 45, filter: "PASS", hotspot: "EGFR L858R")
        v.annotation = VariantAnnotation(transcript: "NM_005228.5", hgvsc: "c.2573T>G", hgvsp: "p.Leu858Arg", hgvspShort: "p.L858R",
                                         consequence: "missense_variant", exon: 21)
        let ev = EvidenceItem(effect: .sensitivity, biomarker: "EGFR L858R", matchedBy: "EGFR p.Leu858Arg (VAF 0.3)", oncokbLevel: "1",
                              ampLevel: "IA", tumorTypes: ["NSCLC"], inTumorType: true, weight: 3, summary: "<b>bold</b> claim",
                              sources: ["Trial \"X\" <script>alert(1)</script>"], variants: [v.key])
        return Analysis(sample: SampleInfo(id: sample, tumorType: "LUAD", tumorTypeName: "Lung Adenocarcinoma"),
                        reference: ReferenceInfo(build: .grch38, chrom: "chr7", source: "bundled panel sequence"),
                        software: SoftwareInfo(version: "0.1.0", htslib: "1.16"), date: "2026-01-01T00:00:00Z",
                        inputs: [InputFile(path: "x.bam", format: "BAM", sha256: "00")], parameters: CallingParameters(),
                        variants: [v], hotspots: [], therapies: [TherapyCall(drug: "osimertinib", drugClass: "EGFR TKI", pgpSubstrate: .unknown, call: .sensitive,
                                                                               score: 3, evidence: [ev], explanation: "why")],
                        qc: QCSummary(readsInTargets: 10, meanTargetDepth: 300, targets: []), stages: [.call, .annotate, .score])
    }

    @Test func jsonCarriesTheContract() throws {
        let obj = try JSONSerialization.jsonObject(with: Data(try ReportRenderer.json(analysis()))) as? [String: Any]
        let o = try #require(obj)
        for key in ["schemaVersion", "sample", "reference", "software", "variants", "hotspots", "therapies"] { #expect(o[key] != nil, "\(key)") }
        let v = try #require((o["variants"] as? [[String: Any]])?.first)
        for key in ["gene", "chrom", "pos", "ref", "alt", "hgvsc", "hgvsp", "vaf", "depth", "altDepth", "filter"] { #expect(v[key] != nil, "\(key)") }
        #expect(v["hgvsc"] as? String == "c.2573T>G")
        let t = try #require((o["therapies"] as? [[String: Any]])?.first)
        #expect(t["call"] as? String == "sensitive")
    }

    @Test func jsonRoundTripsAndIsStable() throws {
        let bytes = try ReportRenderer.json(analysis())
        #expect(try ReportRenderer.decode(bytes, file: "x") == analysis())
        #expect(try ReportRenderer.json(analysis()) == bytes)
    }

    @Test func htmlEscapesEveryInputString() throws {
        let html = try ReportRenderer.html(analysis(sample: "<script>alert('x')</script>\"&"), genes: try PanelLoader.bundled(build: .grch38).genes)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(!html.contains("<b>bold</b>"))
        // The HGVS is shown, HTML-escaped.
        #expect(html.contains("c.2573T&gt;G") && !html.contains("c.2573T>G"))
        #expect(html.contains("p.Leu858Arg"))
        #expect(html.contains("For research use only"))
    }
}

@Suite struct EmbeddedTemplateTests {
    /// The compiled-in template equals Sources/Reporting/Data (run `make embed` after editing).
    @Test func templateIsCurrent() throws {
        let dir = TestSupport.root + "/Sources/Reporting/Data"
        let html = try ReportRenderer.html(ReportRendererTests().analysis(), genes: try PanelLoader.bundled(build: .grch38).genes)
        let file = try TestSupport.readText(dir + "/report.html.mustache")
        // The page starts as the template does; a stale embed would differ in its first lines.
        #expect(html.hasPrefix(String(file.prefix(while: { $0 != "{" }))))
        #expect(ReportRenderer.templateText == file)
    }

    /// Every template compiled in (the cohort page's too) equals its file in Sources/Reporting/Data.
    @Test func everyEmbeddedTemplateIsCurrent() throws {
        let dir = TestSupport.root + "/Sources/Reporting/Data"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(names.contains("cohort.html.mustache") && names.contains("report.html.mustache"))
        for name in names {
            #expect(EmbeddedData.files[name] == (try TestSupport.readText("\(dir)/\(name)")), "\(name): run `make embed`")
        }
        #expect(Set(EmbeddedData.files.keys) == Set(names), "embedded files without a source file, or the reverse")
    }
}

extension ReportRendererTests {
    /// Beyond 300 variants the HTML lists the clinically relevant ones and the first others, and
    /// says how many more there are and where; the JSON keeps every variant.
    @Test func aLongVariantListIsSummarisedInTheHTML() throws {
        var a = analysis()
        let hotspot = a.variants[0]
        a.variants = (0..<2_000).map { i in
            VariantCall(gene: "EGFR", chrom: "chr7", pos: 55_000_000 + i, ref: "A", alt: "C", vaf: 0.1, depth: 100, altDepth: 10,
                        altForward: 5, altReverse: 5, filter: "PASS")
        } + [hotspot]
        let html = try ReportRenderer.html(a, genes: try PanelLoader.bundled(build: .grch38).genes)
        #expect(html.contains("Showing 300 of 2001 variants: all 1 clinically relevant"), "summary sentence missing")
        #expect(html.contains("The other 1701 are listed in this report&#39;s .variants.tsv") || html.contains("The other 1701 are listed in this report's .variants.tsv"))
        #expect(html.contains("55191822 T&gt;G"), "the hotspot is listed although it comes last")
        #expect(html.contains("55000298 A&gt;C") && !html.contains("55000299 A&gt;C"), "the first 299 others, no more")
        #expect(html.utf8.count < 1_000_000)
        let json = try JSONSerialization.jsonObject(with: Data(try ReportRenderer.json(a))) as? [String: Any]
        #expect((json?["variants"] as? [Any])?.count == 2_001)
    }
}
