/// Thresholds of the per-sample damage model (`DamageModel` in Calling; docs/architecture.md,
/// "Damage model"): FFPE deamination (C>T/G>A), oxidation (8-oxoG, G>T/C>A) and any other
/// read-orientation artefact, learned from the sample's own F1R2/F2R1 counts as Mutect2's
/// LearnReadOrientationModel does, replacing the former hard orientation cut-off.
extension CallingParameters {
    package struct DamageModelling: Codable, Sendable, Equatable {
        /// `damage` when the posterior probability of damage (not a real variant) exceeds this:
        /// 0.5 = damage is the likelier explanation (equal costs; the hotspot test sees no filtered allele).
        package var maxPosterior: Double = 0.5
        /// Prior probability of damage for a candidate before the sample's sites are seen: no
        /// preference; each class's prior is then learned from the sample's candidate sites.
        package var prior: Double = 0.5
        /// Weight of that neutral prior against the sample's candidate sites (Dirichlet pseudo-sites):
        /// 10 keeps a clean sample, with a handful of candidates per class, near the neutral prior.
        package var priorPseudoSites: Double = 10
        /// Candidate sites the per-class prior is learned from need this many alternate fragments:
        /// the caller's `minAltFragments` floor (sites with fewer are never called).
        package var priorMinAltFragments: Int = 3
        /// Expectation-maximisation steps for the per-class prior: three weights converge in a few tens.
        package var priorIterations: Int = 50
        /// The QC says "FFPE damage high" (or oxidation high) from this per-site damage rate on: at the
        /// calling floor `minVAF` (0.5%), an average C site already carries damage at a callable fraction.
        package var highRate: Double = 0.005
        /// Sites whose alternate fraction is above this are left out of the learning: damage stays at a
        /// few percent (1–5% in FFPE), above 10% a site is a real or germline variant.
        package var maxLearningVAF: Double = 0.1
        /// Damage rate assumed at least (Phred 40): below it a rate is not measurable at panel depth,
        /// and a clean sample must still flag an allele seen in one orientation only.
        package var minRate: Double = 0.0001
        /// Concentration of the beta distribution of damage fractions across sites (mean = the learned
        /// rate): 5 is broad, so strong orientation evidence decides even where the sample's rate is low.
        /// A class with at least `rateSpreadMinRate` damage learns its own (at least this one).
        package var rateConcentration: Double = 5
        /// A class learns its damage fractions' spread (DamageModel+RateSpread.swift) from this rate on:
        /// `highRate`'s 0.5%, where damage, not background noise, makes most of the sites' variance.
        package var rateSpreadMinRate: Double = 0.005
        /// …and the learned concentration is at most this: 1000 ≈ every site at the class's rate (SD 0.4% at 1.4%).
        package var maxRateConcentration: Double = 1000
        /// Share of damaged fragments in the artefact's orientation assumed at least (the learned share is
        /// used when higher; real alleles have 0.5): 0.8 keeps a damage hypothesis distinct from balance.
        package var minOrientationShare: Double = 0.8
        /// A damaged site's own orientation share varies around the class's learned share as
        /// Beta(mean = that share, concentration κ), so the orientation count is beta-binomial; κ is
        /// learned per class from the sample's damage-like candidate sites (DamageModel+Dispersion.swift).
        /// This κ is used where a class has too few of them: Mutect2's artefact states take Beta(100, 1)
        /// for the alternate F1R2 fraction (concentration 101; LearnReadOrientationModelEngine).
        package var orientationConcentration: Double = 100
        /// The learned κ is at least this: 20 keeps the damage hypothesis at a share's standard deviation
        /// of ≤ 0.07 around 0.9 (2 SD ≈ 0.76), still apart from a real allele's 0.5.
        package var minOrientationConcentration: Double = 20
        /// …and at most this: beyond it the beta-binomial is the binomial to within ~1% of its variance at
        /// the depths of a panel (m ≤ 10 alternate fragments per 1000 of κ).
        package var maxOrientationConcentration: Double = 1000
        /// Damage-weighted candidate sites (sum of their damage responsibilities) a class needs before its
        /// own κ replaces `orientationConcentration`: with fewer, the spread of shares is not measurable.
        package var orientationLearningSites: Double = 30
        /// A real allele's own fragments' orientation share is Beta(mean 0.5, this concentration) (the
        /// site's damage is modelled apart, DamageModel+Joint.swift); 20 = Mutect2's Beta(10, 10) for its
        /// non-artefact states, which also absorbs capture and PCR imbalance of real fragments.
        package var realOrientationConcentration: Double = 20
        /// A real allele's fraction is log-uniform (density ∝ 1/f) from this up, flat below: the calling
        /// floor `minVAF` (0.5%); tumour allele fractions crowd at low values (Williams et al. 2016).
        package var realFractionFloor: Double = 0.005
        /// Grid points over the site's damage fraction (0 … the observed fraction) when a real allele and
        /// damage share a site: 32 resolves 1/32 of a 2–5% fraction, finer than its counting noise at 1000×.
        package var jointDamageGridPoints: Int = 32
        /// Fragments a trinucleotide context needs before its own rate outweighs its substitution type's
        /// (pseudo-count of the shrinkage: about 20 sites at 1000×).
        package var contextPriorFragments: Int = 20_000
        /// The model is used only when the reference fragments are this balanced between F1R2 and F2R1
        /// (2 × the smaller share; paired libraries ~1, single-end reads 0, where orientation means nothing).
        package var minPairedBalance: Double = 0.5

        package init() {}

        enum CodingKeys: String, CodingKey {
            case maxPosterior, prior, priorPseudoSites, priorMinAltFragments, priorIterations, highRate, maxLearningVAF
            case minRate, rateConcentration, minOrientationShare, contextPriorFragments, minPairedBalance
            case orientationConcentration, minOrientationConcentration, maxOrientationConcentration, orientationLearningSites
            case realOrientationConcentration, realFractionFloor, jointDamageGridPoints, rateSpreadMinRate, maxRateConcentration
        }

        // Reports written before the learned prior (schemaVersion 1.2 without the prior* keys) or the
        // learned orientation dispersion (without the *Orientation* keys) or the joint real-plus-damage
        // model (without realFractionFloor, jointDamageGridPoints, rateSpreadMinRate, maxRateConcentration)
        // read with the defaults.
        package init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = DamageModelling()
            maxPosterior = try c.decode(Double.self, forKey: .maxPosterior)
            prior = try c.decode(Double.self, forKey: .prior)
            priorPseudoSites = try c.decodeIfPresent(Double.self, forKey: .priorPseudoSites) ?? d.priorPseudoSites
            priorMinAltFragments = try c.decodeIfPresent(Int.self, forKey: .priorMinAltFragments) ?? d.priorMinAltFragments
            priorIterations = try c.decodeIfPresent(Int.self, forKey: .priorIterations) ?? d.priorIterations
            highRate = try c.decode(Double.self, forKey: .highRate)
            maxLearningVAF = try c.decode(Double.self, forKey: .maxLearningVAF)
            minRate = try c.decode(Double.self, forKey: .minRate)
            rateConcentration = try c.decode(Double.self, forKey: .rateConcentration)
            minOrientationShare = try c.decode(Double.self, forKey: .minOrientationShare)
            contextPriorFragments = try c.decode(Int.self, forKey: .contextPriorFragments)
            minPairedBalance = try c.decode(Double.self, forKey: .minPairedBalance)
            orientationConcentration = try c.decodeIfPresent(Double.self, forKey: .orientationConcentration) ?? d.orientationConcentration
            minOrientationConcentration = try c.decodeIfPresent(Double.self, forKey: .minOrientationConcentration) ?? d.minOrientationConcentration
            maxOrientationConcentration = try c.decodeIfPresent(Double.self, forKey: .maxOrientationConcentration) ?? d.maxOrientationConcentration
            orientationLearningSites = try c.decodeIfPresent(Double.self, forKey: .orientationLearningSites) ?? d.orientationLearningSites
            realOrientationConcentration = try c.decodeIfPresent(Double.self, forKey: .realOrientationConcentration) ?? d.realOrientationConcentration
            realFractionFloor = try c.decodeIfPresent(Double.self, forKey: .realFractionFloor) ?? d.realFractionFloor
            jointDamageGridPoints = try c.decodeIfPresent(Int.self, forKey: .jointDamageGridPoints) ?? d.jointDamageGridPoints
            rateSpreadMinRate = try c.decodeIfPresent(Double.self, forKey: .rateSpreadMinRate) ?? d.rateSpreadMinRate
            maxRateConcentration = try c.decodeIfPresent(Double.self, forKey: .maxRateConcentration) ?? d.maxRateConcentration
        }
    }

    /// The damage group's out-of-range values (called from `problems`).
    func damageProblems() -> [Problem] {
        var out: [Problem] = []
        let d = damage
        func probability(_ x: Double, _ key: String) {
            if !(x > 0 && x < 1) { out.append(Problem(keyPath: "damage.\(key)", rule: "must be a probability above 0 and below 1, not \(x)")) }
        }
        probability(d.maxPosterior, "maxPosterior")
        probability(d.prior, "prior")
        probability(d.highRate, "highRate")
        probability(d.maxLearningVAF, "maxLearningVAF")
        probability(d.minRate, "minRate")
        probability(d.minPairedBalance, "minPairedBalance")
        probability(d.realFractionFloor, "realFractionFloor")
        probability(d.rateSpreadMinRate, "rateSpreadMinRate")
        if !(d.maxRateConcentration >= d.rateConcentration && d.maxRateConcentration <= 1_000_000) {
            out.append(Problem(keyPath: "damage.maxRateConcentration",
                               rule: "must lie from damage.rateConcentration to 1000000, not \(d.maxRateConcentration)"))
        }
        if d.jointDamageGridPoints < 1 || d.jointDamageGridPoints > 10_000 {
            out.append(Problem(keyPath: "damage.jointDamageGridPoints", rule: "must be a whole number from 1 to 10000, not \(d.jointDamageGridPoints)"))
        }
        if !(d.rateConcentration > 0 && d.rateConcentration <= 1_000_000) {
            out.append(Problem(keyPath: "damage.rateConcentration", rule: "must be a number above 0 and at most 1000000, not \(d.rateConcentration)"))
        }
        if !(d.minOrientationShare > 0.5 && d.minOrientationShare < 1) {
            out.append(Problem(keyPath: "damage.minOrientationShare", rule: "must be above 0.5 and below 1, not \(d.minOrientationShare)"))
        }
        if !(d.priorPseudoSites > 0 && d.priorPseudoSites <= 1_000_000) {
            out.append(Problem(keyPath: "damage.priorPseudoSites", rule: "must be a number above 0 and at most 1000000, not \(d.priorPseudoSites)"))
        }
        if d.priorMinAltFragments < 1 || d.priorMinAltFragments > 1_000_000 {
            out.append(Problem(keyPath: "damage.priorMinAltFragments", rule: "must be a whole number from 1 to 1000000, not \(d.priorMinAltFragments)"))
        }
        if d.priorIterations < 1 || d.priorIterations > 10_000 {
            out.append(Problem(keyPath: "damage.priorIterations", rule: "must be a whole number from 1 to 10000, not \(d.priorIterations)"))
        }
        if !(d.minOrientationConcentration > 0 && d.minOrientationConcentration <= d.maxOrientationConcentration
             && d.maxOrientationConcentration <= 1_000_000) {
            out.append(Problem(keyPath: "damage.minOrientationConcentration",
                               rule: "must be above 0 and at most damage.maxOrientationConcentration (at most 1000000), not \(d.minOrientationConcentration) and \(d.maxOrientationConcentration)"))
        }
        if !(d.orientationConcentration >= d.minOrientationConcentration && d.orientationConcentration <= d.maxOrientationConcentration) {
            out.append(Problem(keyPath: "damage.orientationConcentration",
                               rule: "must lie from damage.minOrientationConcentration to damage.maxOrientationConcentration, not \(d.orientationConcentration)"))
        }
        if !(d.orientationLearningSites > 0 && d.orientationLearningSites <= 1_000_000) {
            out.append(Problem(keyPath: "damage.orientationLearningSites", rule: "must be a number above 0 and at most 1000000, not \(d.orientationLearningSites)"))
        }
        if !(d.realOrientationConcentration > 0 && d.realOrientationConcentration <= 1_000_000) {
            out.append(Problem(keyPath: "damage.realOrientationConcentration", rule: "must be a number above 0 and at most 1000000, not \(d.realOrientationConcentration)"))
        }
        if d.contextPriorFragments < 1 || d.contextPriorFragments > 1_000_000_000 {
            out.append(Problem(keyPath: "damage.contextPriorFragments", rule: "must be a whole number from 1 to 1000000000, not \(d.contextPriorFragments)"))
        }
        return out
    }
}
