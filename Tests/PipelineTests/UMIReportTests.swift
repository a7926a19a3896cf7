import G2TCore
import Pipeline
import Reporting
import Testing
import TestSupport

/// The HTML report's UMI section, rendered from a real UMI run of the simulated cfDNA samples:
/// raw depth, molecules, families, duplex share and family sizes per target, and each hotspot's
/// result in molecules ("EGFR T790M not detected; 2,430 molecules; LOD 0.25%").
@Suite struct UMIReportTests {
    func render(_ path: String) throws -> (Analysis, String) {
        let a = try Stages.call(CallOptions(input: TestSupport.testData(path), environment: ["SOURCE_DATE_EPOCH": "0"]))
        return (a, try ReportRenderer.html(a, genes: try PanelLoader.bundled(build: a.reference.build).genes))
    }

    /// 2430 → "2,430", as the report writes counts.
    func grouped(_ n: Int) -> String {
        let s = String(n)
        return s.enumerated().map { i, c in (i > 0 && (s.count - i) % 3 == 0 ? "," : "") + String(c) }.joined()
    }

    func occurrences(_ needle: String, in s: String) -> Int { s.components(separatedBy: needle).count - 1 }

    @Test func negativeSampleStatesEachHotspotInMolecules() throws {
        let (a, html) = try render("samples/cfdna/cfdna-negative.bam")
        let u = try #require(a.qc.umi)
        #expect(html.contains("<h2 id=\"umi\">UMI consensus: molecules</h2>"))
        let t = try #require(a.hotspots.first { $0.name == "EGFR T790M" })
        let lod = try #require(t.lod)
        #expect(t.status == .notDetected)
        let statement = "EGFR T790M not detected; \(grouped(t.depth)) molecules; LOD \((lod * 10_000).rounded() / 100)%"
        // Once, in the section's list (no longer repeated among the methods' notes).
        #expect(occurrences("<li>\(statement)</li>", in: html) == 1, "missing: \(statement)")
        #expect(a.hotspots.allSatisfy { h in u.hotspotStatements.contains { $0.contains(h.name) } })
        #expect(!a.notes.contains { $0.hasPrefix("UMI QC") })
        #expect(html.contains("\(grouped(u.molecules)) molecules counted from \(grouped(u.families)) families (\(grouped(u.singletons)) singletons, \(grouped(u.duplexFamilies)) duplex)"))
    }

    /// The refused reads are counted, then broken down by reason, in one readable sentence.
    @Test func malformedUMIsAreCountedThenExplained() throws {
        let (rendered, html) = try render("samples/cfdna/cfdna-negative.bam")
        #expect(html.contains("reads without the tag and 0 with malformed UMIs were left out."))
        var a = rendered
        a.qc.umi?.readsMalformed = ["too many N bases": 1_200, "wrong length": 3, "empty": 0]
        let again = try ReportRenderer.html(a, genes: try PanelLoader.bundled(build: a.reference.build).genes)
        #expect(again.contains("and 1,203 with malformed UMIs (too many N bases: 1,200; wrong length: 3) were left out."))
    }

    @Test func everyTargetHasItsRawDepthMoleculesDuplexShareAndFamilySizes() throws {
        let (a, html) = try render("samples/cfdna/cfdna-t790m.bam")
        let u = try #require(a.qc.umi)
        #expect(!u.targets.isEmpty)
        for t in u.targets {
            let row = "<tr><td>\(t.gene)</td><td>\(t.exon)</td><td class=\"num\">\(TextFormat.compact(t.meanRawDepth))</td>"
                + "<td class=\"num\">\(TextFormat.compact(t.meanMolecules))</td><td class=\"num\">\(grouped(t.families))</td>"
                + "<td class=\"num\">\(grouped(t.singletons))</td><td class=\"num\">\(TextFormat.percent(t.duplexFraction))</td>"
            #expect(html.contains(row), "no row for \(t.gene) exon \(t.exon)")
            #expect(html.contains("aria-label=\"Family sizes of \(t.gene) exon \(t.exon)\""))
        }
        // Where the simulator put reads, molecules are fewer than reads and some are duplex.
        #expect(u.targets.contains { $0.meanMolecules > 0 && $0.meanRawDepth > 2 * $0.meanMolecules && $0.duplexFraction > 0 })
        // The whole sample's histogram: one bar per size, singletons first, the last bar "or more".
        #expect(html.contains("<title>\(grouped(u.singletons)) families of 1 read pair</title>"))
        let last = UMISummary.histogramCap
        #expect(html.contains("<title>\(grouped(u.familySizeHistogram[last])) families of ≥ \(last) read pairs</title>"))
        let section = try #require(html.components(separatedBy: "<h2 id=\"umi\">").last?.components(separatedBy: "<h2").first)
        #expect(occurrences("<rect ", in: section) == last * (u.targets.count + 1))
    }

    @Test func readsWithoutUMIsHaveNoUMISection() throws {
        let (a, html) = try render("samples/egfr-ex19del-t790m.bam")
        #expect(a.qc.umi == nil)
        #expect(!html.contains("id=\"umi\""))
    }
}
