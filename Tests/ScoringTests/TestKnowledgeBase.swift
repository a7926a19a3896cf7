import Foundation
import G2TCore
import Knowledge

/// A small knowledge base for the scorer's own tests: a made-up gene, biomarkers and drugs with
/// round weights, so a curation change in the shipped knowledge base cannot break these tests,
/// and a scorer bug cannot hide behind today's weights.
/// Call cut-offs 2.5 / 1 / −1 / −2.5, deciding resistance −2.5. Weights: OncoKB 1 = 3, 2 = 2.5, 3A = 1.5, 4 = 0.5, R1 = −3, R2 = −1.5; AMP IA 3, IIC 1.5, IID 0.5.
enum TestKB {
    static let json = #"""
    {
      "name": "test-kb", "version": "0.1", "released": "2026-01-01", "description": "scorer tests", "oncokbDataDate": "2026-01-01",
      "levelWeights": {"oncokb": {"1": 3, "2": 2.5, "3A": 1.5, "4": 0.5, "R1": -3, "R2": -1.5}, "amp": {"IA": 3, "IIC": 1.5, "IID": 0.5},
                       "outsideTumorTypeFactor": 0.5, "subclonalBelow": 0.5, "subclonalSensitivityFactor": 0.5},
      "callCutoffs": {"sensitive": 2.5, "likelySensitive": 1.0, "likelyResistant": -1.0, "resistant": -2.5, "decidingResistance": -2.5},
      "sources": {"SRC": {"citation": "Test source"}, "TISSUE": {"citation": "Tissue atlas"}},
      "drugs": [
        {"name": "tkia", "class": "c", "targets": ["GENEA"], "pgpSubstrate": "no", "pgpSource": "SRC"},
        {"name": "tkib", "class": "c", "targets": ["GENEA"], "pgpSubstrate": "yes", "pgpSource": "SRC"},
        {"name": "chemo", "class": "c", "targets": [], "pgpSubstrate": "yes", "pgpSource": "SRC", "aliases": ["CX", "chemoxin"]},
        {"name": "mab", "class": "c", "targets": ["GENEA"], "pgpSubstrate": "not-applicable"},
        {"name": "laterdrug", "class": "c", "targets": ["GENEA"], "pgpSubstrate": "unknown"},
        {"name": "combo", "class": "c", "targets": ["GENEA"], "pgpSubstrate": "unknown", "components": ["tkia", "mab"]}
      ],
      "biomarkers": [
        {"id": "V1", "name": "GENEA V1A", "gene": "GENEA", "rule": {"kind": "proteinChange", "changes": ["V1A"]}},
        {"id": "V2", "name": "GENEA V2A", "gene": "GENEA", "rule": {"kind": "proteinChange", "changes": ["V2A"]}},
        {"id": "R", "name": "GENEA R3W", "gene": "GENEA", "rule": {"kind": "proteinChange", "changes": ["R3W"]}},
        {"id": "WEAKR", "name": "GENEA W4R", "gene": "GENEA", "rule": {"kind": "proteinChange", "changes": ["W4R"]}},
        {"id": "DOM", "name": "GENEA D5N", "gene": "GENEA", "rule": {"kind": "proteinChange", "changes": ["D5N"]}},
        {"id": "INS", "name": "GENEA insertion 10-20", "gene": "GENEA",
         "rule": {"kind": "inframeInsertion", "firstCodon": 10, "lastCodon": 20, "except": ["A12_Y13insFQEA"]}}
      ],
      "effects": [
        {"biomarker": "V1", "drug": "tkia", "effect": "sensitivity", "oncokbLevel": "1", "tumorTypes": ["NSCLC"], "verified": "V",
         "sources": ["SRC"], "summary": "V1 tkia", "setting": {"line": "first-line"}},
        {"biomarker": "V2", "drug": "tkia", "effect": "sensitivity", "oncokbLevel": "2", "tumorTypes": ["NSCLC"], "verified": "V", "sources": ["SRC"], "summary": "V2 tkia"},
        {"biomarker": "V1", "drug": "tkib", "effect": "sensitivity", "oncokbLevel": "1", "tumorTypes": ["NSCLC"], "verified": "V", "sources": ["SRC"], "summary": "V1 tkib"},
        {"biomarker": "V1", "drug": "laterdrug", "effect": "sensitivity", "oncokbLevel": "1", "tumorTypes": ["NSCLC"], "verified": "V",
         "sources": ["SRC"], "summary": "V1 later", "setting": {"line": "later-line", "after": ["tkia"]}},
        {"biomarker": "R", "drug": "tkia", "effect": "resistance", "oncokbLevel": "R1", "tumorTypes": ["NSCLC"], "verified": "V", "sources": ["SRC"], "summary": "R tkia"},
        {"biomarker": "WEAKR", "drug": "tkib", "effect": "resistance", "oncokbLevel": "R2", "tumorTypes": ["NSCLC"], "verified": "V", "sources": ["SRC"], "summary": "W tkib"},
        {"biomarker": "DOM", "drug": "tkib", "effect": "resistance", "ampLevel": "IID", "tumorTypes": ["NSCLC"], "verified": "V", "sources": ["SRC"],
         "summary": "D tkib", "dominant": true},
        {"biomarker": "V1", "drug": "mab", "effect": "sensitivity", "oncokbLevel": "1", "tumorTypes": ["COADREAD"], "verified": "V", "sources": ["SRC"], "summary": "V1 mab"},
        {"biomarker": "INS", "drug": "tkia", "effect": "resistance", "oncokbLevel": "R1", "tumorTypes": ["NSCLC"], "verified": "V", "sources": ["SRC"], "summary": "INS tkia"}
      ],
      "informational": [{"biomarker": "V2", "statement": "lung-only note", "level": "test", "sources": ["SRC"], "tumorTypes": ["NSCLC"]}],
      "tumorTypeContext": [{"id": "CTX", "tumorTypes": ["LUSC"], "drugs": ["chemo"], "role": "standard", "statement": "chemo is standard", "sources": ["SRC"]}],
      "panelLimits": [{"id": "RAS", "tumorTypes": ["COADREAD"], "drugs": ["mab"], "genes": ["KRAS", "NRAS", "BRAF"],
                       "statement": "mab needs RAS/BRAF wild type; not tested here.", "sources": ["SRC"]}],
      "mdr": {"gene": "ABCB1", "lowCopies": 3, "moderateCopies": 5, "highCopies": 8,
              "expressionBaselines": [{"tissue": "colon", "tumorTypes": ["COADREAD"], "medianTPM": 100, "source": "TISSUE"}],
              "defaultBaselineTPM": 10, "foldLow": 2, "foldModerate": 4, "foldHigh": 8,
              "lowWeight": 0, "moderateWeight": -0.25, "highWeight": -0.5, "ampLevel": "IID", "statement": "P-gp efflux",
              "thresholdBasis": "test", "sources": ["SRC"]}
    }
    """#

    /// The test knowledge base, decoded and validated as a lab's file would be.
    static func load() throws -> KnowledgeBase {
        let kb = try JSONDecoder().decode(KnowledgeBase.self, from: Data(json.utf8))
        try KnowledgeBaseLoader.validate(kb, file: "test-kb")
        return kb
    }

    static func variant(_ short: String, consequence: Consequence = "missense_variant", pos: Int = 1, vaf: Double = 0.3) -> VariantCall {
        var v = VariantCall(gene: "GENEA", chrom: "chrT", pos: pos, ref: "A", alt: "G", vaf: vaf, depth: 200, altDepth: Int(vaf * 200),
                            altForward: 30, altReverse: 30, filter: "PASS")
        v.annotation = VariantAnnotation(transcript: "NM_TEST.1", hgvsc: "c.?", hgvsp: short, hgvspShort: short, consequence: consequence)
        return v
    }
}
