/// Whether a variant arose in the tumour or was inherited (docs/germline.md has the model).
package enum VariantOrigin: String, Codable, Sendable, CaseIterable {
    case somatic
    case likelySomatic = "likely-somatic"
    case germline
    case likelyGermline = "likely-germline"
    case unknown

    /// Germline or likely germline: not a somatic finding.
    package var isGermline: Bool { self == .germline || self == .likelyGermline }
    /// Somatic or likely somatic.
    package var isSomatic: Bool { self == .somatic || self == .likelySomatic }
}

/// One piece of evidence the origin model weighed, and which way it pointed.
package struct OriginEvidence: Codable, Sendable, Equatable {
    /// Where the evidence came from.
    package enum Source: String, Codable, Sendable, CaseIterable {
        case populationFrequency = "population-frequency"
        case alleleFraction = "allele-fraction"
        case panelOfNormals = "panel-of-normals"
        case matchedNormal = "matched-normal"
        case hotspot
        case pharmacogenomicSite = "pharmacogenomic-site"
        case predispositionSite = "predisposition-site"
    }
    /// Which origin the evidence favours.
    package enum Direction: String, Codable, Sendable {
        case germline, somatic, neutral
    }
    package var source: Source
    package var favours: Direction
    /// What was seen, e.g. "gnomAD popmax AF 0.31 (afr)", "VAF 0.49: germline heterozygous 1,200× likelier".
    package var detail: String

    package init(source: Source, favours: Direction, detail: String) {
        self.source = source
        self.favours = favours
        self.detail = detail
    }
}

/// Germline zygosity, set for germline and likely-germline variants (the VCF GT follows it).
package enum Zygosity: String, Codable, Sendable {
    case heterozygous, homozygous
}

/// Cancer-cell fraction of a somatic variant with its 95% interval (from the VAF's binomial interval).
package struct CancerCellFraction: Codable, Sendable, Equatable {
    package var value: Double
    package var low: Double
    package var high: Double
    package init(value: Double, low: Double, high: Double) {
        self.value = value
        self.low = low
        self.high = high
    }

    /// Subclonal only when even the CCF's upper 95% bound is below `cutoff`
    /// (`CallingParameters.Purity.subclonalBelow`, 0.8 by default, with its reason there).
    package func isSubclonal(below cutoff: Double) -> Bool { high < cutoff }
}

/// Population allele frequency of a variant from the bundled germline resource.
package struct PopulationFrequency: Codable, Sendable, Equatable {
    package var rsid: String?
    /// Global allele frequency (nil when the source gives only per-population ones).
    package var af: Double?
    /// Highest allele frequency among the resource's populations.
    package var afPopmax: Double
    package var popmaxPopulation: String?
    /// Where the frequency comes from, e.g. "gnomAD v4.1 exomes".
    package var source: String
    package init(rsid: String?, af: Double?, afPopmax: Double, popmaxPopulation: String?, source: String) {
        self.rsid = rsid
        self.af = af
        self.afPopmax = afPopmax
        self.popmaxPopulation = popmaxPopulation
        self.source = source
    }

    /// A polymorphism in the classic sense when its popmax frequency reaches `cutoff`
    /// (`CallingParameters.Origin.polymorphismAF`, 1% by default, with its reason there).
    package func isPolymorphism(atLeast cutoff: Double) -> Bool { afPopmax >= cutoff }
}

/// The tumour purity used for allele-fraction and CCF reasoning.
package struct PurityInfo: Codable, Sendable, Equatable {
    package enum Source: String, Codable, Sendable {
        /// --purity or the sheet's purity column (a pathologist's estimate).
        case given
        /// Estimated from somatic allele fractions.
        case estimated
        /// Neither given nor estimable: purity-dependent values are not computed.
        case unavailable
    }
    /// The purity used; nil when unavailable.
    package var value: Double?
    package var source: Source
    package var given: Double?
    package var estimated: Double?
    /// How the estimate was made, e.g. "2 × VAF of EGFR L858R (clonal cluster, 2 variants)".
    package var estimateBasis: String?

    package init(value: Double?, source: Source, given: Double? = nil, estimated: Double? = nil, estimateBasis: String? = nil) {
        self.value = value
        self.source = source
        self.given = given
        self.estimated = estimated
        self.estimateBasis = estimateBasis
    }
}
