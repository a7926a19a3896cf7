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
        var blocks: [Block] = []
        var current: Block?
        for (i, line) in text.split(separator: "\n").enumerated() {
            if line.hasPrefix(">") {
                if let c = current { blocks.append(c) }
                let name = line.dropFirst().split(separator: " ").first.map(String.init) ?? ""
                let parts = name.split(separator: ":")
                guard parts.count == 2, let dash = parts[1].firstIndex(of: "-"),
                      let s = Int(parts[1][..<dash]) else {
                    throw DataFileError.malformed(file: file, line: i + 1, problem: "record name '\(name)' is not chrom:start-end")
                }
                current = Block(chrom: String(parts[0]), start: s, bases: [])
            } else if current != nil {
                current?.bases.append(contentsOf: line.utf8.map { $0 & 0xDF })  // upper case
            }
        }
        if let c = current { blocks.append(c) }
        return blocks
    }

    /// The base at 1-based `pos`, upper case, or nil when g2t does not know it.
    package func base(chrom: String, pos: Int) -> UInt8? {
        for b in blocks where b.chrom == chrom && pos >= b.start && pos <= b.end {
            let v = b.bases[pos - b.start]
            return v == UInt8(ascii: "N") ? nil : v
        }
        return nil
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
