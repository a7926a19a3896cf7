/// Reads outside the panel targets, the genome-wide measure copy number is scaled against (as
/// CNVkit's antitarget bins are): from the alignment index's per-contig counts, less the reads that
/// start near a target.
public struct OffTargetCounts: Codable, Sendable, Equatable {
    /// A read starting within this distance of a target is a capture read ("shoulder"), not off-target:
    /// well beyond a library's fragment length (250–500 bp), so capture flanks do not count.
    public static let defaultMargin = 1_000

    /// Mapped records on each chromosome that holds panel targets (panel naming, "chr7"), beyond
    /// `margin` of every target.
    public var panelChromosomes: [String: Int]
    /// Mapped records on the autosomes without panel targets (chr1–chr22 less chr7): the genome's
    /// scale. Sex chromosomes, mitochondria and unplaced contigs are left out (they differ between
    /// samples for reasons other than the tumour).
    public var otherAutosomes: Int
    public var margin: Int

    public init(panelChromosomes: [String: Int], otherAutosomes: Int, margin: Int = OffTargetCounts.defaultMargin) {
        self.panelChromosomes = panelChromosomes
        self.otherAutosomes = otherAutosomes
        self.margin = margin
    }

    /// Whether `name` ("chr5", "5") is one of the autosomes 1–22.
    public static func isAutosome(_ name: String) -> Bool {
        let bare = name.hasPrefix("chr") ? name.dropFirst(3) : Substring(name)
        guard let n = Int(bare), String(n) == bare else { return false }
        return (1...22).contains(n)
    }
}
