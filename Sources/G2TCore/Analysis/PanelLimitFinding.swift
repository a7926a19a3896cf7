/// Drugs whose use in the sample's tumour type is decided by genes this panel does not test
/// (KRAS/NRAS/BRAF for cetuximab and panitumumab in colorectal cancer).
public struct PanelLimitFinding: Codable, Sendable, Equatable {
    public var drugs: [String]
    public var genes: [String]
    public var statement: String
    public var sources: [String]

    public init(drugs: [String], genes: [String], statement: String, sources: [String]) {
        self.drugs = drugs
        self.genes = genes
        self.statement = statement
        self.sources = sources
    }
}
