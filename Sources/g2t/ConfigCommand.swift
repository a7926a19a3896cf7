import ArgumentParser
import Pipeline

/// `g2t config`: the thresholds as a configuration file.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Show or check the calling thresholds (the file `--config` reads).",
        subcommands: [Show.self, Check.self])

    /// `g2t config show`: the defaults as a file to edit.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Print every threshold's default as JSON, a file to edit and pass to `--config`.",
            discussion: """
            Each value's reason is at its definition (Sources/G2TCore/Analysis/CallingParameters*.swift) and in
            docs/architecture.md, "Where thresholds live". Keep only the keys you change. The `amplicon` group
            applies only to runs with --amplicons (it is recorded in the report only then).

            Example:
              g2t config show > lab.json && g2t pipeline sample.bam --tumor-type LUAD --config lab.json
            """)

        func run() throws {
            try reportingErrors { print(try ConfigurationFile.defaultsText(), terminator: "") }
        }
    }

    /// `g2t config check FILE`: the file over the defaults, or its first problem.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check", abstract: "Check a configuration file and print the thresholds it gives (defaults for keys it leaves out).")

        @Argument(help: "Configuration JSON.") var file: String

        func run() throws {
            try reportingErrors { print(try ConfigurationFile.text(of: try ConfigurationFile.load(path: file)), terminator: "") }
        }
    }
}
