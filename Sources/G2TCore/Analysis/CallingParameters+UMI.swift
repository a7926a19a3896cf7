/// UMI consensus calling (issue 16): used when the reads carry UMIs (`--umi-tag`, default RX).
extension CallingParameters {
    package struct UMIConsensus: Codable, Sendable, Equatable {
        /// Families with fewer read pairs are not counted; 1 keeps singletons (their consensus error
        /// is their reads' own, so the likelihood weighs them as raw reads). fgbio's `--min-reads` has no default.
        package var minFamilySize: Int = 1
        /// Count only molecules read on both strands (duplex UMIs): off, since most cfDNA libraries
        /// are single-strand UMI and duplex recovery is often below 30%.
        package var requireDuplex: Bool = false
        /// Phred error of a change before the UMI was attached (copied into every read of the family): fgbio's default 45.
        package var errorRatePreUMI: Int = 45
        /// Phred error of a change after the UMI (late PCR, sequencing), added to each base quality: fgbio's default 40.
        package var errorRatePostUMI: Int = 40
        /// N bases a UMI may hold: one is a single miscalled base (the one-mismatch clustering absorbs it); more and the read is left out.
        package var maxUMINs: Int = 1
        /// UMI mode needs this share of the probed reads tagged; below it the reads are called raw and the report says why.
        package var minTaggedShare: Double = 0.9
        /// Allele-fraction floor of a novel allele in molecules: 0.2%, where validated cfDNA assays report off-hotspot variants.
        package var minVAF: Double = 0.002
        /// Allele-fraction floor of a hotspot allele in molecules: 0.1%, the lower end of T790M/C797S monitoring.
        package var hotspotMinVAF: Double = 0.001
        /// Indel error of a consensus molecule: slippage in late PCR cycles or sequencing is outvoted by the family,
        /// leaving roughly the early-PCR rate (one in 10,000 molecules).
        package var indelErrorRate: Double = 0.0001
        /// Positions where an allele exceeds this molecule fraction are left out of the background
        /// error estimate (a real or germline variant is not error).
        package var backgroundMaxVAF: Double = 0.02
        /// The lowest per-substitution background error assumed (1 in 100,000 molecules, the order of
        /// single-strand consensus error; duplex can be lower, but a sample's positions cannot prove it).
        package var minBackgroundError: Double = 0.00001
        /// Consensus bases with a higher error (below ~Q17) are masked, as fgbio's FilterConsensusReads
        /// `--min-base-quality` does: one molecule whose strands disagree (error up to 0.75) otherwise
        /// raised the mean error of a real T790M's 13 molecules to 6% and hid it (issue 16). 0.02 keeps
        /// a singleton read at the minimum base quality (Q20 → 0.0101 with the pre/post-UMI errors).
        /// Absent in analyses written before it existed: no masking, as they were called.
        package var maxConsensusError: Double? = 0.02

        package init() {}

        /// Out-of-range values, with their key paths under `umi.`.
        package var problems: [Problem] {
            var out: [Problem] = []
            func check(_ ok: Bool, _ key: String, _ rule: String) { if !ok { out.append(Problem(keyPath: "umi.\(key)", rule: rule)) } }
            check((1...1_000).contains(minFamilySize), "minFamilySize", "must be a whole number from 1 to 1000, not \(minFamilySize)")
            check((1...93).contains(errorRatePreUMI), "errorRatePreUMI", "must be a Phred value from 1 to 93, not \(errorRatePreUMI)")
            check((1...93).contains(errorRatePostUMI), "errorRatePostUMI", "must be a Phred value from 1 to 93, not \(errorRatePostUMI)")
            check((0...20).contains(maxUMINs), "maxUMINs", "must be a whole number from 0 to 20, not \(maxUMINs)")
            for (x, key) in [(minTaggedShare, "minTaggedShare"), (minVAF, "minVAF"), (hotspotMinVAF, "hotspotMinVAF"), (backgroundMaxVAF, "backgroundMaxVAF")] {
                check(x >= 0 && x <= 1, key, "must be a fraction from 0 to 1, not \(x)")
            }
            if let m = maxConsensusError { check(m > 0 && m <= 1, "maxConsensusError", "must be a probability above 0 and at most 1, not \(m)") }
            for (x, key) in [(indelErrorRate, "indelErrorRate"), (minBackgroundError, "minBackgroundError")] {
                check(x > 0 && x < 1, key, "must be a probability above 0 and below 1, not \(x)")
            }
            return out
        }
    }
}
