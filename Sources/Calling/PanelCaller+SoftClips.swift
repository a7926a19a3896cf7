import G2TCore
import HTS

/// Soft-clip rescue: aligners clip reads that end inside an indel, and the clipped bases are
/// evidence for the indel when they spell its haplotype.
extension PanelCaller {
    /// Credits each clip to the single candidate it matches best (a tie credits none); `minMatchShare`
    /// is `candidates.clipMatchMinShare`.
    static func assignClips(_ clips: [RegionCounts.SoftClip], to candidates: [Normalization.Alleles], chrom: String,
                            reference: ReferenceSource, minMatchShare: Double) -> [Normalization.Alleles: RegionCounts.StrandCount] {
        var out: [Normalization.Alleles: RegionCounts.StrandCount] = [:]
        for c in clips {
            let scored = candidates.compactMap { n in clipScore(n, clip: c, chrom: chrom, reference: reference, minMatchShare: minMatchShare).map { (n, $0) } }
            guard let best = scored.max(by: { $0.1 < $1.1 }), scored.filter({ $0.1 == best.1 }).count == 1 else { continue }
            out[best.0, default: .init()].add(reverse: c.reverse)
        }
        return out
    }

    /// Soft clips at an indel's junction whose clipped bases match the indel's haplotype better
    /// than the reference (at least `minMatchShare` of at least 4 bases), for one candidate on its own.
    package static func clipSupport(_ n: Normalization.Alleles, clips: [RegionCounts.SoftClip], chrom: String,
                                   reference: ReferenceSource, minMatchShare: Double) -> RegionCounts.StrandCount {
        var support = RegionCounts.StrandCount()
        for c in clips where clipScore(n, clip: c, chrom: chrom, reference: reference, minMatchShare: minMatchShare) != nil { support.add(reverse: c.reverse) }
        return support
    }

    /// How many clipped bases match the indel's haplotype, when they support it (else nil).
    static func clipScore(_ n: Normalization.Alleles, clip c: RegionCounts.SoftClip, chrom: String, reference: ReferenceSource,
                          minMatchShare: Double) -> Int? {
        let ref = Array(n.ref.utf8), alt = Array(n.alt.utf8)
        guard ref.count != alt.count, ref.first == alt.first, ref.count == 1 || alt.count == 1 else { return nil }
        let anchor0 = n.pos - 1, deleted = ref.count - 1
        let inserted = Array(alt.dropFirst())
        func refBases(_ from: Int, _ count: Int) -> [UInt8]? {  // 1-based start
            var out: [UInt8] = []
            for p in from..<(from + count) {
                guard let b = reference.base(chrom: chrom, pos: p) else { return nil }
                out.append(b)
            }
            return out
        }
        func matches(_ a: [UInt8], _ b: [UInt8]) -> Int { zip(a, b).filter { $0 == $1 }.count }
        let k = c.bases.count
        var altHap: [UInt8]?, refHap: [UInt8]?
        if c.leading && c.junction == anchor0 + 1 + deleted {
            // Bases before the junction: the alt haplotype ends with ref up to the anchor (+ the insertion).
            if deleted > 0 {
                altHap = refBases(n.pos - k + 1, k)
                refHap = refBases(n.pos + deleted - k + 1, k)
            } else if let before = refBases(n.pos - k + 1, k) {
                altHap = Array((before + inserted).suffix(k))
                refHap = before
            }
        } else if !c.leading && c.junction == anchor0 + 1 {
            // Bases after the anchor: the alt haplotype resumes after the deletion (or with the insertion).
            if deleted > 0 {
                altHap = refBases(n.pos + deleted + 1, k)
                refHap = refBases(n.pos + 1, k)
            } else if let after = refBases(n.pos + 1, k) {
                altHap = Array((inserted + after).prefix(k))
                refHap = after
            }
        }
        guard let a = altHap, let r = refHap, a.count == k else { return nil }
        let ma = matches(c.bases, a), mr = matches(c.bases, r)
        return Double(ma) >= minMatchShare * Double(k) && ma > mr ? ma : nil
    }
}
