import G2TCore
import HTS

/// The background error of consensus molecules per substitution type, from the sample's own
/// molecules over every target position (as duplex/consensus pipelines estimate a sample's
/// error profile): non-reference molecules / reference-base molecules, leaving out positions
/// where the allele exceeds `backgroundMaxVAF` (a real variant is not error).
package enum ConsensusBackground {
    package static func estimate(_ targets: [TargetCounts], reference: ReferenceSource, parameters p: CallingParameters.UMIConsensus) -> SubstitutionErrors {
        var errors: [Substitution: Int] = [:]
        var totals: [UInt8: Int] = [:]
        var seen = Set<Int>()  // overlapping targets count a position once
        for tc in targets {
            let chrom = tc.target.interval.chrom
            for pos0 in tc.counts.region.start..<tc.counts.region.end where seen.insert(pos0).inserted {
                guard let ref = reference.base(chrom: chrom, pos: pos0 + 1) else { continue }
                let depth = tc.counts.depth(at: pos0)
                guard depth > 0 else { continue }
                totals[ref, default: 0] += depth
                for base in [RegionCounts.Base.a, .c, .g, .t] {
                    guard let s = Substitution(ref: ref, alt: PanelCaller.letter(base)) else { continue }
                    let n = tc.counts.count(base, at: pos0)
                    if Double(n) <= p.backgroundMaxVAF * Double(depth) { errors[s, default: 0] += n }
                }
            }
        }
        var rates: [Substitution: Double] = [:]
        for s in Substitution.all {
            let total = totals[s.ref] ?? 0
            rates[s] = total > 0 ? max(p.minBackgroundError, Double(errors[s] ?? 0) / Double(total)) : p.minBackgroundError
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
