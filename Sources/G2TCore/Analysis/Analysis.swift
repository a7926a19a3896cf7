/// Everything g2t knows about one sample; the JSON report is this value, and each stage
/// (`call`, `annotate`, `score`, `report`) reads it and fills in its part: the call stage makes it,
/// annotate fills the variants' annotation, score sets therapies, tiers and `scoring`.
public struct Analysis: Codable, Sendable, Equatable {
    /// Version of the JSON layout (see docs/report-schema.md).
    public static let currentSchemaVersion = "1.2"

    public var schemaVersion: String = Analysis.currentSchemaVersion
    public var sample: SampleInfo
    public var reference: ReferenceInfo
    public var software: SoftwareInfo
    /// ISO 8601 date of the run (from SOURCE_DATE_EPOCH when set, for reproducible output).
    public var date: String
    public var inputs: [InputFile]
    public var parameters: CallingParameters
    public var variants: [VariantCall]
    public var hotspots: [HotspotCall]
    /// Therapy calls, set by the score stage (empty before it).
    public var therapies: [TherapyCall]
    /// Germline genotypes at the pharmacogenomic sites (informational).
    public var genotypes: [GermlineGenotype] = []
    /// Phase of nearby variant pairs.
    public var phases: [PhaseCall] = []
    /// Copy number per panel gene; nil when not assessed (no panel of normals).
    public var copyNumber: [CopyNumberCall]?
    /// Expression values given for the sample (e.g. ABCB1 TPM); nil when none were given.
    public var expression: [GeneExpression]?
    /// What the score stage found beyond therapies and tiers; nil before it ran.
    public var scoring: ScoreResult?
    public var qc: QCSummary
    /// Stages done so far, in order.
    public var stages: [Stage]
    /// Facts about the run a reader should know (e.g. the input had no index).
    public var notes: [String]

    public init(sample: SampleInfo, reference: ReferenceInfo, software: SoftwareInfo, date: String,
                inputs: [InputFile], parameters: CallingParameters, variants: [VariantCall] = [],
                hotspots: [HotspotCall] = [], therapies: [TherapyCall] = [], qc: QCSummary,
                stages: [Stage] = [], notes: [String] = [], genotypes: [GermlineGenotype] = [], phases: [PhaseCall] = []) {
        self.sample = sample
        self.reference = reference
        self.software = software
        self.date = date
        self.inputs = inputs
        self.parameters = parameters
        self.variants = variants
        self.hotspots = hotspots
        self.therapies = therapies
        self.qc = qc
        self.stages = stages
        self.notes = notes
        self.genotypes = genotypes
        self.phases = phases
    }

    /// Whether `stage` has run on this analysis.
    public func has(_ stage: Stage) -> Bool { stages.contains(stage) }

    /// The knowledge base used for scoring; nil before the score stage.
    public var knowledgeBase: KnowledgeBaseInfo? { scoring?.knowledgeBase }
    /// P-gp multidrug-resistance assessment; nil before the score stage.
    public var mdr: MDRAssessment? { scoring?.mdr }
    /// Knowledge-base statements that apply but move no score (germline ABCB1); nil before the score stage.
    public var informational: [InformationalFinding]? { scoring?.informational }
    /// Drugs decided by genes this panel does not test, in this tumour type; nil before the score stage.
    public var panelLimits: [PanelLimitFinding]? { scoring?.panelLimits }
}

/// The score stage's findings besides therapy calls and tiers. In the JSON its fields sit at the
/// top level of the analysis (`knowledgeBase`, `mdr`, `informational`, `panelLimits`), absent before scoring.
public struct ScoreResult: Codable, Sendable, Equatable {
    public var knowledgeBase: KnowledgeBaseInfo
    public var mdr: MDRAssessment
    public var informational: [InformationalFinding]
    public var panelLimits: [PanelLimitFinding]

    public init(knowledgeBase: KnowledgeBaseInfo, mdr: MDRAssessment, informational: [InformationalFinding], panelLimits: [PanelLimitFinding]) {
        self.knowledgeBase = knowledgeBase
        self.mdr = mdr
        self.informational = informational
        self.panelLimits = panelLimits
    }

    enum CodingKeys: String, CodingKey { case knowledgeBase, mdr, informational, panelLimits }

    /// Analyses scored before g2t assessed MDR, informational findings or panel limits read as
    /// having none (the MDR as not assessed); re-scoring fills them in.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        knowledgeBase = try c.decode(KnowledgeBaseInfo.self, forKey: .knowledgeBase)
        mdr = try c.decodeIfPresent(MDRAssessment.self, forKey: .mdr)
            ?? MDRAssessment(assessed: false, risk: .none, evidence: [], notAssessed: ["not recorded: scored before g2t assessed MDR"],
                             level: "", sources: [])
        informational = try c.decodeIfPresent([InformationalFinding].self, forKey: .informational) ?? []
        panelLimits = try c.decodeIfPresent([PanelLimitFinding].self, forKey: .panelLimits) ?? []
    }
}

