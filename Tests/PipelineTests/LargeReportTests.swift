import Foundation
import G2TCore
import Pipeline
import Reporting
import Testing
import TestSupport

/// A report set of thousands of variants (issue 13: a dense VCF of 200,000 made a 118 MB page):
/// the HTML stays a readable size and accounts for every variant in counts; the TSV and the JSON,
/// written piece by piece, list every variant, and the JSON has the bytes of the whole encoding.
@Suite struct LargeReportTests {
    /// The golden demo report with its variants replaced by `n` passing EGFR variants without a
    /// therapy statement (tier III), plus its own L858R (tier I) last.
    static func analysis(variants n: Int) throws -> Analysis {
        let path = TestSupport.root + "/Tests/g2tTests/Golden/DEMO-NSCLC.report.json"
        var a = try JSONCoding.decode(Analysis.self, from: try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
        let l858r = try #require(a.variants.first { $0.annotation?.hgvsp == "p.Leu858Arg" })
        a.variants = (0..<n).map { i in
            var v = l858r
            v.pos = 55_000_000 + i
            v.annotation?.hgvsc = "c.\(i)A>C"
            v.annotation?.hgvsp = nil
            v.annotation?.hgvspShort = nil
            v.hotspot = nil
            v.tier = .three
            return v
        } + [l858r]
        return a
    }

    @Test func fiveThousandVariantsMakeABoundedPageAndCompleteTables() throws {
        let n = 5_000
        let a = try Self.analysis(variants: n)
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let w = try ReportFiles.write(a, to: dir)
        let html = try String(contentsOfFile: w.html, encoding: .utf8)
        #expect(html.utf8.count < 1_000_000, "page of \(html.utf8.count) bytes")
        // The clinically relevant one is listed although it comes last; the rest are counted.
        #expect(html.contains("55191822 T&gt;G"))
        #expect(html.contains("Showing 300 of \(n + 1) variants"))
        #expect(html.contains("<td>Gene</td><td>EGFR</td><td class=\"num\">\(n + 1)</td>"), "every variant counted by gene")
        #expect(html.contains("<td>Tier</td><td>Tier III</td><td class=\"num\">\(n)</td>"), "and by tier")
        // The summary names 20 variants without a therapy statement and counts the others.
        #expect(html.components(separatedBy: "no therapy statement in the knowledge base.").count - 1 == 20)
        #expect(html.contains("Also found: \(n - 20) more passing variants without a therapy statement"))
        // The full list: every variant in the TSV and the JSON.
        let tsv = try String(contentsOfFile: "\(dir)/\(a.sample.id).variants.tsv", encoding: .utf8)
        #expect(tsv.split(separator: "\n").count == n + 2, "header and one row per variant")
        #expect(tsv == TableExport.variants(a))
        let json = try [UInt8](Data(contentsOf: URL(fileURLWithPath: w.json)))
        #expect(json == (try ReportRenderer.json(a)), "streamed JSON has the bytes of the whole encoding")
        #expect(try JSONCoding.decode(Analysis.self, from: json).variants.count == n + 1)
    }
}
