import G2TCore
import Reporting
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads and writes the JSON an analysis travels in between stage subcommands.
package enum StageFile {
    package static func read(_ path: String, requiring stage: Stage? = nil) throws -> Analysis {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError.output(path: path, detail: "cannot read (no such file?)")
        }
        let a = try ReportRenderer.decode(Array(data), file: path)
        if let stage, !a.has(stage) { throw PipelineError.stageOrder(file: path, needs: stage) }
        // The same limits as --abcb1-expression: a stage file is input too.
        for (i, e) in (a.expression ?? []).enumerated() where !InputLimits.isTPM(e.tpm) {
            throw PipelineError.badInput(path: path, detail: "expression[\(i)].tpm \(e.tpm) is not a TPM value from 0 to 1000000")
        }
        return a
    }

    /// Writes atomically: a temporary file beside `path`, then a rename.
    package static func write(_ a: Analysis, to path: String) throws {
        try OutputWriter.writeFile(to: path) { write, restart in try ReportRenderer.json(a, restart: restart, to: write) }
    }

}
