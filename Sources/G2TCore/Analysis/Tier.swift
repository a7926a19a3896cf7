/// AMP/ASCO/CAP 2017 tier of a variant (Li et al., J Mol Diagn 2017;19:4-23), set by the score stage.
package enum Tier: String, Codable, Sendable, CaseIterable {
    /// Level A/B evidence in this tumour type.
    case one = "I"
    /// Level C/D evidence, or level A/B from another tumour type.
    case two = "II"
    /// No statement: a variant of unknown significance.
    case three = "III"
    /// A benign or likely benign germline polymorphism.
    case four = "IV"
    /// A germline pharmacogenomic site, reported for information.
    case pgx = "PGx"

    /// Tier I or II: a finding with clinical evidence.
    package var isActionable: Bool { self == .one || self == .two }
}
