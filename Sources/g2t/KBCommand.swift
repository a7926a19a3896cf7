import ArgumentParser
import Knowledge

/// `g2t kb`: inspect and check knowledge bases.
struct KBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb", abstract: "Validate or show a knowledge base.",
        subcommands: [Validate.self, Show.self])

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a knowledge base (default: the bundled one); exits non-zero with the file, key path and problem.",
            discussion: "Example:\n  g2t kb validate lab-kb.json")
        @Argument(help: "Knowledge base JSON.") var file: String?

        func run() throws {
            try reportingErrors {
                let k = try file.map(KnowledgeBaseLoader.load(path:)) ?? KnowledgeBaseLoader.bundled()
                print("\(k.origin): valid — \(k.kb.name) \(k.kb.version), \(k.kb.biomarkers.count) biomarkers, \(k.kb.drugs.count) drugs, \(k.kb.effects.count) statements; sha256 \(k.sha256)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the statements of a knowledge base.")
        @Argument(help: "Knowledge base JSON.") var file: String?

        func run() throws {
            try reportingErrors {
                let k = try file.map(KnowledgeBaseLoader.load(path:)) ?? KnowledgeBaseLoader.bundled()
                print("\(k.kb.name) \(k.kb.version) (released \(k.kb.released)); sha256 \(k.sha256)")
                for e in k.kb.effects {
                    let level = [e.oncokbLevel.map { "OncoKB \($0)" }, e.ampLevel.map { "AMP \($0)" }].compactMap { $0 }.joined(separator: ", ")
                    print("\(k.kb.biomarker(id: e.biomarker)?.name ?? e.biomarker)\t\(e.drug)\t\(e.effect)\t\(level)\t\(e.tumorTypes.joined(separator: ","))\t\(e.sources.joined(separator: ","))")
                }
            }
        }
    }
}
