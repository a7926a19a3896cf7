/// g2t's reading of the evidence for one drug in this sample. It informs; it never prescribes.
package struct TherapyCall: Codable, Sendable, Equatable {
    /// The verdict, from the strongest in-scope evidence in each direction (docs/knowledge-base.md, "Call rules").
    package enum Call: String, Codable, Sendable, CaseIterable {
        case sensitive
        case likelySensitive = "likely-sensitive"
        case uncertain
        case likelyResistant = "likely-resistant"
        case resistant
        /// No biomarker evidence; a guideline-standard option for the tumour type, per its source.
        case standardOption = "standard-option"
        /// Not a standard option in this tumour type, per its source (e.g. bevacizumab in squamous NSCLC).
        case notStandard = "not-standard"

        /// Order of the therapy table: what is actionable first (sensitivity), then resistance
        /// alerts, then tumour-type context, then drugs the evidence leaves open.
        package var rank: Int {
            switch self {
            case .sensitive: return 0
            case .likelySensitive: return 1
            case .resistant: return 2
            case .likelyResistant: return 3
            case .standardOption: return 4
            case .notStandard: return 5
            case .uncertain: return 6
            }
        }
    }

    /// Lower-case INN, e.g. "osimertinib".
    package var drug: String
    package var drugClass: String
    /// Whether P-glycoprotein (ABCB1) pumps the drug out of cells.
    package var pgpSubstrate: PgpSubstrate
    package var call: Call
    /// Strongest in-scope sensitivity weight plus strongest in-scope resistance weight plus the P-gp
    /// adjustment; when resistance overrides sensitivity, the resistance weight alone.
    package var score: Double
    package var evidence: [EvidenceItem]
    /// How the score came about: each piece of evidence and how much it moved the score.
    package var explanation: String
    /// P-gp multidrug-resistance risk for this drug: only substrates can carry one.
    package var mdrRisk: MDRRisk
    /// Why `mdrRisk` is what it is, e.g. "not a P-gp substrate".
    package var mdrNote: String
    /// Tumour-type context for cytotoxic or antibody choice, per its source; nil when none applies.
    package var context: String?
    /// Line of therapy of the deciding evidence, e.g. "first-line", "after osimertinib"; nil when it does not depend on it.
    package var setting: String?
    /// Whether that evidence fits the patient's prior therapies (`--prior-therapy`); nil when the setting does not matter.
    package var inSetting: Bool?
    /// Genes outside this panel that decide the drug in this tumour type, with the statement; nil when none.
    package var panelLimit: String?

    package init(drug: String, drugClass: String, pgpSubstrate: PgpSubstrate = .unknown, call: Call, score: Double,
                evidence: [EvidenceItem], explanation: String, mdrRisk: MDRRisk = .none, mdrNote: String = "", context: String? = nil,
                setting: String? = nil, inSetting: Bool? = nil, panelLimit: String? = nil) {
        self.drug = drug
        self.drugClass = drugClass
        self.pgpSubstrate = pgpSubstrate
        self.call = call
        self.score = score
        self.evidence = evidence
        self.explanation = explanation
        self.mdrRisk = mdrRisk
        self.mdrNote = mdrNote
        self.context = context
        self.setting = setting
        self.inSetting = inSetting
        self.panelLimit = panelLimit
    }
}

/// One knowledge-base statement that applied to this sample, with its level and sources.
package struct EvidenceItem: Codable, Sendable {
    package var effect: EffectDirection
    /// Biomarker name in the knowledge base, e.g. "EGFR L858R".
    package var biomarker: String
    /// What in the sample matched it, e.g. "EGFR p.Leu858Arg (VAF 0.29)".
    package var matchedBy: String
    /// OncoKB therapeutic level, e.g. "1", "R1".
    package var oncokbLevel: String
    /// AMP/ASCO/CAP tier and level, e.g. "IA".
    package var ampLevel: String
    /// OncoTree codes the statement applies to; empty = any tumour type.
    package var tumorTypes: [String]
    /// Whether the sample's tumour type is within `tumorTypes` (false when no tumour type was given).
    package var inTumorType: Bool
    /// The weight after adjustments (tumour type, clonality); shown even when not counted.
    package var weight: Double
    /// Whether the weight entered the score: evidence from another tumour type, and all but the strongest
    /// statement in each direction, are shown but not counted.
    package var counted: Bool
    /// Line of therapy the evidence was gathered in, e.g. "after osimertinib"; nil when it does not depend on it.
    package var setting: String?
    package var summary: String
    package var sources: [String]
    /// From the cancer-cell fraction (`CancerCellFraction.isSubclonal`), unknown without one;
    /// nil for evidence that is not a variant (copy number, expression, tumour type).
    package var clonality: Clonality?
    /// A knowledge-base statement about a biomarker, or g2t's P-gp multidrug-resistance adjustment.
    package var kind: EvidenceKind
    /// The sample's variants the statement matched (a combination: all its parts); empty for
    /// evidence that is not a variant. The summary finds variants without any statement by these.
    package var variants: [VariantKey]
    /// The variant's cancer-cell fraction behind `clonality` (the lowest of a combination's parts).
    package var ccf: CancerCellFraction?
    /// Where the statement is in the knowledge base that scored it, for the lean scored line of
    /// `g2t rescore` (`ScoredLine`); set by the scorer, not part of the report JSON (neither written
    /// nor read by `Codable`) and not compared by `==`, so a decoded report equals the scored value.
    package var reference: EvidenceReference?

    package init(effect: EffectDirection, biomarker: String, matchedBy: String, oncokbLevel: String, ampLevel: String,
                tumorTypes: [String], inTumorType: Bool, weight: Double, counted: Bool = true, summary: String, sources: [String],
                clonality: Clonality? = nil, setting: String? = nil, ccf: CancerCellFraction? = nil, kind: EvidenceKind = .biomarker,
                variants: [VariantKey] = [], reference: EvidenceReference? = nil) {
        self.reference = reference
        self.kind = kind
        self.variants = variants
        self.effect = effect
        self.biomarker = biomarker
        self.matchedBy = matchedBy
        self.oncokbLevel = oncokbLevel
        self.ampLevel = ampLevel
        self.tumorTypes = tumorTypes
        self.inTumorType = inTumorType
        self.weight = weight
        self.counted = counted
        self.setting = setting
        self.summary = summary
        self.sources = sources
        self.clonality = clonality
        self.ccf = ccf
    }
}

