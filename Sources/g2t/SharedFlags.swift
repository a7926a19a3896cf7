import ArgumentParser
import Knowledge
import Pipeline
import Reporting

// Option groups shared by `pipeline` and the stage commands, so each option is defined once
// (name, help, default) and means the same everywhere.

/// `--kb`: `pipeline`, `score`, `rescore`, `batch`.
struct KnowledgeBaseFlags: ParsableArguments {
    @Option(name: .long, help: "Knowledge base JSON (default: the bundled one).")
    var kb: String?

    /// The knowledge base the flag names, or the bundled one.
    func load() throws -> LoadedKnowledgeBase {
        try kb.map(KnowledgeBaseLoader.load(path:)) ?? KnowledgeBaseLoader.bundled()
    }
}

/// The report set's options: `pipeline` and `report`.
struct ReportFlags: ParsableArguments {
    @Option(name: .long, help: "Output directory.")
    var out: String = "g2t-results"

    @Option(name: .long, help: "Banner text of the HTML report.")
    var disclaimer: String = ReportRenderer.defaultDisclaimer

    @Flag(name: .long, help: "Also write ID.report.pdf with headless Chromium (when installed).")
    var pdf = false
}

/// `--threads`: `pipeline` and the stage commands (`call` through `CallingFlags`, `score`, `rescore`)
/// and `pon build`; one definition, so every command takes the same default and bounds.
struct ThreadsFlags: ParsableArguments {
    @Option(name: .long, help: "Worker threads.")
    var threads: Int = 2

    func validate() throws {
        guard InputLimits.threads.contains(threads) else { throw ValidationError("--threads must be from 1 to \(InputLimits.threads.upperBound)") }
    }
}
