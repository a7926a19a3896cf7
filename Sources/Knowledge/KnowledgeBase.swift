import G2TCore

/// A curated, versioned knowledge base: biomarkers, drugs, and the evidence linking them.
/// Lives as JSON data (`Sources/Knowledge/Data/g2t-kb.json`, or a lab's own via `--kb`).
package struct KnowledgeBase: Codable, Sendable, Equatable {
    package var name: String
    package var version: String
    package var released: String
    package var description: String
    package var levelWeights: LevelWeights
    /// Score cut-offs of the therapy calls (docs/knowledge-base.md, "Call rules"). A knowledge base
    /// without them (written before they moved here) gets the bundled one's when loaded.
    package var callCutoffs: CallCutoffs?
    package var sources: [String: Source]
    package var drugs: [Drug]
    package var biomarkers: [Biomarker]
    package var effects: [Effect]
    /// Statements that apply to a sample but move no score (germline ABCB1 genotypes).
    package var informational: [Informational]?
    /// Guideline-standard (or excluded) drugs by tumour type, for cytotoxic and antibody choice.
    package var tumorTypeContext: [TumorTypeContext]?
    /// How somatic ABCB1 evidence becomes a P-gp multidrug-resistance risk; nil = not scored.
    package var mdr: MDRRules?
    /// Date of the OncoKB data (release or change-log entry) the curation was checked against.
    package var oncokbDataDate: String?
    /// OncoKB data version, e.g. "v5.3", when known.
    package var oncokbDataVersion: String?
    /// Drugs whose use is decided by genes this panel does not test (RAS/BRAF for anti-EGFR antibodies).
    package var panelLimits: [PanelLimit]?

    /// Weights of evidence levels in the score.
    package struct LevelWeights: Codable, Sendable, Equatable {
        package var oncokb: [String: Double]
        package var amp: [String: Double]
        /// Multiplier for evidence from another tumour type (or when none was given).
        package var outsideTumorTypeFactor: Double
        /// Obsolete, read and range-checked but not used: it defined subclonality by VAF relative to the
        /// sample's highest somatic VAF. Clonality is now the CCF rule of the analysis's configuration
        /// (`CallingParameters.Purity.subclonalBelow`); older knowledge-base files keep loading.
        package var subclonalBelow: Double?
        /// Multiplier for sensitivity evidence from a subclonal variant (resistance keeps its weight:
        /// a resistant subclone is the one that grows under therapy).
        package var subclonalSensitivityFactor: Double?
    }

    /// Score cut-offs of the calls, each with its reason in the bundled knowledge base's terms.
    package struct CallCutoffs: Codable, Sendable, Equatable {
        /// Score from which a drug is sensitive: a level 2 / IB statement alone (2.5; level 1 / IA is 3.0).
        package var sensitive: Double
        /// Score from which it is likely sensitive: a level 3B / 3A / IIC statement alone (1.0–1.5).
        package var likelySensitive: Double
        /// Score at or below which it is likely resistant (with a resistance statement): OncoKB R2 alone (−1.5).
        package var likelyResistant: Double
        /// Score at or below which it is resistant (with a resistance statement): R1 / AMP level A (−3).
        package var resistant: Double
        /// A resistance sum at or below this decides the call whatever the sensitising evidence (R1 / AMP A
        /// weigh −3): the resistant clone is the one that grows.
        package var decidingResistance: Double

        package init(sensitive: Double, likelySensitive: Double, likelyResistant: Double, resistant: Double, decidingResistance: Double) {
            self.sensitive = sensitive
            self.likelySensitive = likelySensitive
            self.likelyResistant = likelyResistant
            self.resistant = resistant
            self.decidingResistance = decidingResistance
        }
    }

    /// A citable source.
    package struct Source: Codable, Sendable, Equatable {
        package var citation: String
        package var pmid: String?
        package var url: String?

        /// Short text for reports: citation plus PMID.
        package var label: String { pmid.map { "\(citation) (PMID \($0))" } ?? citation }
    }

    /// A drug, by lower-case INN.
    package struct Drug: Codable, Sendable, Equatable {
        package var name: String
        package var `class`: String
        package var targets: [String]
        package var pgpSubstrate: PgpSubstrate
        /// Source key for `pgpSubstrate`.
        package var pgpSource: String?
        /// For a regimen ("gefitinib + osimertinib"): its drugs.
        package var components: [String]?
        /// Other names a lab may write, e.g. "ADM" and "adriamycin" for doxorubicin.
        package var aliases: [String]?
    }

    /// A biomarker: a gene and a rule over the protein change.
    package struct Biomarker: Codable, Sendable, Equatable {
        package var id: String
        package var name: String
        package var gene: String
        package var rule: BiomarkerRule

        package init(id: String, name: String, gene: String, rule: BiomarkerRule) {
            self.id = id
            self.name = name
            self.gene = gene
            self.rule = rule
        }
    }

    /// One statement: this biomarker predicts sensitivity or resistance to this drug.
    package struct Effect: Codable, Sendable, Equatable {
        package var biomarker: String
        package var drug: String
        package var effect: EffectDirection
        package var oncokbLevel: String?
        package var ampLevel: String?
        /// OncoTree codes (any level); empty = any tumour type.
        package var tumorTypes: [String]
        /// V, S or L, as in the fact sheet.
        package var verified: String
        package var sources: [String]
        package var summary: String
        /// Resistance that overrides any sensitising evidence (C797S in cis with T790M).
        package var dominant: Bool?
        /// The line of therapy the evidence was gathered in, when it depends on it.
        package var setting: TherapySetting?
    }

    /// Where in the course of treatment a statement's evidence applies.
    package struct TherapySetting: Codable, Sendable, Equatable {
        package enum Line: String, Codable, Sendable, CaseIterable {
            case firstLine = "first-line"
            case laterLine = "later-line"
            case adjuvant
            case any
        }
        package var line: Line
        /// For later-line evidence: the prior drugs it assumes (knowledge-base names); empty = any prior therapy.
        package var after: [String]?

        package init(line: Line, after: [String]? = nil) {
            self.line = line
            self.after = after
        }

        /// Words for reports: "first-line", "after osimertinib".
        package var text: String {
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
    package struct PanelLimit: Codable, Sendable, Equatable {
        package var id: String
        /// OncoTree codes (any level).
        package var tumorTypes: [String]
        package var drugs: [String]
        /// The genes that decide, none of which this panel tests.
        package var genes: [String]
        package var statement: String
        package var sources: [String]
    }

    /// A statement for information only: reported, never scored.
    package struct Informational: Codable, Sendable, Equatable {
        package var biomarker: String
        package var statement: String
        /// The level as its source states it, e.g. "PharmGKB 3; no CPIC guideline".
        package var level: String
        package var sources: [String]
        /// OncoTree codes the statement applies to; absent or empty = any tumour type.
        package var tumorTypes: [String]?
    }

    /// Drugs that are standard (or excluded) in some tumour types, as their source states.
    package struct TumorTypeContext: Codable, Sendable, Equatable {
        package var id: String
        /// OncoTree codes (any level).
        package var tumorTypes: [String]
        package var drugs: [String]
        package var role: ContextRole
        package var statement: String
        package var sources: [String]
    }

    /// Whether a tumour-type context makes a drug standard or excludes it.
    package enum ContextRole: String, Codable, Sendable, CaseIterable {
        case standard, excluded
    }

    /// Thresholds and weights that turn somatic ABCB1 evidence into an MDR risk for P-gp substrates.
    package struct MDRRules: Codable, Sendable, Equatable {
        package var gene: String
        /// Purity-corrected copies at or above which the risk is low (gain; 2027.1 on), moderate and high.
        package var lowCopies: Double?
        package var moderateCopies: Double
        package var highCopies: Double
        /// Knowledge bases before 2027.1: one expression ladder (TPM) for every tissue.
        package var lowTPM: Double?
        package var moderateTPM: Double?
        package var highTPM: Double?
        /// The gene's expression in the normal tissue of each tumour type, and a default for others.
        package var expressionBaselines: [ExpressionBaseline]?
        package var defaultBaselineTPM: Double?
        /// Fold over the tissue baseline at which the risk is low, moderate and high.
        package var foldLow: Double?
        package var foldModerate: Double?
        package var foldHigh: Double?
        /// Score change for substrates at each risk (negative).
        package var lowWeight: Double
        package var moderateWeight: Double
        package var highWeight: Double
        /// Evidence level of the MDR statement, e.g. "IID".
        package var ampLevel: String
        package var statement: String
        /// Where the thresholds come from (design defaults to calibrate per assay).
        package var thresholdBasis: String
        package var sources: [String]
    }

    /// Normal-tissue expression of the MDR gene for the tumour types arising there.
    package struct ExpressionBaseline: Codable, Sendable, Equatable {
        package var tissue: String
        package var tumorTypes: [String]
        package var medianTPM: Double
        /// Source key.
        package var source: String
    }

    package func drug(named n: String) -> Drug? { drugs.first { $0.name == n } }
    /// The drug a lab's name refers to: its INN or an alias, in any case ("ADM" → doxorubicin).
    package func drug(matching n: String) -> Drug? {
        let key = n.lowercased()
        return drugs.first { $0.name == key } ?? drugs.first { d in (d.aliases ?? []).contains { $0.lowercased() == key } }
    }
    /// Source labels for the given keys (the key itself when unknown).
    package func sourceLabels(_ keys: [String]) -> [String] { keys.map { sources[$0]?.label ?? $0 } }
    package func biomarker(id: String) -> Biomarker? { biomarkers.first { $0.id == id } }

    /// The weight of an effect before tumour-type scope: signed by its direction.
    package func weight(of e: Effect) -> Double {
        let magnitude = e.oncokbLevel.flatMap { levelWeights.oncokb[$0] } ?? e.ampLevel.flatMap { levelWeights.amp[$0] } ?? 0
        return e.effect == .resistance ? -abs(magnitude) : abs(magnitude)
    }
}
