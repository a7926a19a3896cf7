/// A closed 1-based interval on a chromosome, as in VCF, GTF and the MANE tables.
package struct GenomicInterval: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    package var chrom: String
    package var start: Int
    package var end: Int

    package init(chrom: String, start: Int, end: Int) {
        self.chrom = chrom
        self.start = start
        self.end = end
    }

    package var length: Int { end - start + 1 }

    package func contains(_ pos: Int) -> Bool { pos >= start && pos <= end }

    package func overlaps(_ o: GenomicInterval) -> Bool { chrom == o.chrom && start <= o.end && o.start <= end }

    package var description: String { "\(chrom):\(start)-\(end)" }

    package static func < (a: GenomicInterval, b: GenomicInterval) -> Bool {
        (a.chrom, a.start, a.end) < (b.chrom, b.start, b.end)
    }

    /// Merges overlapping or touching intervals; the result is sorted.
    package static func merge(_ intervals: [GenomicInterval]) -> [GenomicInterval] {
        var out: [GenomicInterval] = []
        for iv in intervals.sorted() {
            if let last = out.last, last.chrom == iv.chrom, iv.start <= last.end + 1 {
                out[out.count - 1].end = max(last.end, iv.end)
            } else {
                out.append(iv)
            }
        }
        return out
    }
}
