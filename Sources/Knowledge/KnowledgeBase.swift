import G2TCore

/// A curated, versioned knowledge base: biomarkers, drugs, and the evidence linking them.
/// Lives as JSON data (`Sources/Knowledge/Data/g2t-kb.json`, or a lab's own via `--kb`).
public struct KnowledgeBase: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    public var released: String
    public var description: String
    public var levelWeights: LevelWeights
    /// Score cut-offs of the therapy calls (docs/knowledge-base.md, "Call rules"). A knowledge base
    /// without them (written before they moved here) gets the bundled one's when loaded.
    public var callCutoffs: CallCutoffs?
    public var sources: [String: Source]
    public var drugs: [Drug]
    public var biomarkers: [Biomarker]
    public var effects: [Effect]
    /// Statements that apply to a sample but move no score (germline ABCB1 genotypes).
    public var informational: [Informational]?
    /// Guideline-standard (or excluded) drugs by tumour type, for cytotoxic and antibody choice.
    public var tumorTypeContext: [TumorTypeContext]?
    /// How somatic ABCB1 evidence becomes a P-gp multidrug-resistance risk; nil = not scored.
    public var mdr: MDRRules?
    /// Date of the OncoKB data (release or change-log entry) the curation was checked against.
    public var oncokbDataDate: String?
    /// OncoKB data version, e.g. "v5.3", when known.
    public var oncokbDataVersion: String?
    /// Drugs whose use is decided by genes this panel does not test (RAS/BRAF for anti-EGFR antibodies).
    public var panelLimits: [PanelLimit]?

    /// Weights of evidence levels in the score.
    public struct LevelWeights: Codable, Sendable, Equatable {
        public var oncokb: [String: Double]
        public var amp: [String: Double]
        /// Multiplier for evidence from another tumour type (or when none was given).
        public var outsideTumorTypeFactor: Double
        /// A variant is subclonal when its VAF is below this fraction of the sample's highest somatic VAF.
        public var subclonalBelow: Double?
        /// Multiplier for sensitivity evidence from a subclonal variant (resistance keeps its weight:
        /// a resistant subclone is the one that grows under therapy).
        public var subclonalSensitivityFactor: Double?
    }

    /// Score cut-offs of the calls, each with its reason in the bundled knowledge base's terms.
    public struct CallCutoffs: Codable, Sendable, Equatable {
        /// Score from which a drug is sensitive: a level 2 / IB statement alone (2.5; level 1 / IA is 3.0).
        public var sensitive: Double
        /// Score from which it is likely sensitive: a level 3B / 3A / IIC statement alone (1.0–1.5).
        public var likelySensitive: Double
        /// Score at or below which it is likely resistant (with a resistance statement): OncoKB R2 alone (−1.5).
        public var likelyResistant: Double
        /// Score at or below which it is resistant (with a resistance statement): R1 / AMP level A (−3).
        public var resistant: Double
        /// A resistance sum at or below this decides the call whatever the sensitising evidence (R1 / AMP A
        /// weigh −3): the resistant clone is the one that grows.
        public var decidingResistance: Double

        public init(sensitive: Double, likelySensitive: Double, likelyResistant: Double, resistant: Double, decidingResistance: Double) {
            self.sensitive = sensitive
            self.likelySensitive = likelySensitive
            self.likelyResistant = likelyResistant
            self.resistant = resistant
            self.decidingResistance = decidingResistance
        }
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
        public var pgpSubstrate: PgpSubstrate
        /// Source key for `pgpSubstrate`.
        public var pgpSource: String?
        /// For a regimen ("gefitinib + osimertinib"): its drugs.
        public var components: [String]?
        /// Other names a lab may write, e.g. "ADM" and "adriamycin" for doxorubicin.
        public var aliases: [String]?
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
        public var effect: EffectDirection
        public var oncokbLevel: String?
        public var ampLevel: String?
        /// OncoTree codes (any level); empty = any tumour type.
        public var tumorTypes: [String]
        /// V, S or L, as in the fact sheet.
        public var verified: String
        public var sources: [String]
        public var summary: String
        /// Resistance that overrides any sensitising evidence (C797S in cis with T790M).
        public var dominant: Bool?
        /// The line of therapy the evidence was gathered in, when it depends on it.
        public var setting: TherapySetting?
    }

    /// Where in the course of treatment a statement's evidence applies.
    public struct TherapySetting: Codable, Sendable, Equatable {
        public enum Line: String, Codable, Sendable, CaseIterable {
            case firstLine = "first-line"
            case laterLine = "later-line"
            case adjuvant
            case any
        }
        public var line: Line
        /// For later-line evidence: the prior drugs it assumes (knowledge-base names); empty = any prior therapy.
        public var after: [String]?

        public init(line: Line, after: [String]? = nil) {
            self.line = line
            self.after = after
        }

        /// Words for reports: "first-line", "after osimertinib".
        public var text: String {
            switch line {
            case .firstLine: return "first-line"
            case .adjuvant: return "adjuvant, after resection"
            case .any: return "any line"
            case .laterLine:
                let a = after ?? []
                return a.isEmpty ? "after prior therapy" : "after " + a.joined(separator: " or ")
            }
        }
    }

    /// A drug whose use in some tumour types is decided by genes outside this panel.
    public struct PanelLimit: Codable, Sendable, Equatable {
        public var id: String
        /// OncoTree codes (any level).
        public var tumorTypes: [String]
        public var drugs: [String]
        /// The genes that decide, none of which this panel tests.
        public var genes: [String]
        public var statement: String
        public var sources: [String]
    }

    /// A statement for information only: reported, never scored.
    public struct Informational: Codable, Sendable, Equatable {
        public var biomarker: String
        public var statement: String
        /// The level as its source states it, e.g. "PharmGKB 3; no CPIC guideline".
        public var level: String
        public var sources: [String]
        /// OncoTree codes the statement applies to; absent or empty = any tumour type.
        public var tumorTypes: [String]?
    }

    /// Drugs that are standard (or excluded) in some tumour types, as their source states.
    public struct TumorTypeContext: Codable, Sendable, Equatable {
        public var id: String
        /// OncoTree codes (any level).
        public var tumorTypes: [String]
        public var drugs: [String]
        public var role: ContextRole
        public var statement: String
        public var sources: [String]
    }

    /// Whether a tumour-type context makes a drug standard or excludes it.
    public enum ContextRole: String, Codable, Sendable, CaseIterable {
        case standard, excluded
    }

    /// Thresholds and weights that turn somatic ABCB1 evidence into an MDR risk for P-gp substrates.
    public struct MDRRules: Codable, Sendable, Equatable {
        public var gene: String
        /// Purity-corrected copies at or above which the risk is low (gain; 2027.1 on), moderate and high.
        public var lowCopies: Double?
        public var moderateCopies: Double
        public var highCopies: Double
        /// Knowledge bases before 2027.1: one expression ladder (TPM) for every tissue.
        public var lowTPM: Double?
        public var moderateTPM: Double?
        public var highTPM: Double?
        /// The gene's expression in the normal tissue of each tumour type, and a default for others.
        public var expressionBaselines: [ExpressionBaseline]?
        public var defaultBaselineTPM: Double?
        /// Fold over the tissue baseline at which the risk is low, moderate and high.
        public var foldLow: Double?
        public var foldModerate: Double?
        public var foldHigh: Double?
        /// Score change for substrates at each risk (negative).
        public var lowWeight: Double
        public var moderateWeight: Double
        public var highWeight: Double
        /// Evidence level of the MDR statement, e.g. "IID".
        public var ampLevel: String
        public var statement: String
        /// Where the thresholds come from (design defaults to calibrate per assay).
        public var thresholdBasis: String
        public var sources: [String]
    }

    /// Normal-tissue expression of the MDR gene for the tumour types arising there.
    public struct ExpressionBaseline: Codable, Sendable, Equatable {
        public var tissue: String
        public var tumorTypes: [String]
        public var medianTPM: Double
        /// Source key.
        public var source: String
    }

    public func drug(named n: String) -> Drug? { drugs.first { $0.name == n } }
    /// The drug a lab's name refers to: its INN or an alias, in any case ("ADM" → doxorubicin).
    public func drug(matching n: String) -> Drug? {
        let key = n.lowercased()
        return drugs.first { $0.name == key } ?? drugs.first { d in (d.aliases ?? []).contains { $0.lowercased() == key } }
    }
    /// Source labels for the given keys (the key itself when unknown).
    public func sourceLabels(_ keys: [String]) -> [String] { keys.map { sources[$0]?.label ?? $0 } }
    public func biomarker(id: String) -> Biomarker? { biomarkers.first { $0.id == id } }

    /// The weight of an effect before tumour-type scope: signed by its direction.
    public func weight(of e: Effect) -> Double {
        let magnitude = e.oncokbLevel.flatMap { levelWeights.oncokb[$0] } ?? e.ampLevel.flatMap { levelWeights.amp[$0] } ?? 0
        return e.effect == .resistance ? -abs(magnitude) : abs(magnitude)
    }
}
