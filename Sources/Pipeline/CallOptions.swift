import G2TCore

/// What the call stage needs from the user.
package struct CallOptions: Sendable {
    package var input: String
    package var reference: String?
    /// The report's sample ID (file names, report header); default: @RG SM, the VCF column, or the file name.
    package var sampleID: String?
    /// For a VCF/BCF input, the sample column to read (default: the tumour column; or the column
    /// named like `sampleID` when there is one, as before the two were separated).
    package var vcfSample: String?
    package var tumorType: String?
    /// The build of a VCF input without chromosome 7's length in its header.
    package var build: GenomeBuild?
    /// Specimen and run details for the report header.
    package var fields: [ReportField] = []
    package var threads: Int
    package var parameters: CallingParameters
    /// Panel-of-normals JSON (`g2t pon build`); without it copy number is not assessed.
    package var pon: String?
    /// Expression in TPM per panel gene from the lab's RNA assay (`--expression GENE=TPM`).
    package var expression: [GeneExpression] = []
    /// `--abcb1-expression`: the TPM of the panel's MDR gene (role `mdr` in genes.tsv), kept as an alias.
    package var abcb1Expression: Double?
    /// The panel on every build; nil = the bundled one (`PanelSet.bundled()`, parsed once per process).
    package var panels: PanelSet?
    /// Drugs the patient has had (`--prior-therapy`), as the user wrote them; resolved against the
    /// knowledge base (INN or alias) when scoring. Empty: treated as untreated (first line).
    package var priorTherapies: [String] = []
    /// Matched normal's alignments (--normal); nil = tumour-only.
    package var normal: String?
    /// Tumour purity from pathology (--purity), in (0, 1]; nil = estimate it from the data.
    package var purity: Double?
    /// A germline resource TSV replacing the bundled one (--germline-resource).
    package var germlineResource: String?
    /// Amplicon design (`--amplicons`, AmpliconFile's format); nil = hybrid capture.
    package var amplicons: String?
    /// `--umi-tag`: the SAM tag holding UMIs; nil = RX when the reads carry it (automatic UMI mode).
    package var umiTag: String?
    /// Process environment (SOURCE_DATE_EPOCH).
    package var environment: [String: String]

    /// The panel set the stages use.
    package func panelSet() throws -> PanelSet { try panels ?? PanelSet.bundled() }

    /// The panel on `build`, reading its bases from `--reference` when one is given.
    func panel(_ build: GenomeBuild) throws -> Panel {
        let p = try panelSet().panel(build)
        guard let ref = reference else { return p }
        return p.with(reference: try FastaPanelReference.load(path: ref, panel: p))
    }

    package init(input: String, reference: String? = nil, sampleID: String? = nil, tumorType: String? = nil,
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
