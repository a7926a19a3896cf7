import G2TCore
import HTS

/// The family-class tier's background (`FamilyClassTier`): per molecule class × strand-collapsed
/// substitution × context, alternate molecules over molecules of that class at every target position
/// but the panel's SNV hotspots, from the sample's own molecules.
///
/// Strata: the class, because each class errs by its own cause (a singleton by sequencing error, a
/// one-strand family by early-PCR error or damage on that strand, a duplex molecule only by both);
/// the substitution strand-collapsed (C>T with G>A), as the duplex tier; and, for a C:G reference base,
/// whether it lies in a CpG. Methylated CpG cytosines deaminate to thymine ~10-50× faster than other
/// cytosines (Alexandrov et al. 2013, signature 1; Lindahl 1993), and cfDNA one-strand C>T at CpG runs
/// ~10× the average C>T (issue 16, branch cfpeer2): T790M (c.2369C>T) is such a CpG C>T, and an average
/// over all contexts would understate its background.
/// An allele above `maxVAF` of the site's molecules (a real or germline variant) adds no error; it
/// still counts in the molecules, as the duplex tier does.
package struct FamilyClassBackground: Sendable, Equatable {
    /// One stratum: the class, the collapsed substitution (reference C or T) and whether the C:G base lies in a CpG.
    package struct Stratum: Sendable, Hashable {
        package var cls: MoleculeClass
        package var substitution: Substitution
        package var cpg: Bool
        package init(cls: MoleculeClass, substitution: Substitution, cpg: Bool) {
            self.cls = cls
            self.substitution = substitution
            self.cpg = cpg
        }
    }

    /// The molecules a stratum's rate is taken over: class, collapsed reference base (C or T), CpG.
    package struct Depth: Sendable, Hashable {
        package var cls: MoleculeClass
        package var ref: UInt8
        package var cpg: Bool
        package init(cls: MoleculeClass, ref: UInt8, cpg: Bool) {
            self.cls = cls
            self.ref = ref
            self.cpg = cpg
        }
    }

    package var errors: [Stratum: Int]
    package var totals: [Depth: Int]

    package init(errors: [Stratum: Int], totals: [Depth: Int]) {
        self.errors = errors
        self.totals = totals
    }

    /// Whether the reference base at a position lies in a CpG: a C followed by G, or a G preceded by C
    /// (the same CpG read on the other strand). A or T bases never do.
    package static func isCpG(ref: UInt8, previous: UInt8?, next: UInt8?) -> Bool {
        switch ref {
        case UInt8(ascii: "C"): next == UInt8(ascii: "G")
        case UInt8(ascii: "G"): previous == UInt8(ascii: "C")
        default: false
        }
    }

    /// The rate of ref > alt in class `cls` and the given context: errors over molecules, fewer than
    /// `DuplexHotspotTier.ruleOfThree` errors counted as that many; nil when the stratum has fewer than
    /// `FamilyClassTier.minStratumMolecules` molecules (the class is then left out of the test).
    package func rate(_ cls: MoleculeClass, ref: UInt8, alt: UInt8, cpg: Bool) -> Double? {
        guard let s = DuplexBackground.collapsed(ref: ref, alt: alt),
              let n = totals[Depth(cls: cls, ref: s.ref, cpg: cpg)], n >= FamilyClassTier.minStratumMolecules else { return nil }
        return Double(max(errors[Stratum(cls: cls, substitution: s, cpg: cpg)] ?? 0, DuplexHotspotTier.ruleOfThree)) / Double(n)
    }

    /// The background of `targets`' class evidence; `exclude`: 1-based positions per chromosome (panel naming) left out;
    /// `flanks`: the tally of the bases around the targets (`BackgroundTally`), added to the targets'.
    package static func estimate(_ targets: [TargetCounts], reference: ReferenceSource, maxVAF: Double,
                                 exclude: Set<DuplexBackground.ExcludedPosition>, flanks: Tally? = nil) -> FamilyClassBackground {
        var tally = flanks ?? Tally()
        var seen = Set<DuplexBackground.ExcludedPosition>()  // overlapping targets count a position once
        for tc in targets {
            tally.add(tc.counts, chrom: tc.target.interval.chrom, range: tc.counts.region.start..<tc.counts.region.end,
                      reference: reference, maxVAF: maxVAF, exclude: exclude, seen: &seen)
        }
        return tally.background
    }

    /// Class errors and molecules summed over positions, as flat integer tables (index: class × 2 × 16 +
    /// cpg × 16 + ref × 4 + alt; depths without the alt): dictionaries per position were a measurable share
    /// of a small UMI run (as in `ConsensusBackground`). Integer sums, so the order positions are added in
    /// (targets, then flanks tallied apart by the counter's workers) does not change the background.
    package struct Tally: Sendable, Equatable {
        var errorTable = [Int](repeating: 0, count: 4 * 2 * 16)
        var depthTable = [Int](repeating: 0, count: 4 * 2 * 4)

        package init() {}

        /// Adds `counts`' class evidence at the 0-based positions `range` of `chrom` (panel naming), but
        /// those in `exclude` or already in `seen` (which gets them).
        package mutating func add(_ counts: RegionCounts, chrom: String, range: Range<Int>, reference: ReferenceSource, maxVAF: Double,
                                  exclude: Set<DuplexBackground.ExcludedPosition>, seen: inout Set<DuplexBackground.ExcludedPosition>) {
            guard counts.hasDuplex, !range.isEmpty else { return }
            let slots: [RegionCounts.Base] = [.a, .c, .g, .t]
            let acgt = Array("ACGT".utf8)
            // One base either side for the CpG context.
            let refs = reference.bases(chrom: chrom, max(1, range.lowerBound)...(range.upperBound + 1))
            let shift = range.lowerBound + 1 - max(1, range.lowerBound)  // index in `refs` of the range's first base
            func refAt(_ i: Int) -> UInt8? { i >= 0 && i < refs.count ? refs[i] : nil }
            for pos0 in range {
                // A position without molecules adds nothing: skipped before the hashed look-ups, most of the
                // flanks' cost (most flank positions of a panel have no read). Overlapping targets are views
                // of one cluster's counts, so skipping it first leaves `seen` deciding as before.
                guard MoleculeClass.allCases.contains(where: { counts.classDepth($0, at: pos0) > 0 }) else { continue }
                let key = DuplexBackground.ExcludedPosition(chrom: chrom, pos: pos0 + 1)
                guard !exclude.contains(key), seen.insert(key).inserted else { continue }
                let i = pos0 - range.lowerBound + shift
                guard let ref = refAt(i), let r = acgt.firstIndex(of: ref) else { continue }
                let cpg = isCpG(ref: ref, previous: refAt(i - 1), next: refAt(i + 1)) ? 1 : 0
                let depth = counts.depth(at: pos0)
                // Collapsed reference index: the pyrimidine's (C or T) slot.
                let collapsedRef = (r == 0 || r == 2) ? 3 - r : r
                for cls in MoleculeClass.allCases {
                    let n = counts.classDepth(cls, at: pos0)
                    guard n > 0 else { continue }
                    depthTable[cls.rawValue * 8 + cpg * 4 + collapsedRef] += n
                    for (a, base) in slots.enumerated() where a != r {
                        let k = counts.classCount(cls, base, at: pos0)
                        guard k > 0, Double(counts.count(base, at: pos0)) <= maxVAF * Double(depth) else { continue }
                        let collapsedAlt = (r == 0 || r == 2) ? 3 - a : a
                        errorTable[cls.rawValue * 32 + cpg * 16 + collapsedRef * 4 + collapsedAlt] += k
                    }
                }
            }
        }

        /// Both tallies' sums.
        package static func + (a: Tally, b: Tally) -> Tally {
            var t = a
            for i in t.errorTable.indices { t.errorTable[i] += b.errorTable[i] }
            for i in t.depthTable.indices { t.depthTable[i] += b.depthTable[i] }
            return t
        }

        /// Molecules summed over every class and stratum (the flank's share of the background, for tests and docs).
        package var molecules: Int { depthTable.reduce(0, +) }

        /// The background these sums give.
        package var background: FamilyClassBackground {
            let acgt = Array("ACGT".utf8)
            var errors: [Stratum: Int] = [:]
            var totals: [Depth: Int] = [:]
            for cls in MoleculeClass.allCases {
                for cpg in 0..<2 {
                    for r in 0..<4 {
                        let n = depthTable[cls.rawValue * 8 + cpg * 4 + r]
                        if n > 0 { totals[Depth(cls: cls, ref: acgt[r], cpg: cpg == 1)] = n }
                        for a in 0..<4 where a != r {
                            let k = errorTable[cls.rawValue * 32 + cpg * 16 + r * 4 + a]
                            if k > 0, let s = Substitution(ref: acgt[r], alt: acgt[a]) { errors[Stratum(cls: cls, substitution: s, cpg: cpg == 1)] = k }
                        }
                    }
                }
            }
            return FamilyClassBackground(errors: errors, totals: totals)
        }
    }
}
