import ArgumentParser
import G2TCore
import Pipeline
#if canImport(Glibc)
import Glibc
#endif

/// Options shared by `pipeline` and `call`.
struct CallingFlags: ParsableArguments {
    @Argument(help: "Aligned reads (BAM, CRAM, SAM) or another caller's variants (VCF, BCF), on GRCh38 or GRCh37.")
    var input: String

    @Option(name: .long, help: "Reference FASTA (needed for CRAM; otherwise the bundled panel sequence is used).")
    var reference: String?

    @Option(name: .long, help: "Sample ID of the report (default: the @RG SM tag, the VCF column read, else the file name).")
    var sample: String?

    @Option(name: .customLong("vcf-sample"), help: ArgumentHelp("For a VCF/BCF input, the sample column to read.",
                                                             discussion: "Default: the column named like --sample if there is one, else the tumour column (##tumor_sample, TUMOR, or the first)."))
    var vcfSample: String?

    @Option(name: .long, help: "GRCh38 or GRCh37, for a VCF whose header gives no panel chromosome's length.")
    var build: GenomeBuild?

    @Option(name: .customLong("tumor-type"), help: "OncoTree code or name, e.g. LUAD, LUSC, COADREAD, PAAD (see `g2t tumor-types`).")
    var tumorType: String?

    @Option(name: .customLong("field"), help: ArgumentHelp("A specimen or run detail for the report header, as NAME=VALUE (repeatable).",
                                                          discussion: "e.g. --field 'Specimen=FFPE lung biopsy' --field 'Tumour content=40%'"))
    var fields: [String] = []

    @Option(name: .long, help: ArgumentHelp("Panel of normals (from `g2t pon build`): report copy number per gene.",
                                            discussion: "Without it the report says copy number was not assessed."))
    var pon: String?

    @Option(name: .long, help: ArgumentHelp("Matched normal's aligned reads (BAM/CRAM): variants it supports are germline.",
                                            discussion: "g2t first checks that tumour and normal come from the same person."))
    var normal: String?

    @Option(name: .long, help: "Tumour purity from pathology, in (0, 1]; without it g2t estimates purity from somatic VAFs.")
    var purity: Double?

    @Option(name: .customLong("germline-resource"), help: "Population-frequency TSV replacing the bundled germline resource (docs/germline.md).")
    var germlineResource: String?

    @Option(name: .long, help: ArgumentHelp("Amplicon panel design: trim primers and assess each amplicon (BAM/CRAM input only).",
                                            discussion: """
        Tab-separated, BED coordinates (0-based start, end exclusive), the whole amplicon with its primers:
          chrom  start  end  name  left_primer_length  right_primer_length
          chr22  1000000   1000170   AMPLICON_1   22  21
        Primer columns may be left out on every line only when no amplicons overlap (then nothing is
        trimmed). Reads are matched to amplicons by aligned start/end (±5 bases); primer bases are not
        counted, reads flagged as duplicates are kept, and QC lists depth and dropout per amplicon.
        A primer BED (one line per primer, names ending _LEFT/_RIGHT, _F/_R or _FWD/_REV) and an
        AmpliSeq designed BED (track type=bedDetail, amplicon ID in column 4, Pool= attributes) are read too.
        """))
    var amplicons: String?
    @Option(name: .customLong("umi-tag"), help: ArgumentHelp("SAM tag holding the reads' UMIs (default RX, used automatically when the reads carry it).",
                                                           discussion: "Given, the tag must be on the reads: g2t stops with an error rather than call raw reads."))
    var umiTag: String?

    @Option(name: .customLong("expression"), help: ArgumentHelp("A panel gene's expression in TPM from the lab's RNA assay, as GENE=TPM (repeatable).",
                                                               discussion: "The MDR gene's (role mdr in the panel) sets the P-gp MDR assessment."))
    var expression: [String] = []

    @Option(name: .customLong("abcb1-expression"), help: "The P-gp MDR gene's expression in TPM (an alias of --expression for that gene).")
    var abcb1Expression: Double?

    @Option(name: .customLong("prior-therapy"), help: ArgumentHelp("A drug the patient has had (repeatable; INN or alias, e.g. gefitinib, osimertinib).",
                                                               discussion: "Orders the therapy table for this line of therapy; without it the patient is taken as untreated."))
    var priorTherapies: [String] = []

    @OptionGroup var workers: ThreadsFlags
    var threads: Int { workers.threads }

    @Option(name: .long, help: ArgumentHelp("Thresholds from a JSON file (any subset of the keys `g2t config show` prints).",
                                            discussion: "Flags given on the command line override the file; the report records every value used."))
    var config: String?

    // Thresholds default to CallingParameters' values (one source of truth), then the --config file's;
    // given, they override both.
    @Option(name: .customLong("min-alt"), help: "Minimum fragments carrying a novel variant (default 3).")
    var minAlt: Int?

