import G2TCore

/// The coverage section's per-amplicon table in amplicon mode (`--amplicons`): depth and dropout of
/// every amplicon, as `qc.amplicons` holds them; absent for a hybrid-capture run.
extension ReportView {
    struct AmpliconRow { var name, region, insert, fragments, meanDepth, status: String; var dropout: Bool }
    struct AmpliconSection {
        var file: String
        var rows: [AmpliconRow]
        /// "3 of 40 amplicons dropped out" or "no amplicon dropped out".
        var summary: String
        var unmatchedReads: String
        var primersTrimmed: Bool
        var dropoutRule: String
    }

    static func ampliconSection(_ qc: AmpliconQC?, parameters p: CallingParameters) -> AmpliconSection? {
        guard let qc else { return nil }
        let rows = qc.amplicons.map { a in
            AmpliconRow(name: a.name, region: "\(a.chrom):\(a.start)-\(a.end)", insert: "\(a.insertStart)-\(a.insertEnd)",
                        fragments: String(a.fragments), meanDepth: number(a.meanInsertDepth),
                        status: a.dropout ? "dropout" : "ok", dropout: a.dropout)
        }
        let dropped = qc.amplicons.filter(\.dropout).count
        let fraction = p.amplicon?.dropoutFraction ?? CallingParameters.AmpliconMode().dropoutFraction
        return AmpliconSection(
            file: qc.file, rows: rows,
            summary: dropped == 0 ? "No amplicon dropped out." : "\(dropped) of \(qc.amplicons.count) amplicons dropped out: hotspots only they read are low-coverage.",
            unmatchedReads: String(qc.unmatchedReads), primersTrimmed: qc.primersTrimmed,
            dropoutRule: "an amplicon drops out with fewer than \(percent(fraction)) of the median amplicon's fragments or fewer than \(p.minHotspotDepth)")
    }
}
