/// g2t's reading of the evidence for one drug in this sample. It informs; it never prescribes.
public struct TherapyCall: Codable, Sendable, Equatable {
    /// The five-step verdict, from the sum of signed evidence weights.
    public enum Call: String, Codable, Sendable, CaseIterable {
        case sensitive
        case likelySensitive = "likely-sensitive"
        case uncertain
        case likelyResistant = "likely-resistant"
        case resistant
        /// No biomarker evidence; a guideline-standard option for the tumour type, per its source.
        case standardOption = "standard-option"
        /// Not a standard option in this tumour type, per its source (e.g. bevacizumab in squamous NSCLC).
        case notStandard = "not-standard"
    }

    /// Lower-case INN, e.g. "osimertinib".
    public var drug: String
    public var drugClass: String
    /// Whether P-glycoprotein (ABCB1) pumps the drug out of cells: "yes", "no" or "unknown".
    public var pgpSubstrate: String
    public var call: Call
    /// Sum of evidence weights: positive for sensitivity, negative for resistance.
    public var score: Double
    public var evidence: [EvidenceItem]
    /// How the score came about: each piece of evidence and how much it moved the score.
    public var explanation: String
    /// P-gp multidrug-resistance risk for this drug: only substrates can carry one.
    public var mdrRisk: MDRRisk
    /// Why `mdrRisk` is what it is, e.g. "not a P-gp substrate".
    public var mdrNote: String
    /// Tumour-type context for cytotoxic or antibody choice, per its source; nil when none applies.
    public var context: String?

    public init(drug: String, drugClass: String, pgpSubstrate: String = "unknown", call: Call, score: Double,
                evidence: [EvidenceItem], explanation: String, mdrRisk: MDRRisk = .none, mdrNote: String = "", context: String? = nil) {
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
    }
}

/// One knowledge-base statement that applied to this sample, with its level and sources.
public struct EvidenceItem: Codable, Sendable, Equatable {
    /// "sensitivity" or "resistance".
    public var effect: String
    /// Biomarker name in the knowledge base, e.g. "EGFR L858R".
    public var biomarker: String
    /// What in the sample matched it, e.g. "EGFR p.Leu858Arg (VAF 0.29)".
    public var matchedBy: String
    /// OncoKB therapeutic level, e.g. "1", "R1".
    public var oncokbLevel: String
    /// AMP/ASCO/CAP tier and level, e.g. "IA".
    public var ampLevel: String
    /// OncoTree codes the statement applies to; empty = any tumour type.
    public var tumorTypes: [String]
    /// Whether the sample's tumour type is within `tumorTypes`.
    public var inTumorType: Bool
    public var weight: Double
    public var summary: String
    public var sources: [String]
    /// "clonal" or "subclonal" (from the cancer-cell fraction, `CancerCellFraction.isSubclonal`), "unknown" without one;
    /// nil for evidence that is not a variant (copy number, expression, tumour type).
    public var clonality: String?
    /// The variant's cancer-cell fraction behind `clonality` (the lowest of a combination's parts).
    public var ccf: CancerCellFraction?

    public init(effect: String, biomarker: String, matchedBy: String, oncokbLevel: String, ampLevel: String,
                tumorTypes: [String], inTumorType: Bool, weight: Double, summary: String, sources: [String], clonality: String? = nil, ccf: CancerCellFraction? = nil) {
        self.effect = effect
        self.biomarker = biomarker
        self.matchedBy = matchedBy
        self.oncokbLevel = oncokbLevel
        self.ampLevel = ampLevel
        self.tumorTypes = tumorTypes
        self.inTumorType = inTumorType
        self.weight = weight
        self.summary = summary
        self.sources = sources
        self.clonality = clonality
        self.ccf = ccf
    }
}
