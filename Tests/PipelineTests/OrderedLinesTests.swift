import Foundation
@testable import G2TCore
import Knowledge
@testable import Pipeline
import Synchronization
import Testing
import TestSupport

/// `OrderedLines`, `g2t rescore`'s scheduler: every line's result handed on once, in input order,
/// with at most `window` lines between the next one due and the last one read, whatever the thread
/// count, the window and the order in which workers finish.
@Suite struct OrderedLinesTests {
    /// What a run saw: the lines read (under the input lock) and the results emitted (one emitter at
    /// a time). Unsynchronised on purpose: the scheduler's locks are what make this safe, and
    /// ThreadSanitizer (`swift test --sanitize=thread`) reports a race if they do not.
    final class Log: @unchecked Sendable {
        var read = 0
        var emitted: [(index: Int, value: String)] = []
        var widest = 0
    }

    struct Stop: Error {}

    /// Runs `count` lines ("line N") through `threads` workers, each line taking a random few hundred
    /// microseconds (or failing to emit at `failAt`).
    static func run(_ count: Int, threads: Int, window: Int, seed: UInt64, failAt: Int? = nil) throws -> (log: Log, emitted: Int) {
        let log = Log()
        let done = Atomic<Int>(0)
        var rng = SplitMix64(seed: seed)
        let delays = (0..<count).map { _ in UInt32(rng.next() % 400) }
        let emitted = try OrderedLines.run(threads: threads, window: window, state: { _ in [UInt8]() }, read: { line in
            guard log.read < count else { return false }
            // Lines read but not yet emitted, this one included: never more than the window.
            log.widest = max(log.widest, log.read + 1 - done.load(ordering: .sequentiallyConsistent))
            line = Array("line \(log.read)".utf8)
            log.read += 1
            return true
        }, work: { line in
            let text = String(decoding: line, as: UTF8.self)
            if let n = Int(text.dropFirst(5)), n < delays.count { usleep(delays[n]) }
            return text
        }, emit: { i, value in
            if i == failAt { throw Stop() }
            log.emitted.append((i, value))
            done.add(1, ordering: .sequentiallyConsistent)
        })
        return (log, emitted)
    }

    @Test(arguments: [(1, 1), (1, 5), (2, 1), (2, 2), (2, 16), (3, 2), (4, 1), (4, 3), (8, 128)])
    func everyLineOnceInOrderWithinTheWindow(threads: Int, window: Int) throws {
        for seed in 1...3 as ClosedRange<UInt64> {
            let (log, emitted) = try Self.run(120, threads: threads, window: window, seed: seed)
            #expect(emitted == 120)
            #expect(log.emitted.map(\.index) == Array(0..<120), "threads \(threads), window \(window)")
            #expect(log.emitted.map(\.value) == (0..<120).map { "line \($0)" })
            #expect(log.widest <= window && log.widest >= 1, "\(log.widest) lines held, window \(window)")
        }
    }

    @Test(arguments: [1, 2, 4])
    func noLinesAndOneLine(threads: Int) throws {
        let (empty, none) = try Self.run(0, threads: threads, window: 2, seed: 1)
        #expect(none == 0 && empty.emitted.isEmpty && empty.read == 0)
        let (one, emitted) = try Self.run(1, threads: threads, window: 1, seed: 1)
        #expect(emitted == 1 && one.emitted.map(\.index) == [0] && one.emitted.map(\.value) == ["line 0"])
    }

    /// An error thrown by `emit` stops the run, reaches the caller, and nothing after it is emitted.
    @Test(arguments: [(1, 1), (2, 1), (2, 8), (4, 2)])
    func anEmitErrorStopsTheRun(threads: Int, window: Int) throws {
        var log: Log?
        #expect(throws: Stop.self) { log = try Self.run(200, threads: threads, window: window, seed: 7, failAt: 37).log }
        #expect(log == nil)
        // The lines before it were emitted in order, before the error stopped the rest.
        let seen = Log()
        do {
            _ = try OrderedLines.run(threads: threads, window: window, state: { _ in [UInt8]() }, read: { line in
                guard seen.read < 200 else { return false }
                line = [UInt8(seen.read % 256)]
                seen.read += 1
                return true
            }, work: { line in Int(line[0]) }, emit: { i, v in
                if i == 37 { throw Stop() }
                seen.emitted.append((i, "\(v)"))
            })
            Issue.record("no error")
        } catch is Stop {}
        #expect(seen.emitted.map(\.index) == Array(0..<37))
        #expect(seen.read <= 37 + window, "reading stopped within the window after the error (\(seen.read) read)")
    }

