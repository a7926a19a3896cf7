import G2TCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Re-scores a cohort of annotated analyses (JSON Lines, one sample per line) against a knowledge
/// base: the parallel core. Each worker reads the next line, scores it and, when its result is the
/// one due, writes the results ready in input order (`OrderedLines`), so the output is the same bytes
/// whatever the thread count. Memory stays bounded by the window (`chunkSize` lines).
package struct CohortRescorer: Sendable {
    package let context: ScoringContext
    package let threads: Int
    /// Lines read but not yet written, at most (`--chunk`): the memory bound.
    package let chunkSize: Int
    /// One context per worker, sharing no storage (see `ScoringContext.replica()`).
    let replicas: [ScoringContext]

    /// Bytes of output between two requests for its writeback (`OutputWriteback`; nil: never).
    package let writebackWindow: Int?

    package init(context: ScoringContext, threads: Int, chunkSize: Int = 128,
                 writebackWindow: Int? = OutputWriteback.defaultWindow) throws {
        self.context = context
        self.threads = max(1, threads)
        self.chunkSize = max(1, chunkSize)
        self.writebackWindow = writebackWindow
        replicas = self.threads > 1 ? try (0..<self.threads).map { _ in try context.replica() } : [context]
    }

    /// Size of the input's stdio buffer: 128 KB, ~8,000 read calls per GB (stdio's default, the file
    /// system's 4 KB block, made 250,000), each refill short: it runs under the input lock, where a
    /// worker wanting its next line waits for it (1 MB refills took 0.3-0.8 ms).
    static let ioBuffer = 128 << 10

    /// What a run did.
    package struct Summary: Sendable, Equatable {
        package var samples = 0
        /// "line N: problem" for each line that could not be scored (the others still are).
        package var failures: [String] = []
    }

    /// Scores `input` into `output` (written to a temporary file, then renamed).
    package func run(input: String, output: String) throws -> Summary {
        // Declared first so that it is freed last, after the input is closed. (glibc's setvbuf
        // ignores the size when it allocates the buffer itself: the caller's buffer is needed.)
        let inBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Self.ioBuffer)
        defer { inBuffer.deallocate() }
        guard let inFile = fopen(input, "rb") else { throw PipelineError.badInput(path: input, detail: "cannot read (no such file?)") }
        defer { fclose(inFile) }
        // 128 KB reads (`ioBuffer`).
        setvbuf(inFile, inBuffer, _IOFBF, Self.ioBuffer)
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
        // Unbuffered: each ~40 KB line is one write call straight from its bytes (stdio's 4 KB buffer
        // split it into two calls and copied its tail; a 1 MB buffer copied every byte once more).
        setvbuf(outFile, nil, _IONBF, 0)
        let sink = Sink(file: outFile, writeback: OutputWriteback(fd: fd, window: writebackWindow), input: input, output: output)
        var ok = false
        // fclose frees the FILE even when its final flush fails: closing it again would be a double free.
        var closed = false
        defer {
            if !ok {
                if !closed { fclose(outFile) }
                unlink(temp)
            }
        }
        let input = LineInput(inFile)
        // No reader or writer thread: each worker reads its next line, scores it and, when its result
        // is the one due, writes the results ready in order (`OrderedLines`).
        let replicas = self.replicas
        try OrderedLines.run(threads: threads, window: chunkSize,
                             state: { w in LineWorker(context: replicas[w % replicas.count]) },
                             read: { input.read(into: $0) },
                             work: { worker in scoreLine(worker.line(), worker.context, worker.memo) },
                             emit: { i, result in try sink.write(result, line: i + 1) })
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
        return sink.summary
    }

    /// A failure message that can cross threads.
    package struct Message: Error, Sendable { package var text: String }

    /// One input line scored into a scored line (`ScoredLine`, format "g2t-scored-line/2").
    /// An annotated analysis or a version-2 scored line (its `annotated` member) takes the fast
    /// path; everything else — a version-1 scored analysis, anything the fast path does not read,
    /// every malformed line — is decoded whole by `JSONCoding.decode`, whose errors name the problem.
    package func scoreLine(_ line: [UInt8], _ context: ScoringContext, _ memo: Memo = Memo()) -> Result<[UInt8], Message> {
        if let fast = fastLine(line, context, memo) { return fast }
        // Not JSON by RFC 8259: refused here, where it is found (the tree decoder is lenient with a
        // leading zero or a raw control character in a string, and would read such a line).
        if let e = JSONSyntax.firstError(in: line) { return .failure(Message(text: "not an analysis JSON (\(e))")) }
        do {
            // A version-2 line whose annotated member the fast path did not read: that member alone.
            var a: Analysis
            if let top = JSONMembers(line, in: 0..<line.count), let f = top.range(of: "format"),
               (try? JSONCoding.decodeTree(String.self, from: line, in: f)) == ScoredLine.format, let r = top.range(of: "annotated") {
                a = try JSONCoding.decode(Analysis.self, from: Array(line[r]))
            } else {
                a = try JSONCoding.decode(Analysis.self, from: line)
            }
            guard a.has(.annotate) else { return .failure(Message(text: "not annotated (run `g2t annotate` first)")) }
            // The line's annotated analysis: what scoring reads, without an earlier scoring.
            a.therapies = []
            a.scoring = nil
            a.stages.removeAll { $0 == .score }
            for i in a.variants.indices { a.variants[i].tier = nil }
            var annotated = try JSONCoding.encode(a, .line)
            annotated.removeLast() // its newline
            let parts = ScoringContext.ScoringParts(sample: a.sample, build: a.reference.build, parameters: a.parameters, hotspots: a.hotspots,
                                                    phases: a.phases, genotypes: a.genotypes, copyNumber: a.copyNumber, expression: a.expression)
            return .success(try write(annotated, 0..<annotated.count, parts, variants: a.variants, context, memo))
        } catch let e as DecodingError {
            return .failure(Message(text: "not an analysis JSON (\(Self.describe(e)))"))
        } catch {
            return .failure(Message(text: "\(error)"))
        }
    }

    /// One worker's memory of earlier lines: the last line's `parameters` (a cohort's lines share
    /// their settings, so equal bytes are decoded once) and what scoring derived from the context
    /// (`ScoringContext.Cache`). Not Sendable: each worker has its own.
    package final class Memo {
        var bytes: [UInt8] = []
        var value: CallingParameters?
        let scoring = ScoringContext.Cache()
        package init() {}

        func parameters(_ line: [UInt8], _ r: Range<Int>) throws -> CallingParameters {
            // memcmp: the generic `elementsEqual` over a slice was 1% of `g2t rescore`.
            if let value, line.withUnsafeBytes({ l in bytes.withUnsafeBytes { Self.same(UnsafeRawBufferPointer(rebasing: l[r]), $0) } }) {
                return value
            }
            let v = try JSONCoding.decodeTree(CallingParameters.self, from: line, in: r)
            bytes = Array(line[r])
            value = v
            return v
        }

        static func same(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
            guard a.count == b.count else { return false }
            guard let pa = a.baseAddress, let pb = b.baseAddress else { return a.count == 0 }
            return memcmp(pa, pb, a.count) == 0
        }
    }

    /// The members an annotated analysis must have (`Analysis`'s non-optional keys).
    static let requiredKeys = ["schemaVersion", "sample", "reference", "software", "date", "inputs", "parameters", "variants",
                               "hotspots", "therapies", "genotypes", "phases", "qc", "stages", "notes"]

    /// The members scoring does not decode, with the first byte of their JSON kind (object, list, string).
    static let unreadKinds: [(String, UInt8)] = [("software", UInt8(ascii: "{")), ("qc", UInt8(ascii: "{")), ("inputs", UInt8(ascii: "[")),
                                                 ("notes", UInt8(ascii: "[")), ("date", UInt8(ascii: "\""))]

    /// The fast path: the line's syntax checked whole (`JSONMembers`), only the members scoring
    /// reads decoded, the annotated analysis copied into the output as it is. nil: take the
    /// general path (not an annotated analysis or version-2 line, or anything it does not decode).
    /// Members scoring does not read (`qc`, `inputs`, `notes`, ...) are checked as JSON, not as
    /// their types: they are carried over, never interpreted (docs/report-schema.md, "Scored lines").
    func fastLine(_ line: [UInt8], _ context: ScoringContext, _ memo: Memo = Memo()) -> Result<[UInt8], Message>? {
        guard var members = JSONMembers(line, in: 0..<line.count) else { return nil }
        var annotated = 0..<line.count
        if let f = members.range(of: "format") {
            guard (try? JSONCoding.decodeTree(String.self, from: line, in: f)) == ScoredLine.format,
                  let r = members.range(of: "annotated"), let inner = JSONMembers(line, in: r) else { return nil }
            annotated = r
            members = inner
        }
        var ranges: [String: Range<Int>] = [:]
        for k in Self.requiredKeys {
            guard let r = members.range(of: k) else { return nil }
            ranges[k] = r
        }
        // The members scoring does not read are at least of their JSON kind (a type mismatch
        // deeper inside them is not looked for: they are carried over, never read).
        for (key, kind) in Self.unreadKinds {
            guard let r = ranges[key], line[r.lowerBound] == kind else { return nil }
        }
        // Scored by version 1 (therapies, knowledge base): the general path strips that scoring.
        guard members.range(of: "knowledgeBase") == nil, let t = ranges["therapies"],
              line[t].elementsEqual("[]".utf8) else { return nil }
        do {
            func part<T: Decodable>(_ key: String, _ type: T.Type) throws -> T {
                try JSONCoding.decodeTree(type, from: line, in: ranges[key] ?? 0..<0)
            }
            func optionalPart<T: Decodable>(_ key: String, _ type: T.Type) throws -> T? {
                guard let r = members.range(of: key), !line[r].elementsEqual("null".utf8) else { return nil }
                return try JSONCoding.decodeTree(type, from: line, in: r)
            }
            let stages = try part("stages", [Stage].self)
            guard stages.contains(.annotate) else { return .failure(Message(text: "not annotated (run `g2t annotate` first)")) }
            guard !stages.contains(.score) else { return nil }
            _ = try part("schemaVersion", String.self)
            let reference = try part("reference", ReferenceInfo.self)
            let sample = try part("sample", SampleInfo.self)
            // An unknown tumour type is scoring's refusal, below; here it only means no hotspots are read.
            // Read without `Codable` when in g2t's plain form (`HotspotCall.plainList`; else as every other member).
            let hotspots = try (try? context.readsHotspots(sample, cache: memo.scoring)) == false ? []
                : ranges["hotspots"].flatMap { HotspotCall.plainList(line, in: $0) } ?? part("hotspots", [HotspotCall].self)
            if hotspots.isEmpty, let r = ranges["hotspots"], line[r.lowerBound] != UInt8(ascii: "[") { return nil }
            let parts = ScoringContext.ScoringParts(
                sample: sample, build: reference.build, parameters: try memo.parameters(line, ranges["parameters"] ?? 0..<0),
                hotspots: hotspots, phases: try part("phases", [PhaseCall].self),
                genotypes: try part("genotypes", [GermlineGenotype].self), copyNumber: try optionalPart("copyNumber", [CopyNumberCall].self),
                expression: try optionalPart("expression", [GeneExpression].self))
            let variants = try part("variants", [VariantCall].self)
            do {
                return .success(try write(line, annotated, parts, variants: variants, context, memo))
            } catch {
                // Scoring's own refusals (an unknown tumour type or prior therapy) are the answer.
                return .failure(Message(text: "\(error)"))
            }
        } catch {
            return nil
        }
    }

    /// Scores the parts and writes the scored line around `bytes[annotated]`.
    func write(_ bytes: [UInt8], _ annotated: Range<Int>, _ parts: ScoringContext.ScoringParts, variants: [VariantCall],
               _ context: ScoringContext, _ memo: Memo) throws -> [UInt8] {
        var variants = variants
        for i in variants.indices { variants[i].tier = nil }
        let scored = try context.score(parts, variants: &variants, threads: 1, writesText: false, cache: memo.scoring)
        return try bytes.withUnsafeBytes { raw in
            try ScoredLine.write(annotated: UnsafeRawBufferPointer(rebasing: raw[annotated]), therapies: scored.therapies,
                                 scoring: scored.scoring, tiers: variants.map(\.tier))
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

/// The input, read under `OrderedLines`' input lock only (the reason the unchecked `Sendable`
/// holds: no two threads ever use it at once).
private final class LineInput: @unchecked Sendable {
    private let file: UnsafeMutablePointer<FILE>
    init(_ file: UnsafeMutablePointer<FILE>) { self.file = file }

    /// The next line into the worker's own getline buffer (nothing else under the lock); false at the end.
    func read(into worker: LineWorker) -> Bool {
        worker.count = getline(&worker.buffer, &worker.capacity, file)
        return worker.count >= 0 && worker.buffer != nil
    }
}

/// One worker's state for a whole run: its scoring context and memory of earlier samples, its
/// getline buffer and the line's bytes (both reused line after line). Used by its worker only.
private final class LineWorker {
    let context: ScoringContext
    let memo = CohortRescorer.Memo()
    var buffer: UnsafeMutablePointer<CChar>?
    var capacity = 0
    var count = 0
    private var bytes: [UInt8] = []

    init(context: ScoringContext) { self.context = context }
    deinit { free(buffer) }

    /// The line just read, without its line break, copied (outside the input lock) into memory reused from the last line.
    func line() -> [UInt8] {
        bytes.removeAll(keepingCapacity: true)
        guard let p = buffer else { return bytes }
        var n = count
        while n > 0, p[n - 1] == 10 || p[n - 1] == 13 { n -= 1 }
        bytes.append(contentsOf: UnsafeRawBufferPointer(start: p, count: n))
        return bytes
    }
}

/// The output in input order: written by whichever worker emits (`OrderedLines` lets one at a time,
/// with a lock between them: the reason the unchecked `Sendable` holds), read once the run is over.
private final class Sink: @unchecked Sendable {
    private let file: UnsafeMutablePointer<FILE>
    private var writeback: OutputWriteback
    private let input: String
    private let output: String
    private(set) var summary = CohortRescorer.Summary()

    init(file: UnsafeMutablePointer<FILE>, writeback: OutputWriteback, input: String, output: String) {
        self.file = file
        self.writeback = writeback
        self.input = input
        self.output = output
    }

    /// Line `line`'s (1-based) scored line, or its failure with its number.
    func write(_ result: Result<[UInt8], CohortRescorer.Message>, line: Int) throws {
        switch result {
        case .success(let bytes):
            let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            guard written == bytes.count else { throw PipelineError.output(path: output, detail: "write failed (\(errnoText()); disk full?)") }
            let handle = file
            writeback.wrote(written) { fflush(handle) == 0 }
            summary.samples += 1
        case .failure(let message):
            summary.failures.append("\(input): line \(line): \(message.text)")
        }
    }
}
