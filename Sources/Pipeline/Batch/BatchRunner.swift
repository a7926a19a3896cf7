import Dispatch
import G2TCore
import HTS
import Knowledge
import Reporting
import Synchronization
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Runs every sample of a sample sheet, each in its own `g2t pipeline` process (a crash or hang
/// ends only that sample), with bounded parallelism. A sample whose report set verifies against
/// its manifest and was made from the same input, reference, knowledge base, panel of normals,
/// settings and g2t is skipped (resume); a failing sample is recorded with its error and how its
/// process ended while the others finish.
package struct BatchRunner: Sendable {
    package var out: String
    /// Samples run at once.
    package var jobs: Int
    /// Threads each sample's caller uses.
    package var threadsPerSample: Int
    package var kb: LoadedKnowledgeBase
    /// The knowledge base's file, passed to the children (nil: the bundled one).
    package var kbPath: String?
    package var reference: String?
    package var disclaimer: String
    package var environment: [String: String]
    /// The g2t executable run for each sample (`g2t pipeline`).
    package var executable: String
    /// Seconds a sample may run before it is killed and marked failed (nil: no limit).
    package var timeout: Double?
    /// Re-run samples whose outputs are up to date.
    package var force = false

    package init(out: String, jobs: Int, threadsPerSample: Int = 1, kb: LoadedKnowledgeBase, kbPath: String? = nil, reference: String? = nil,
                disclaimer: String = ReportRenderer.defaultDisclaimer, environment: [String: String] = [:], executable: String,
                timeout: Double? = nil) {
        self.out = out
        self.jobs = max(1, jobs)
        self.threadsPerSample = max(1, threadsPerSample)
        self.kb = kb
        self.kbPath = kbPath
        self.reference = reference
        self.disclaimer = disclaimer
        self.environment = environment
        self.executable = executable
        self.timeout = timeout
    }

    /// Progress after each sample: records so far (in completion order) and the total.
    package typealias Progress = @Sendable (_ finished: BatchRecord, _ done: Int, _ total: Int) -> Void

    /// Runs the sheet; returns one record per row, in sheet order, and writes the batch summary
    /// (batch-summary.tsv, batch-summary.json, cohort.html) into `out`.
    package func run(_ sheet: SampleSheet, progress: Progress = { _, _, _ in }) throws -> [BatchRecord] {
        try RunDate.validate(environment: environment)
        let dir = try OutputDirectory.open(out)
        // Children's stderr goes to files in a private folder, removed at the end (or by the next run's recovery).
        let logs = try dir.makeStaging()
        defer { StagedSet.removeStaging(logs) }
        let rows = sheet.rows
        let finished = Atomic<Int>(0)
        let records = ParallelMap.map(rows.count, threads: jobs) { i in
            let record = runOne(rows[i], logs: logs)
            progress(record, finished.add(1, ordering: .relaxed).newValue, rows.count)
            return record
        }
        try writeSummary(records, title: sheet.path, directory: dir)
        return records
    }

    /// The options a row runs with: the same value gives the child's command line and the settings resume compares.
    func options(_ row: SampleSheet.Row) -> CallOptions {
        var o = CallOptions(input: row.input, reference: reference, sampleID: row.sample, tumorType: row.tumorType,
                            threads: threadsPerSample, environment: environment)
        o.pon = row.pon
        o.vcfSample = row.vcfSample
        o.normal = row.normal
        o.purity = row.purity
        o.amplicons = row.amplicons
        o.umiTag = row.umiTag
        o.abcb1Expression = row.abcb1Expression
        o.expression = row.expression
        o.priorTherapies = row.priorTherapies
        if let p = row.parameters { o.parameters = p }
        return o
    }

    /// `g2t pipeline` arguments for a row.
    func arguments(_ row: SampleSheet.Row, dir: String) -> [String] {
        let o = options(row)
        var args = ["pipeline", o.input, "--out", dir, "--sample", row.sample, "--threads", "\(o.threads)", "--disclaimer", disclaimer]
        if let t = o.tumorType { args += ["--tumor-type", t] }
        if let r = o.reference { args += ["--reference", r] }
        if let p = o.pon { args += ["--pon", p] }
        if let v = o.vcfSample { args += ["--vcf-sample", v] }
        if let n = o.normal { args += ["--normal", n] }
        if let p = o.purity { args += ["--purity", "\(p)"] }
        if let a = o.amplicons { args += ["--amplicons", a] }
        if let t = o.umiTag { args += ["--umi-tag", t] }
        if let e = o.abcb1Expression { args += ["--abcb1-expression", "\(e)"] }
        for e in o.expression { args += ["--expression", "\(e.gene)=\(e.tpm)"] }
        for d in o.priorTherapies { args += ["--prior-therapy", d] }
        if let c = row.config { args += ["--config", c] }
        if let kbPath { args += ["--kb", kbPath] }
        return args
    }

    func runOne(_ row: SampleSheet.Row, logs: String) -> BatchRecord {
        let start = ContinuousClock.now
        let dir = "\(out)/\(row.sample)"
        let report = "\(row.sample)/\(row.sample).report.html"
        // Under SOURCE_DATE_EPOCH summaries must be reproducible: no run times.
        let reproducible = RunDate.isReproducible(environment: environment)
        func seconds() -> Double {
            if reproducible { return 0 }
            let d = ContinuousClock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        // A publish an interrupted run left half done is finished (or its staging removed) first.
        try? OutputDirectory.recoverIfIdle(dir)
        if !force, let a = upToDate(row, dir: dir) {
            return BatchSummary.record(a, status: .skipped, input: row.input, seconds: seconds(), report: report)
        }
        func failed(_ error: String, exit: String) -> BatchRecord {
            var r = BatchRecord(status: .failed, sample: row.sample, input: row.input, tumorType: row.tumorType ?? "",
                                seconds: seconds(), error: error)
            r.exit = exit
            return r
        }
        let log = "\(logs)/\(row.sample).stderr"
        let ending: ChildProcess.Ending
        do {
            // The child dies with this process (ParentDeath), so a killed batch leaves no sample running.
            let childEnvironment = environment.merging([ParentDeath.parentVariable: "\(getpid())"]) { _, parent in parent }
            ending = try ChildProcess.run(executable, arguments(row, dir: dir), environment: childEnvironment, stderrPath: log, timeout: timeout)
        } catch {
            return failed("\(error)", exit: "not started")
        }
        let stderr = SafeFile.read(log).map { String(decoding: $0, as: UTF8.self) } ?? ""
        guard ending == .exited(0) else {
            let lines = stderr.split(separator: "\n").map(String.init)
            let error = lines.last { $0.hasPrefix("g2t: error: ") }.map { String($0.dropFirst("g2t: error: ".count)) }
            switch ending {
            case .exited: return failed(error ?? lines.last ?? "g2t pipeline failed without a message", exit: ending.text)
            case .signalled: return failed("g2t pipeline crashed (\(ending.text)); its outputs were not published", exit: ending.text)
            case .timedOut(let t): return failed("did not finish within --timeout \(t) s; killed", exit: ending.text)
            }
        }
        guard let m = ReportManifest.read(directory: dir, id: row.sample), m.verify(in: dir),
              let a = try? StageFile.read("\(dir)/\(row.sample).report.json", requiring: .score) else {
            return failed("g2t pipeline exited 0 but its report set does not verify", exit: ending.text)
        }
        var r = BatchSummary.record(a, status: .done, input: row.input, seconds: seconds(), report: report)
        r.exit = ending.text
        return r
    }

    /// The finished analysis when the sample's report set verifies and was made from the same
    /// things this run would use. The input is compared by stamp (size, mtime, inode) first, then by
    /// SHA-256, so an input replaced by a file with an older date is not taken for the old one.
    func upToDate(_ row: SampleSheet.Row, dir: String) -> Analysis? {
        guard let m = ReportManifest.read(directory: dir, id: row.sample), let p = m.provenance, m.verify(in: dir) else { return nil }
        let o = options(row)
        guard p.g2t == "\(G2TVersion.current) (\(G2TVersion.commit))", p.knowledgeBaseSHA256 == kb.sha256,
              p.settings == RunSettings.of(o, tumorType: row.tumorType, disclaimer: disclaimer),
              let input = try? FileStamp.of(row.input), input.sameFile(as: p.input) else { return nil }
        if let r = o.reference {
            guard let s = try? FileStamp.of(r), let recorded = p.reference, s.sameFile(as: recorded) else { return nil }
        } else if p.reference != nil { return nil }
        if let pon = o.pon {
            guard let s = try? FileDigest.sha256(path: pon), p.ponSHA256 == s else { return nil }
        } else if p.ponSHA256 != nil { return nil }
        guard (try? FileDigest.sha256(path: row.input)) == p.inputSHA256 else { return nil }
        return try? StageFile.read("\(dir)/\(row.sample).report.json", requiring: .score)
    }

    func writeSummary(_ records: [BatchRecord], title: String, directory: OutputDirectory) throws {
        let set = try StagedSet(directory: directory, id: "batch-summary")
        do {
            try set.write(Array(BatchSummary.tsv(records).utf8), as: "batch-summary.tsv")
            try set.write(try BatchSummary.json(records), as: "batch-summary.json")
            try set.write(Array(try BatchSummary.html(records, title: title, disclaimer: disclaimer).utf8), as: "cohort.html")
            try set.publish()
        } catch {
            set.abandon()
            throw error
        }
    }
}
