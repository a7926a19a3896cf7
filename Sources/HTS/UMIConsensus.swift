#if canImport(Glibc)
import Glibc
#endif

/// The consensus of one molecule at one position from its reads' bases, in the manner of fgbio
/// CallMolecularConsensusReads / CallDuplexConsensusReads (Fulcrum Genomics; docs of
/// `--error-rate-pre-umi`, `--error-rate-post-umi`, `--min-input-base-quality`):
/// each base's error is its base quality combined with the post-UMI (sequencing/late PCR) error;
/// the likelihood of each candidate allele is the product over reads of (1 − e) for agreeing and
/// e/4 for disagreeing reads; the consensus is the most likely allele and its error 1 − its
/// posterior, combined with the pre-UMI error (an early PCR error is copied into every read).
/// Duplex: the two strands' single-strand consensuses agreeing multiply their errors (qualities
/// add); disagreeing, the better one is kept with the difference of their qualities.
package struct ConsensusModel: Sendable, Equatable {
    /// Alleles a molecule can show at a position: A, C, G, T (0–3) or a deletion.
    package static let deletion: UInt8 = 5
    package var preUMIError: Double
    package var postUMIError: Double
    /// Reads' bases below this quality are not used.
    package var minInputQuality: UInt8
    /// Error assumed for a read's deletion (no base quality applies).
    package var deletionError: Double

    /// A consensus base less certain than this is masked (not counted), as fgbio's FilterConsensusReads
    /// masks consensus bases below `--min-base-quality`: an ambiguous molecule (its strands disagreeing,
    /// its family split) would otherwise raise the mean error of every molecule carrying the same allele.
    package var maxConsensusError: Double

    package init(preUMIError: Double, postUMIError: Double, minInputQuality: UInt8, deletionError: Double, maxConsensusError: Double = 1) {
        self.maxConsensusError = maxConsensusError
        self.preUMIError = preUMIError
        self.postUMIError = postUMIError
        self.minInputQuality = minInputQuality
        self.deletionError = deletionError
    }

    /// One read's observation: a slot (0–3 base, 4 N, 5 deletion) and its base quality.
    package struct Observation: Sendable, Equatable {
        package var slot: UInt8
        package var quality: UInt8
        package init(slot: UInt8, quality: UInt8) {
            self.slot = slot
            self.quality = quality
        }
    }

    /// A consensus allele and its error probability.
    package struct Call: Sendable, Equatable {
        package var slot: UInt8
        package var error: Double
    }

    /// P(error in either of two independent steps), an error of the first not undone by the second
    /// (fgbio's `probabilityOfErrorTwoTrials`).
    static func twoTrials(_ a: Double, _ b: Double) -> Double { a + b - 4.0 / 3.0 * a * b }

    /// The single-strand consensus of `obs`; nil when no observation is usable.
    package func singleStrand(_ obs: [Observation]) -> Call? {
        var logL = [Double](repeating: 0, count: 6)
        var used = 0
        for o in obs where o.slot != 4 && o.slot <= 5 {
            let e: Double
            if o.slot == Self.deletion {
                e = Self.twoTrials(deletionError, postUMIError)
            } else {
                guard o.quality >= minInputQuality else { continue }
                e = Self.twoTrials(pow(10, -Double(min(o.quality, 93)) / 10), postUMIError)
            }
            used += 1
            let agree = log(1 - e), disagree = log(e / 4)
            for s in [0, 1, 2, 3, 5] { logL[s] += Int(o.slot) == s ? agree : disagree }
        }
        guard used > 0 else { return nil }
        let candidates = [0, 1, 2, 3, 5]
        let best = candidates.max { logL[$0] < logL[$1] || (logL[$0] == logL[$1] && $0 > $1) } ?? 0
        let total = candidates.reduce(0.0) { $0 + exp(logL[$1] - logL[best]) }
        let error = max(0, 1 - 1 / total)
        return Call(slot: UInt8(best), error: Self.twoTrials(error, preUMIError))
    }

    /// The molecule's consensus from its top- and bottom-strand reads.
    package func molecule(top: [Observation], bottom: [Observation]) -> Call? {
        guard let call = unmasked(top: top, bottom: bottom), call.error <= maxConsensusError else { return nil }
        return call
    }

    private func unmasked(top: [Observation], bottom: [Observation]) -> Call? {
        switch (singleStrand(top), singleStrand(bottom)) {
        case (nil, nil): return nil
        case (let a?, nil): return a
        case (nil, let b?): return b
        case (let a?, let b?):
            if a.slot == b.slot { return Call(slot: a.slot, error: max(a.error * b.error, 1e-12)) }
            // Disagreeing strands: Q = |Qa − Qb| for the better one, i.e. error = e_best / e_worse.
            let (best, worse) = a.error <= b.error ? (a, b) : (b, a)
            return Call(slot: best.slot, error: min(0.75, best.error / max(worse.error, 1e-12)))
        }
    }
}
