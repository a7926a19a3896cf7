import ArgumentParser
import G2TCore
import Knowledge
import Pipeline
import Reporting
#if canImport(Glibc)
import Glibc
#endif

/// `g2t batch`: every sample of a sample sheet.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch", abstract: "Run the pipeline on every sample of a sample sheet, in parallel.",
        discussion: """
        The sample sheet is CSV with the columns sample,input,tumor_type and optionally abcb1_expression,
        pon, normal (matched normal reads, as --normal), purity (as --purity) and config (a thresholds file, as --config) (nf-core style); relative paths are read from the working directory, else beside
        the sheet. It is checked before anything runs: every problem is listed with its line number.

        Each sample runs as its own `g2t pipeline` process (at most --jobs at once) and its report set goes
        to DIR/SAMPLE/, published whole with a manifest (see README, Outputs). A sample whose manifest
        verifies and records the same input (size, mtime, inode, then SHA-256), reference, knowledge base,
        panel of normals, settings and g2t version is skipped, so a re-run resumes. A failing, crashing or
        timed-out sample is marked failed with its error and exit status or signal, and the others finish;
        the exit status is 1 if any failed. DIR/batch-summary.tsv, DIR/batch-summary.json and
        DIR/cohort.html list every sample; under SOURCE_DATE_EPOCH they hold no run times (seconds 0).
        DIR is locked while the batch runs: a second run into it fails at once.

        Examples:
          g2t batch TestData/samplesheet.csv --out batch-results --jobs 2
          g2t batch cohort.csv --out /scratch/run42 --jobs 8 --kb lab-kb.json
        """)

    @Argument(help: "Sample sheet (CSV).") var sheet: String
    @Option(name: .long, help: "Output directory.") var out: String = "g2t-batch"
    @Option(name: .long, help: "Samples run at once.") var jobs: Int = 2
    @Option(name: .long, help: "Threads per sample.") var threads: Int = 1
    @OptionGroup var knowledgeBase: KnowledgeBaseFlags
    @Option(name: .long, help: "Reference FASTA (needed for CRAM inputs).") var reference: String?
    @Option(name: .long, help: "Banner text of the HTML reports.") var disclaimer: String = ReportRenderer.defaultDisclaimer
    @Option(name: .long, help: "Seconds a sample may run before it is killed and marked failed (default: no limit).") var timeout: Double?
    @Flag(name: .long, help: "Re-run samples whose outputs are up to date.") var force = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if let timeout, !(timeout > 0 && timeout <= 1e7) { throw ValidationError("--timeout must be a number of seconds above 0") }
    }

    func run() throws {
        var failed = 0
        try reportingErrors {
            let samples = try SampleSheet.load(sheet)
            let knowledge = try knowledgeBase.load()
            var env: [String: String] = [:]
            if let s = getenv("SOURCE_DATE_EPOCH") { env["SOURCE_DATE_EPOCH"] = String(cString: s) }
            try RunDate.validate(environment: env)
            var runner = BatchRunner(out: out, jobs: jobs, threadsPerSample: threads, kb: knowledge, kbPath: knowledgeBase.kb, reference: reference,
                                     disclaimer: disclaimer, environment: env, executable: Self.executable, timeout: timeout)
            runner.force = force
            let tty = isatty(2) == 1
            let start = ContinuousClock.now
            let records = try runner.run(samples) { r, done, total in
                let d = ContinuousClock.now - start
                let elapsed = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
                let rate = elapsed > 0 ? Double(done) / elapsed : 0
                let eta = rate > 0 ? Int((Double(total - done) / rate).rounded()) : 0
                let line = "[\(done)/\(total)] \(r.sample): \(r.status.rawValue)\(r.error.isEmpty ? "" : " — \(r.error)")"
                if tty {
                    // One updating progress line; failures stay on screen.
                    let status = "\r\u{1B}[K[\(done)/\(total)] \(TextFormat.oneDecimal(rate * 60)) samples/min, ETA \(eta / 60)m\(eta % 60)s"
                    if r.status == .failed { writeError("\r\u{1B}[K\(line)\n") }
                    writeError(status + (done == total ? "\n" : ""))
                } else {
                    writeError(line + " (\(TextFormat.oneDecimal(r.seconds)) s)\n")
                }
            }
            failed = records.filter { $0.status == .failed }.count
            let skipped = records.filter { $0.status == .skipped }.count
            print("Batch: \(records.count) samples, \(records.count - failed - skipped) done, \(skipped) skipped, \(failed) failed")
            print("Summary: \(out)/batch-summary.tsv, \(out)/batch-summary.json, \(out)/cohort.html")
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

extension BatchCommand {
    /// This very binary, for the per-sample `g2t pipeline` children.
    static var executable: String {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        return n > 0 ? String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
    }
}
