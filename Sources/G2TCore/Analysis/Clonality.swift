/// Whether the variant behind a piece of evidence is in every tumour cell, from its cancer-cell fraction.
package enum Clonality: String, Codable, Sendable, CaseIterable {
    case clonal
    /// Only when the CCF's upper 95% bound is below `CancerCellFraction.subclonalBelow`.
    case subclonal
    /// No CCF (purity unknown).
    case unknown
}