    @Option(name: .customLong("min-vaf"), help: "Minimum allele fraction of a novel variant (default 0.005).")
    var minVAF: Double?

    @Option(name: .customLong("min-lod"), help: "log10 likelihood ratio a novel allele needs against base-call error (default 6.3).")
    var minLOD: Double?

    @Option(name: .customLong("max-lod"), help: "A hotspot whose limit of detection exceeds this fraction is reported as low-coverage (default 0.05).")
    var maxLOD: Double?

    @Option(name: .customLong("min-bq"), help: "Minimum base quality (default 20).")
    var minBaseQuality: Int?

    @Option(name: .customLong("min-mapq"), help: "Minimum mapping quality (default 20).")
    var minMappingQuality: Int?

    func validate() throws {
        if let minVAF, !(0...1).contains(minVAF) { throw ValidationError("--min-vaf must be between 0 and 1") }
        if let minAlt, minAlt < 1 { throw ValidationError("--min-alt must be at least 1") }
        if let maxLOD, !(0...1).contains(maxLOD) { throw ValidationError("--max-lod must be between 0 and 1") }
        if let abcb1Expression, !InputLimits.isTPM(abcb1Expression) {
            throw ValidationError("--abcb1-expression must be a TPM value from 0 to 1000000, not \(abcb1Expression)")
        }
        _ = try expressionValues()
        if let minLOD, !InputLimits.lod.contains(minLOD) { throw ValidationError("--min-lod must be a number from 0 to 1000000, not \(minLOD)") }
        if let minBaseQuality, !InputLimits.baseQuality.contains(minBaseQuality) { throw ValidationError("--min-bq must be from 0 to 93") }
        if let minMappingQuality, !InputLimits.mappingQuality.contains(minMappingQuality) { throw ValidationError("--min-mapq must be from 0 to 254") }
        if let sample, sample.allSatisfy(\.isWhitespace) { throw ValidationError("--sample must not be blank") }
        if let purity, !(purity > 0 && purity <= 1) {
            throw ValidationError("--purity \(purity): must be in (0, 1], a fraction of tumour cells (e.g. 0.6 for 60%)")
        }
        for f in fields where !f.contains("=") { throw ValidationError("--field takes NAME=VALUE, not '\(f)'") }
    }

    /// `--expression GENE=TPM` values; the gene is checked against the panel when the sample's
    /// build is known (call stage), the number here.
    func expressionValues() throws -> [GeneExpression] {
        try expression.map { e in
            let parts = e.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else { throw ValidationError("--expression takes GENE=TPM, not '\(e)'") }
            guard let tpm = Double(parts[1]), InputLimits.isTPM(tpm) else {
                throw ValidationError("--expression \(e): the TPM must be a value from 0 to 1000000")
            }
            let genes = Set(try PanelSet.bundled().panels.values.flatMap { $0.genes.map(\.symbol) })
            guard genes.contains(parts[0]) else {
                throw ValidationError("--expression \(e): '\(parts[0])' is not a panel gene (panel: \(genes.sorted().joined(separator: ", ")))")
            }
            return GeneExpression(gene: parts[0], tpm: tpm, source: "--expression")
        }
    }

    /// The call options: thresholds from the defaults, the --config file, then the flags. Reading the
    /// file can fail (one line naming the file and the key).
    func options() throws -> CallOptions {
        var p = try config.map(ConfigurationFile.load(path:)) ?? CallingParameters()
        if let minAlt { p.minAltFragments = minAlt }
        if let minVAF { p.minVAF = minVAF }
        if let minLOD { p.minLOD = minLOD }
        if let maxLOD { p.maxHotspotLOD = maxLOD }
        if let minBaseQuality { p.minBaseQuality = minBaseQuality }
        if let minMappingQuality { p.minMappingQuality = minMappingQuality }
        if let first = p.problems.first { throw ValidationError("\(first)") }
        var env: [String: String] = [:]
        if let s = getenv("SOURCE_DATE_EPOCH") { env["SOURCE_DATE_EPOCH"] = String(cString: s) }
        var o = CallOptions(input: input, reference: reference, sampleID: sample, tumorType: tumorType,
                           build: build, threads: threads, parameters: p, environment: env)
        o.pon = pon
        o.vcfSample = vcfSample
        o.abcb1Expression = abcb1Expression
        o.expression = try expressionValues()
        o.priorTherapies = priorTherapies
        o.normal = normal
        o.purity = purity
        o.germlineResource = germlineResource
        o.amplicons = amplicons
        o.umiTag = umiTag
        o.fields = fields.map { f in
            let parts = f.split(separator: "=", maxSplits: 1).map(String.init)
            return ReportField(name: parts[0], value: parts.count > 1 ? parts[1] : "")
        }
        return o
    }
}
