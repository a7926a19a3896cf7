/// The stages of an analysis, in the order they run; each one's results are in the `Analysis`
/// (`stages` lists those done).
package enum Stage: String, Codable, Sendable, CaseIterable, Comparable {
    /// Variants, hotspots, coverage, genotypes, phases, copy number, origin.
    case call
    /// HGVS, consequence, exon on the MANE transcript.
    case annotate
    /// Therapy calls, tiers, MDR, informational findings, panel limits.
    case score

    package static func < (a: Stage, b: Stage) -> Bool { (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0) }
}
