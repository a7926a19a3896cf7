import Foundation
import G2TCore
import HTS

/// strand_bias as a likelihood-ratio test of two explicit hypotheses: the
/// alternate allele is an artefact of one strand (present at its own fraction on that strand, at
/// `strandBiasErrorRate` on the other) rather than an allele at one fraction on both strands.
/// Strand depths are the allele's plus the reference's fragments on each strand, so a site read on
/// one strand only carries no evidence either way.
package enum StrandBiasTest {
    /// log10 likelihood ratio of a one-strand artefact against one shared fraction (maximum likelihood
    /// fractions under each).
    package static func lod(alt: RegionCounts.StrandCount, ref: RegionCounts.StrandCount, errorRate e: Double) -> Double {
        let nf = alt.forward + ref.forward, nr = alt.reverse + ref.reverse
        guard nf + nr > 0, alt.total > 0 else { return 0 }
        func ll(_ k: Int, _ n: Int, _ p: Double) -> Double {
            guard n > 0 else { return 0 }
            let q = min(max(p, 1e-12), 1 - 1e-12)
            return DamageModel.logBinomial(k, n, q)
        }
        let f = Double(alt.total) / Double(nf + nr)
        let shared = ll(alt.forward, nf, f) + ll(alt.reverse, nr, f)
        let forwardOnly = ll(alt.forward, nf, nf > 0 ? Double(alt.forward) / Double(nf) : 0) + ll(alt.reverse, nr, e)
        let reverseOnly = ll(alt.reverse, nr, nr > 0 ? Double(alt.reverse) / Double(nr) : 0) + ll(alt.forward, nf, e)
        return (max(forwardOnly, reverseOnly) - shared) / log(10)
    }
}
