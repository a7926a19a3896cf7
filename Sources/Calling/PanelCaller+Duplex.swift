import G2TCore
import HTS

extension PanelCaller {
    /// The key of a hotspot allele in `duplexEvidence` (names repeat across genes).
    static func duplexKey(_ h: Hotspot) -> String { "\(h.chrom):\(h.pos):\(h.ref):\(h.alt)" }

    /// The duplex tier's evidence per hotspot allele (`duplexKey`) (SNV hotspots only; empty without `duplexBackground`
    /// or without duplex evidence in the counts): the target with the most duplex molecules at the site.
    func duplexEvidence(_ targets: [TargetCounts]) -> [String: DuplexHotspotTier.Evidence] {
        guard let background = duplexBackground else { return [:] }
        let snvs = panel.hotspots.filter(\.isSNV)
        var out: [String: DuplexHotspotTier.Evidence] = [:]
        for h in snvs {
            guard let ref = h.ref.utf8.first, let alt = h.alt.utf8.first,
                  let base = RegionCounts.Base.allCases.first(where: { $0 != .n && Self.letter($0) == alt }) else { continue }
            let pos0 = h.pos - 1
            let covering = targets.filter { $0.counts.hasDuplex && $0.target.interval.chrom == h.chrom && $0.target.interval.contains(h.pos) }
            guard let best = covering.max(by: { $0.counts.duplexDepth(at: pos0) < $1.counts.duplexDepth(at: pos0) }) else { continue }
            out[Self.duplexKey(h)] = DuplexHotspotTier.Evidence(alt: best.counts.duplexCount(base, at: pos0), depth: best.counts.duplexDepth(at: pos0),
                                                     rate: background.rate(ref: ref, alt: alt), tests: snvs.count)
        }
        return out
    }
}

extension PanelCaller {
    /// The family-class tier's evidence per hotspot allele (`duplexKey`) (SNV hotspots only; empty without
    /// `familyClassBackground`): the target with the most class molecules at the site.
    func familyClassEvidence(_ targets: [TargetCounts], reference: ReferenceSource) -> [String: FamilyClassTier.Evidence] {
        guard let background = familyClassBackground else { return [:] }
        let snvs = panel.hotspots.filter(\.isSNV)
        var out: [String: FamilyClassTier.Evidence] = [:]
        for h in snvs {
            guard let ref = h.ref.utf8.first, let alt = h.alt.utf8.first,
                  let base = RegionCounts.Base.allCases.first(where: { $0 != .n && Self.letter($0) == alt }) else { continue }
            let pos0 = h.pos - 1
            func total(_ c: RegionCounts) -> Int { MoleculeClass.allCases.reduce(0) { $0 + c.classDepth($1, at: pos0) } }
            let covering = targets.filter { $0.counts.hasDuplex && $0.target.interval.chrom == h.chrom && $0.target.interval.contains(h.pos) }
            guard let best = covering.max(by: { total($0.counts) < total($1.counts) }), total(best.counts) > 0 else { continue }
            let around = reference.bases(chrom: h.chrom, max(1, h.pos - 1)...(h.pos + 1))
            let cpg = FamilyClassBackground.isCpG(ref: ref, previous: h.pos > 1 ? around.first ?? nil : nil, next: around.last ?? nil)
            out[Self.duplexKey(h)] = FamilyClassTier.Evidence(
                alt: MoleculeClass.allCases.map { best.counts.classCount($0, base, at: pos0) },
                depth: MoleculeClass.allCases.map { best.counts.classDepth($0, at: pos0) },
                rate: MoleculeClass.allCases.map { background.rate($0, ref: ref, alt: alt, cpg: cpg) },
                tests: snvs.count)
        }
        return out
    }
}
