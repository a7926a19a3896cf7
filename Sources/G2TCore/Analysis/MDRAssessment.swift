/// Risk that P-glycoprotein (ABCB1) efflux lowers a drug's effect in this tumour.
package enum MDRRisk: String, Codable, Sendable, CaseIterable, Comparable {
    case none, low, moderate, high

    package static func < (a: MDRRisk, b: MDRRisk) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

/// The sample's P-gp multidrug-resistance assessment: somatic ABCB1 evidence only (copy gain,
/// over-expression); germline ABCB1 genotypes never count.
package struct MDRAssessment: Codable, Sendable, Equatable {
    /// Whether any somatic ABCB1 evidence was available (a panel of normals or an expression value).
    package var assessed: Bool
    package var risk: MDRRisk
    /// What set the risk, e.g. "ABCB1 amplification: 8.1 copies (≥ 5 → high)".
    package var evidence: [String]
    /// What was not assessed, e.g. "ABCB1 copy number: no panel of normals (--pon)".
    package var notAssessed: [String]
    /// Evidence level of the MDR statements, e.g. "AMP IID".
    package var level: String
    package var sources: [String]

    package init(assessed: Bool, risk: MDRRisk, evidence: [String], notAssessed: [String], level: String, sources: [String]) {
        self.assessed = assessed
        self.risk = risk
        self.evidence = evidence
        self.notAssessed = notAssessed
        self.level = level
        self.sources = sources
    }
}

/// A knowledge-base statement that applies to the sample but moves no score (e.g. germline ABCB1).
package struct InformationalFinding: Codable, Sendable, Equatable {
    package var biomarker: String
    /// What in the sample matched, e.g. "rs1045642 A/G, rs1128503 A/G".
    package var matchedBy: String
    package var statement: String
    /// Evidence level as its source states it, e.g. "PharmGKB 3; no CPIC guideline".
    package var level: String
    package var sources: [String]

    package init(biomarker: String, matchedBy: String, statement: String, level: String, sources: [String]) {
        self.biomarker = biomarker
        self.matchedBy = matchedBy
        self.statement = statement
        self.level = level
        self.sources = sources
    }
}
