import ArgumentParser
import G2TCore

/// `g2t tumor-types`: the OncoTree codes `--tumor-type` accepts.
struct TumorTypesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tumor-types", abstract: "List the OncoTree tumour types g2t knows.")

    func run() throws {
        try reportingErrors {
            for t in try TumorType.catalogue() { print("\(t.code)\t\(t.name)\t(under \(t.parent))") }
        }
    }
}
