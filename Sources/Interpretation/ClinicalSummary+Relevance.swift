import G2TCore

extension ClinicalSummary {
    /// Whether a variant is clinically relevant: never left out when a report shortens its variant
    /// list (tier I/II evidence, a panel hotspot, a pharmacogenomic site, or possibly germline —
    /// which asks for confirmation and counselling).
    package static func isClinicallyRelevant(_ v: VariantCall) -> Bool {
        v.hotspot != nil || v.originCall?.possiblyGermline == true || [Tier.one, .two, .pgx].contains { $0 == v.tier }
    }
}
