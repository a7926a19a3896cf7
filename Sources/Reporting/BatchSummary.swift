import G2TCore
import Mustache
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The batch outputs: summary TSV and JSON, and the cohort HTML page (one row per sample).
package enum BatchSummary {
    /// The summary fields of a finished analysis.
    package static func record(_ a: Analysis, status: BatchStatus, input: String, seconds: Double, report: String) -> BatchRecord {
        var findings = a.variants.filter { $0.passed && $0.tier?.isActionable == true }
            .map { "\($0.gene ?? $0.chrom) \($0.annotation?.hgvsp ?? $0.annotation?.hgvsc ?? "\($0.pos)\($0.ref)>\($0.alt)")" }
        findings += (a.copyNumber ?? []).filter { $0.status == .gain || $0.status == .amplification }
            .map { "\($0.gene) \($0.status.rawValue) (\(TextFormat.fixed($0.copies ?? 0, 1)) copies)" }
        let top = a.therapies.first { $0.call == .sensitive || $0.call == .likelySensitive }.map { t -> String in
            let e = t.evidence.first { $0.effect == .sensitivity && $0.counted }
            let level = e.map { $0.oncokbLevel.isEmpty ? "AMP \($0.ampLevel)" : "OncoKB \($0.oncokbLevel)" } ?? ""
            return "\(t.drug) (\(t.call.rawValue)\(level.isEmpty ? "" : "; " + level))"
        }
        let low = a.hotspots.filter { $0.status == .lowCoverage }.count
        let mdr = a.mdr.map { $0.risk > .none || $0.assessed ? MDRLevel.risk($0.risk) : .notAssessed } ?? .notAssessed
        return BatchRecord(status: status, sample: a.sample.id, input: input, tumorType: a.sample.tumorType ?? "",
                           keyFindings: findings.isEmpty ? "none" : findings.joined(separator: "; "), topTherapy: top ?? "none",
                           resistance: a.therapies.filter { $0.call == .resistant }.map(\.drug).joined(separator: ", "),
                           mdr: mdr, qc: low == 0 ? "pass" : "\(low) hotspot(s) low coverage", seconds: seconds, report: report)
    }

    /// Tab-separated, one row per sample, header first; cells as `TableExport.cell` writes them
    /// (tabs and newlines become spaces, formula-like values are quoted).
    package static func tsv(_ records: [BatchRecord]) -> String {
        ([BatchRecord.columns.joined(separator: "\t")] + records.map { $0.values.map(TableExport.cell).joined(separator: "\t") })
            .joined(separator: "\n") + "\n"
    }

    /// Key-sorted, pretty JSON: {"samples": [...], "done": n, "skipped": n, "failed": n}.
    package static func json(_ records: [BatchRecord]) throws -> [UInt8] {
        struct Doc: Encodable { var samples: [BatchRecord]; var done, skipped, failed: Int }
        let doc = Doc(samples: records, done: records.filter { $0.status == .done }.count,
                      skipped: records.filter { $0.status == .skipped }.count, failed: records.filter { $0.status == .failed }.count)
        return try JSONCoding.encode(doc, .document)
    }

    /// The cohort page: one escaped row per sample, linking to its report.
    package static func html(_ records: [BatchRecord], title: String, disclaimer: String = ReportRenderer.defaultDisclaimer) throws -> String {
        guard let text = EmbeddedData.files["cohort.html.mustache"] else { throw ReportError.template("cohort template missing") }
        let template: MustacheTemplate
        do { template = try MustacheTemplate(string: text) } catch { throw ReportError.template("\(error)") }
        // The record as the template shows it: its status and MDR level as words.
        struct Cells {
            var status, sample, input, tumorType, keyFindings, topTherapy, resistance, mdr, qc: String
            var seconds: Double
            var report, error: String
            init(_ r: BatchRecord) {
                status = r.status.rawValue; sample = r.sample; input = r.input; tumorType = r.tumorType; keyFindings = r.keyFindings
                topTherapy = r.topTherapy; resistance = r.resistance; mdr = r.mdr?.text ?? ""; qc = r.qc; seconds = r.seconds
                report = r.report; error = r.error
            }
        }
        struct Row { var r: Cells; var failed: Bool; var hasReport: Bool; var mdrAlert: Bool }
        struct View { var title, disclaimer: String; var rows: [Row]; var total, done, skipped, failed: Int }
        let rows = records.map { Row(r: Cells($0), failed: $0.status == .failed, hasReport: !$0.report.isEmpty, mdrAlert: $0.mdr?.isAlert == true) }
        return template.render(View(title: title, disclaimer: disclaimer, rows: rows, total: records.count,
                                    done: records.filter { $0.status == .done }.count, skipped: records.filter { $0.status == .skipped }.count,
                                    failed: records.filter { $0.status == .failed }.count))
    }
}
