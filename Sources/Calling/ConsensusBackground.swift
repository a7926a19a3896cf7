import G2TCore
import HTS

/// The background error of consensus molecules per substitution type, from the sample's own
/// molecules over every target position (as duplex/consensus pipelines estimate a sample's
/// error profile): non-reference molecules / reference-base molecules, leaving out positions
/// where the allele exceeds `backgroundMaxVAF` (a real variant is not error).
package enum ConsensusBackground {
    package static func estimate(_ targets: [TargetCounts], reference: ReferenceSource, parameters p: CallingParameters.UMIConsensus) -> SubstitutionErrors {
        // Integer sums in flat tables (index: ref × 4 + alt, A C G T = 0–3) and the reference read once per
        // target: per-position dictionaries, a base array and a block search per base were ~4% of a small
        // UMI run. Sums of integers: the same totals in any order.
        let acgt = Array("ACGT".utf8)
        let slots: [RegionCounts.Base] = [.a, .c, .g, .t]
        var errors = [Int](repeating: 0, count: 16)
        var totals = [Int](repeating: 0, count: 256)
        // Overlapping targets count a position once: a position is skipped when an earlier target's region on
        // the same chromosome holds it (the set of positions this replaced keyed by coordinate alone, so a
        // target elsewhere at the same coordinates was left out). Marked per target from the earlier regions:
        // a hashed insert per position was ~2% of a small UMI run.
        var earlier: [(chrom: String, range: Range<Int>)] = []
        for tc in targets {
            let chrom = tc.target.interval.chrom
            let region = tc.counts.region
            guard region.end > region.start else { continue }
            let range = region.start..<region.end
            var counted = [Bool](repeating: false, count: range.count)
            for e in earlier where e.chrom == chrom && e.range.overlaps(range) {
                for p in max(e.range.lowerBound, range.lowerBound)..<min(e.range.upperBound, range.upperBound) { counted[p - range.lowerBound] = true }
            }
            earlier.append((chrom, range))
            let refs = reference.bases(chrom: chrom, (region.start + 1)...region.end)
            for pos0 in range where !counted[pos0 - range.lowerBound] {
                guard let ref = refs[pos0 - region.start] else { continue }
                let depth = tc.counts.depth(at: pos0)
                guard depth > 0 else { continue }
                totals[Int(ref)] += depth
                guard let r = acgt.firstIndex(of: ref) else { continue }
                for (a, base) in slots.enumerated() where a != r {
                    let n = tc.counts.count(base, at: pos0)
                    if Double(n) <= p.backgroundMaxVAF * Double(depth) { errors[r * 4 + a] += n }
                }
            }
        }
        var rates: [Substitution: Double] = [:]
        for s in Substitution.all {
            guard let r = acgt.firstIndex(of: s.ref), let a = acgt.firstIndex(of: s.alt) else { continue }
            let total = totals[Int(s.ref)]
            rates[s] = total > 0 ? max(p.minBackgroundError, Double(errors[r * 4 + a]) / Double(total)) : p.minBackgroundError
        }
        let fallback = rates.values.max() ?? p.minBackgroundError
        return SubstitutionErrors(rates: rates, fallback: fallback)
    }

    /// The molecule counts with each non-reference allele's error raised to its substitution's background.
    package static func apply(_ errors: SubstitutionErrors, to targets: [TargetCounts], reference: ReferenceSource) -> [TargetCounts] {
        targets.map { tc in
            let chrom = tc.target.interval.chrom
            return TargetCounts(target: tc.target, counts: tc.counts.withErrorFloor { pos0, base in
                guard let ref = reference.base(chrom: chrom, pos: pos0 + 1), ref != PanelCaller.letter(base) else { return 0 }
                return errors.rate(ref: ref, alt: PanelCaller.letter(base))
            })
        }
    }
}
