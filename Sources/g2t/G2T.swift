import ArgumentParser
import G2TCore
import Knowledge
import Pipeline

/// The g2t command: genome to therapy.
@main
struct G2T: ParsableCommand {
    // Every command here and below names itself (`commandName`): without it ArgumentParser derives the
    // name from `String(describing:)` of the type, a runtime conformance scan per command on every start.
    static let configuration = CommandConfiguration(
        commandName: "g2t",
        abstract: "Genome to therapy: call the panel genes' variants from a tumour BAM/CRAM and score therapies against a sourced knowledge base.",
        discussion: """
        Examples:
          g2t pipeline sample.bam --tumor-type LUAD
          g2t pipeline sample.cram --reference GRCh38.fa --out results/
          g2t call sample.bam -o sample.calls.json && g2t annotate sample.calls.json -o sample.ann.json \\
            && g2t score sample.ann.json -o sample.scored.json && g2t report sample.scored.json --out results/

        The report informs expert review; it never prescribes.
        """,
        version: VersionText.text,
        subcommands: [PipelineCommand.self, BatchCommand.self, CallCommand.self, AnnotateCommand.self, ScoreCommand.self, ReportCommand.self,
                      RescoreCommand.self, KBCommand.self, PonCommand.self, TumorTypesCommand.self, TargetsCommand.self, GFF3Command.self,
                      ConfigCommand.self]
    )

    /// Sets htslib's environment (setenv) before any thread exists, then runs the command. Usage
    /// errors (a bad flag or value) are one line and exit status 1 like every other error.
    static func main() {
        ProcessSetup.atStartup()
        ProcessSetup.prefetchBundledPanel(arguments: CommandLine.arguments)
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            if error is ExitCode || error is CleanExit || exitCode(for: error) == .success { exit(withError: error) }
            printError("g2t: error: " + TextFormat.oneLine(message(for: error)))
            exit(withError: ExitCode.failure)
        }
    }
}

enum VersionText {
    /// Built while parsing the arguments of every command: the knowledge base's name and version are
    /// scanned from its bytes, not decoded (the commands that need it decode it when they do).
    static var text: String {
        "g2t \(G2TVersion.current) (commit \(G2TVersion.commit); knowledge base \(KnowledgeBaseLabel.bundled()); htslib \(G2TVersion.htslib))"
    }
}
