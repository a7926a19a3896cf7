import G2TCore
import HTS

/// The artefact filters (`CallFilter`) as the caller applies them.
extension PanelCaller {
    /// Strand bias: the alternate allele on (almost) one strand only while the reference is on both.
    func strandBias(alt: RegionCounts.StrandCount, ref: RegionCounts.StrandCount) -> Bool {
        guard amplicons == nil else { return false }  // amplicon reads' strands follow the design (PanelCaller+Amplicon.swift)
        guard alt.total >= parameters.minAltFragments else { return false }
        let altMinor = Double(min(alt.forward, alt.reverse)) / Double(alt.total)
        let refMinor = ref.total > 0 ? Double(min(ref.forward, ref.reverse)) / Double(ref.total) : 0
        return altMinor < parameters.filters.strandBiasAltMinorBelow && refMinor >= parameters.filters.strandBiasRefMinorAtLeast
    }

    /// The artefact filters an SNV fails.
    func snvFilters(_ c: RegionCounts, pos0: Int, alt: RegionCounts.Base, refBase: UInt8) -> [CallFilter] {
        if amplicons != nil { return ampliconSNVFilters(c, pos0: pos0, alt: alt, refBase: refBase) }
        let refSlot = RegionCounts.Base.allCases.first { Self.letter($0) == refBase } ?? .n
        let altCount = c.count(alt, at: pos0)
        var out: [CallFilter] = []
        if strandBias(alt: c.strandCount(alt, at: pos0), ref: c.strandCount(refSlot, at: pos0)) { out.append(.strandBias) }
        // Read-end distance and orientation are kept for the tested (non-reference) alleles only.
        let f = parameters.filters
        if altCount >= parameters.minAltFragments, let altEnd = c.meanEndDistance(alt, at: pos0), altEnd < f.readPositionMinEndDistance {
            out.append(.readPosition)
        }
        if altCount >= f.orientationMinAltFragments {
            let altF1R2 = Double(c.f1r2(alt, at: pos0)) / Double(altCount)
            if altF1R2 < f.orientationMinF1R2 || altF1R2 > f.orientationMaxF1R2 { out.append(.orientation) }
        }
        if altCount > 0 && c.lowMappingQuality(alt, at: pos0) >= altCount { out.append(.lowMappingQuality) }
        if altCount > 0 && c.duplicates(alt, at: pos0) >= altCount { out.append(.duplicate) }
        return out
    }
}
