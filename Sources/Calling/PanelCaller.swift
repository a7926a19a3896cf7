import G2TCore
import HTS

/// The caller: an allele is called when its log10 likelihood ratio against base-call error
/// (`AlleleLikelihood`) reaches `minLOD` (a panel hotspot: `hotspotMinLOD`), with at least
/// `minAltFragments` fragments and `minVAF` as floors, and no artefact filter fails. Every
/// hotspot is reported, positive or not, with its limit of detection.
package struct PanelCaller: Sendable {
    package var panel: Panel
    package var naming: ContigNaming
    package var parameters: CallingParameters
    /// Amplicon mode (`--amplicons`): the counts were primer-trimmed by amplicon, and the filters and
    /// QC follow (PanelCaller+Amplicon.swift). nil: hybrid capture.
    package var amplicons: AmpliconSet?
    /// UMI mode: the background error of consensus molecules per substitution, for the hotspots'
    /// limits of detection (nil: raw reads, a typical base-call error of 0.1%).
    package var substitutionErrors: SubstitutionErrors?
    /// UMI mode: the duplex background for the duplex hotspot tier (`DuplexHotspotTier`; nil: no tier).
    package var duplexBackground: DuplexBackground?
    /// UMI mode: the per-class background for the family-class hotspot tier (`FamilyClassTier`; nil: no tier).
    package var familyClassBackground: FamilyClassBackground?

    package init(panel: Panel, naming: ContigNaming, parameters: CallingParameters) {
        self.panel = panel
        self.naming = naming
        self.parameters = parameters
    }

    /// What the caller found.
    package struct Result: Sendable {
        package var variants: [VariantCall]
        package var hotspots: [HotspotCall]
        package var qc: QCSummary
        package var genotypes: [GermlineGenotype]
    }

    /// Calls variants in `targets`; `reference` answers in panel naming ("chr7").
    package func call(_ targets: [TargetCounts], reference: ReferenceSource) -> Result {
        var found: [Site: Evidence] = [:]
        let damage = DamageModel.learn(targets, reference: reference, parameters: parameters.damage)
        for (targetIndex, tc) in targets.enumerated() {
            let chrom = tc.target.interval.chrom
            // Reads of one indel can carry it in different CIGAR placements: sum them per normalised allele.
            var perAllele: [Normalization.Alleles: RegionCounts.StrandCount] = [:]
            for (key, strands) in tc.counts.indels {
                guard let alleles = indelAlleles(key, chrom: chrom, reference: reference) else { continue }
                let n = Normalization.normalize(alleles, chrom: chrom, reference: reference)
                perAllele[n, default: .init()].forward += strands.forward
                perAllele[n, default: .init()].reverse += strands.reverse
            }
            // Soft-clipped reads whose clipped bases spell an indel's haplotype count too; each clip
            // for the one candidate it matches best, so near-identical alleles cannot share reads.
            // Only a candidate with enough of the direct support of the strongest indel nearby may take
            // clips (`candidates.clipRescueMinShare` within `clipRescueWindow`).
            let cp = parameters.candidates
            let candidates = perAllele.keys.filter { n in
                let rival = perAllele.filter { abs($0.key.pos - n.pos) <= cp.clipRescueWindow }.map(\.value.total).max() ?? 0
                return Double(perAllele[n]?.total ?? 0) >= cp.clipRescueMinShare * Double(rival)
            }.sorted { ($0.pos, $0.ref, $0.alt) < ($1.pos, $1.ref, $1.alt) }
            let rescuedBy = Self.assignClips(tc.counts.clips, to: candidates, chrom: chrom, reference: reference,
                                             minMatchShare: cp.clipMatchMinShare)
            for (n, seen) in perAllele {
                let rescued = rescuedBy[n] ?? .init()
                let strands = RegionCounts.StrandCount(forward: seen.forward + rescued.forward, reverse: seen.reverse + rescued.reverse)
                // An indel can be seen from two overlapping targets; keep the larger count.
                let depth = fragmentDepth(tc.counts, pos0: n.pos) + rescued.total  // first base after the anchor
                let site = Site(chrom: chrom, alleles: n)
                if let old = found[site], old.alt.total >= strands.total { continue }
                let refStrands = Self.referenceStrands(tc.counts, pos0: n.pos, reference: reference, chrom: chrom)
                found[site] = Evidence(alt: strands, depth: max(depth, strands.total), gene: tc.target.gene,
                                    filters: strandBias(alt: strands, ref: refStrands) ? [.strandBias] : [],
                                    altError: parameters.indelErrorRate, otherError: parameters.indelErrorRate)
            }
            // The target's reference read once (`bases` gives what `base` gives position by position; a
            // search of the panel's blocks per position was ~9 M instructions at every run).
            let region = tc.counts.region
            let window = region.start < region.end ? reference.bases(chrom: chrom, (region.start + 1)...region.end) : []
            for pos0 in region.start..<region.end {
                let pos = pos0 + 1
                guard let refBase = window[pos0 - region.start] else { continue }
                let depth = fragmentDepth(tc.counts, pos0: pos0)
                guard depth > 0 else { continue }
                for base in [RegionCounts.Base.a, .c, .g, .t] where Self.letter(base) != refBase {
                    let sc = tc.counts.strandCount(base, at: pos0)
                    guard sc.total > 0 else { continue }
                    let a = Normalization.Alleles(pos: pos, ref: String(UnicodeScalar(refBase)), alt: String(UnicodeScalar(Self.letter(base))))
                    let site = Site(chrom: chrom, alleles: a)
                    if let old = found[site], old.alt.total >= sc.total { continue }
                    let refSlot = RegionCounts.Base.allCases.first { Self.letter($0) == refBase } ?? .n
                    // The artefact filters are tested later, only for the alleles whose filters are read (`settled`).
                    found[site] = Evidence(alt: sc, depth: depth, gene: tc.target.gene,
                                        altError: tc.counts.meanError(base, at: pos0) ?? parameters.candidates.fallbackErrorRate,
                                        otherError: tc.counts.meanError(refSlot, at: pos0) ?? parameters.candidates.fallbackErrorRate,
                                        untested: .init(target: targetIndex, pos0: pos0, alt: base, refBase: refBase))
                }
            }
        }
        // An SNV's artefact filters and damage posterior, from the counts of the target it was found in. Most alleles
        // seen are neither called nor a hotspot: testing each one as it was found (the damage model's likelihoods) was
        // ~1% of a ~21,300x UMI run, all of it serial.
        func settled(_ ev: Evidence) -> Evidence {
            guard let u = ev.untested else { return ev }
            let tc = targets[u.target]
            let tested = snvFilters(tc.counts, chrom: tc.target.interval.chrom, pos0: u.pos0, alt: u.alt, refBase: u.refBase,
                                    damage: damage, reference: reference)
            var e = ev
            e.filters = tested.filters
            e.damagePosterior = tested.damagePosterior
            e.untested = nil
            return e
        }
        // The hotspots' filters are read by the tiers and the hotspot calls below.
        for h in panel.hotspots {
            let site = Site(chrom: h.chrom, alleles: .init(pos: h.pos, ref: h.ref, alt: h.alt))
            if let ev = found[site], ev.untested != nil { found[site] = settled(ev) }
        }

        var variants: [VariantCall] = []
        let hotspotAlleles = Set(panel.hotspots.map { Site(chrom: $0.chrom, alleles: .init(pos: $0.pos, ref: $0.ref, alt: $0.alt)) })
        let duplex = duplexEvidence(targets)
        let classes = familyClassEvidence(targets, reference: reference)
        // Hotspot alleles the duplex tier calls, when no artefact filter rejects them.
        let duplexCalled = Set(panel.hotspots.compactMap { h -> Site? in
            let site = Site(chrom: h.chrom, alleles: .init(pos: h.pos, ref: h.ref, alt: h.alt))
            guard duplex[Self.duplexKey(h)]?.detected == true, found[site]?.filters.isEmpty ?? false else { return nil }
            return site
        })
        // The same for the family-class tier.
        let classCalled = Set(panel.hotspots.compactMap { h -> Site? in
            let site = Site(chrom: h.chrom, alleles: .init(pos: h.pos, ref: h.ref, alt: h.alt))
            guard classes[Self.duplexKey(h)]?.detected == true, found[site]?.filters.isEmpty ?? false else { return nil }
            return site
        })
        for (site, ev) in found {
            let a = site.alleles
            let vaf = Double(ev.alt.total) / Double(ev.depth)
            let lod = ev.lod
            let isHotspot = hotspotAlleles.contains(site)
            let minAlt = isHotspot ? parameters.hotspotMinAltFragments : parameters.minAltFragments
            let byDuplex = duplexCalled.contains(site) || classCalled.contains(site)
            let passesTest = byDuplex || (vaf >= (isHotspot ? parameters.hotspotMinVAF : parameters.minVAF)
                && lod >= (isHotspot ? parameters.hotspotMinLOD : parameters.minLOD))
            // An allele the test supports on too few fragments is listed as min_alt, not dropped.
            guard passesTest && ev.alt.total >= parameters.candidates.listMinAltFragments else { continue }
            let ev = settled(ev)
            var filters = ev.filters
            if ev.alt.total < minAlt && !byDuplex { filters.append(.minAlt) }
            var v = VariantCall(gene: ev.gene, chrom: naming.input(site.chrom), pos: a.pos, ref: a.ref, alt: a.alt,
                                vaf: Rounding.fraction(vaf), depth: ev.depth, altDepth: ev.alt.total,
                                altForward: ev.alt.forward, altReverse: ev.alt.reverse,
                                filter: FilterStatus(failing: filters.map(FailedFilter.call)))
            v.lod = Rounding.places(lod, 2)
            v.damagePosterior = ev.damagePosterior.map { Rounding.fraction($0) }
            v.hotspot = panel.hotspots.first { $0.chrom == site.chrom && $0.pos == a.pos && $0.ref == a.ref && $0.alt == a.alt }?.name
            variants.append(v)
        }
        variants.sort { ($0.chrom, $0.pos, $0.ref, $0.alt) < ($1.chrom, $1.pos, $1.ref, $1.alt) }

        let hotspots = panel.hotspots.map { h -> HotspotCall in
            let a = Normalization.Alleles(pos: h.pos, ref: h.ref, alt: h.alt)
            let pos0 = h.isSNV ? h.pos - 1 : h.pos  // indels: the first base after the anchor
            let depth = targets.lazy.filter { $0.target.interval.chrom == h.chrom && $0.target.interval.contains(pos0 + 1) }
                .map { fragmentDepth($0.counts, pos0: pos0) }.max() ?? 0
            let alt = found[Site(chrom: h.chrom, alleles: a)]?.alt.total ?? 0
            let status: HotspotCall.Status
            // The fragments the model needs at this depth, then the VAF that yields them with 95% power.
            let needed = hotspotMinAlt(depth: depth, error: substitutionErrors.map { e in
                h.isSNV ? e.rate(ref: h.ref.utf8.first ?? 78, alt: h.alt.utf8.first ?? 78) : parameters.indelErrorRate
            } ?? parameters.candidates.fallbackErrorRate)
            let tier = duplex[Self.duplexKey(h)]
            let classTier = classes[Self.duplexKey(h)]
            // Any rule detects, so the LOD is the lowest of the rules' (each at 95% power): at that
            // fraction one rule alone calls with 95% power, the union at least as often.
            let duplexLOD = tier.flatMap { t in t.needed.flatMap { DetectionLimit.lod(depth: t.depth, minAlt: $0) } }
            let classLOD = classTier?.lod
            let lod = min(DetectionLimit.lod(depth: depth, minAlt: needed) ?? 1, duplexLOD ?? 1, classLOD ?? 1)
            // An allele that an artefact filter rejects is not a detection.
            let clean = found[Site(chrom: h.chrom, alleles: a)]?.filters.isEmpty ?? true
            let byLikelihood = clean && alt >= parameters.hotspotMinAltFragments && depth > 0 && Double(alt) / Double(depth) >= parameters.hotspotMinVAF
                && (found[Site(chrom: h.chrom, alleles: a)]?.lod ?? 0) >= parameters.hotspotMinLOD
            let tiers = [byLikelihood ? HotspotTier.likelihood : nil,
                         duplexCalled.contains(Site(chrom: h.chrom, alleles: a)) ? .duplex : nil,
                         classCalled.contains(Site(chrom: h.chrom, alleles: a)) ? .familyClass : nil].compactMap { $0 }
            if !tiers.isEmpty {
                status = .detected
            } else if depth < parameters.minHotspotDepth || lod > parameters.maxHotspotLOD {
                status = .lowCoverage
            } else {
                status = .notDetected
            }
            var call = HotspotCall(hotspot: h, chrom: naming.input(h.chrom), status: status, depth: max(depth, alt), altDepth: alt,
                                   minAlt: needed)
            if let tier {
                call.duplexAltDepth = tier.alt
                call.duplexDepth = tier.depth
                call.duplexMinAlt = tier.needed
                if let d = duplexLOD, let l = call.lod, d < l { call.lod = Rounding.fraction(d) }
            }
            if let classTier {
                call.familyClassP = Rounding.fraction(classTier.correctedP)
                if let d = classLOD, let l = call.lod, d < l { call.lod = Rounding.fraction(d) }
            }
            // UMI mode (a tier beside the likelihood rule): which rules called.
            if familyClassBackground != nil || duplexBackground != nil, status == .detected { call.calledBy = tiers }
            return call
        }
        var qc = qc(targets)
        qc.damage = damage.summary
        var result = Result(variants: variants, hotspots: hotspots, qc: qc,
                            genotypes: GermlineGenotyper(parameters.genotyping).genotype(targets, panel: panel, naming: naming))
        if let amplicons { applyAmpliconQC(amplicons, targets: targets, to: &result) }
        return result
    }

    private struct Evidence {
        var alt: RegionCounts.StrandCount
        var depth: Int
        var gene: String
        var filters: [CallFilter] = []
        var altError: Double
        var otherError: Double
        var damagePosterior: Double? = nil
        /// An SNV whose artefact filters (`filters`, `damagePosterior`) are not tested yet: where its counts are.
        var untested: UntestedSNV? = nil
        var lod: Double {
            AlleleLikelihood.lod(alt: alt.total, altError: altError, other: max(0, depth - alt.total), otherError: otherError)
        }
    }

    /// Where an SNV's artefact filters are tested from: the target (index in `call`'s targets), position and alleles.
    private struct UntestedSNV {
        var target: Int
        var pos0: Int
        var alt: RegionCounts.Base
        var refBase: UInt8
    }

    /// Alternate fragments a hotspot needs at `depth` with base-call error rate `error`.
    func hotspotMinAlt(depth: Int, error: Double) -> Int {
        AlleleLikelihood.minAlt(depth: depth, error: error, threshold: parameters.hotspotMinLOD,
                                floor: parameters.hotspotMinAltFragments) ?? parameters.hotspotMinAltFragments
    }

    /// Reference-allele strand counts at a 0-based position (for an indel: the base after its anchor).
    static func referenceStrands(_ c: RegionCounts, pos0: Int, reference: ReferenceSource, chrom: String) -> RegionCounts.StrandCount {
        guard let b = reference.base(chrom: chrom, pos: pos0 + 1),
              let slot = RegionCounts.Base.allCases.first(where: { letter($0) == b }) else { return .init() }
        return c.strandCount(slot, at: pos0)
    }

    /// An allele on a chromosome (panel naming): positions repeat across chromosomes.
    private struct Site: Hashable {
        var chrom: String
        var alleles: Normalization.Alleles
    }

    /// Fragments at a 0-based position: every base that passed the filters plus deletions.
    func fragmentDepth(_ c: RegionCounts, pos0: Int) -> Int {
        c.depth(at: pos0) + c.deletions(at: pos0)
    }

    /// VCF alleles of an observed indel; nil where the reference bases are unknown.
    private func indelAlleles(_ k: RegionCounts.IndelKey, chrom: String, reference: ReferenceSource) -> Normalization.Alleles? {
        let pos = k.anchor + 1
        guard let anchor = reference.base(chrom: chrom, pos: pos) else { return nil }
        var ref = [anchor]
        for i in 0..<k.deletedLength {
            guard let b = reference.base(chrom: chrom, pos: pos + 1 + i) else { return nil }
            ref.append(b)
        }
        let alt = [anchor] + Array(k.inserted.utf8)
        return Normalization.Alleles(pos: pos, ref: String(decoding: ref, as: UTF8.self), alt: String(decoding: alt, as: UTF8.self))
    }

    private func qc(_ targets: [TargetCounts]) -> QCSummary {
        var covs: [TargetCoverage] = []
        var sums: [Int] = [], lengths: [Int] = []
        var reads = 0
        var readsPerGene: [String: Int] = [:]
        for tc in targets {
            let r = tc.counts.region
            var sum = 0, minD = Int.max, covered = 0
            for p in r.start..<r.end {
                let d = fragmentDepth(tc.counts, pos0: p)
                sum += d
                minD = min(minD, d)
                if d >= parameters.minHotspotDepth { covered += 1 }
            }
            let n = max(1, r.length)
            sums.append(sum)
            lengths.append(r.length)
            reads += tc.counts.reads
            readsPerGene[tc.target.gene, default: 0] += tc.counts.reads
            let iv = tc.target.interval
            covs.append(TargetCoverage(gene: tc.target.gene, exon: tc.target.exon, chrom: naming.input(iv.chrom),
                                       start: iv.start, end: iv.end, meanDepth: Rounding.fraction(Double(sum) / Double(n)),
                                       minDepth: minD == Int.max ? 0 : minD, fractionCovered: Rounding.fraction(Double(covered) / Double(n))))
        }
        // Genes without a read were not assessed; their zeros would only drag the mean down.
        var panelGenes: [String] = []
        for t in panel.targets where !panelGenes.contains(t.gene) { panelGenes.append(t.gene) }
        let withoutReads = panelGenes.filter { (readsPerGene[$0] ?? 0) == 0 }
        var total = 0, positions = 0
        for (i, tc) in targets.enumerated() where !withoutReads.contains(tc.target.gene) {
            total += sums[i]
            positions += lengths[i]
        }
        return QCSummary(readsInTargets: reads, meanTargetDepth: Rounding.fraction(Double(total) / Double(max(1, positions))),
                         targets: covs, genesWithoutReads: withoutReads)
    }

    static func letter(_ b: RegionCounts.Base) -> UInt8 {
        switch b {
        case .a: return UInt8(ascii: "A")
        case .c: return UInt8(ascii: "C")
        case .g: return UInt8(ascii: "G")
        case .t: return UInt8(ascii: "T")
        case .n: return UInt8(ascii: "N")
        }
    }
}
