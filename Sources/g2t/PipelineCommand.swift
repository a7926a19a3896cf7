import ArgumentParser
import G2TCore
import Knowledge
import Pipeline
import Reporting

/// `g2t pipeline`: every stage on one sample.
struct PipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Call, annotate, score and report one sample.",
        discussion: """
        Writes DIR/ID.g2t.vcf.gz (+ .tbi), DIR/ID.report.json, DIR/ID.report.html and four TSVs, then
        DIR/ID.manifest.json listing them with their SHA-256: the set is complete exactly when the manifest
        verifies (see README, Outputs). DIR is locked while g2t writes into it.

        Examples:
          g2t pipeline TestData/samples/demo-nsclc.bam --tumor-type LUAD
          g2t pipeline tumour.cram --reference GRCh38.fa --sample P-0042 --out results/
        """)

    @OptionGroup var calling: CallingFlags

    @OptionGroup var report: ReportFlags

    @OptionGroup var knowledgeBase: KnowledgeBaseFlags

    func run() throws {
        try reportingErrors {
            let options = try calling.options()
            try RunDate.validate(environment: options.environment)
            // G2T_TIMINGS=1: wall and CPU per stage on stderr (outputs unchanged).
            var timings = StageTimings.fromEnvironment()
            defer { timings.report(sum: ["annotate", "score", "write"], as: "report stage (annotate + score + write)", printError) }
            if timings.enabled { _ = try timings.measure("panel (both builds)") { try PanelSet.bundled() } }
            // A --kb file is read and checked before the work, so a bad one fails at once; the bundled
            // one (checked by the tests) is taken when scoring, from the start-up thread's parse
            // (`ProcessSetup.prefetchBundledPanel`), which with a second core overlaps the counting.
            let named = try knowledgeBase.kb.map { _ in try timings.measure("knowledge base") { try knowledgeBase.load() } }
            // Locked before the work, so a second run into the same --out fails at once.
            let dir = try OutputDirectory.open(report.out)
            let w: ReportFiles.Written
            do {
                // Taken before the input is read (a missing input is reported by the call stage).
                let before = try? FileStamp.of(options.input)
                var a = try timings.measure("call") { try Stages.call(options, log: printError) }
                // In place: one list of the variants throughout (a dense VCF has 200,000).
                try timings.measure("annotate") { try Stages.annotate(&a, threads: calling.threads) }
                let knowledge = try named ?? timings.measure("knowledge base") { try knowledgeBase.load() }
                try timings.measure("score") { try Stages.score(&a, kb: knowledge, threads: calling.threads) }
                w = try timings.measure("write") {
                    let provenance = try RunSettings.provenance(options, analysis: a, inputStamp: try before ?? FileStamp.of(options.input), knowledgeBaseSHA256: knowledge.sha256,
                                                                disclaimer: report.disclaimer)
                    return try ReportFiles.write(a, to: report.out, disclaimer: report.disclaimer, provenance: provenance, threads: calling.threads)
                }
            } catch {
                dir.removeIfUnused()
                throw error
            }
            print("Report: \(w.html)")
            print("JSON:   \(w.json)")
            print("VCF:    \(w.vcf)")
            if report.pdf { printPDF(w.html) }
        }
    }
}
