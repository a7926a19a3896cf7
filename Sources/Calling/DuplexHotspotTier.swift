import G2TCore
import HTS

/// The duplex hotspot tier of UMI mode (issue 16, branch hot1). A panel hotspot SNV is also called when
/// enough of its alternate molecules are duplex — both strands' own consensus show the allele — against
/// the sample's own duplex background. A real variant sits on both strands of the original molecule;
/// an early-PCR error or damage on one strand only (Schmitt et al. 2012, Duplex Sequencing; fgbio
/// CallDuplexConsensusReads), so one-strand alt molecules, however many, never reach this tier.
package enum DuplexHotspotTier {
    /// At least two duplex molecules: one duplex molecule can be a UMI collision or a mapping artefact
    /// shared by both strands, and duplex callers ask for two independent molecules (Newman et al. 2016,
    /// iDES/CAPP-Seq; Abbosh et al. 2017 call at ≥ 2 supporting molecules).
    package static let minDuplexMolecules = 2
    /// Family-wise error over the hotspots the tier tests (Bonferroni): 5% per sample, as SAGE's and
    /// most hotspot callers' one-sided tests.
    package static let alpha = 0.05
    /// With fewer errors than this observed, the rate is taken as `ruleOfThree` / molecules: the 95%
    /// upper bound of a rate with no event in n trials is ~3/n (Hanley & Lippman-Hand 1983, "rule of three").
    package static let ruleOfThree = 3

    /// What the tier saw at one hotspot allele.
    package struct Evidence: Sendable, Equatable {
        /// Molecules whose two strands both show the alternate allele.
        package var alt: Int
        /// Molecules whose two strands both gave a consensus base at the site.
        package var depth: Int
        /// Background rate of the substitution in duplex molecules (nil: no duplex molecule at that reference base).
        package var rate: Double?
        /// Hotspot SNVs the tier tests in the sample (the Bonferroni factor).
        package var tests: Int

        /// Duplex alternate molecules the call needs at this depth and rate (nil: none can suffice).
        package var needed: Int? {
            rate.flatMap { DuplexHotspotTier.needed(depth: depth, rate: $0, tests: tests) }
        }

        /// Whether the tier calls the allele.
        package var detected: Bool {
            guard let n = needed else { return false }
            return alt >= n
        }
    }

    /// P(X ≥ k) for X ~ Binomial(depth, rate), times `tests`: the corrected p-value of k duplex molecules.
    package static func correctedP(alt k: Int, depth: Int, rate: Double, tests: Int) -> Double {
        guard k > 0 else { return Double(max(1, tests)) }
        return Double(max(1, tests)) * DetectionLimit.detectionProbability(depth: depth, fraction: rate, minAlt: k)
    }

    /// The smallest k ≥ `minDuplexMolecules` whose corrected p-value is at most `alpha` (nil when none
    /// up to the depth is, e.g. no duplex molecule).
    package static func needed(depth: Int, rate: Double, tests: Int) -> Int? {
        guard depth >= minDuplexMolecules else { return nil }
        var k = minDuplexMolecules
        // The tail falls with k; the expected count plus a margin bounds the search.
        let bound = min(depth, minDuplexMolecules + Int((Double(depth) * rate * 10).rounded(.up)) + 50)
        while k <= bound {
            if correctedP(alt: k, depth: depth, rate: rate, tests: tests) <= alpha { return k }
            k += 1
        }
        return nil
    }
}

