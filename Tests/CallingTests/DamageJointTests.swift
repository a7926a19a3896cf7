import Calling
import Foundation
import G2TCore
import Testing

/// The joint model of a real allele and its site's damage (DamageModel+Joint.swift, issue 15): in an
/// FFPE sample a real 2% C>T allele often shares its site with 1–5% damage, so its alternate fragments
/// are a mixture of balanced (real) and one-sided (damaged) ones. Hand-made counts on the C>T/G>A class
/// of DamageDispersionTests.model (1.39% damage above a 0.01% background, the prior an FFPE sample
/// learns: ~99% of candidates damage).
@Suite struct DamageJointTests {
    static let cutoff = CallingParameters().damage.maxPosterior

    /// The realistic benchmark's class: share 0.945, κ 76; `k`: the learned spread of damage fractions.
    static func model(share: Double = 0.945, kappa: Double = 76, k: Double? = 60) -> DamageModel {
        var m = DamageDispersionTests.model(share: share, kappa: kappa)
        if let k { m.rateConcentrations[.cT] = k }
        return m
    }

    static func post(_ m: DamageModel, depth: Int = 1000, alt: Int, lead: Int) -> Double {
        m.posterior(.cT, context: nil, depth: depth, alt: alt, lead: lead)
    }

    /// A real 2% allele plus 4.5% damage at 1000×: ~65 alternate fragments, of them in the minor
    /// orientation 10 of the 20 real ones and 2.5–4.5 of the 45 damaged (share 0.95–0.9); pure damage
    /// would put ~3.6 ± 2.3 there. The joint likelihood favours "real" at 12 minor (kept under a neutral
    /// prior), but under the prior an FFPE sample learns (99.4% of C>T candidates are damage) it takes
    /// 15 minor: 50 of 65 in the damage's orientation is kept, 51 is not (near-threshold pair).
    @Test func realAlleleOnADamagedSiteIsKept() {
        var neutral = Self.model()
        neutral.priors = [:]
        #expect(Self.post(neutral, alt: 65, lead: 53) < Self.cutoff, "\(Self.post(neutral, alt: 65, lead: 53))")
        #expect(Self.post(Self.model(), alt: 65, lead: 50) < Self.cutoff, "\(Self.post(Self.model(), alt: 65, lead: 50))")
        #expect(Self.post(Self.model(), alt: 65, lead: 51) > Self.cutoff, "\(Self.post(Self.model(), alt: 65, lead: 51))")
        // Real 2% + 2% damage: 40 fragments, 10 + ~1.5 minor: 29 in the damage's orientation kept, 30 not.
        #expect(Self.post(Self.model(), alt: 40, lead: 29) < Self.cutoff, "\(Self.post(Self.model(), alt: 40, lead: 29))")
        #expect(Self.post(Self.model(), alt: 40, lead: 30) > Self.cutoff, "\(Self.post(Self.model(), alt: 40, lead: 30))")
        // With the configured spread of damage fractions (k 5: most mass near 0) the line is a step lower.
        #expect(Self.post(Self.model(k: nil), alt: 65, lead: 49) < Self.cutoff)
        #expect(Self.post(Self.model(k: nil), alt: 65, lead: 50) > Self.cutoff)
        // A real 3% allele on a clean site, balanced, at 1500×.
        #expect(Self.post(Self.model(), depth: 1500, alt: 45, lead: 23) < Self.cutoff)
    }

    /// Pure damage at several shares and depths: the expected dominant count (the share diluted by the
    /// 0.01% background), and one standard deviation lower, stays damage.
    @Test(arguments: [(1000, 30, 0.90), (1000, 50, 0.95), (2000, 100, 0.92), (500, 20, 0.99), (1000, 15, 0.90)])
    func pureDamageIsFlagged(depth: Int, alt: Int, share: Double) {
        let m = Self.model()
        let expected = Double(alt) * share
        let lead = Int(expected.rounded())
        let low = Int((expected - (Double(alt) * share * (1 - share)).squareRoot()).rounded())
        #expect(Self.post(m, depth: depth, alt: alt, lead: lead) > Self.cutoff, "\(Self.post(m, depth: depth, alt: alt, lead: lead))")
        #expect(Self.post(m, depth: depth, alt: alt, lead: low) > Self.cutoff, "lead \(low): \(Self.post(m, depth: depth, alt: alt, lead: low))")
    }

    /// The spread of damage fractions by the method of moments: sites drawn from a beta of known k.
    @Test func rateSpreadIsLearned() {
        var m = Self.model(k: nil)
        var r = DamageDispersionTests.Draws(state: 21)
        var mo = DamageModel.RateMoments()
        // Damage fractions uniform on 0–2.78% (mean 1.39%, Var = 0.0278²/12 → k = μ(1 − μ)/Var − 1 ≈ 209),
        // alternate counts binomial at 1000×.
        for _ in 0..<4000 {
            let d = 0.0278 * r.next() + 0.0001
            let alt = (0..<1000).reduce(0) { n, _ in n + (r.next() < d ? 1 : 0) }
            mo.add(depth: 1000, alt: alt)
        }
        m.rateMoments[.cT] = mo
        m.rateMoments[.tA] = mo
        let k = m.learnRateConcentrations()
        #expect(abs((k[.cT] ?? 0) - 209) < 0.2 * 209, "k \(String(describing: k[.cT]))")
        // A class without damage (rate below rateSpreadMinRate) keeps the configured k.
        #expect(k[.tA] == nil)
        #expect(m.rateConcentration(.tA) == CallingParameters().damage.rateConcentration)
    }

    @Test func configurationIsValidated() {
        var p = CallingParameters()
        p.damage.realFractionFloor = 1
        p.damage.jointDamageGridPoints = 0
        #expect(Set(p.problems.map(\.keyPath)) == ["damage.realFractionFloor", "damage.jointDamageGridPoints"])
        p = CallingParameters()
        p.damage.rateSpreadMinRate = 0
        p.damage.maxRateConcentration = 1
        #expect(Set(p.problems.map(\.keyPath)) == ["damage.rateSpreadMinRate", "damage.maxRateConcentration"])
    }
}
