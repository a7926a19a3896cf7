/// A curated, versioned knowledge base: biomarkers, drugs, and the evidence linking them.
/// Lives as JSON data (`Sources/Knowledge/Data/g2t-kb.json`, or a lab's own via `--kb`).
public struct KnowledgeBase: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    public var released: String
    public var description: String
    public var levelWeights: LevelWeights
    public var sources: [String: Source]
    public var drugs: [Drug]
    public var biomarkers: [Biomarker]
    public var effects: [Effect]

    /// Weights of evidence levels in the score.
    public struct LevelWeights: Codable, Sendable, Equatable {
        public var oncokb: [String: Double]
        public var amp: [String: Double]
        /// Multiplier for evidence from another tumour type (or when none was given).
        public var outsideTumorTypeFactor: Double
    }

    /// A citable source.
    public struct Source: Codable, Sendable, Equatable {
        public var citation: String
        public var pmid: String?
        public var url: String?

        /// Short text for reports: citation plus PMID.
        public var label: String { pmid.map { "\(citation) (PMID \($0))" } ?? citation }
    }

    /// A drug, by lower-case INN.
    public struct Drug: Codable, Sendable, Equatable {
        public var name: String
        public var `class`: String
        public var targets: [String]
        /// "yes", "no" or "unknown".
        public var pgpSubstrate: String
    }

    /// A biomarker: a gene and a rule over the protein change.
    public struct Biomarker: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var gene: String
        public var rule: BiomarkerRule

        public init(id: String, name: String, gene: String, rule: BiomarkerRule) {
            self.id = id
            self.name = name
            self.gene = gene
            self.rule = rule
        }
    }

    /// One statement: this biomarker predicts sensitivity or resistance to this drug.
    public struct Effect: Codable, Sendable, Equatable {
        public var biomarker: String
        public var drug: String
        /// "sensitivity" or "resistance".
        public var effect: String
        public var oncokbLevel: String?
        public var ampLevel: String?
        /// OncoTree codes (any level); empty = any tumour type.
        public var tumorTypes: [String]
        /// V, S or L, as in the fact sheet.
        public var verified: String
        public var sources: [String]
        public var summary: String
    }

    public func drug(named n: String) -> Drug? { drugs.first { $0.name == n } }
    public func biomarker(id: String) -> Biomarker? { biomarkers.first { $0.id == id } }

    /// The weight of an effect before tumour-type scope: signed by its direction.
    public func weight(of e: Effect) -> Double {
        let magnitude = e.oncokbLevel.flatMap { levelWeights.oncokb[$0] } ?? e.ampLevel.flatMap { levelWeights.amp[$0] } ?? 0
        return e.effect == "resistance" ? -abs(magnitude) : abs(magnitude)
    }
}
