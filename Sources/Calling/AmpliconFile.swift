import G2TCore
import HTS
#if canImport(Glibc)
import Glibc
#endif

/// Reads and checks an `--amplicons` file.
///
/// Format (BED-like, tab-separated, 0-based start and end-exclusive as in BED; `#`, `track` and
/// `browser` lines skipped): `chrom  start  end  name  left_primer_length  right_primer_length`,
/// the interval being the whole amplicon including both primers. Columns 5 and 6 may be left out
/// on every line (no primer trimming) only when no two amplicons overlap. Contigs may be named
/// "7" or "chr7" whatever the input uses. A primer BED (one line per primer, names ending in
/// `_LEFT`/`_RIGHT`, `_F`/`_R` or `_FWD`/`_REV`, as ARTIC and ampliseq schemes give them) is read too
/// (AmpliconFile+PrimerBED.swift), and so is an AmpliSeq designed BED (`type=bedDetail`, 6+ columns,
/// `Pool=` attributes; AmpliconFile+DesignedBED.swift).
package enum AmpliconFile {
    /// Parses `path` (syntax only; `check` compares it with the input and the panel).
    package static func read(path: String) throws -> AmpliconSet {
        guard let fp = fopen(path, "rb") else { throw AmpliconError.unreadable(path: path) }
        defer { fclose(fp) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, fp) }
            if n == 0 { break }
            bytes += chunk[0..<n]
            // An amplicon panel is a few thousand lines; anything this large is not one.
            if bytes.count > maxBytes { throw AmpliconError.malformedLine(path: path, line: 0, detail: "larger than \(maxBytes / 1_000_000) MB: not an amplicon file") }
        }
        if ferror(fp) != 0 { throw AmpliconError.unreadable(path: path) }
        return try parse(String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init), path: path)
    }

    /// 50 MB: a whole-exome amplicon design (~300,000 amplicons × ~60 bytes) is 18 MB.
    static let maxBytes = 50_000_000

    package static func parse(_ lines: [String], path: String) throws -> AmpliconSet {
        // A primer BED is told by its first data line's name (…_LEFT or …_RIGHT).
        if let first = dataLines(lines).first, isPrimerLine(first.fields) { return try parsePrimers(dataLines(lines), path: path) }
        // An AmpliSeq-style designed BED by its bedDetail track line or Pool= attributes (AmpliconFile+DesignedBED.swift).
        if isDesignedBED(lines) { return try parseDesigned(lines, path: path) }
        var out: [Amplicon] = []
        var primed: Bool?
        for (i, raw) in lines.enumerated() {
            let n = i + 1
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") || line.hasPrefix("track") || line.hasPrefix("browser") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func bad(_ d: String) -> AmpliconError { .malformedLine(path: path, line: n, detail: d) }
            guard f.count >= 3 else { throw bad("needs at least 3 tab-separated columns (chrom, start, end), found \(f.count)") }
            guard let start = Int(f[1]), let end = Int(f[2]), start >= 0, end > start else {
                throw bad("start and end must be whole numbers with 0 ≤ start < end (BED, 0-based), not '\(f[1])' and '\(f[2])'")
            }
            let name = f.count > 3 && !f[3].isEmpty ? f[3] : "\(f[0]):\(start + 1)-\(end)"
            let hasPrimers = f.count >= 6
            if f.count == 5 { throw bad("column 5 (left primer length) needs column 6 (right primer length)") }
            if let p = primed, p != hasPrimers { throw AmpliconError.mixedPrimerColumns(path: path, line: n) }
            primed = hasPrimers
            var left = 0, right = 0
            if hasPrimers {
                guard let l = Int(f[4]), let r = Int(f[5]), l >= 0, r >= 0 else {
                    throw bad("columns 5 and 6 must be primer lengths in bases (whole numbers ≥ 0), not '\(f[4])' and '\(f[5])'; a standard BED6 score/strand is not a primer length")
                }
                guard l + r < end - start else { throw bad("primers of \(l) + \(r) bases leave no insert in a \(end - start)-base amplicon") }
                left = l
                right = r
            }
            out.append(Amplicon(name: name, interval: GenomicInterval(chrom: ChromosomeLengths.panelName(f[0]), start: start + 1, end: end),
                                leftPrimer: left, rightPrimer: right))
        }
        guard !out.isEmpty else { throw AmpliconError.empty(path: path) }
        return AmpliconSet(path: path, amplicons: out, hasPrimers: primed ?? false)
    }

    /// Checks the amplicons against the input's contigs (names and lengths), each other and the panel;
    /// `others` are the panel on the other builds, to say when the file matches one of those instead.
    package static func check(_ set: AmpliconSet, header: AlignmentHeader, naming: ContigNaming, panel: Panel,
                             build: GenomeBuild, others: [GenomeBuild: Panel]) throws {
        let lengths = Dictionary(header.references.map { ($0.name, $0.length) }, uniquingKeysWith: { a, _ in a })
        for a in set.amplicons {
            let bare = String(a.interval.chrom.dropFirst(3))
            let contig = [naming.input(a.interval.chrom), a.interval.chrom, bare].first { lengths[$0] != nil }
            guard let contig, let length = lengths[contig] else {
                throw AmpliconError.contigMismatch(path: set.path, amplicon: a.name, contig: bare, detail: "is not in the input's header")
            }
            if a.interval.end > length {
                throw AmpliconError.contigMismatch(path: set.path, amplicon: a.name, contig: contig,
                                                   detail: "ends at \(a.interval.end), past the input's contig length \(length)")
            }
        }
        if !set.hasPrimers {
            let sorted = set.amplicons.sorted { $0.interval < $1.interval }
            for (a, b) in zip(sorted, sorted.dropFirst()) where a.interval.overlaps(b.interval) {
                throw AmpliconError.overlapWithoutPrimers(path: set.path, first: a.name, second: b.name)
            }
        }
        func overlaps(_ p: Panel) -> Bool {
            set.amplicons.contains { a in p.targets.contains { $0.interval.overlaps(a.interval) } }
        }
        guard overlaps(panel) else {
            let match = others.filter { $0.key != build && overlaps($0.value) }.keys.map(\.rawValue).sorted()
            let hint = match.isEmpty ? " (check the file is for this panel and build, \(build.rawValue))"
                : ": its coordinates match the panel on \(match.joined(separator: ", ")), but the input is \(build.rawValue): another build"
            throw AmpliconError.noPanelOverlap(path: set.path, hint: hint)
        }
    }

    /// The amplicons as the counter's windows (input naming, 0-based), indexed like `set.amplicons`.
    package static func trim(_ set: AmpliconSet, naming: ContigNaming, tolerance: Int) -> AmpliconTrim {
        AmpliconTrim(windows: set.amplicons.enumerated().map { i, a in
            let ins = a.insert
            return AmpliconTrim.Window(id: i, contig: naming.input(a.interval.chrom), start: a.interval.start - 1, end: a.interval.end,
                                       insertStart: ins.start - 1, insertEnd: ins.end)
        }, tolerance: tolerance)
    }
}
