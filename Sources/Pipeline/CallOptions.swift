import G2TCore

/// What the call stage needs from the user.
public struct CallOptions: Sendable {
    public var input: String
    public var reference: String?
    /// The report's sample ID (file names, report header); default: @RG SM, the VCF column, or the file name.
    public var sampleID: String?
    /// For a VCF/BCF input, the sample column to read (default: the tumour column; or the column
    /// named like `sampleID` when there is one, as before the two were separated).
    public var vcfSample: String?
    public var tumorType: String?
    /// The build of a VCF input without chromosome 7's length in its header.
    public var build: GenomeBuild?
    /// Specimen and run details for the report header.
    public var fields: [ReportField] = []
    public var threads: Int
    public var parameters: CallingParameters
    /// Panel-of-normals JSON (`g2t pon build`); without it copy number is not assessed.
    public var pon: String?
    /// ABCB1 expression in TPM from the lab's RNA assay, for the MDR assessment.
    public var abcb1Expression: Double?
    /// Drugs the patient has had (`--prior-therapy`), as the user wrote them; resolved against the
    /// knowledge base (INN or alias) when scoring. Empty: treated as untreated (first line).
    public var priorTherapies: [String] = []
    /// Matched normal's alignments (--normal); nil = tumour-only.
    public var normal: String?
    /// Tumour purity from pathology (--purity), in (0, 1]; nil = estimate it from the data.
    public var purity: Double?
    /// A germline resource TSV replacing the bundled one (--germline-resource).
    public var germlineResource: String?
    /// Process environment (SOURCE_DATE_EPOCH).
    public var environment: [String: String]

    public init(input: String, reference: String? = nil, sampleID: String? = nil, tumorType: String? = nil,
                build: GenomeBuild? = nil, threads: Int = 2, parameters: CallingParameters = CallingParameters(), environment: [String: String] = [:]) {
        self.input = input
        self.reference = reference
        self.sampleID = sampleID
        self.tumorType = tumorType
        self.build = build
        self.threads = threads
        self.parameters = parameters
        self.environment = environment
    }
}
