import Foundation
import G2TCore

/// The AmpliSeq-style designed BED form of an `--amplicons` file, as Ion AmpliSeq Designer writes
/// it: a `track … type=bedDetail` line, then one line per amplicon with 6 or more tab-separated
/// columns — `chrom  start  end  amplicon_id` (BED 0-based), then the design's own columns (a
/// customer ID or `.`, the gene symbol, or `GENE_ID=EGFR;Pool=1` attributes). Thermo Fisher's
/// "6-column target regions BED file format" (Torrent Suite documentation) defines the columns; the
/// same amplicon may be listed once per transcript (identical lines are one amplicon). The file gives
/// no primer lengths, so it is read like the 4-column form: amplicon intervals, no primer trimming.
extension AmpliconFile {
    /// Whether the lines are a designed BED: a `type=bedDetail` track line, or a first data line with
    /// 6+ columns whose later columns hold a `Pool=` attribute.
    static func isDesignedBED(_ lines: [String]) -> Bool {
        if lines.contains(where: { $0.hasPrefix("track") && $0.contains("type=bedDetail") }) { return true }
        guard let first = dataLines(lines).first, first.fields.count >= 6 else { return false }
        return first.fields.dropFirst(4).contains { pools(in: $0) != nil }
    }

    /// The pool numbers of a column's `Pool=` attribute (`Pool=1`, `Pool=1,2`; `;`-separated
    /// attributes): nil when the column has no `Pool=`, an empty list when its value is not pool numbers.
    static func pools(in column: String) -> [Int]? {
        for attribute in column.split(separator: ";") {
            let a = attribute.trimmingCharacters(in: .whitespaces)
            guard a.lowercased().hasPrefix("pool=") else { continue }
            let values = a.dropFirst(5).split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            return values.allSatisfy { ($0 ?? 0) > 0 } ? values.compactMap { $0 } : []
        }
        return nil
    }

    /// Parses a designed BED (line numbers 1-based as in the file).
    static func parseDesigned(_ lines: [String], path: String) throws -> AmpliconSet {
        let rows = dataLines(lines)
        // Pools are required on every line once the first line gives them (a design is in pools or not).
        let pooled = rows.first.map { $0.fields.dropFirst(4).contains { pools(in: $0) != nil } } ?? false
        var out: [Amplicon] = []
        var seen: [String: (interval: GenomicInterval, line: Int)] = [:]
        for (n, f) in rows {
            func bad(_ d: String) -> AmpliconError { .malformedLine(path: path, line: n, detail: d) }
            guard f.count >= 6 else {
                throw bad("an AmpliSeq designed BED line needs at least 6 tab-separated columns (chrom, start, end, amplicon ID, ID, gene or attributes), found \(f.count)")
            }
            guard let start = Int(f[1]), let end = Int(f[2]), start >= 0, end > start else {
                throw bad("start and end must be whole numbers with 0 ≤ start < end (BED, 0-based), not '\(f[1])' and '\(f[2])'")
            }
            let name = f[3].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name != "." else { throw bad("column 4 must be the amplicon's ID, not '\(f[3])'") }
            let poolColumns = f.dropFirst(4).compactMap { pools(in: $0) }
            if poolColumns.contains(where: \.isEmpty) {
                throw bad("amplicon \(name): Pool= must give pool numbers (whole numbers ≥ 1, comma-separated), as in GENE_ID=KIT;Pool=1")
            }
            if pooled && poolColumns.isEmpty {
                throw bad("amplicon \(name) has no Pool= attribute in columns 5 on, though the file's first amplicon has one")
            }
            let interval = GenomicInterval(chrom: ChromosomeLengths.panelName(f[0]), start: start + 1, end: end)
            if let earlier = seen[name] {
                // One amplicon listed per transcript: the same lines again are the same amplicon.
                guard earlier.interval == interval else {
                    throw bad("amplicon \(name) is listed again with other coordinates (first on line \(earlier.line))")
                }
                continue
            }
            seen[name] = (interval, n)
            out.append(Amplicon(name: name, interval: interval, leftPrimer: 0, rightPrimer: 0))
        }
        guard !out.isEmpty else { throw AmpliconError.empty(path: path) }
        return AmpliconSet(path: path, amplicons: out, hasPrimers: false)
    }
}
