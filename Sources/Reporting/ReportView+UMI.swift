import G2TCore
#if canImport(Glibc)
import Glibc
#endif

extension ReportView {
    /// The UMI consensus section (issue 16): what the molecules were made of, per target and in
    /// total, and each hotspot's result in molecules. nil when the reads were not called as molecules.
    struct UMISection {
        struct TargetRow { var gene, exon, rawDepth, molecules, families, singletons, duplexPercent: String; var histogram: [Bar] }
        var tag, readsTagged, readsUntagged, readsMalformed, families, singletons, duplexFamilies, molecules: String
        /// Why the malformed UMIs were refused, with counts ("too many N bases: 120"); nil when none were.
        var malformedReasons: String?
        /// The whole sample's family sizes: one bar per size 1…cap (the last: that size or more).
        var histogram: [Bar]
        var histogramWidth, histogramMax: String
        var targets: [TargetRow]
        /// "EGFR T790M not detected; 2,430 molecules; LOD 0.25%", one per hotspot.
        var statements: [String]
        var errors: String
    }

    /// Pixels per bar of the section's family-size histograms (whole sample; per target).
    private static let umiBarWidth = 14.0, umiMiniBarWidth = 3.0

    static func umiSection(_ u: UMISummary?) -> UMISection? {
        guard let u else { return nil }
        let malformed = u.readsMalformed.sorted { $0.key < $1.key }.filter { $0.value > 0 }
        let rows = u.targets.map { t in
            UMISection.TargetRow(gene: t.gene, exon: String(t.exon), rawDepth: number(t.meanRawDepth), molecules: number(t.meanMolecules),
                                 families: TextFormat.grouped(t.families), singletons: TextFormat.grouped(t.singletons),
                                 duplexPercent: percent(t.duplexFraction),
                                 histogram: umiBars(t.familySizeHistogram, barWidth: umiMiniBarWidth, height: 16, top: 0))
        }
        return UMISection(
            tag: u.tag, readsTagged: TextFormat.grouped(u.readsTagged), readsUntagged: TextFormat.grouped(u.readsUntagged),
            readsMalformed: TextFormat.grouped(malformed.map(\.value).reduce(0, +)),
            families: TextFormat.grouped(u.families), singletons: TextFormat.grouped(u.singletons),
            duplexFamilies: TextFormat.grouped(u.duplexFamilies), molecules: TextFormat.grouped(u.molecules),
            malformedReasons: malformed.isEmpty ? nil : malformed.map { "\($0.key): \(TextFormat.grouped($0.value))" }.joined(separator: "; "),
            histogram: umiBars(u.familySizeHistogram, barWidth: umiBarWidth, height: 100, top: 10),
            histogramWidth: svg(30 + Double(max(0, u.familySizeHistogram.count - 1)) * umiBarWidth + 10),
            histogramMax: TextFormat.grouped(u.familySizeHistogram.dropFirst().max() ?? 0),
            targets: rows, statements: u.hotspotStatements,
            errors: u.substitutionErrors.sorted { $0.key < $1.key }.map { "\($0.key) \(TextFormat.scientific($0.value))" }.joined(separator: ", "))
    }

    /// Bars for sizes 1…cap of `histogram` (index 0 unused), scaled to the largest count.
    private static func umiBars(_ histogram: [Int], barWidth: Double, height: Double, top: Double) -> [Bar] {
        let sizes = Array(histogram.enumerated().dropFirst())
        let peak = Double(max(1, sizes.map(\.element).max() ?? 0))
        let left = barWidth >= umiBarWidth ? 30.0 : 0
        return sizes.enumerated().map { i, e in
            let h = height * Double(e.element) / peak
            let size = e.offset == histogram.count - 1 ? "≥ \(e.offset)" : String(e.offset)
            return Bar(x: svg(left + Double(i) * barWidth), y: svg(top + height - h), width: svg(max(1, barWidth - 1)), height: svg(h),
                       cssClass: e.offset == 1 ? "bar-low" : "bar-ok",
                       label: "\(TextFormat.grouped(e.element)) families of \(size) read pair\(e.offset == 1 ? "" : "s")")
        }
    }
}
