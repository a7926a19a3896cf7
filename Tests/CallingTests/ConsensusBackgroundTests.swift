@testable import Calling
import G2TCore
import HTS
import Testing
import TestSupport

/// `ConsensusBackground.estimate` sums in flat tables with the reference read per target (branch umi6);
/// the version before, kept here verbatim, is the reference it must equal on the committed samples.
@Suite struct ConsensusBackgroundTests {
    static func estimateBefore(_ targets: [TargetCounts], reference: ReferenceSource, parameters p: CallingParameters.UMIConsensus) -> SubstitutionErrors {
        var errors: [Substitution: Int] = [:]
        var totals: [UInt8: Int] = [:]
        // Keyed by chromosome and position (the version before keyed by position alone: a target on another
        // chromosome at the same coordinates was left out; `otherChromosomeAtSameCoordinates`).
        var seen = Set<String>()
        for tc in targets {
            let chrom = tc.target.interval.chrom
            for pos0 in tc.counts.region.start..<tc.counts.region.end where seen.insert("\(chrom):\(pos0)").inserted {
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

    /// Molecule counts of the committed cfDNA samples (and raw read counts of two tissue samples, deeper
    /// and with real variants) give the same background as before, with the floor and the VAF cap in play.
    @Test(arguments: ["cfdna/cfdna-t790m", "cfdna/cfdna-simplex", "cfdna/cfdna-phase", "cfdna/cfdna-negative",
                      "egfr-ex19del-t790m", "egfr-wildtype"])
    func sameBackgroundAsBefore(sample: String) throws {
        let raw = try CallingSetup.counted(sample, threads: 1)
        var counts = raw.counts
        if sample.hasPrefix("cfdna/") {
            counts = try CallingSetup.moleculeCounts(raw)
        }
        #expect(counts.contains { tc in (tc.counts.region.start..<tc.counts.region.end).contains { tc.counts.depth(at: $0) > 0 } })
        for p in [CallingParameters().umi, { var q = CallingParameters().umi; q.minBackgroundError = 0; q.backgroundMaxVAF = 0.001; return q }()] {
            let new = ConsensusBackground.estimate(counts, reference: raw.panel.reference, parameters: p)
            let old = Self.estimateBefore(counts, reference: raw.panel.reference, parameters: p)
            #expect(new == old, "\(sample)")
            // Targets seen again, in another order, and overlapping in part (a target's counts cut to
            // its second half, then whole): each position counted once, for the first target holding it.
            let halves = counts.map { tc -> TargetCounts in
                let r = tc.counts.region
                let half = GenomicRegion(contig: r.contig, start: r.start + r.length / 2, end: r.end)
                return TargetCounts(target: tc.target, counts: tc.counts.slice(half, reads: tc.counts.reads))
            }
            for list in [counts + counts.prefix(3), counts.reversed(), halves + counts] {
                #expect(ConsensusBackground.estimate(list, reference: raw.panel.reference, parameters: p)
                        == Self.estimateBefore(list, reference: raw.panel.reference, parameters: p), "\(sample)")
            }
        }
    }

    /// The panel's reference with one more chromosome, `copy`, holding `of`'s bases at the same coordinates.
    struct Copied: ReferenceSource {
        let inner: ReferenceSource
        let copy: String
        let of: String
        func base(chrom: String, pos: Int) -> UInt8? { inner.base(chrom: chrom == copy ? of : chrom, pos: pos) }
    }

    /// Targets on two chromosomes at the same coordinates are both counted: the copies of the first targets
    /// (on a made-up chromosome with the same bases) add their molecules, so the rates move, and equal the
    /// reference's. Fails against the coordinate-only skip (the copies were dropped and the rates stayed).
    @Test func otherChromosomeAtSameCoordinates() throws {
        let raw = try CallingSetup.counted("cfdna/cfdna-t790m", threads: 1)
        let counts = try CallingSetup.moleculeCounts(raw)
        let chrom = try #require(counts.first?.target.interval.chrom)
        let reference = Copied(inner: raw.panel.reference, copy: "chrCopy", of: chrom)
        // The half of the targets with molecules on the first target's chromosome, copied: a share of the
        // sample's molecules counted twice, which changes the per-substitution ratios.
        let covered = counts.filter { tc in
            tc.target.interval.chrom == chrom && (tc.counts.region.start..<tc.counts.region.end).contains { tc.counts.depth(at: $0) > 0 }
        }
        try #require(covered.count >= 2)
        let copies = covered.prefix(covered.count / 2).map { tc -> TargetCounts in
            var t = tc.target
            t.interval.chrom = "chrCopy"
            return TargetCounts(target: t, counts: tc.counts)
        }
        let p = { var q = CallingParameters().umi; q.minBackgroundError = 0; return q }()
        let alone = ConsensusBackground.estimate(counts, reference: reference, parameters: p)
        let withCopies = ConsensusBackground.estimate(counts + copies, reference: reference, parameters: p)
        #expect(withCopies == Self.estimateBefore(counts + copies, reference: reference, parameters: p))
        #expect(withCopies != alone)
    }
}