extension Analysis {
    enum CodingKeys: String, CodingKey {
        case schemaVersion, sample, reference, software, date, inputs, parameters, variants, hotspots, therapies
        case genotypes, phases, copyNumber, expression, qc, stages, notes, knowledgeBase
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(String.self, forKey: .schemaVersion)
        sample = try c.decode(SampleInfo.self, forKey: .sample)
        reference = try c.decode(ReferenceInfo.self, forKey: .reference)
        software = try c.decode(SoftwareInfo.self, forKey: .software)
        date = try c.decode(String.self, forKey: .date)
        inputs = try c.decode([InputFile].self, forKey: .inputs)
        parameters = try c.decode(CallingParameters.self, forKey: .parameters)
        variants = try c.decode([VariantCall].self, forKey: .variants)
        hotspots = try c.decode([HotspotCall].self, forKey: .hotspots)
        therapies = try c.decode([TherapyCall].self, forKey: .therapies)
        genotypes = try c.decode([GermlineGenotype].self, forKey: .genotypes)
        phases = try c.decode([PhaseCall].self, forKey: .phases)
        copyNumber = try c.decodeIfPresent([CopyNumberCall].self, forKey: .copyNumber)
        expression = try c.decodeIfPresent([GeneExpression].self, forKey: .expression)
        qc = try c.decode(QCSummary.self, forKey: .qc)
        stages = try c.decode([Stage].self, forKey: .stages)
        notes = try c.decode([String].self, forKey: .notes)
        // The score stage's fields are at the top level; `knowledgeBase` marks them present.
        scoring = c.contains(.knowledgeBase) ? try ScoreResult(from: decoder) : nil
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(sample, forKey: .sample)
        try c.encode(reference, forKey: .reference)
        try c.encode(software, forKey: .software)
        try c.encode(date, forKey: .date)
        try c.encode(inputs, forKey: .inputs)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(variants, forKey: .variants)
        try c.encode(hotspots, forKey: .hotspots)
        try c.encode(therapies, forKey: .therapies)
        try c.encode(genotypes, forKey: .genotypes)
        try c.encode(phases, forKey: .phases)
        try c.encodeIfPresent(copyNumber, forKey: .copyNumber)
        try c.encodeIfPresent(expression, forKey: .expression)
        try c.encode(qc, forKey: .qc)
        try c.encode(stages, forKey: .stages)
        try c.encode(notes, forKey: .notes)
        try scoring?.encode(to: encoder)
    }
}

/// The sample and its tumour type.
public struct SampleInfo: Codable, Sendable, Equatable {
    public var id: String
    /// OncoTree code, or nil when not given.
    public var tumorType: String?
    public var tumorTypeName: String?
    /// Specimen and run details given with --field (e.g. "Specimen" = "FFPE lung biopsy"), in order.
    public var fields: [ReportField]
    /// Drugs the patient has had (`--prior-therapy`, knowledge-base names), for the line of therapy; nil when not given.
    public var priorTherapies: [String]?
    /// Tumour purity: given, estimated, which one is used; nil in analyses made before it.
    public var purity: PurityInfo?
    public init(id: String, tumorType: String?, tumorTypeName: String?, fields: [ReportField] = [], priorTherapies: [String]? = nil) {
        self.id = id
        self.priorTherapies = priorTherapies
        self.tumorType = tumorType
        self.tumorTypeName = tumorTypeName
        self.fields = fields
    }
}

/// A labelled detail for the report header (specimen, run, tumour content, ordering physician…).
public struct ReportField: Codable, Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// The reference build and where its bases came from.
public struct ReferenceInfo: Codable, Sendable, Equatable {
    public var build: GenomeBuild
    /// The input's name of the panel's first chromosome ("chr7" or "7"); variants carry their own.
    public var chrom: String
    /// "bundled panel sequence" or the FASTA path given with --reference.
    public var source: String
    public init(build: GenomeBuild, chrom: String, source: String) {
        self.build = build
        self.chrom = chrom
        self.source = source
    }
}

/// The g2t build that made the analysis.
public struct SoftwareInfo: Codable, Sendable, Equatable {
    public var name: String = "g2t"
    public var version: String
    /// Version of the htslib g2t read the input with.
    public var htslib: String
    /// Git commit of the g2t build; nil in analyses written before it was recorded.
    public var commit: String?
    public init(version: String, htslib: String, commit: String? = nil) {
        self.version = version
        self.htslib = htslib
        self.commit = commit
    }
}

/// The knowledge base used for scoring.
public struct KnowledgeBaseInfo: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    public var sha256: String
    /// Date of the OncoKB data the knowledge base was checked against; nil when it does not say.
    public var oncokbDataDate: String?
    public init(name: String, version: String, sha256: String, oncokbDataDate: String? = nil) {
        self.name = name
        self.version = version
        self.sha256 = sha256
        self.oncokbDataDate = oncokbDataDate
    }
}

/// An input file and its checksum, for provenance.
public struct InputFile: Codable, Sendable, Equatable {
    public var path: String
    public var format: String
    public var sha256: String
    public init(path: String, format: String, sha256: String) {
        self.path = path
        self.format = format
        self.sha256 = sha256
    }

    /// Appended to the format of the matched normal's input ("BAM (matched normal)"); the JSON keeps this spelling.
    public static let matchedNormalTag = "(matched normal)"
    /// True for the matched normal's input.
    public var isMatchedNormal: Bool { format.hasSuffix(Self.matchedNormalTag) }
}
