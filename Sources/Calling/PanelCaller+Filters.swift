import G2TCore
import HTS

/// The artefact filters (`CallFilter`) as the caller applies them.
extension PanelCaller {
    /// Strand bias: a one-strand artefact is likelier than an allele on both strands (`StrandBiasTest`).
    func strandBias(alt: RegionCounts.StrandCount, ref: RegionCounts.StrandCount) -> Bool {
        guard amplicons == nil else { return false }  // amplicon reads' strands follow the design (PanelCaller+Amplicon.swift)
        guard alt.total >= parameters.minAltFragments else { return false }
        let f = parameters.filters
        return StrandBiasTest.lod(alt: alt, ref: ref, errorRate: f.strandBiasErrorRate) >= f.strandBiasMinLOD
    }

    /// The artefact filters an SNV fails, and its damage posterior (nil where the model is not used);
    /// `damage` is the sample's learned model.
    func snvFilters(_ c: RegionCounts, chrom: String, pos0: Int, alt: RegionCounts.Base, refBase: UInt8,
                    damage: DamageModel, reference: ReferenceSource) -> (filters: [CallFilter], damagePosterior: Double?) {
        if amplicons != nil { return (ampliconSNVFilters(c, pos0: pos0, alt: alt, refBase: refBase), nil) }
        let refSlot = RegionCounts.Base.allCases.first { Self.letter($0) == refBase } ?? .n
        let altCount = c.count(alt, at: pos0)
        var out: [CallFilter] = []
        if strandBias(alt: c.strandCount(alt, at: pos0), ref: c.strandCount(refSlot, at: pos0)) { out.append(.strandBias) }
        // Read-end distance and orientation are kept for the tested (non-reference) alleles only.
        let f = parameters.filters
        if altCount >= parameters.minAltFragments, let altEnd = c.meanEndDistance(alt, at: pos0), altEnd < f.readPositionMinEndDistance {
            out.append(.readPosition)
        }
        let pDamage = damage.posterior(ref: refBase, alt: Self.letter(alt), chrom: chrom, pos: pos0 + 1,
                                       depth: c.depth(at: pos0), altCount: altCount, altF1R2: c.f1r2(alt, at: pos0), reference: reference)
        if pDamage > parameters.damage.maxPosterior { out.append(.damage) }
        if altCount > 0 && c.lowMappingQuality(alt, at: pos0) >= altCount { out.append(.lowMappingQuality) }
        if altCount > 0 && c.duplicates(alt, at: pos0) >= altCount { out.append(.duplicate) }
        return (out, damage.used ? pDamage : nil)
    }
}
