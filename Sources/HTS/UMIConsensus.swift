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
        let table = Table(self)
        var e = Evidence()
        for o in obs { table.add(slot: o.slot, quality: o.quality, to: &e) }
        return table.call(e)
    }

    /// The per-allele log-likelihoods of one strand of one molecule at one position, summed read by
    /// read as `singleStrand` does (so the molecule's reads need not be kept as a list).
    package struct Evidence: Sendable {
        /// Indexed by slot: A, C, G, T, (N: unused), deletion.
        var logL: (Double, Double, Double, Double, Double, Double) = (0, 0, 0, 0, 0, 0)
        var used = 0
        package init() {}
    }

    /// Each quality's log(1 − e) and log(e/4) computed once (the per-read `pow` and `log` dominated
    /// UMI mode's time at 20,000 reads per position); the same values `singleStrand` used to compute per read.
    package struct Table: Sendable {
        let model: ConsensusModel
        /// Index: Phred quality 0–93; 94 is a read's deletion.
        let agree: [Double]
        let disagree: [Double]
        /// Per Phred quality 0–255 the index into `agree`/`disagree` of a base of that quality, or −1 when
        /// it is below `minInputQuality` (not used); for `fold`.
        let index: [Int16]
        /// `index` by slot as well, for `fold` (`slotIndexTable`).
        let slotIndex: [Int16]
        /// `agree[i]` and `disagree[i]` side by side at 2i and 2i + 1, for `fold`: one 16-byte load a base,
        /// added to an agreeing column's two sums at once.
        let agreeDisagree: [Double]

        package init(_ model: ConsensusModel) {
            self.model = model
            let errors = (0...93).map { ConsensusModel.twoTrials(pow(10, -Double($0) / 10), model.postUMIError) }
                + [ConsensusModel.twoTrials(model.deletionError, model.postUMIError)]
            agree = errors.map { log(1 - $0) }
            disagree = errors.map { log($0 / 4) }
            index = (0...255).map { q in q >= Int(model.minInputQuality) ? Int16(min(q, 93)) : -1 }
            slotIndex = Self.slotIndexTable(index)
            agreeDisagree = zip(agree, disagree).flatMap { [$0, $1] }
        }

        /// Adds one read's observation (slot 0–3 base, 4 N, 5 deletion) to a strand's evidence.
        @inline(__always)
        package func add(slot: UInt8, quality: UInt8, to e: inout Evidence) {
            guard slot != 4 && slot <= 5 else { return }
            let i: Int
            if slot == ConsensusModel.deletion {
                i = 94
            } else {
                guard quality >= model.minInputQuality else { return }
                i = Int(min(quality, 93))
            }
            e.used += 1
            let a = agree[i], d = disagree[i]
            e.logL.0 += slot == 0 ? a : d
            e.logL.1 += slot == 1 ? a : d
            e.logL.2 += slot == 2 ? a : d
            e.logL.3 += slot == 3 ? a : d
            e.logL.5 += slot == 5 ? a : d
        }

        /// How far (natural log) below the best every other allele's likelihood must lie for `call` to skip the
        /// exps: exp(−40) ≈ 4.2e-18 < 2^-56, so four such terms sum to under 2^-53 and 1 plus them is 1.
        static let certainGap = 40.0

        /// The single-strand consensus of the evidence; nil when no observation was usable.
        package func call(_ e: Evidence) -> Call? {
            guard e.used > 0 else { return nil }
            let l = e.logL
            // Candidates A, C, G, T, deletion (N is not one); the first of equal likelihoods wins. Unrolled
            // (no arrays: this runs per position and strand of every molecule), in the same order of
            // comparison and summation as the list version, so the same doubles come out.
            var best: UInt8 = 0, top = l.0
            if top < l.1 { best = 1; top = l.1 }
            if top < l.2 { best = 2; top = l.2 }
            if top < l.3 { best = 3; top = l.3 }
            if top < l.5 { best = 5; top = l.5 }
            // Every other allele more than `certainGap` below the best: each exp term below is under 2^-56, so
            // their sum with the best's 1 is 1 exactly in any order (partial sums under 2^-53, half an ulp of 1),
            // the error 0: the exps need not be taken (most columns of a family of a few reads or more; ~5% of a
            // UMI run's instructions at ~20,000x). `UMIConsensusCertainTests` compares it with the exps taken.
            var second = -Double.infinity
            if best != 0 { second = l.0 }
            if best != 1 && second < l.1 { second = l.1 }
            if best != 2 && second < l.2 { second = l.2 }
            if best != 3 && second < l.3 { second = l.3 }
            if best != 5 && second < l.5 { second = l.5 }
            if second - top < -Self.certainGap { return Call(slot: best, error: ConsensusModel.twoTrials(0, model.preUMIError)) }
            // Each distinct likelihood's exp once: where a strand's reads agree, the four other alleles
            // summed the same values in the same order and are equal doubles, and the best gives exp(0) = 1
            // exactly; `exp` is a function of its argument, so the same terms are added in the same order.
            var lastX = top, lastE = 1.0
            @inline(__always) func term(_ x: Double) -> Double {
                if x == lastX { return lastE }
                lastX = x
                lastE = exp(x - top)
                return lastE
            }
            var total = 0.0
            total += term(l.0)
            total += term(l.1)
            total += term(l.2)
            total += term(l.3)
            total += term(l.5)
            let error = max(0, 1 - 1 / total)
            return Call(slot: best, error: ConsensusModel.twoTrials(error, model.preUMIError))
        }

        /// The molecule's consensus from its strands' evidence, masked above `maxConsensusError`.
        package func molecule(top: Evidence, bottom: Evidence) -> Call? {
            strands(top: top, bottom: bottom).molecule
        }

        /// `molecule` with each strand's own consensus beside it (nil: the strand has no usable read
        /// there): the duplex evidence (`RegionCounts.duplex`) is the two strands agreeing.
        package func strands(top: Evidence, bottom: Evidence) -> (molecule: Call?, top: Call?, bottom: Call?) {
            let t = call(top), b = call(bottom)
            guard let c = model.combine(t, b), c.error <= model.maxConsensusError else { return (nil, t, b) }
            return (c, t, b)
        }
    }

    /// The molecule's consensus from its top- and bottom-strand reads.
    package func molecule(top: [Observation], bottom: [Observation]) -> Call? {
        guard let call = combine(singleStrand(top), singleStrand(bottom)), call.error <= maxConsensusError else { return nil }
        return call
    }

    /// The duplex consensus of two single-strand consensuses.
    func combine(_ top: Call?, _ bottom: Call?) -> Call? {
        switch (top, bottom) {
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
