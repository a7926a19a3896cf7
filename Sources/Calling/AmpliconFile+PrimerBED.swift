import G2TCore

/// The primer-BED form of an `--amplicons` file: one line per primer, as ARTIC and ampliseq primer
/// schemes give them (`chrom  start  end  name  pool  strand  [sequence]`, BED 0-based), the name
/// ending in `_LEFT` or `_RIGHT` (or `_F`/`_R`, `_FWD`/`_REV`, as other primer designers name them;
/// optionally `_alt1`, `_alt2`… for alternative primers) after the amplicon's name
/// (`nCoV-2019_1_LEFT`, `EGFR_ex20_F`). Each amplicon spans its outermost primers; its insert lies
/// between its innermost ones, so every primer base is trimmed.
extension AmpliconFile {
    /// The primer-name suffixes read (case-insensitive), by side: forward (left) and reverse (right).
    enum PrimerSuffix: String, CaseIterable {
        case left = "LEFT", right = "RIGHT", f = "F", r = "R", fwd = "FWD", rev = "REV"
        var isLeft: Bool { self == .left || self == .f || self == .fwd }
        static let listed = "_LEFT/_RIGHT, _F/_R or _FWD/_REV"
    }

    /// `LEFT` or `RIGHT` and the amplicon name of a primer name; nil when the name is not a primer's.
    static func primerSide(_ name: String) -> (amplicon: String, left: Bool)? {
        var parts = name.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        // An alternative primer (`_alt1`) belongs to the same amplicon and side.
        if let last = parts.last, last.lowercased().hasPrefix("alt"), Int(last.dropFirst(3)) != nil, parts.count > 2 { parts.removeLast() }
        guard parts.count >= 2, let last = parts.last, let side = PrimerSuffix(rawValue: last.uppercased()) else { return nil }
        let amplicon = parts.dropLast().joined(separator: "_")
        guard !amplicon.isEmpty else { return nil }
        return (amplicon, side.isLeft)
    }

    /// The lines that hold data (not blank, `#`, `track` or `browser`), split at tabs, with their 1-based numbers.
    static func dataLines(_ lines: [String]) -> [(number: Int, fields: [String])] {
        lines.enumerated().compactMap { i, raw in
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") || line.hasPrefix("track") || line.hasPrefix("browser") { return nil }
            return (i + 1, line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init))
        }
    }

    /// Whether a data line (tab-separated fields) is a primer line: its name says LEFT or RIGHT.
    static func isPrimerLine(_ f: [String]) -> Bool {
        f.count >= 4 && primerSide(f[3]) != nil
    }

    /// Parses the data lines of a primer BED (line numbers 1-based as in the file).
    static func parsePrimers(_ lines: [(number: Int, fields: [String])], path: String) throws -> AmpliconSet {
        struct Primers { var chrom: String; var firstLine: Int; var left: [(Int, Int)] = []; var right: [(Int, Int)] = [] }
        var byName: [String: Primers] = [:]
        var order: [String] = []
        for (n, f) in lines {
            func bad(_ d: String) -> AmpliconError { .malformedLine(path: path, line: n, detail: d) }
            guard f.count >= 4 else { throw bad("a primer line needs chrom, start, end and name (found \(f.count) columns)") }
            guard let start = Int(f[1]), let end = Int(f[2]), start >= 0, end > start else {
                throw bad("start and end must be whole numbers with 0 ≤ start < end (BED, 0-based), not '\(f[1])' and '\(f[2])'")
            }
            guard let (amplicon, left) = primerSide(f[3]) else {
                throw bad("'\(f[3])' is not a primer name ending in \(PrimerSuffix.listed) (the file's other lines are primers, one per line)")
            }
            if f.count >= 6, !f[5].isEmpty {
                guard f[5] == "+" || f[5] == "-" else { throw bad("column 6 must be the primer's strand, + or -, not '\(f[5])'") }
                if (f[5] == "+") != left { throw bad("\(f[3]) is a \(left ? "LEFT" : "RIGHT") primer on the \(f[5]) strand (LEFT primers are +, RIGHT primers -)") }
            }
            let chrom = ChromosomeLengths.panelName(f[0])
            if byName[amplicon] == nil { order.append(amplicon); byName[amplicon] = Primers(chrom: chrom, firstLine: n) }
            guard byName[amplicon]?.chrom == chrom else { throw bad("primer \(f[3]) is on \(f[0]) but its amplicon's other primers are on another contig") }
            if left { byName[amplicon]?.left.append((start, end)) } else { byName[amplicon]?.right.append((start, end)) }
        }
        var out: [Amplicon] = []
        for name in order {
            guard let p = byName[name] else { continue }
            func bad(_ d: String) -> AmpliconError { .malformedLine(path: path, line: p.firstLine, detail: d) }
            guard !p.left.isEmpty, !p.right.isEmpty else {
                throw bad("amplicon \(name) has \(p.left.isEmpty ? "no _LEFT primer (nor _F, _FWD)" : "no _RIGHT primer (nor _R, _REV)"): each amplicon needs both")
            }
            // The amplicon from the outermost primer bases; its insert between the innermost (alternatives included).
            let start = p.left.map(\.0).min() ?? 0, insertStart = p.left.map(\.1).max() ?? 0
            let end = p.right.map(\.1).max() ?? 0, insertEnd = p.right.map(\.0).min() ?? 0
            guard insertStart < insertEnd else {
                throw bad("amplicon \(name): its _LEFT primer ends at \(insertStart), at or after its _RIGHT primer starts (\(insertEnd)): no insert between them")
            }
            out.append(Amplicon(name: name, interval: GenomicInterval(chrom: p.chrom, start: start + 1, end: end),
                                leftPrimer: insertStart - start, rightPrimer: end - insertEnd))
        }
        guard !out.isEmpty else { throw AmpliconError.empty(path: path) }
        return AmpliconSet(path: path, amplicons: out, hasPrimers: true)
    }
}
