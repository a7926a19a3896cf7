/// Whether P-glycoprotein (ABCB1) pumps a drug out of tumour cells, as the knowledge base's source states.
package enum PgpSubstrate: String, Codable, Sendable, CaseIterable {
    /// A known substrate (label or review): P-gp over-expression may lower its effect.
    case yes
    /// Not a known substrate: a source says so positively; absence from one table is `unknown`.
    case no
    case unknown
    /// Monoclonal and bispecific antibodies: large proteins are not transported by P-gp.
    case notApplicable = "not-applicable"

    /// Words for reports: "no" is never written as a bare "no", which would overclaim.
    package var text: String {
        switch self {
        case .yes: return "P-gp substrate"
        case .no: return "not a known P-gp substrate"
        case .unknown: return "P-gp substrate status unknown"
        case .notApplicable: return "not applicable (antibody)"
        }
    }
}

/// The direction of a knowledge-base statement.
package enum EffectDirection: String, Codable, Sendable, CaseIterable {
    case sensitivity, resistance
}
