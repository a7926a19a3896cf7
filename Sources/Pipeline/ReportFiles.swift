import G2TCore
import Reporting

/// Writes the report files of an analysis: ID.g2t.vcf.gz (+ .tbi), ID.report.json, ID.report.html.
public enum ReportFiles {
    /// Paths written.
    public struct Written: Sendable {
        public var vcf: String
        public var json: String
        public var html: String
    }

    public static func write(_ a: Analysis, to directory: String, disclaimer: String = ReportRenderer.defaultDisclaimer) throws -> Written {
        // Render everything before touching the disk.
        let json = try ReportRenderer.json(a)
        let html = try ReportRenderer.html(a, disclaimer: disclaimer)
        let id = safeFileName(a.sample.id)
        let out = OutputWriter(directory: directory)
        do {
            let vcfName = "\(id).g2t.vcf.gz"
            let vcfTemp = try out.stage(vcfName)
            try VCFExport.write(a, to: vcfTemp)
            out.adopt(temp: vcfTemp + ".tbi", as: vcfName + ".tbi")
            try out.write(json, as: "\(id).report.json")
            try out.write(Array(html.utf8), as: "\(id).report.html")
            try out.write(Array(TableExport.variants(a).utf8), as: "\(id).variants.tsv")
            try out.write(Array(TableExport.hotspots(a).utf8), as: "\(id).hotspots.tsv")
            try out.write(Array(TableExport.therapies(a).utf8), as: "\(id).therapies.tsv")
            try out.write(Array(TableExport.multiQC(a).utf8), as: "\(id).g2t_mqc.tsv")
            try out.commit()
            return Written(vcf: "\(directory)/\(vcfName)", json: "\(directory)/\(id).report.json", html: "\(directory)/\(id).report.html")
        } catch {
            out.abandon()
            throw error
        }
    }

    /// Sample IDs come from inputs: keep them from escaping the output directory.
    static func safeFileName(_ s: String) -> String {
        let cleaned = String(s.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        return cleaned.isEmpty || cleaned.hasPrefix(".") ? "sample" + cleaned : cleaned
    }
}
