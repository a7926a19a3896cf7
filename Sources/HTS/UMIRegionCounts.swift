/// Consensus-molecule counts: raising each allele's error to a background floor.
extension RegionCounts {
    /// The counts with every non-reference allele's summed error raised to at least `floor(pos0, base)`
    /// per molecule (`floor` gives 0 for the reference base, whose statistics are not kept): a consensus can be more certain than the sample's own background error allows.
    package func withErrorFloor(_ floor: (_ pos0: Int, _ base: Base) -> Double) -> RegionCounts {
        var out = self
        for pos in region.start..<region.end {
            let o = (pos - region.start) * Self.fieldsPerPosition
            for base in [Base.a, .c, .g, .t] {
                let n = count(base, at: pos)
                guard n > 0 else { continue }
                let want = UInt32(min(Double(UInt32.max), min(1e6, (floor(pos, base) * 1e6).rounded()) * Double(n)))
                let i = o + Self.errorField + base.rawValue
                out.fields[i] = max(out.fields[i], want)
            }
        }
        return out
    }
}
