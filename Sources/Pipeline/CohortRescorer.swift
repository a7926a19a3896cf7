import Dispatch
import G2TCore
import Synchronization
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Re-scores a cohort of annotated analyses (JSON Lines, one sample per line) against a knowledge
/// base: the parallel core. Lines are read in chunks; within a chunk, workers take contiguous
/// slices and return their own results, which are written in input order, so the output is the
/// same bytes whatever the thread count. Memory stays bounded by the chunk size.
package struct CohortRescorer: Sendable {
    package let context: ScoringContext
    package let threads: Int
    package let chunkSize: Int
    /// One context per worker, sharing no storage (see `ScoringContext.replica()`).
    let replicas: [ScoringContext]

    package init(context: ScoringContext, threads: Int, chunkSize: Int = 2048) throws {
        self.context = context
        self.threads = max(1, threads)
        self.chunkSize = max(1, chunkSize)
        replicas = self.threads > 1 ? try (0..<self.threads).map { _ in try context.replica() } : [context]
    }

    /// What a run did.
    package struct Summary: Sendable, Equatable {
        package var samples = 0
        /// "line N: problem" for each line that could not be scored (the others still are).
        package var failures: [String] = []
    }

    /// Scores `input` into `output` (written to a temporary file, then renamed).
    package func run(input: String, output: String) throws -> Summary {
        guard let inFile = fopen(input, "rb") else { throw PipelineError.badInput(path: input, detail: "cannot read (no such file?)") }
        defer { fclose(inFile) }
        // An unpredictable temporary name created exclusively (mkstemp): never through a planted symlink.
        var template = Array("\(output).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buf in buf.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { throw PipelineError.output(path: output, detail: "cannot create a temporary file beside it") }
        let temp = template.withUnsafeBufferPointer { buf in buf.baseAddress.map { String(cString: $0) } ?? "" }
        fchmod(fd, 0o644)
        guard let outFile = fdopen(fd, "wb") else {
            close(fd)
            unlink(temp)
            throw PipelineError.output(path: output, detail: "cannot create")
        }
        var summary = Summary()
        var lineNumber = 0
        var ok = false
        // fclose frees the FILE even when its final flush fails: closing it again would be a double free.
        var closed = false
        defer {
            if !ok {
                if !closed { fclose(outFile) }
                unlink(temp)
            }
        }
        var linePtr: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(linePtr) }
        func readChunk() -> [[UInt8]] {
            var chunk: [[UInt8]] = []
            chunk.reserveCapacity(chunkSize)
            while chunk.count < chunkSize {
                let n = getline(&linePtr, &capacity, inFile)
                guard n >= 0, let p = linePtr else { break }
                var bytes = Array(UnsafeRawBufferPointer(start: p, count: n))
                while let last = bytes.last, last == 10 || last == 13 { bytes.removeLast() }
                chunk.append(bytes)
            }
            return chunk
        }
        func write(_ results: [Result<[UInt8], Message>], firstLine: Int) throws {
            for (i, r) in results.enumerated() {
                switch r {
                case .success(let bytes):
                    let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, outFile) }
                    guard written == bytes.count else { throw PipelineError.output(path: output, detail: "write failed (\(errnoText()); disk full?)") }
                    summary.samples += 1
                case .failure(let message):
                    summary.failures.append("\(input): line \(firstLine + i): \(message.text)")
                }
            }
        }
        // Reading and writing overlap with scoring: while the workers score chunk k, this thread
        // writes chunk k-1's results and reads chunk k+1.
        var chunk = readChunk()
        var previous: (results: [Result<[UInt8], Message>], firstLine: Int)?
        while !chunk.isEmpty {
            let scored = ChunkResults()
            let group = DispatchGroup()
            let lines = chunk
            DispatchQueue.global().async(group: group) {
                let r = score(lines)
                scored.value.withLock { $0 = r }
            }
            if let p = previous { try write(p.results, firstLine: p.firstLine) }
            let first = lineNumber + 1
            lineNumber += chunk.count
            chunk = readChunk()
            group.wait()
            previous = (scored.value.withLock { $0 }, first)
        }
        if let p = previous { try write(p.results, firstLine: p.firstLine) }
        // Flushed and synced before the rename: a power loss never leaves an empty file under the final name.
        let flushed = fflush(outFile) == 0 && fsync(fileno(outFile)) == 0
        let flushError = errno
        let closedOK = fclose(outFile) == 0
        closed = true
        guard flushed, closedOK else {
            throw PipelineError.output(path: output, detail: "write failed (\(errnoText(flushed ? errno : flushError)); disk full?)")
        }
        ok = true
        guard rename(temp, output) == 0 else {
            unlink(temp)
            throw PipelineError.output(path: output, detail: "cannot move into place")
        }
        return summary
    }

    /// A failure message that can cross threads.
    package struct Message: Error, Sendable { package var text: String }

    /// Each line decoded, scored and encoded (a JSON line with its newline), in input order.
    /// Workers take the next unclaimed line from an atomic counter (samples differ in cost), keep
    /// their results locally, and hand them over once; the merge restores input order.
    package func score(_ lines: [[UInt8]]) -> [Result<[UInt8], Message>] {
        if min(threads, lines.count) <= 1 { return lines.map { scoreLine($0, context) } }
        let replicas = self.replicas
        do {
            return try ParallelMap.map(lines.count, threads: threads, state: { w in replicas[w % replicas.count] }) { ctx, i in
                scoreLine(lines[i], ctx)
            }
        } catch {
            // Unreachable: scoring reports failures per line and never throws.
            return lines.map { _ in .failure(Message(text: "\(error)")) }
        }
    }

    func scoreLine(_ line: [UInt8], _ context: ScoringContext) -> Result<[UInt8], Message> {
        do {
            let a = try JSONCoding.decode(Analysis.self, from: line)
            guard a.has(.annotate) else { return .failure(Message(text: "not annotated (run `g2t annotate` first)")) }
            let scored = try context.score(a, threads: 1)
            return .success(try JSONCoding.encode(scored, .line))
        } catch let e as DecodingError {
            return .failure(Message(text: "not an analysis JSON (\(Self.describe(e)))"))
        } catch {
            return .failure(Message(text: "\(error)"))
        }
    }

    static func describe(_ e: DecodingError) -> String {
        switch e {
        case .keyNotFound(let k, _): return "missing key '\(k.stringValue)'"
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            return c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") + ": " + c.debugDescription
        @unknown default: return "invalid"
        }
    }
}

/// Results of one chunk, handed from the scoring task to the writing thread.
private final class ChunkResults: Sendable {
    let value = Mutex<[Result<[UInt8], CohortRescorer.Message>]>([])
}
