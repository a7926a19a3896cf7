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
    /// `threads`: the files are written on up to this many threads (`g2t pipeline --threads`); the
    /// bytes and the manifest are the same for every count.
    package static func write(_ a: Analysis, to directory: String, disclaimer: String = ReportRenderer.defaultDisclaimer,
                             provenance: RunProvenance? = nil, panels: PanelSet? = nil, threads: Int = 1) throws -> Written {
        let panelSet = try panels ?? PanelSet.bundled()
        let panel = try panelSet.panel(a.reference.build)
        let summaryGenes = panel.genes(with: .summary), genes = panel.genes, lengths = panelSet.lengths
        let id = safeFileName(a.sample.id)
        let dir = try OutputDirectory.open(directory)
        var set: StagedSet?
        do {
            let s = try StagedSet(directory: dir, id: id)
            set = s
            let vcfName = "\(id).g2t.vcf.gz"
            // Each file depends on the analysis only: written at once on the workers, into the private
            // staging folder, each checksummed as it is written. At 200,000 variants the VCF, the JSON,
            // the page and the variant table each take seconds of one core; the JSON and the variant
            // table, which grow with the variants, are written piece by piece. The manifest lists them
            // in this order.
            try s.write([
                { f in
                    // htslib writes the VCF and its index inside the private staging folder.
                    try VCFExport.write(a, to: f.path(vcfName), lengths: lengths)
                    return [try f.adopt(vcfName), try f.adopt(vcfName + ".tbi")]
                },
                { f in [try f.create("\(id).report.json") { write, restart in try ReportRenderer.json(a, restart: restart, to: write) }] },
                { f in [try f.create("\(id).report.html", try ReportRenderer.htmlBytes(a, disclaimer: disclaimer, genes: genes))] },
                { f in [try f.create("\(id).variants.tsv") { write, _ in try TableExport.variants(a) { try write(Array($0.utf8)) } }] },
                { f in
                    [try f.create("\(id).hotspots.tsv", Array(TableExport.hotspots(a).utf8)),
                     try f.create("\(id).therapies.tsv", Array(TableExport.therapies(a).utf8)),
                     try f.create("\(id).g2t_mqc.tsv", Array(TableExport.multiQC(a, summaryGenes: summaryGenes).utf8))]
                },
            ], threads: threads)
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
