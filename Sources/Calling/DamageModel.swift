import Foundation
import G2TCore
import HTS

/// The sample's read-orientation damage model, learned over the whole target as Mutect2's
/// LearnReadOrientationModel does: alternate fragments are counted by pair orientation (F1R2 /
/// F2R1) per strand-collapsed substitution class and trinucleotide context. Damage on one strand
/// of the original molecule is seen in one pair orientation only (C>T in F1R2 pairs is the same
/// lesion as G>A in F2R1 pairs), a real allele in both. Costello et al. 2013, "Discovery and
/// characterization of artifactual mutations in deep coverage targeted capture sequencing data due
/// to oxidative DNA damage during sample preparation", NAR 41:e67 (doi:10.1093/nar/gks1443), found
/// the 8-oxoG C>A/G>T artefacts by this read-orientation signature; formalin deamination (C>T) behaves
/// alike. Mutect2's model (GATK pull request 4895, "New Orientation Bias Filter") has per 3-base
/// reference context the states F1R2/F2R1 artefact per alt base, hom-ref, het and hom-var, with priors
/// learned per sample and beta-binomial allele counts; ours is a smaller two-hypothesis version.
package struct DamageModel: Sendable {
    /// The six substitution classes with a C or T reference (the other strand's G or A is complemented).
    package enum SubstitutionClass: Int, CaseIterable, Sendable {
        case cA, cG, cT, tA, tC, tG

        var ref: UInt8 { rawValue < 3 ? UInt8(ascii: "C") : UInt8(ascii: "T") }
        var alt: UInt8 {
            switch self {
            case .cA, .tA: return UInt8(ascii: "A")
            case .cG, .tG: return UInt8(ascii: "G")
            case .cT: return UInt8(ascii: "T")
            case .tC: return UInt8(ascii: "C")
            }
        }
        var artefact: DamageArtefact? {
            switch self {
            case .cT: return .deamination
            case .cA: return .oxidation
            default: return nil
            }
        }
        /// "C>T/G>A": as read on the C/T strand, then on the other.
        var name: String {
            func s(_ b: UInt8) -> String { String(UnicodeScalar(b)) }
            return "\(s(ref))>\(s(alt))/\(s(DamageModel.complement(ref)))>\(s(DamageModel.complement(alt)))"
        }

        /// The class of ref>alt on the forward strand, and whether it is read on the other strand (G/A reference).
        static func of(ref: UInt8, alt: UInt8) -> (SubstitutionClass, flipped: Bool)? {
            let flipped = ref == UInt8(ascii: "G") || ref == UInt8(ascii: "A")
            let r = flipped ? complement(ref) : ref, a = flipped ? complement(alt) : alt
            guard let c = allCases.first(where: { $0.ref == r && $0.alt == a }) else { return nil }
            return (c, flipped)
        }
    }

    /// Counts of one class (or one class in one context), as the C/T-strand substitution.
    package struct Counts: Sendable, Equatable {
        var fragments = 0
        var altF1R2 = 0
        var altF2R1 = 0

        package init(fragments: Int = 0, altF1R2: Int = 0, altF2R1: Int = 0) {
            self.fragments = fragments
            self.altF1R2 = altF1R2
            self.altF2R1 = altF2R1
        }
        var alt: Int { altF1R2 + altF2R1 }
        mutating func add(_ o: Counts) {
            fragments += o.fragments; altF1R2 += o.altF1R2; altF2R1 += o.altF2R1
        }
    }

    /// A class's learned damage: rate per fragment above background, and the share of it in `f1r2Dominant`'s orientation.
    struct Rate: Sendable, Equatable {
        var rate: Double
        var orientationShare: Double
        var f1r2Dominant: Bool
    }

    var counts: [SubstitutionClass: Counts]
    /// By class and trinucleotide context (as read on the C/T strand, e.g. "ACG").
    var contextCounts: [SubstitutionClass: [String: Counts]]
    var background: Double
    /// Alternate fragments in F1R2 and in F2R1 pairs as read (not collapsed), over the learning sites
    /// with at most two (background errors; the counter keeps orientation for non-reference bases only).
    var refF1R2 = 0, refF2R1 = 0
    /// 2 × the smaller orientation share of those fragments: ~1 for pairs, 0 for single reads.
    var pairedBalance: Double {
        let t = refF1R2 + refF2R1
        return t > 0 ? 2 * Double(min(refF1R2, refF2R1)) / Double(t) : 0
    }
    /// Orientation means something only in a paired library.
    var used: Bool { pairedBalance >= parameters.minPairedBalance }
    var rates: [SubstitutionClass: Rate]
    var parameters: CallingParameters.DamageModelling
    /// The candidate sites (at least `priorMinAltFragments` alternate fragments, any fraction) the
    /// per-class priors are learned from.
    package var candidates: [Candidate] = []
    /// Per class: the share of its candidate sites that are damage in each orientation or real,
    /// learned by expectation-maximisation (DamageModel+Prior.swift).
    package var priors: [SubstitutionClass: Prior] = [:]
    /// Per class: the concentration κ of its damaged sites' orientation shares, learned with the priors
    /// (DamageModel+Dispersion.swift); a class without enough damage-like sites uses the configured one.
    package var concentrations: [SubstitutionClass: Double] = [:]
    /// Per class: moments of the learning sites' alternate fractions, and the concentration k of the
    /// site damage fraction's beta learned from them (DamageModel+RateSpread.swift).
    package var rateMoments: [SubstitutionClass: RateMoments] = [:]
    package var rateConcentrations: [SubstitutionClass: Double] = [:]

    /// One candidate site of a class, as read on the C/T strand (`lead`: alternate fragments in F1R2).
    package struct Candidate: Sendable {
        var cls: SubstitutionClass
        var context: String?
        var depth: Int
        var alt: Int
        var lead: Int

        package init(cls: SubstitutionClass, context: String?, depth: Int, alt: Int, lead: Int) {
            self.cls = cls
            self.context = context
            self.depth = depth
            self.alt = alt
            self.lead = lead
        }
    }

    static func complement(_ b: UInt8) -> UInt8 { Nucleotide.complement(b) }

    /// The trinucleotide around a 1-based position, as read on the C/T strand; nil where a base is unknown.
    static func context(chrom: String, pos: Int, flipped: Bool, reference: ReferenceSource) -> String? {
        guard let a = reference.base(chrom: chrom, pos: pos - 1), let b = reference.base(chrom: chrom, pos: pos),
              let c = reference.base(chrom: chrom, pos: pos + 1) else { return nil }
        let tri = flipped ? [complement(c), complement(b), complement(a)] : [a, b, c]
        return String(decoding: tri, as: UTF8.self)
    }

    /// Learns the model from every target position (each position once, though targets overlap).
    /// Per class the sums go into arrays by class (a dictionary look-up per base was most of this
    /// loop's cost), contexts by a packed code (a string per site was the rest), and each target's
    /// reference is read once; the dictionaries of the model hold the classes and contexts met, as
    /// when they were filled directly, and every sum is taken in the same order (`DamageLearningTests`).
    static func learn(_ targets: [TargetCounts], reference: ReferenceSource, parameters p: CallingParameters.DamageModelling) -> DamageModel {
        let classCount = SubstitutionClass.allCases.count
        // `met[k]`: class k was counted at least once (only such classes get an entry, as before).
        var met = [Bool](repeating: false, count: classCount)
        var counts = [Counts](repeating: .init(), count: classCount)
        var moments = [RateMoments](repeating: .init(), count: classCount)
        var contexts = [[UInt32: Counts]](repeating: [:], count: classCount)
        // The regions already read, per chromosome: a position of an earlier (overlapping) target counts
        // once. By range, not a set of every position (a hashed insert per position was ~10 M instructions).
        var seen: [String: [Range<Int>]] = [:]
        var refF1R2 = 0, refF2R1 = 0
        var candidates: [Candidate] = []
        for tc in targets {
            let chrom = tc.target.interval.chrom
            let region = tc.counts.region
            guard region.start < region.end else { continue }
            // 1-based positions region.start … region.end + 1: each site's base and its two neighbours.
            let ref = referenceWindow(reference, chrom: chrom, from: region.start, through: region.end + 1)
            let here = region.start..<region.end
            var counted = [Bool](repeating: false, count: here.count)
            for r in seen[chrom] ?? [] where r.overlaps(here) {
                for pos0 in max(r.lowerBound, here.lowerBound)..<min(r.upperBound, here.upperBound) { counted[pos0 - here.lowerBound] = true }
            }
            seen[chrom, default: []].append(here)
            for pos0 in region.start..<region.end {
                let i = pos0 + 1 - region.start  // index of 1-based position pos0 + 1
                guard !counted[pos0 - region.start], let refBase = ref[i] else { continue }
                let depth = tc.counts.depth(at: pos0)
                guard depth > 0 else { continue }
                // Only A, C, G and T references have classes (an IUPAC code has none).
                guard let refCode = Self.code(refBase) else { continue }
                // The strand a class is read on depends on the reference base only: one context per site.
                let flippedHere = refBase == UInt8(ascii: "G") || refBase == UInt8(ascii: "A")
                let ctx = Self.contextCode(ref[i - 1], refBase, ref[i + 1], flipped: flippedHere)
                for base in [RegionCounts.Base.a, .c, .g, .t] where base.rawValue != refCode {
                    guard let (cls, flipped) = Self.classes[refCode][base.rawValue] else { continue }
                    let alt = tc.counts.count(base, at: pos0)
                    let f1 = min(alt, tc.counts.f1r2(base, at: pos0))
                    // Real variants belong in the prior's mixture (they are what damage competes with).
                    if alt >= p.priorMinAltFragments {
                        candidates.append(Candidate(cls: cls, context: ctx.map(Self.contextName), depth: depth, alt: alt, lead: flipped ? alt - f1 : f1))
                    }
                    // A real (or germline) variant would be counted as background: leave its site out.
                    guard Double(alt) <= p.maxLearningVAF * Double(depth) else { continue }
                    // Sites with one or two alternate fragments are background errors, balanced in a
                    // paired library whatever damage or artefact the sample holds elsewhere.
                    if alt <= 2 {
                        refF1R2 += f1
                        refF2R1 += alt - f1
                    }
                    // G>A in F2R1 pairs is C>T in F1R2 pairs read on the other strand.
                    let c = Counts(fragments: depth, altF1R2: flipped ? alt - f1 : f1, altF2R1: flipped ? f1 : alt - f1)
                    let k = cls.rawValue
                    met[k] = true
                    counts[k].add(c)
                    moments[k].add(depth: depth, alt: alt)
                    if let ctx {
                        contexts[k][ctx, default: .init()].add(c)
                    }
                }
            }
        }
        var byClass: [SubstitutionClass: Counts] = [:], contextCounts: [SubstitutionClass: [String: Counts]] = [:]
        var momentsByClass: [SubstitutionClass: RateMoments] = [:]
        for cls in SubstitutionClass.allCases {
            let k = cls.rawValue
            guard met[k] else { continue }
            byClass[cls] = counts[k]
            momentsByClass[cls] = moments[k]
            // A class met only at sites without a context has none (as before: no empty entry). Codes
            // whose strings coincide (bytes that are not UTF-8) are summed, as they were under the string.
            guard !contexts[k].isEmpty else { continue }
            var named: [String: Counts] = [:]
            for (code, c) in contexts[k] { named[Self.contextName(code), default: .init()].add(c) }
            contextCounts[cls] = named
        }
        var m = DamageModel(counts: byClass, contextCounts: contextCounts, parameters: p)
        m.refF1R2 = refF1R2
        m.refF2R1 = refF2R1
        m.candidates = candidates
        m.rateMoments = momentsByClass
        if m.used {
            // The rate spread first: the priors' EM uses it.
            m.rateConcentrations = m.learnRateConcentrations()
            (m.priors, m.concentrations) = m.learnPriors()
        }
        return m
    }

    /// `reference.base` of 1-based positions `from` … `through` (at least one), in order; from the
    /// bundled panel's blocks in one pass per block, each position from the first block holding it as
    /// `base` takes it.
    static func referenceWindow(_ reference: ReferenceSource, chrom: String, from: Int, through: Int) -> [UInt8?] {
        guard let panel = reference as? PanelReference else { return (from...through).map { reference.base(chrom: chrom, pos: $0) } }
        var out = [UInt8?](repeating: nil, count: through - from + 1)
        var known = [Bool](repeating: false, count: out.count)
        for b in panel.blocks where b.chrom == chrom {
            let lo = max(from, b.start), hi = min(through, b.end)
            guard lo <= hi else { continue }
            for pos in lo...hi where !known[pos - from] {
                known[pos - from] = true
                let v = b.bases[pos - b.start]
                out[pos - from] = v == UInt8(ascii: "N") ? nil : v
            }
        }
        return out
    }

    /// A, C, G, T as 0–3 (`RegionCounts.Base`'s raw values); nil for any other letter.
    static func code(_ b: UInt8) -> Int? {
        switch b {
        case UInt8(ascii: "A"): return 0
        case UInt8(ascii: "C"): return 1
        case UInt8(ascii: "G"): return 2
        case UInt8(ascii: "T"): return 3
        default: return nil
        }
    }

    /// `SubstitutionClass.of(ref:alt:)` by the two bases' codes (`code`), built from it once.
    static let classes: [[(SubstitutionClass, flipped: Bool)?]] = {
        let letters: [UInt8] = Array("ACGT".utf8)
        return letters.map { r in letters.map { a in SubstitutionClass.of(ref: r, alt: a) } }
    }()

    /// `context`'s trinucleotide packed one byte a base (first base highest), nil where `context` gives nil.
    static func contextCode(_ before: UInt8?, _ here: UInt8, _ after: UInt8?, flipped: Bool) -> UInt32? {
        guard let a = before, let c = after else { return nil }
        let tri = flipped ? (complement(c), complement(here), complement(a)) : (a, here, c)
        return UInt32(tri.0) << 16 | UInt32(tri.1) << 8 | UInt32(tri.2)
    }

    /// The context string of a `contextCode`.
    static func contextName(_ code: UInt32) -> String {
        String(decoding: [UInt8(truncatingIfNeeded: code >> 16), UInt8(truncatingIfNeeded: code >> 8), UInt8(truncatingIfNeeded: code)], as: UTF8.self)
    }

    package init(counts: [SubstitutionClass: Counts], contextCounts: [SubstitutionClass: [String: Counts]], parameters p: CallingParameters.DamageModelling) {
        self.counts = counts
        self.contextCounts = contextCounts
        self.parameters = p
        // The cleanest class is taken as the background error, which real sequencing errors add to
        // every class in both orientations; damage is the excess above it.
        let observed = SubstitutionClass.allCases.compactMap { c -> Double? in
            guard let n = counts[c], n.fragments > 0 else { return nil }
            return Double(n.alt) / Double(n.fragments)
        }
        let bg = observed.min() ?? 0
        background = bg
        var rates: [SubstitutionClass: Rate] = [:]
        for c in SubstitutionClass.allCases {
            rates[c] = Self.rate(counts[c] ?? .init(), background: bg)
        }
        self.rates = rates
    }

    /// Rate above `background`, and the damage's orientation share: with background split evenly,
    /// F1R2 − F2R1 = (2·share − 1)·damage.
    static func rate(_ n: Counts, background: Double) -> Rate {
        guard n.fragments > 0 else { return Rate(rate: 0, orientationShare: 0.5, f1r2Dominant: true) }
        let total = Double(n.fragments)
        let damage = max(0, Double(n.alt) / total - background)
        let dominant = n.altF1R2 >= n.altF2R1
        let excess = Double(abs(n.altF1R2 - n.altF2R1)) / total
        let share = damage > 0 ? min(1, max(0.5, 0.5 + excess / (2 * damage))) : 0.5
        return Rate(rate: damage, orientationShare: share, f1r2Dominant: dominant)
    }

    /// The damage rate for one class in one context: the context's own, shrunk towards the class's
    /// by `contextPriorFragments` pseudo-fragments (few sites per context at panel size).
    func rate(_ c: SubstitutionClass, context: String?) -> Double {
        let classRate = rates[c]?.rate ?? 0
        guard let context, let n = contextCounts[c]?[context], n.fragments > 0 else { return classRate }
        let own = Self.rate(n, background: background).rate
        let k = Double(parameters.contextPriorFragments)
        return (own * Double(n.fragments) + classRate * k) / (Double(n.fragments) + k)
    }

    /// The QC summary: every class with its counts.
    var summary: DamageSummary {
        let classes = SubstitutionClass.allCases.map { c -> DamageRate in
            let n = counts[c] ?? .init()
            let r = rates[c] ?? Rate(rate: 0, orientationShare: 0.5, f1r2Dominant: true)
            return DamageRate(substitution: c.name, artefact: c.artefact, fragments: n.fragments, altF1R2: n.altF1R2,
                              altF2R1: n.altF2R1, rate: Rounding.places(r.rate, 6), orientationShare: Rounding.fraction(r.orientationShare),
                              orientation: r.f1r2Dominant ? "F1R2" : "F2R1",
                              prior: priors[c].map { p in
                                  DamagePrior(f1r2: Rounding.fraction(p.f1r2), f2r1: Rounding.fraction(p.f2r1), real: Rounding.fraction(p.real),
                                              candidateSites: candidates.count { $0.cls == c },
                                              orientationConcentration: Rounding.places(concentration(c), 1),
                                              rateConcentration: Rounding.places(rateConcentration(c), 1))
                              })
        }
        return DamageSummary(classes: classes, backgroundRate: Rounding.places(background, 6), highRate: parameters.highRate,
                             pairedBalance: Rounding.fraction(pairedBalance), used: used)
    }
}
