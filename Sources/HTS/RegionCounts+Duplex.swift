/// Duplex evidence of consensus molecules (UMI mode; issue 16, branch hot1): a change present on both
/// strands of the original molecule, each strand's reads agreeing on it, is a real base of that molecule;
/// an early-PCR error or damage sits on one strand only (Schmitt et al. 2012, Duplex Sequencing).
extension RegionCounts {
    /// Fields per position in `duplex`: duplex depth, then A, C, G, T.
    package static let duplexFieldsPerPosition = 5

    /// Whether the counts hold duplex evidence (UMI mode).
    package var hasDuplex: Bool { !duplex.isEmpty }

    /// `duplex` zeroed for every position of the region (UMI mode's molecule counter fills it).
    mutating func allocateDuplex() {
        duplex = Array(repeating: 0, count: max(0, region.length) * Self.duplexFieldsPerPosition)
    }

    /// Molecules at 0-based `pos` whose two strands both gave a consensus base.
    package func duplexDepth(at pos: Int) -> Int {
        guard hasDuplex, pos >= region.start && pos < region.end else { return 0 }
        return Int(duplex[(pos - region.start) * Self.duplexFieldsPerPosition])
    }

    /// Molecules at 0-based `pos` whose two strands both show `base`.
    package func duplexCount(_ base: Base, at pos: Int) -> Int {
        guard hasDuplex, base != .n, pos >= region.start && pos < region.end else { return 0 }
        return Int(duplex[(pos - region.start) * Self.duplexFieldsPerPosition + 1 + base.rawValue])
    }

    /// Adds one molecule's strand calls at 0-based `pos` (slots 0–3 bases, 5 deletion; nil: strand not read there).
    mutating func addDuplex(top: UInt8?, bottom: UInt8?, at pos: Int) {
        guard let t = top, let b = bottom, t < 4, b < 4, hasDuplex, pos >= region.start && pos < region.end else { return }
        let o = (pos - region.start) * Self.duplexFieldsPerPosition
        duplex[o] += 1
        if t == b { duplex[o + 1 + Int(t)] += 1 }
    }
}
