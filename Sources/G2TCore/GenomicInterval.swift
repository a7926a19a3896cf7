/// A closed 1-based interval on a chromosome, as in VCF, GTF and the MANE tables.
public struct GenomicInterval: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var chrom: String
    public var start: Int
    public var end: Int

    public init(chrom: String, start: Int, end: Int) {
        self.chrom = chrom
        self.start = start
        self.end = end
    }

    public var length: Int { end - start + 1 }

    public func contains(_ pos: Int) -> Bool { pos >= start && pos <= end }

    public func overlaps(_ o: GenomicInterval) -> Bool { chrom == o.chrom && start <= o.end && o.start <= end }

    public var description: String { "\(chrom):\(start)-\(end)" }

    public static func < (a: GenomicInterval, b: GenomicInterval) -> Bool {
        (a.chrom, a.start, a.end) < (b.chrom, b.start, b.end)
    }

    /// Merges overlapping or touching intervals; the result is sorted.
    public static func merge(_ intervals: [GenomicInterval]) -> [GenomicInterval] {
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