/// A knowledge-base statement by its keys: `statement` indexes the knowledge base's `effects`
/// (nil for the MDR adjustment, which comes from `mdr`), `biomarker` is its biomarker's id and
/// `sources` its source keys (the keys of the knowledge base's `sources`).
package struct EvidenceReference: Sendable, Equatable {
    package var statement: Int?
    package var biomarker: String?
    package var sources: [String]
    package init(statement: Int?, biomarker: String?, sources: [String]) {
        self.statement = statement
        self.biomarker = biomarker
        self.sources = sources
    }
}

extension EvidenceItem: Equatable {
    /// Every reported field; `reference` is bookkeeping of the scorer (see there).
    package static func == (a: EvidenceItem, b: EvidenceItem) -> Bool {
        a.effect == b.effect && a.biomarker == b.biomarker && a.matchedBy == b.matchedBy && a.oncokbLevel == b.oncokbLevel
            && a.ampLevel == b.ampLevel && a.tumorTypes == b.tumorTypes && a.inTumorType == b.inTumorType && a.weight == b.weight
            && a.counted == b.counted && a.setting == b.setting && a.summary == b.summary && a.sources == b.sources
            && a.clonality == b.clonality && a.kind == b.kind && a.variants == b.variants && a.ccf == b.ccf
    }
}

extension EvidenceItem {
    enum CodingKeys: String, CodingKey {
        case effect, biomarker, matchedBy, oncokbLevel, ampLevel, tumorTypes, inTumorType, weight, counted, setting, summary, sources, clonality, ccf, kind, variants
    }

    /// Analyses scored before `counted` existed counted every item; before schema 1.1 items name no
    /// variants and no kind (re-score them for the summary's "no therapy statement" and MDR lines).
    package init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(effect: try c.decode(EffectDirection.self, forKey: .effect), biomarker: try c.decode(String.self, forKey: .biomarker),
                  matchedBy: try c.decode(String.self, forKey: .matchedBy), oncokbLevel: try c.decode(String.self, forKey: .oncokbLevel),
                  ampLevel: try c.decode(String.self, forKey: .ampLevel), tumorTypes: try c.decode([String].self, forKey: .tumorTypes),
                  inTumorType: try c.decode(Bool.self, forKey: .inTumorType), weight: try c.decode(Double.self, forKey: .weight),
                  counted: try c.decodeIfPresent(Bool.self, forKey: .counted) ?? true, summary: try c.decode(String.self, forKey: .summary),
                  sources: try c.decode([String].self, forKey: .sources), clonality: try c.decodeIfPresent(Clonality.self, forKey: .clonality),
                  setting: try c.decodeIfPresent(String.self, forKey: .setting), ccf: try c.decodeIfPresent(CancerCellFraction.self, forKey: .ccf),
                  kind: try c.decodeIfPresent(EvidenceKind.self, forKey: .kind) ?? .biomarker,
                  variants: try c.decodeIfPresent([VariantKey].self, forKey: .variants) ?? [])
    }

    /// `kind` is written only for the MDR adjustment and `variants` only when there are some (schema 1.1).
    package func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(effect, forKey: .effect)
        try c.encode(biomarker, forKey: .biomarker)
        try c.encode(matchedBy, forKey: .matchedBy)
        try c.encode(oncokbLevel, forKey: .oncokbLevel)
        try c.encode(ampLevel, forKey: .ampLevel)
        try c.encode(tumorTypes, forKey: .tumorTypes)
        try c.encode(inTumorType, forKey: .inTumorType)
        try c.encode(weight, forKey: .weight)
        try c.encode(counted, forKey: .counted)
        try c.encodeIfPresent(setting, forKey: .setting)
        try c.encode(summary, forKey: .summary)
        try c.encode(sources, forKey: .sources)
        try c.encodeIfPresent(clonality, forKey: .clonality)
        try c.encodeIfPresent(ccf, forKey: .ccf)
        if kind != .biomarker { try c.encode(kind, forKey: .kind) }
        if !variants.isEmpty { try c.encode(variants, forKey: .variants) }
    }
}

/// What a piece of evidence is: the summary tells P-gp MDR (its own alert) from biomarker statements by this.
package enum EvidenceKind: String, Codable, Sendable, CaseIterable {
    /// A knowledge-base statement about a biomarker found in the sample.
    case biomarker
    /// g2t's P-gp multidrug-resistance adjustment for a substrate drug (from the MDR assessment).
    case mdr
}