/// The background error of duplex molecules per substitution type, from the sample's own duplex
/// molecules over every target position. Strand-collapsed (C>T with G>A, and so on): a duplex
/// molecule is read on both strands, so a change and its complement are the same event. Positions
/// where the allele exceeds `maxVAF` of the duplex molecules (a real or germline variant) and the
/// panel hotspot positions themselves (a variant must not raise its own background) are left out.
package struct DuplexBackground: Sendable, Equatable {
    /// Duplex molecules showing each collapsed substitution (reference C or T), and duplex molecules per collapsed reference base.
    package var errors: [Substitution: Int]
    package var totals: [UInt8: Int]

    package init(errors: [Substitution: Int], totals: [UInt8: Int]) {
        self.errors = errors
        self.totals = totals
    }

    /// The substitution as counted: reference C or T (the pyrimidine), its complement otherwise.
    package static func collapsed(ref: UInt8, alt: UInt8) -> Substitution? {
        let purine = ref == UInt8(ascii: "A") || ref == UInt8(ascii: "G")
        return purine ? Substitution(ref: complement(ref), alt: complement(alt)) : Substitution(ref: ref, alt: alt)
    }

    static func complement(_ b: UInt8) -> UInt8 { Nucleotide.complement(b) }

    /// The rate of ref > alt among duplex molecules: observed errors over duplex molecules, with
    /// fewer than `ruleOfThree` errors counted as `ruleOfThree` (never zero); nil without duplex molecules.
    package func rate(ref: UInt8, alt: UInt8) -> Double? {
        guard let s = Self.collapsed(ref: ref, alt: alt), let n = totals[s.ref], n > 0 else { return nil }
        return Double(max(errors[s] ?? 0, DuplexHotspotTier.ruleOfThree)) / Double(n)
    }

    /// The background of `targets`' duplex evidence; `exclude`: 1-based positions per chromosome (panel naming) left out;
    /// `flanks`: the tally of the bases around the targets (`BackgroundTally`), added to the targets'.
    package static func estimate(_ targets: [TargetCounts], reference: ReferenceSource, maxVAF: Double,
                                 exclude: Set<ExcludedPosition>, flanks: Tally? = nil) -> DuplexBackground {
        var tally = flanks ?? Tally()
        var seen = Set<ExcludedPosition>()  // overlapping targets count a position once
        for tc in targets {
            tally.add(tc.counts, chrom: tc.target.interval.chrom, range: tc.counts.region.start..<tc.counts.region.end,
                      reference: reference, maxVAF: maxVAF, exclude: exclude, seen: &seen)
        }
        return DuplexBackground(errors: tally.errors, totals: tally.totals)
    }

    /// Duplex errors and molecules summed over positions (integer sums: the order positions are added in
    /// does not change the background).
    package struct Tally: Sendable, Equatable {
        var errors: [Substitution: Int] = [:]
        var totals: [UInt8: Int] = [:]

        package init() {}

        /// Adds `counts`' duplex evidence at the 0-based positions `range` of `chrom` (panel naming), but
        /// those in `exclude` or already in `seen` (which gets them).
        package mutating func add(_ counts: RegionCounts, chrom: String, range: Range<Int>, reference: ReferenceSource, maxVAF: Double,
                                  exclude: Set<ExcludedPosition>, seen: inout Set<ExcludedPosition>) {
            guard counts.hasDuplex, !range.isEmpty else { return }
            let slots: [RegionCounts.Base] = [.a, .c, .g, .t]
            let acgt = Array("ACGT".utf8)
            let refs = reference.bases(chrom: chrom, (range.lowerBound + 1)...range.upperBound)
            for pos0 in range {
                // Without duplex molecules nothing to add: skipped before the hashed look-ups (as the class tally).
                let depth = counts.duplexDepth(at: pos0)
                guard depth > 0 else { continue }
                let key = ExcludedPosition(chrom: chrom, pos: pos0 + 1)
                guard !exclude.contains(key), seen.insert(key).inserted else { continue }
                guard let ref = refs[pos0 - range.lowerBound], let r = acgt.firstIndex(of: ref),
                      let refKey = collapsed(ref: ref, alt: acgt[(r + 1) % 4])?.ref else { continue }
                totals[refKey, default: 0] += depth
                for (a, base) in slots.enumerated() where a != r {
                    let n = counts.duplexCount(base, at: pos0)
                    guard n > 0, Double(n) <= maxVAF * Double(depth), let s = collapsed(ref: ref, alt: acgt[a]) else { continue }
                    errors[s, default: 0] += n
                }
            }
        }

        /// Both tallies' sums.
        package static func + (a: Tally, b: Tally) -> Tally {
            Tally(errors: a.errors.merging(b.errors, uniquingKeysWith: +), totals: a.totals.merging(b.totals, uniquingKeysWith: +))
        }

        /// Duplex molecules summed over the reference bases.
        package var molecules: Int { totals.values.reduce(0, +) }

        init(errors: [Substitution: Int], totals: [UInt8: Int]) {
            self.errors = errors
            self.totals = totals
        }
    }

    /// A 1-based position on a chromosome (panel naming).
    package struct ExcludedPosition: Sendable, Hashable {
        package var chrom: String
        package var pos: Int
        package init(chrom: String, pos: Int) {
            self.chrom = chrom
            self.pos = pos
        }
    }
}
