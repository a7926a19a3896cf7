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
            guard let i = Self.bestCovering(targets, h, by: { $0.duplexDepth(at: pos0) }) else { continue }
            let best = targets[i]
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
            guard let i = Self.bestCovering(targets, h, by: total), total(targets[i].counts) > 0 else { continue }
            let best = targets[i]
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

extension PanelCaller {
    /// The index of the target with molecule strands (`hasDuplex`) covering hotspot `h` whose counts have
    /// the largest `key`, the first of equals (as `filter` then `max(by:)`, which copied every target's
    /// counts, hotspot by hotspot); nil when none covers it.
    static func bestCovering(_ targets: [TargetCounts], _ h: Hotspot, by key: (RegionCounts) -> Int) -> Int? {
        var best: (index: Int, key: Int)?
        for i in targets.indices {
            let t = targets[i].target.interval
            guard t.chrom == h.chrom, t.contains(h.pos), targets[i].counts.hasDuplex else { continue }
            let k = key(targets[i].counts)
            if let b = best, b.key >= k { continue }
            best = (i, k)
        }
        return best?.index
    }
}
