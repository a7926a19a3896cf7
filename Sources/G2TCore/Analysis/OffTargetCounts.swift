/// Reads outside the panel targets, the genome-wide measure copy number is scaled against (as
/// CNVkit's antitarget bins are): from the alignment index's per-contig counts, less the reads that
/// start near a target.
package struct OffTargetCounts: Codable, Sendable, Equatable {
    /// A read starting within this distance of a target is a capture read ("shoulder"), not off-target:
    /// well beyond a library's fragment length (250–500 bp), so capture flanks do not count.
    package static let defaultMargin = 1_000

    /// Mapped records on each chromosome that holds panel targets (panel naming, "chr7"), beyond
    /// `margin` of every target.
    package var panelChromosomes: [String: Int]
    /// Mapped records on the autosomes without panel targets (chr1–chr22 less the panel's chromosomes);
    /// with `panelChromosomes`, the genome's scale (`genome(excluding:)`). Sex chromosomes, mitochondria and unplaced contigs are left out (they differ between
    /// samples for reasons other than the tumour).
    package var otherAutosomes: Int
    package var margin: Int

    package init(panelChromosomes: [String: Int], otherAutosomes: Int, margin: Int = OffTargetCounts.defaultMargin) {
        self.panelChromosomes = panelChromosomes
        self.otherAutosomes = otherAutosomes
        self.margin = margin
    }

    /// The genome's scale for measuring chromosome `chrom` (nil: for no chromosome in particular):
    /// the off-target reads of every autosome but `chrom` — those without targets and, beyond
    /// `margin` of every target, those with targets. A chromosome that carries panel targets still
    /// contributes its off-target reads (a panel spanning chr1, chr3, chr7 and chr12 leaves most of
    /// those chromosomes untargeted); the chromosome measured is left out so its own gain does not
    /// dilute the scale it is measured against.
    package func genome(excluding chrom: String?) -> Int {
        otherAutosomes + panelChromosomes.filter { $0.key != chrom && Self.isAutosome($0.key) }.map(\.value).reduce(0, +)
    }

    /// The smallest scale any panel chromosome is measured against (all autosomes when there is none).
    package var smallestGenomeScale: Int {
        panelChromosomes.keys.map { genome(excluding: $0) }.min() ?? otherAutosomes
    }

    /// Whether `name` ("chr5", "5") is one of the autosomes 1–22.
    package static func isAutosome(_ name: String) -> Bool {
        let bare = name.hasPrefix("chr") ? name.dropFirst(3) : Substring(name)
        guard let n = Int(bare), String(n) == bare else { return false }
        return (1...22).contains(n)
    }
}
