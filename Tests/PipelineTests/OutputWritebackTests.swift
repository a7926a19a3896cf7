import Foundation
@testable import G2TCore
import Knowledge
@testable import Pipeline
import Testing
import TestSupport

/// `OutputWriteback`: `g2t rescore` asks for its output's writeback window by window. The requests
/// change when bytes reach the disk, never which bytes are written.
@Suite struct OutputWritebackTests {
    @Test func rescoreWritesTheSameBytesWithAndWithoutWritebackRequests() throws {
        let dir = try TestSupport.tempDir()
        let lines = try ScoredLineTests.annotatedSamples().prefix(6).map { String(decoding: try ScoredLineTests.line($0.analysis), as: UTF8.self) }
        let cohort = (0..<30).map { lines[$0 % lines.count] }
        try (cohort.joined(separator: "\n") + "\n").write(toFile: dir + "/cohort.jsonl", atomically: true, encoding: .utf8)
        let context = try ScoringContext(kb: try KnowledgeBaseLoader.bundled())
        // nil: never requested (the kernel's schedule); 1 byte: after every line; 4 KB: inside a chunk.
        let runs: [(threads: Int, window: Int?)] = [(1, nil), (1, 1), (2, 1), (2, 4096), (1, OutputWriteback.defaultWindow)]
        var outputs: [Data] = []
        for (n, run) in runs.enumerated() {
            let out = "\(dir)/out\(n).jsonl"
            let summary = try CohortRescorer(context: context, threads: run.threads, chunkSize: 4, writebackWindow: run.window)
                .run(input: dir + "/cohort.jsonl", output: out)
            #expect(summary.samples == 30 && summary.failures.isEmpty)
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: out)))
        }
        #expect(outputs[0].count > 30 * 1_000 && outputs[0].filter { $0 == 10 }.count == 30)
        for (n, o) in outputs.enumerated() { #expect(o == outputs[0], "run \(n) \(runs[n])") }
    }

    @Test func writebackIsRequestedOncePerWindowAfterAFlush() {
        var flushes = 0
        var w = OutputWriteback(fd: -1, window: 100)
        w.wrote(60) { flushes += 1; return true }
        #expect(flushes == 0 && w.requested == 0 && w.written == 60)
        w.wrote(60) { flushes += 1; return true }
        #expect(flushes == 1 && w.requested == 120)
        // A failed flush: nothing requested (the write error is the caller's to report).
        w.wrote(150) { false }
        #expect(w.requested == 120 && w.written == 270)
        w.wrote(0) { flushes += 1; return true }
        #expect(flushes == 2 && w.requested == 270)
        var never = OutputWriteback(fd: -1, window: nil)
        never.wrote(1 << 30) { flushes += 1; return true }
        #expect(flushes == 2 && never.requested == 0 && never.written == 1 << 30)
    }
}
