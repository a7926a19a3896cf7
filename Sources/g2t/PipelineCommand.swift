import ArgumentParser
import Knowledge
import Pipeline
import Reporting

/// `g2t pipeline`: every stage on one sample.
struct PipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Call, annotate, score and report one sample.",
        discussion: """
        Writes DIR/ID.g2t.vcf.gz (+ .tbi), DIR/ID.report.json and DIR/ID.report.html, all or nothing.

        Examples:
          g2t pipeline TestData/samples/demo-nsclc.bam --tumor-type LUAD
          g2t pipeline tumour.cram --reference GRCh38.fa --sample P-0042 --out results/
        """)

    @OptionGroup var calling: CallingFlags

    @Option(name: .long, help: "Output directory.")
    var out: String = "g2t-results"

    @Option(name: .long, help: "Knowledge base JSON (default: the bundled one).")
    var kb: String?

    @Option(name: .long, help: "Banner text of the HTML report.")
    var disclaimer: String = ReportRenderer.defaultDisclaimer

    @Flag(name: .long, help: "Also write ID.report.pdf with headless Chromium (when installed).")
    var pdf = false

    func run() throws {
        try reportingErrors {
            let knowledge = try kb.map(KnowledgeBaseLoader.load(path:)) ?? KnowledgeBaseLoader.bundled()
            var a = try Stages.call(calling.options, log: printError)
            a = try Stages.annotate(a)
            a = try Stages.score(a, kb: knowledge, threads: calling.threads)
            let w = try ReportFiles.write(a, to: out, disclaimer: disclaimer)
            print("Report: \(w.html)")
            print("JSON:   \(w.json)")
            print("VCF:    \(w.vcf)")
            if pdf { printPDF(w.html) }
        }
    }
}
