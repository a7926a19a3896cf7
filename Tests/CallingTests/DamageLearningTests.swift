@testable import Calling
import G2TCore
import HTS
import Testing
import TestSupport

/// `DamageModel.learn` (sums by class in arrays, contexts by code, each target's reference read once)
/// against the per-base dictionary version it replaced (`referenceLearn`, kept here as it was): the
/// same model on committed samples, clean and damaged.
@Suite struct DamageLearningTests {
    static let samples = ["demo-nsclc", "ffpe/ffpe-deam", "ffpe/ffpe-oxo", "egfr-l858r-mnv", "trap-orientation"]

    @Test(arguments: samples) func learnsWhatThePerBaseVersionLearned(sample: String) throws {
        let c = try CallingSetup.counted(sample)
        let p = CallingParameters().damage
        let got = DamageModel.learn(c.counts, reference: c.panel.reference, parameters: p)
        let want = DamageModel.referenceLearn(c.counts, reference: c.panel.reference, parameters: p)
        Self.expectSame(got, want)
        #expect(!got.counts.isEmpty && !got.contextCounts.isEmpty && !got.candidates.isEmpty, "the sample must exercise the model")
    }

    /// Overlapping targets (a position counts once, from the first target holding it): the sample's
    /// targets followed by copies of three of them whole and parts of two, against the per-base version
    /// (a set of positions per chromosome; `learn` keeps the regions read instead).
    @Test func overlappingTargetsCountAPositionOnce() throws {
        let c = try CallingSetup.counted("ffpe/ffpe-deam")
        let p = CallingParameters().damage
        var targets = c.counts + c.counts.prefix(3)
        for tc in c.counts.suffix(2) {
            var part = tc
            let r = tc.counts.region
            let mid = r.start + (r.end - r.start) / 2
            part.counts = tc.counts.slice(GenomicRegion(contig: r.contig, start: mid - 5, end: min(r.end, mid + 40)), reads: 0)
            targets.insert(part, at: 1)
            targets.append(part)
        }
        Self.expectSame(DamageModel.learn(targets, reference: c.panel.reference, parameters: p),
                        DamageModel.referenceLearn(targets, reference: c.panel.reference, parameters: p))
    }

    /// A reference that is not the bundled panel (a user's FASTA goes through `PanelReference` too, but
    /// the protocol admits others): the per-position path, with unknown bases and an IUPAC code.
    @Test func anyReferenceSourceGivesTheSameModel() throws {
        let c = try CallingSetup.counted("ffpe/ffpe-deam")
        let p = CallingParameters().damage
        let patchy = Patchy(inner: c.panel.reference)
        Self.expectSame(DamageModel.learn(c.counts, reference: patchy, parameters: p),
                        DamageModel.referenceLearn(c.counts, reference: patchy, parameters: p))
    }

    /// The window equals `base` position by position over every target of both builds, with margins.
    @Test func referenceWindowIsBaseByBase() throws {
        for build in [GenomeBuild.grch38, .grch37] {
            let panel = try PanelLoader.bundled(build: build)
            for t in panel.targets {
                let from = t.interval.start - 3, through = t.interval.end + 3
                let window = DamageModel.referenceWindow(panel.reference, chrom: t.interval.chrom, from: from, through: through)
                #expect(window == (from...through).map { panel.reference.base(chrom: t.interval.chrom, pos: $0) }, "\(t.interval)")
            }
        }
    }

    static func expectSame(_ got: DamageModel, _ want: DamageModel) {
        #expect(got.counts == want.counts)
        #expect(got.contextCounts == want.contextCounts)
        #expect(got.refF1R2 == want.refF1R2 && got.refF2R1 == want.refF2R1)
        #expect(got.rateMoments == want.rateMoments)
        #expect(got.rates == want.rates)
        #expect(got.candidates.map(Self.key) == want.candidates.map(Self.key))
        #expect(got.rateConcentrations == want.rateConcentrations)
        #expect(got.concentrations == want.concentrations)
        #expect(got.priors.keys.sorted { $0.rawValue < $1.rawValue } == want.priors.keys.sorted { $0.rawValue < $1.rawValue })
    }

    static func key(_ c: DamageModel.Candidate) -> String { "\(c.cls) \(c.context ?? "-") \(c.depth) \(c.alt) \(c.lead)" }

    /// Every seventh position unknown, every eleventh an R (purine), else the panel's base.
    struct Patchy: ReferenceSource {
        var inner: PanelReference
        func base(chrom: String, pos: Int) -> UInt8? {
            if pos % 7 == 0 { return nil }
            if pos % 11 == 0 { return UInt8(ascii: "R") }
            return inner.base(chrom: chrom, pos: pos)
        }
    }
}

extension DamageModel {
    /// `learn` as it was before it summed by class in arrays (a dictionary look-up and a context string
    /// per base): the reference for `DamageLearningTests`.
    static func referenceLearn(_ targets: [TargetCounts], reference: ReferenceSource, parameters p: CallingParameters.DamageModelling) -> DamageModel {
        var counts: [SubstitutionClass: Counts] = [:]
        var contexts: [SubstitutionClass: [String: Counts]] = [:]
        var seen: [String: Set<Int>] = [:]
        var refF1R2 = 0, refF2R1 = 0
        var candidates: [Candidate] = []
        var moments: [SubstitutionClass: RateMoments] = [:]
        for tc in targets {
            let chrom = tc.target.interval.chrom
            for pos0 in tc.counts.region.start..<tc.counts.region.end {
                guard seen[chrom, default: []].insert(pos0).inserted, let refBase = reference.base(chrom: chrom, pos: pos0 + 1) else { continue }
                let depth = tc.counts.depth(at: pos0)
                guard depth > 0 else { continue }
                let flippedHere = refBase == UInt8(ascii: "G") || refBase == UInt8(ascii: "A")
                let ctx = context(chrom: chrom, pos: pos0 + 1, flipped: flippedHere, reference: reference)
                for base in [RegionCounts.Base.a, .c, .g, .t] where PanelCaller.letter(base) != refBase {
                    guard let (cls, flipped) = SubstitutionClass.of(ref: refBase, alt: PanelCaller.letter(base)) else { continue }
                    let alt = tc.counts.count(base, at: pos0)
                    let f1 = min(alt, tc.counts.f1r2(base, at: pos0))
                    if alt >= p.priorMinAltFragments {
                        candidates.append(Candidate(cls: cls, context: ctx, depth: depth, alt: alt, lead: flipped ? alt - f1 : f1))
                    }
                    guard Double(alt) <= p.maxLearningVAF * Double(depth) else { continue }
                    if alt <= 2 {
                        refF1R2 += f1
                        refF2R1 += alt - f1
                    }
                    let c = Counts(fragments: depth, altF1R2: flipped ? alt - f1 : f1, altF2R1: flipped ? f1 : alt - f1)
                    counts[cls, default: .init()].add(c)
                    moments[cls, default: .init()].add(depth: depth, alt: alt)
                    if let ctx {
                        contexts[cls, default: [:]][ctx, default: .init()].add(c)
                    }
                }
            }
        }
        var m = DamageModel(counts: counts, contextCounts: contexts, parameters: p)
        m.refF1R2 = refF1R2
        m.refF2R1 = refF2R1
        m.candidates = candidates
        m.rateMoments = moments
        if m.used {
            m.rateConcentrations = m.learnRateConcentrations()
            (m.priors, m.concentrations) = m.learnPriors()
        }
        return m
    }
}
