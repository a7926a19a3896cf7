import G2TCore
import Reporting
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads and writes the JSON an analysis travels in between stage subcommands.
public enum StageFile {
    public static func read(_ path: String, requiring stage: String? = nil) throws -> Analysis {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError.output(path: path, detail: "cannot read (no such file?)")
        }
        let a = try ReportRenderer.decode(Array(data), file: path)
        if let stage, !a.stages.contains(stage) { throw PipelineError.stageOrder(file: path, needs: stage) }
        return a
    }

    /// Writes atomically: a temporary file beside `path`, then a rename.
    public static func write(_ a: Analysis, to path: String) throws {
        try OutputWriter.writeFile(try ReportRenderer.json(a), to: path)
    }

}