    /// `g2t rescore` with bad lines among good ones: at any thread count and window, the same
    /// output bytes and the same failures, named by their line numbers, in line order.
    @Test func rescoreKeepsOrderAndLineNumbersWithFailuresInterleaved() throws {
        let dir = try TestSupport.tempDir()
        let good = try ScoredLineTests.annotatedSamples().prefix(4).map { String(decoding: try ScoredLineTests.line($0.analysis), as: UTF8.self) }
        let bad = ["{\"not\": \"an analysis\"}", "", "[1, 2", "{\"sample\": 01}"]
        // Bad lines at the start, the end, side by side and scattered.
        let badAt: Set<Int> = [0, 3, 4, 5, 11, 18, 30]
        let lines = (0..<31).map { badAt.contains($0) ? bad[$0 % bad.count] : good[$0 % good.count] }
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/cohort.jsonl", atomically: true, encoding: .utf8)
        let context = try ScoringContext(kb: try KnowledgeBaseLoader.bundled())
        var reference: (Data, [String])?
        for (threads, window) in [(1, 128), (1, 1), (2, 1), (2, 3), (3, 2), (4, 1), (4, 128)] {
            let out = "\(dir)/out-\(threads)-\(window).jsonl"
            let summary = try CohortRescorer(context: context, threads: threads, chunkSize: window).run(input: dir + "/cohort.jsonl", output: out)
            #expect(summary.samples == 31 - badAt.count)
            #expect(summary.failures.count == badAt.count)
            let numbers = summary.failures.compactMap { f in f.split(separator: ":").dropFirst().first.flatMap { Int($0.dropFirst(" line ".count)) } }
            #expect(numbers == badAt.sorted().map { $0 + 1 }, "\(summary.failures)")
            #expect(summary.failures.allSatisfy { $0.hasPrefix(dir + "/cohort.jsonl: line ") })
            let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
            // Each good line's output, in order: the scored line of the annotated input (`annotated` member first).
            let outLines = bytes.split(separator: 10).map { String(decoding: $0, as: UTF8.self) }
            let kept = lines.indices.filter { !badAt.contains($0) }
            #expect(outLines.count == kept.count)
            for (o, i) in zip(outLines, kept) { #expect(o.hasPrefix("{\"annotated\":" + lines[i] + ","), "line \(i + 1)") }
            if let (data, failures) = reference {
                #expect(bytes == data && summary.failures == failures, "threads \(threads), window \(window)")
            } else {
                reference = (bytes, summary.failures)
            }
        }
    }

    @Test func rescoreOfAnEmptyFileAndOfOneLine() throws {
        let dir = try TestSupport.tempDir()
        let context = try ScoringContext(kb: try KnowledgeBaseLoader.bundled())
        try Data().write(to: URL(fileURLWithPath: dir + "/empty.jsonl"))
        for threads in [1, 2] {
            let summary = try CohortRescorer(context: context, threads: threads).run(input: dir + "/empty.jsonl", output: dir + "/e\(threads).jsonl")
            #expect(summary == CohortRescorer.Summary())
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/e\(threads).jsonl")).isEmpty)
        }
        let line = try ScoredLineTests.line(try #require(try ScoredLineTests.annotatedSamples().first).analysis)
        // Without its final line break, and with CR LF: the same one line.
        try Data(line).write(to: URL(fileURLWithPath: dir + "/one.jsonl"))
        try Data(line + [13, 10]).write(to: URL(fileURLWithPath: dir + "/crlf.jsonl"))
        var outputs: [Data] = []
        for (name, threads) in [("one", 1), ("one", 3), ("crlf", 2)] {
            let summary = try CohortRescorer(context: context, threads: threads, chunkSize: 1).run(input: "\(dir)/\(name).jsonl", output: "\(dir)/o.jsonl")
            #expect(summary.samples == 1 && summary.failures.isEmpty)
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: dir + "/o.jsonl")))
        }
        #expect(outputs[0].filter { $0 == 10 }.count == 1 && outputs.allSatisfy { $0 == outputs[0] })
    }
}
