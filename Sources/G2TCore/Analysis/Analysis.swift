/// Everything g2t knows about one sample; the JSON report is this value, and each stage
/// (`call`, `annotate`, `score`, `report`) reads it and fills in its part: the call stage makes it,
/// annotate fills the variants' annotation, score sets therapies, tiers and `scoring`.
package struct Analysis: Codable, Sendable, Equatable {
    /// Version of the JSON layout (see docs/report-schema.md).
    package static let currentSchemaVersion = "1.2"

    package var schemaVersion: String = Analysis.currentSchemaVersion
    package var sample: SampleInfo
    package var reference: ReferenceInfo
    package var software: SoftwareInfo
    /// ISO 8601 date of the run (from SOURCE_DATE_EPOCH when set, for reproducible output).
    package var date: String
    package var inputs: [InputFile]
    package var parameters: CallingParameters
    package var variants: [VariantCall]
    package var hotspots: [HotspotCall]
    /// Therapy calls, set by the score stage (empty before it).
    package var therapies: [TherapyCall]
    /// Germline genotypes at the pharmacogenomic sites (informational).
    package var genotypes: [GermlineGenotype] = []
    /// Phase of nearby variant pairs.
    package var phases: [PhaseCall] = []
    /// Copy number per panel gene; nil when not assessed (no panel of normals).
    package var copyNumber: [CopyNumberCall]?
    /// Expression values given for the sample (e.g. ABCB1 TPM); nil when none were given.
    package var expression: [GeneExpression]?
    /// What the score stage found beyond therapies and tiers; nil before it ran.
    package var scoring: ScoreResult?
    package var qc: QCSummary
    /// Stages done so far, in order.
    package var stages: [Stage]
    /// Facts about the run a reader should know (e.g. the input had no index).
    package var notes: [String]

    package init(sample: SampleInfo, reference: ReferenceInfo, software: SoftwareInfo, date: String,
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
    package func has(_ stage: Stage) -> Bool { stages.contains(stage) }

    /// The knowledge base used for scoring; nil before the score stage.
    package var knowledgeBase: KnowledgeBaseInfo? { scoring?.knowledgeBase }
    /// P-gp multidrug-resistance assessment; nil before the score stage.
    package var mdr: MDRAssessment? { scoring?.mdr }
    /// Knowledge-base statements that apply but move no score (germline ABCB1); nil before the score stage.
    package var informational: [InformationalFinding]? { scoring?.informational }
    /// Drugs decided by genes this panel does not test, in this tumour type; nil before the score stage.
    package var panelLimits: [PanelLimitFinding]? { scoring?.panelLimits }
}

/// The score stage's findings besides therapy calls and tiers. In the JSON its fields sit at the
/// top level of the analysis (`knowledgeBase`, `mdr`, `informational`, `panelLimits`), absent before scoring.
package struct ScoreResult: Codable, Sendable, Equatable {
    package var knowledgeBase: KnowledgeBaseInfo
    package var mdr: MDRAssessment
    package var informational: [InformationalFinding]
    package var panelLimits: [PanelLimitFinding]

    package init(knowledgeBase: KnowledgeBaseInfo, mdr: MDRAssessment, informational: [InformationalFinding], panelLimits: [PanelLimitFinding]) {
        self.knowledgeBase = knowledgeBase
        self.mdr = mdr
        self.informational = informational
        self.panelLimits = panelLimits
    }

    enum CodingKeys: String, CodingKey { case knowledgeBase, mdr, informational, panelLimits }

    /// Analyses scored before g2t assessed MDR, informational findings or panel limits read as
    /// having none (the MDR as not assessed); re-scoring fills them in.
    package init(from decoder: Decoder) throws {
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

    package init(from decoder: Decoder) throws {
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

    package func encode(to encoder: Encoder) throws {
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
package struct SampleInfo: Codable, Sendable, Equatable {
    package var id: String
    /// OncoTree code, or nil when not given.
    package var tumorType: String?
    package var tumorTypeName: String?
    /// Specimen and run details given with --field (e.g. "Specimen" = "FFPE lung biopsy"), in order.
    package var fields: [ReportField]
    /// Drugs the patient has had (`--prior-therapy`, knowledge-base names), for the line of therapy; nil when not given.
    package var priorTherapies: [String]?
    /// Tumour purity: given, estimated, which one is used; nil in analyses made before it.
    package var purity: PurityInfo?
    package init(id: String, tumorType: String?, tumorTypeName: String?, fields: [ReportField] = [], priorTherapies: [String]? = nil) {
        self.id = id
        self.priorTherapies = priorTherapies
        self.tumorType = tumorType
        self.tumorTypeName = tumorTypeName
        self.fields = fields
    }
}

/// A labelled detail for the report header (specimen, run, tumour content, ordering physician…).
package struct ReportField: Codable, Sendable, Equatable {
    package var name: String
    package var value: String
    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// The reference build and where its bases came from.
package struct ReferenceInfo: Codable, Sendable, Equatable {
    package var build: GenomeBuild
    /// The input's name of the panel's first chromosome ("chr7" or "7"); variants carry their own.
    package var chrom: String
    /// "bundled panel sequence" or the FASTA path given with --reference.
    package var source: String
    package init(build: GenomeBuild, chrom: String, source: String) {
        self.build = build
        self.chrom = chrom
        self.source = source
    }
}

/// The g2t build that made the analysis.
package struct SoftwareInfo: Codable, Sendable, Equatable {
    package var name: String = "g2t"
    package var version: String
    /// Version of the htslib g2t read the input with.
    package var htslib: String
    /// Git commit of the g2t build; nil in analyses written before it was recorded.
    package var commit: String?
    package init(version: String, htslib: String, commit: String? = nil) {
        self.version = version
        self.htslib = htslib
        self.commit = commit
    }
}

/// The knowledge base used for scoring.
package struct KnowledgeBaseInfo: Codable, Sendable, Equatable {
    package var name: String
    package var version: String
    package var sha256: String
    /// Date of the OncoKB data the knowledge base was checked against; nil when it does not say.
    package var oncokbDataDate: String?
    package init(name: String, version: String, sha256: String, oncokbDataDate: String? = nil) {
        self.name = name
        self.version = version
        self.sha256 = sha256
        self.oncokbDataDate = oncokbDataDate
    }
}

/// An input file and its checksum, for provenance.
package struct InputFile: Codable, Sendable, Equatable {
    package var path: String
    package var format: String
    package var sha256: String
    package init(path: String, format: String, sha256: String) {
        self.path = path
        self.format = format
        self.sha256 = sha256
    }

    /// Appended to the format of the matched normal's input ("BAM (matched normal)"); the JSON keeps this spelling.
    package static let matchedNormalTag = "(matched normal)"
    /// True for the matched normal's input.
    package var isMatchedNormal: Bool { format.hasSuffix(Self.matchedNormalTag) }
}
