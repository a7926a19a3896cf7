/// Everything g2t knows about one sample; the JSON report is this value, and each stage
/// (`call`, `annotate`, `score`, `report`) reads it and fills in its part.
public struct Analysis: Codable, Sendable, Equatable {
    /// Version of the JSON layout (see docs/report-schema.md).
    public static let currentSchemaVersion = "1.0"

    public var schemaVersion: String = Analysis.currentSchemaVersion
    public var sample: SampleInfo
    public var reference: ReferenceInfo
    public var software: SoftwareInfo
    /// Filled in by the scoring stage.
    public var knowledgeBase: KnowledgeBaseInfo?
    /// ISO 8601 date of the run (from SOURCE_DATE_EPOCH when set, for reproducible output).
    public var date: String
    public var inputs: [InputFile]
    public var parameters: CallingParameters
    public var variants: [VariantCall]
    public var hotspots: [HotspotCall]
    public var therapies: [TherapyCall]
    /// Germline genotypes at the pharmacogenomic sites (informational).
    public var genotypes: [GermlineGenotype] = []
    /// Phase of nearby variant pairs.
    public var phases: [PhaseCall] = []
    /// Copy number per panel gene; nil when not assessed (no panel of normals).
    public var copyNumber: [CopyNumberCall]?
    /// Expression values given for the sample (e.g. ABCB1 TPM); nil when none were given.
    public var expression: [GeneExpression]?
    /// P-gp multidrug-resistance assessment, set by the score stage.
    public var mdr: MDRAssessment?
    /// Knowledge-base statements that apply but move no score (germline ABCB1), set by the score stage.
    public var informational: [InformationalFinding]?
    /// Drugs decided by genes this panel does not test, in this tumour type; set by the score stage.
    public var panelLimits: [PanelLimitFinding]?
    public var qc: QCSummary
    /// Stages done so far, in order: "call", "annotate", "score".
    public var stages: [String]
    /// Facts about the run a reader should know (e.g. the input had no index).
    public var notes: [String]

    public init(sample: SampleInfo, reference: ReferenceInfo, software: SoftwareInfo, date: String,
                inputs: [InputFile], parameters: CallingParameters, variants: [VariantCall] = [],
                hotspots: [HotspotCall] = [], therapies: [TherapyCall] = [], qc: QCSummary,
                stages: [String] = [], notes: [String] = [], genotypes: [GermlineGenotype] = [], phases: [PhaseCall] = []) {
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
}
