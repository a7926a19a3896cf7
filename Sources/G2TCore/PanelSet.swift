import Foundation

/// The panel on every build g2t knows, with the chromosome lengths that tell the builds apart:
/// built once per process (`bundled()`) or from a test panel's files, and passed to every stage.
package struct PanelSet: Sendable {
    private let builds: Builds
    package let lengths: ChromosomeLengths
    /// Every chromosome the panel uses on any build, in panel naming.
    package let chromosomes: [String]

    /// Every build parsed at once: a test panel's error in any build is thrown here.
    package init(files: [String: String]) throws {
        var p: [GenomeBuild: Panel] = [:]
        for b in GenomeBuild.allCases { p[b] = try PanelLoader.load(files: files, build: b) }
        try self.init(files: files, parsed: p, chromosomes: Array(Set(p.values.flatMap(\.chromosomes))).sorted())
    }

    /// The first build parsed now (build detection needs its chromosomes), the others on first use: a
    /// run on one build does not parse the other's sequence and exons (~30 M instructions). Every build
    /// takes its chromosomes from the same genes.tsv rows (a gene without exons on a build is an error),
    /// so the first build's chromosomes are every build's.
    init(lazilyFrom files: [String: String]) throws {
        let first = GenomeBuild.allCases[0]
        let panel = try PanelLoader.load(files: files, build: first)
        try self.init(files: files, parsed: [first: panel], chromosomes: panel.chromosomes)
    }

    private init(files: [String: String], parsed: [GenomeBuild: Panel], chromosomes: [String]) throws {
        builds = Builds(files: files, parsed: parsed)
        self.chromosomes = chromosomes
        guard let text = files["assemblies.tsv"] else { throw DataFileError.missing(file: "assemblies.tsv") }
        lengths = try ChromosomeLengths.parse(text)
    }

    /// The panel on `build` (parsed on first use if not yet).
    package func panel(_ build: GenomeBuild) throws -> Panel { try builds.panel(build) }

    /// The panel on every build.
    package var panels: [GenomeBuild: Panel] {
        get throws {
            var p: [GenomeBuild: Panel] = [:]
            for b in GenomeBuild.allCases { p[b] = try panel(b) }
            return p
        }
    }

    /// Detects the build of an input from its header contigs (see `BuildDetection`).
    package func detect(contigs: [BuildDetection.Contig]) -> Result<BuildDetection.Match, BuildDetection.DetectionFailure> {
        BuildDetection.detect(panelChromosomes: chromosomes, contigs: contigs, lengths: lengths)
    }

    /// The bundled panel, parsed on first use and then shared (a `static let` is initialised once,
    /// thread-safely); its second build is parsed only if a run needs it.
    package static func bundled() throws -> PanelSet { try shared.get() }

    private static let shared: Result<PanelSet, DataFileError> = {
        do { return .success(try PanelSet(lazilyFrom: PanelLoader.bundledFiles)) }
        catch let e as DataFileError { return .failure(e) }
        catch { return .failure(.malformed(file: "panel data", line: 0, problem: "\(error)")) }
    }()
}

/// The data files and the builds parsed from them so far, shared by the copies of one `PanelSet`.
private final class Builds: @unchecked Sendable {
    let files: [String: String]
    /// A build's panel or its parse error, kept so that every caller gets the same answer. Guarded by
    /// `lock`, a pthread mutex (NSLock) that ThreadSanitizer sees: Synchronization's `Mutex` locks with
    /// futex calls TSan does not model, and `make test-tsan` reported this dictionary as raced.
    private var parsed: [GenomeBuild: Result<Panel, any Error>]
    private let lock = NSLock()

    init(files: [String: String], parsed: [GenomeBuild: Panel]) {
        self.files = files
        self.parsed = parsed.mapValues { .success($0) }
    }

    func panel(_ build: GenomeBuild) throws -> Panel {
        // Parsed under the lock: two threads asking for the same build parse it once.
        try lock.withLock {
            if let r = parsed[build] { return r }
            let r = Result { try PanelLoader.load(files: files, build: build) }
            parsed[build] = r
            return r
        }.get()
    }
}
