/// Chromosome lengths of each build g2t knows (the bundled `assemblies.tsv`), keyed by the panel's
/// chromosome name ("chrN"); an input may name a chromosome "N" or "chrN".
package struct ChromosomeLengths: Sendable, Equatable {
    package let lengths: [GenomeBuild: [String: Int]]

    package init(lengths: [GenomeBuild: [String: Int]]) { self.lengths = lengths }

    package static func parse(_ text: String, file: String = "assemblies.tsv") throws -> ChromosomeLengths {
        let table = try TSVTable(file: file, text: text)
        var out: [GenomeBuild: [String: Int]] = [:]
        for row in table.rows {
            let chrom = try table.value("chrom", in: row)
            for b in GenomeBuild.allCases { out[b, default: [:]][chrom] = try table.int(b.rawValue, in: row) }
        }
        return ChromosomeLengths(lengths: out)
    }

    /// The length of the panel chromosome `chrom` on `build`, if known.
    package func length(_ chrom: String, on build: GenomeBuild) -> Int? { lengths[build]?[chrom] }

    /// The builds whose `chrom` has `length`.
    package func builds(_ chrom: String, length: Int) -> [GenomeBuild] {
        GenomeBuild.allCases.filter { lengths[$0]?[chrom] == length }
    }

    /// The panel's name for an input contig ("N" or "chrN" → "chrN").
    package static func panelName(_ contig: String) -> String {
        contig.hasPrefix("chr") ? contig : "chr" + contig
    }
}
