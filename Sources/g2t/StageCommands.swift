import ArgumentParser
import G2TCore
import Knowledge
import Pipeline
import Reporting
#if canImport(Glibc)
import Glibc
#endif

/// `g2t call`: reads → analysis JSON with variants, hotspots and coverage.
struct CallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call", abstract: "Call variants and hotspots in the panel targets.",
        discussion: "Example:\n  g2t call sample.bam --tumor-type LUAD -o sample.calls.json")

    @OptionGroup var calling: CallingFlags

    @Option(name: .shortAndLong, help: "Output analysis JSON.")
    var output: String

    func run() throws {
        try reportingErrors {
            try StageFile.write(try Stages.call(try calling.options(), log: printError), to: output)
        }
    }
}

/// `g2t annotate`: adds HGVS and consequences.
struct AnnotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate", abstract: "Add HGVS c./p., consequence and exon on MANE Select transcripts.",
        discussion: "Example:\n  g2t annotate sample.calls.json -o sample.annotated.json")

    @Argument(help: "Analysis JSON from `g2t call`, or a VCF/BCF from any caller.") var input: String
    @Option(name: .shortAndLong, help: "Output analysis JSON.") var output: String
    @Option(name: .long, help: "For a multi-sample VCF: the sample column to use.") var sample: String?
    @Option(name: .long, help: "For a VCF whose header gives no panel chromosome's length: GRCh38 or GRCh37.") var build: GenomeBuild?
    @Option(name: .long, help: "Reference FASTA to check the VCF's REF alleles against (default: bundled panel sequence).") var reference: String?
    @Option(name: .customLong("tumor-type"), help: "OncoTree code or name, for a VCF input.") var tumorType: String?

    func run() throws {
        try reportingErrors {
            let analysis: Analysis
            if try Stages.isVariantFile(input) {
                var env: [String: String] = [:]
                if let s = getenv("SOURCE_DATE_EPOCH") { env["SOURCE_DATE_EPOCH"] = String(cString: s) }
                analysis = try Stages.call(CallOptions(input: input, reference: reference, sampleID: sample, tumorType: tumorType,
                                                       build: build, environment: env), log: printError)
            } else {
                analysis = try StageFile.read(input, requiring: .call)
            }
            try StageFile.write(try Stages.annotate(analysis), to: output)
        }
    }
}

/// `g2t score`: therapy calls from the knowledge base.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score", abstract: "Score drug sensitivity and resistance against the knowledge base.",
        discussion: "Example:\n  g2t score sample.annotated.json -o sample.scored.json --kb lab-kb.json")

    @Argument(help: "Analysis JSON from `g2t annotate`.") var input: String
    @Option(name: .shortAndLong, help: "Output analysis JSON.") var output: String
    @OptionGroup var knowledgeBase: KnowledgeBaseFlags
    @OptionGroup var workers: ThreadsFlags
    var threads: Int { workers.threads }

    func run() throws {
        try reportingErrors {
            let knowledge = try knowledgeBase.load()
            try StageFile.write(try Stages.score(try StageFile.read(input, requiring: .annotate), kb: knowledge, threads: threads), to: output)
        }
    }
}

/// `g2t report`: the report files from a scored analysis.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write the VCF, JSON and HTML report of an analysis.",
        discussion: "Example:\n  g2t report sample.scored.json --out results/")

    @Argument(help: "Analysis JSON (normally from `g2t score`).") var input: String
    @OptionGroup var report: ReportFlags

    func run() throws {
        try reportingErrors {
            let w = try ReportFiles.write(try StageFile.read(input, requiring: .call), to: report.out, disclaimer: report.disclaimer)
            print("Report: \(w.html)")
            if report.pdf { printPDF(w.html) }
        }
    }
}

/// `g2t rescore`: a cohort of annotated samples against a knowledge base, in parallel.
struct RescoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rescore", abstract: "Score a cohort of annotated samples (JSON Lines) in parallel.",
        discussion: """
        Each input line is one analysis JSON from `g2t annotate` (or a scored one, to re-score with another
        knowledge base). Output lines are in input order and byte-identical for any --threads. A line that
        cannot be scored is reported on stderr with its line number; the others are still written, and the
        exit status is 1.

        Examples:
          g2t rescore cohort.annotated.jsonl -o cohort.scored.jsonl --threads 8
          g2t rescore cohort.scored.jsonl -o cohort.kb2027.jsonl --kb g2t-kb-2027.01.json
        """)

    @Argument(help: "JSON Lines of annotated analyses.") var input: String
    @Option(name: .shortAndLong, help: "Output JSON Lines.") var output: String
    @OptionGroup var knowledgeBase: KnowledgeBaseFlags
    @OptionGroup var workers: ThreadsFlags
    var threads: Int { workers.threads }
    // 128: the window of lines read but not yet written. Workers wait only when one line takes longer
    // than the other workers' next 127 together; the memory held stays a few MB.
    @Option(name: .customLong("chunk"), help: "Samples held in memory at once, at most.") var chunk: Int = 128

    func validate() throws {
        guard chunk >= 1 else { throw ValidationError("--chunk must be at least 1") }
    }

    func run() throws {
        try reportingErrors {
            let knowledge = try knowledgeBase.load()
            let summary = try CohortRescorer(context: try ScoringContext(kb: knowledge), threads: threads, chunkSize: chunk)
                .run(input: input, output: output)
            for f in summary.failures { printError(f) }
            printError("g2t rescore: \(summary.samples) samples scored, \(summary.failures.count) failed; \(output)")
            if !summary.failures.isEmpty { throw ExitCode(1) }
        }
    }
}
