/// The sample's damage rates as the damage model learned them (QC; `qc.damage` in the JSON):
/// one entry per strand-collapsed substitution class, with the counts each rate comes from.
package struct DamageSummary: Codable, Sendable, Equatable {
    /// Per class, in `SubstitutionClass` order.
    package var classes: [DamageRate]
    /// Alternate fragments per fragment in the cleanest class: the background error the rates are above.
    package var backgroundRate: Double
    /// The rate from which the QC says "FFPE damage high" / oxidation high (`damage.highRate`).
    package var highRate: Double
    /// 2 × the smaller of the reference fragments' F1R2 and F2R1 shares (~1 for paired reads); below
    /// `damage.minPairedBalance` orientation carries no information and the model judges nothing.
    package var pairedBalance: Double
    /// Whether the damage model judged the calls (`pairedBalance` high enough).
    package var used: Bool
    /// Deamination (C>T/G>A) at or above `highRate`.
    package var ffpeDamageHigh: Bool
    /// Oxidation (C>A/G>T) at or above `highRate`.
    package var oxidationHigh: Bool

    package init(classes: [DamageRate], backgroundRate: Double, highRate: Double, pairedBalance: Double, used: Bool) {
        self.classes = classes
        self.pairedBalance = pairedBalance
        self.used = used
        self.backgroundRate = backgroundRate
        self.highRate = highRate
        ffpeDamageHigh = used && (classes.first { $0.artefact == .deamination }.map { $0.rate >= highRate } ?? false)
        oxidationHigh = used && (classes.first { $0.artefact == .oxidation }.map { $0.rate >= highRate } ?? false)
    }

    /// The rate of one named artefact.
    package func rate(of a: DamageArtefact) -> DamageRate? { classes.first { $0.artefact == a } }

    /// "FFPE damage high" / "oxidation damage high", for the QC section; empty when neither.
    package var warnings: [String] {
        (ffpeDamageHigh ? ["FFPE damage high"] : []) + (oxidationHigh ? ["oxidation damage high"] : [])
    }
}

/// The named artefacts among the substitution classes.
package enum DamageArtefact: String, Codable, Sendable, CaseIterable {
    /// Formalin deaminates cytosine to uracil: C>T (G>A on the other strand).
    case deamination
    /// 8-oxoguanine pairs with adenine: G>T (C>A on the other strand).
    case oxidation
}

/// One strand-collapsed substitution class (the reference base C or T, as Mutect2 collapses them).
package struct DamageRate: Codable, Sendable, Equatable {
    /// "C>T/G>A": the class as read on the C/T strand and on the other.
    package var substitution: String
    package var artefact: DamageArtefact?
    /// Fragments over the class's reference sites used for learning.
    package var fragments: Int
    /// Alternate fragments in F1R2 pairs (as the C/T-strand substitution; G>A in F2R1 counts here).
    package var altF1R2: Int
    /// Alternate fragments in F2R1 pairs (as the C/T-strand substitution).
    package var altF2R1: Int
    /// Damage fragments per fragment: the class's alternate rate above the background.
    package var rate: Double
    /// Share of the damage in its dominant orientation (0.5 when none is seen).
    package var orientationShare: Double
    /// "F1R2" or "F2R1": the orientation the class's damage is seen in (as the C/T-strand substitution).
    package var orientation: String
    /// The class's prior of the damage posterior as learned from the sample (absent when the model is
    /// not used, and in analyses written before it was reported).
    package var prior: DamagePrior?

    package init(substitution: String, artefact: DamageArtefact?, fragments: Int, altF1R2: Int, altF2R1: Int, rate: Double,
                orientationShare: Double, orientation: String, prior: DamagePrior? = nil) {
        self.substitution = substitution
        self.artefact = artefact
        self.fragments = fragments
        self.altF1R2 = altF1R2
        self.altF2R1 = altF2R1
        self.rate = rate
        self.orientationShare = orientationShare
        self.orientation = orientation
        self.prior = prior
    }
}

/// One class's learned mixture weights (expectation-maximisation over its candidate sites): the share
/// of candidate sites that are damage in F1R2 or F2R1 pairs and the share that are real alleles.
package struct DamagePrior: Codable, Sendable, Equatable {
    /// `f1r2 + f2r1`: the prior probability that a candidate of this class is damage.
    package var damage: Double
    package var f1r2: Double
    package var f2r1: Double
    package var real: Double
    /// Candidate sites (at least `parameters.damage.priorMinAltFragments` alternate fragments) it was learned from.
    package var candidateSites: Int
    /// Concentration κ of the beta distribution of damaged sites' orientation shares, learned from the
    /// sample's damage-like candidates (`parameters.damage.orientationConcentration` where too few):
    /// small = the share varies much from site to site. Absent in analyses written before it.
    package var orientationConcentration: Double?
    /// Concentration k of the beta distribution of the class's per-site damage fractions (learned from
    /// the sample when its rate is at least `parameters.damage.rateSpreadMinRate`, else the configured
    /// `rateConcentration`). Absent in analyses written before it.
    package var rateConcentration: Double?

    package init(f1r2: Double, f2r1: Double, real: Double, candidateSites: Int, orientationConcentration: Double? = nil,
                 rateConcentration: Double? = nil) {
        damage = f1r2 + f2r1
        self.f1r2 = f1r2
        self.f2r1 = f2r1
        self.real = real
        self.candidateSites = candidateSites
        self.orientationConcentration = orientationConcentration
        self.rateConcentration = rateConcentration
    }
}
