import Dispatch
import G2TCore
import Knowledge
import Reporting
import Synchronization
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Runs every sample of a sample sheet through the pipeline with bounded parallelism. A sample
/// whose outputs are complete and newer than its inputs is skipped (resume); a failing sample is
/// recorded with its error while the others finish.
public struct BatchRunner: Sendable {
    public var out: String
    /// Samples run at once.
    public var jobs: Int
    /// Threads each sample's caller uses.
    public var threadsPerSample: Int
    public var kb: LoadedKnowledgeBase
    public var reference: String?
    public var disclaimer: String
    public var environment: [String: String]
    /// Re-run samples whose outputs are up to date.
    public var force = false

    public init(out: String, jobs: Int, threadsPerSample: Int = 1, kb: LoadedKnowledgeBase, reference: String? = nil,
                disclaimer: String = ReportRenderer.defaultDisclaimer, environment: [String: String] = [:]) {
        self.out = out
        self.jobs = max(1, jobs)
        self.threadsPerSample = max(1, threadsPerSample)
        self.kb = kb
        self.reference = reference
        self.disclaimer = disclaimer
        self.environment = environment
    }

    /// Progress after each sample: records so far (in completion order) and the total.
    public typealias Progress = @Sendable (_ finished: BatchRecord, _ done: Int, _ total: Int) -> Void

    /// Runs the sheet; returns one record per row, in sheet order, and writes the batch summary
    /// (batch-summary.tsv, batch-summary.json, cohort.html) into `out`.
    public func run(_ sheet: SampleSheet, progress: Progress = { _, _, _ in }) throws -> [BatchRecord] {
        let context = try ScoringContext(kb: kb)
        let rows = sheet.rows
        let next = Atomic<Int>(0)
        let finished = Mutex<[Int: BatchRecord]>([:])
        DispatchQueue.concurrentPerform(iterations: min(jobs, rows.count)) { _ in
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < rows.count else { break }
                let record = runOne(rows[i], context: context)
                let n = finished.withLock { f -> Int in
                    f[i] = record
                    return f.count
                }
                progress(record, n, rows.count)
            }
        }
        let records = finished.withLock { f in (0..<rows.count).compactMap { f[$0] } }
        try writeSummary(records, title: sheet.path)
        return records
    }

    func runOne(_ row: SampleSheet.Row, context: ScoringContext) -> BatchRecord {
        let start = ContinuousClock.now
        let dir = "\(out)/\(row.sample)"
        let report = "\(row.sample)/\(row.sample).report.html"
        func seconds() -> Double {
            let d = ContinuousClock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        if !force, let a = upToDate(row, dir: dir) {
            return BatchSummary.record(a, status: "skipped", input: row.input, seconds: seconds(), report: report)
        }
        do {
            var o = CallOptions(input: row.input, reference: reference, sampleID: row.sample, tumorType: row.tumorType,
                                threads: threadsPerSample, environment: environment)
            o.pon = row.pon
            o.abcb1Expression = row.abcb1Expression
            o.priorTherapies = row.priorTherapies
            o.normal = row.normal
            o.purity = row.purity
            let a = try context.score(try Stages.annotate(try Stages.call(o)), threads: 1)
            _ = try ReportFiles.write(a, to: dir, disclaimer: disclaimer)
            return BatchSummary.record(a, status: "done", input: row.input, seconds: seconds(), report: report)
        } catch {
            return BatchRecord(status: "failed", sample: row.sample, input: row.input, tumorType: row.tumorType ?? "",
                               seconds: seconds(), error: "\(error)")
        }
    }

    /// The finished analysis when every output exists and is newer than the sample's inputs.
    func upToDate(_ row: SampleSheet.Row, dir: String) -> Analysis? {
        let outputs = ["report.json", "report.html", "g2t.vcf.gz"].map { "\(dir)/\(row.sample).\($0)" }
        let inputs = [row.input] + [row.pon, row.normal].compactMap { $0 }
        let outTimes = outputs.map(Self.modified), inTimes = inputs.map(Self.modified)
        // Every file must exist: a missing output (or input) means "not up to date".
        guard !outTimes.contains(nil), !inTimes.contains(nil), let o = outTimes.compactMap({ $0 }).min(),
              let i = inTimes.compactMap({ $0 }).max(), o > i,
              let a = try? StageFile.read(outputs[0], requiring: "score") else { return nil }
        // Same parameters and knowledge base, or it is not the same result.
        guard a.knowledgeBase?.sha256 == kb.sha256, a.sample.tumorType == row.tumorType,
              a.expression?.first?.tpm == row.abcb1Expression, a.sample.purity?.given == row.purity,
              (a.sample.priorTherapies ?? []) == row.priorTherapies.map({ kb.kb.drug(matching: $0)?.name ?? $0 }) else { return nil }
        return a
    }

    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    func writeSummary(_ records: [BatchRecord], title: String) throws {
        let w = OutputWriter(directory: out)
        do {
            try w.write(Array(BatchSummary.tsv(records).utf8), as: "batch-summary.tsv")
            try w.write(try BatchSummary.json(records), as: "batch-summary.json")
            try w.write(Array(try BatchSummary.html(records, title: title, disclaimer: disclaimer).utf8), as: "cohort.html")
            try w.commit()
        } catch {
            w.abandon()
            throw error
        }
    }
}
