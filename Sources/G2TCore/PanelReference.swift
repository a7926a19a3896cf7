/// The reference bases g2t bundles for the panel: known blocks on a chromosome; every other base
/// is unknown (ABCB1 introns, for one, are not available).
package struct PanelReference: Sendable {
    /// A stretch of known sequence starting at a 1-based position.
    package struct Block: Sendable {
        package var chrom: String
        package var start: Int
        package var bases: [UInt8]
        package var end: Int { start + bases.count - 1 }

        package init(chrom: String, start: Int, bases: [UInt8]) {
            self.chrom = chrom
            self.start = start
            self.bases = bases
        }
    }

    package private(set) var blocks: [Block]

    package init(blocks: [Block]) {
        self.blocks = blocks.sorted { ($0.chrom, $0.start) < ($1.chrom, $1.start) }
    }

    /// Parses FASTA records named `chrom:start-end` (1-based), as in the bundled files.
    package static func parseFASTA(_ text: String, file: String) throws -> [Block] {
        // ASCII text without carriage returns (the bundled files): split into lines by bytes, which
        // is what splitting the String by Character gives there, without a Character per base
        // (this parse runs at every start of g2t, for both builds).
        var text = text
        // Native strings are contiguous UTF-8; the scan runs over that buffer (a line is found with
        // one byte search and its bases copied in bulk, not a Swift iterator step per base).
        let parsed = try text.withUTF8 { bytes -> [Block]? in
            guard !bytes.contains(where: { $0 == UInt8(ascii: "\r") || $0 >= 0x80 }) else { return nil }
            var blocks: [Block] = []
            var current: Block?
            var i = 0  // non-empty lines so far, as `split` counts them
            var at = 0
            while at < bytes.count {
                var end = at  // a plain scan: a generic `firstIndex` on the slice cost ~10 instructions a byte
                while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                defer { at = end + 1 }
                guard at < end else { continue }
                defer { i += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[at..<end])
                if line[0] == UInt8(ascii: ">") {
                    if let c = current { blocks.append(c) }
                    current = try header(Substring(String(decoding: line, as: UTF8.self)), line: i + 1, file: file)
                } else if var c = current {
                    current = nil  // the block's only reference, so the appends do not copy its bases
                    let from = c.bases.count
                    c.bases.append(contentsOf: line)
                    c.bases.withUnsafeMutableBufferPointer { b in
                        for k in from..<b.count { b[k] &= 0xDF }  // upper case
                    }
                    current = c
                }
            }
            if let c = current { blocks.append(c) }
            return blocks
        }
        return try parsed ?? parseFASTAByCharacter(text, file: file)
    }

    /// `parseFASTA` for any other text: lines split by Character.
    package static func parseFASTAByCharacter(_ text: String, file: String) throws -> [Block] {
        var blocks: [Block] = []
        var current: Block?
        for (i, line) in text.split(separator: "\n").enumerated() {
            if line.hasPrefix(">") {
                if let c = current { blocks.append(c) }
                current = try header(line, line: i + 1, file: file)
            } else if current != nil {
                current?.bases.append(contentsOf: line.utf8.map { $0 & 0xDF })  // upper case
            }
        }
        if let c = current { blocks.append(c) }
        return blocks
    }

    /// The empty block a header line (`>chrom:start-end …`) opens.
    private static func header(_ line: Substring, line number: Int, file: String) throws -> Block {
        let rest = line.dropFirst()
        let name: String
        if rest.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) {
            // ASCII without a CR: each Character is one byte, so the first space-separated word by bytes is
            // what `split` gives (a Character split cost ~90,000 instructions a header, ~6 M at every start).
            let bytes = rest.utf8
            let from = bytes.firstIndex { $0 != UInt8(ascii: " ") } ?? bytes.endIndex
            let to = bytes[from...].firstIndex(of: UInt8(ascii: " ")) ?? bytes.endIndex
            name = String(rest[from..<to])
        } else {
            name = rest.split(separator: " ").first.map(String.init) ?? ""
        }
        let parts = name.split(separator: ":")
        guard parts.count == 2, let dash = parts[1].firstIndex(of: "-"),
              let s = Int(parts[1][..<dash]) else {
            throw DataFileError.malformed(file: file, line: number, problem: "record name '\(name)' is not chrom:start-end")
        }
        return Block(chrom: String(parts[0]), start: s, bases: [])
    }

    /// The base at 1-based `pos`, upper case, or nil when g2t does not know it.
    package func base(chrom: String, pos: Int) -> UInt8? {
        // Positions first: the string compare only for the block(s) holding `pos` (called per base).
        for b in blocks where pos >= b.start && pos <= b.end && b.chrom == chrom {
            let v = b.bases[pos - b.start]
            return v == UInt8(ascii: "N") ? nil : v
        }
        return nil
    }

    /// `base` for a stretch of positions: the block holding a position is found once and read on
    /// to its end (a transcript's CDS is read exon by exon, not with a search of every block per base).
    /// Same result as `base` per position: blocks of a chromosome are sorted by start, so the first
    /// block holding `p` also comes first for every later position it holds.
    package func bases(chrom: String, _ positions: ClosedRange<Int>) -> [UInt8?] {
        var out: [UInt8?] = []
        out.reserveCapacity(positions.count)
        var p = positions.lowerBound
        while p <= positions.upperBound {
            guard let k = blocks.firstIndex(where: { p >= $0.start && p <= $0.end && $0.chrom == chrom }) else {
                // No block holds p: nor any position before the next block of `chrom` starting after p, so
                // that run is unknown at once (a 3′ UTR past the bundled sequence was searched per base).
                let next = blocks.lazy.filter { $0.chrom == chrom && $0.start > p }.map(\.start).min() ?? Int.max
                let stop = min(next - 1, positions.upperBound)
                out.append(contentsOf: repeatElement(nil, count: stop - p + 1))
                p = stop + 1
                continue
            }
            let start = blocks[k].start, stop = min(blocks[k].end, positions.upperBound)
            blocks[k].bases.withUnsafeBufferPointer { b in
                out.append(contentsOf: b[(p - start)...(stop - start)].lazy.map { $0 == UInt8(ascii: "N") ? nil : $0 })
            }
            p = stop + 1
        }
        return out
    }

    /// The bases of a closed 1-based interval, or nil if any base is unknown.
    package func sequence(_ iv: GenomicInterval) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(iv.length)
        for p in iv.start...iv.end {
            guard let b = base(chrom: iv.chrom, pos: p) else { return nil }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
