import G2TCore
import Reporting

/// Writes the report set of an analysis into an output directory: ID.g2t.vcf.gz (+ .tbi),
/// ID.report.json, ID.report.html, four TSVs, and last ID.manifest.json listing them with their
/// checksums. The set is staged privately and published all at once (`StagedSet`).
package enum ReportFiles {
    /// Paths written.
    package struct Written: Sendable {
        package var vcf: String
        package var json: String
        package var html: String
        package var manifest: String
    }

    /// `panels`: nil = the bundled panel (its `summary` genes get the report's negative statement).
    package static func write(_ a: Analysis, to directory: String, disclaimer: String = ReportRenderer.defaultDisclaimer,
                             provenance: RunProvenance? = nil, panels: PanelSet? = nil) throws -> Written {
        // Render the HTML before touching the disk; the JSON and the variant table, which grow with
        // the number of variants, are written piece by piece into the private staging folder.
        let panelSet = try panels ?? PanelSet.bundled()
        let panel = try panelSet.panel(a.reference.build)
        let summaryGenes = panel.genes(with: .summary)
        let html = try ReportRenderer.html(a, disclaimer: disclaimer, genes: panel.genes)
        let id = safeFileName(a.sample.id)
        let dir = try OutputDirectory.open(directory)
        var set: StagedSet?
        do {
            let s = try StagedSet(directory: dir, id: id)
            set = s
            let vcfName = "\(id).g2t.vcf.gz"
            // htslib writes the VCF and its index inside the private staging folder.
            try VCFExport.write(a, to: s.path(vcfName), lengths: panelSet.lengths)
            s.adopt(vcfName)
            s.adopt(vcfName + ".tbi")
            try s.write(as: "\(id).report.json") { write, restart in try ReportRenderer.json(a, restart: restart, to: write) }
            try s.write(Array(html.utf8), as: "\(id).report.html")
            try s.write(as: "\(id).variants.tsv") { write, _ in try TableExport.variants(a) { try write(Array($0.utf8)) } }
            try s.write(Array(TableExport.hotspots(a).utf8), as: "\(id).hotspots.tsv")
            try s.write(Array(TableExport.therapies(a).utf8), as: "\(id).therapies.tsv")
            try s.write(Array(TableExport.multiQC(a, summaryGenes: summaryGenes).utf8), as: "\(id).g2t_mqc.tsv")
            // A PDF printed from an older report must not stand beside the new one.
            try s.publish(supersedes: ["\(id).report.pdf"], provenance: provenance)
            return Written(vcf: "\(directory)/\(vcfName)", json: "\(directory)/\(id).report.json", html: "\(directory)/\(id).report.html",
                           manifest: "\(directory)/\(ReportManifest.manifestName(id))")
        } catch {
            set?.abandon()
            dir.removeIfUnused()
            throw error
        }
    }

    /// Sample IDs come from inputs: keep them from escaping the output directory.
    package static func safeFileName(_ s: String) -> String {
        let cleaned = String(s.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        return cleaned.isEmpty || cleaned.hasPrefix(".") ? "sample" + cleaned : cleaned
    }
}
