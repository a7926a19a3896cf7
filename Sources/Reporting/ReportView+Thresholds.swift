import G2TCore

extension ReportView {
    /// The methods section's sentences on the artefact-filter, phasing, MNV, genotyping, copy-number
    /// and origin thresholds the analysis was made with (`CallingParameters`), so the HTML states
    /// every value the JSON records.
    static func thresholdSentences(_ p: CallingParameters) -> [String] {
        let f = p.filters, ph = p.phasing, m = p.mnv, g = p.genotyping, c = p.copyNumber, o = p.origin, u = p.purity, i = p.identity
        func n(_ x: Double) -> String { Int(exactly: x).map(String.init) ?? String(x) }
        return [
            "Artefact-filter thresholds: strand_bias when a one-strand artefact (alternate fraction \(percent(f.strandBiasErrorRate)) on the "
                + "other strand) is at least 10^\(n(f.strandBiasMinLOD)) times likelier than one fraction on both strands; read_position when "
                + "its mean distance to the nearer read end is below \(n(f.readPositionMinEndDistance)) bases; damage when the sample's learned "
                + "read-orientation damage model gives a posterior above \(n(p.damage.maxPosterior)) (prior per substitution class learned from the "
                + "sample's candidate sites with ≥ \(p.damage.priorMinAltFragments) alternate fragments, starting from \(n(p.damage.prior)) weighted as "
                + "\(n(p.damage.priorPseudoSites)) sites; damage "
                + "fractions Beta-distributed around the learned rate, at least \(percent(p.damage.minRate)), concentration "
                + "\(n(p.damage.rateConcentration)); damaged fragments at least \(percent(p.damage.minOrientationShare)) in one orientation; "
                + "sites above \(percent(p.damage.maxLearningVAF)) left out of the learning; contexts shrunk by "
                + "\(p.damage.contextPriorFragments) fragments); FFPE or oxidation damage is \"high\" from a rate of \(percent(p.damage.highRate)).",
            "Candidate alleles: listed from \(p.candidates.listMinAltFragments) alternate fragments; base-call error \(percent(p.candidates.fallbackErrorRate)) "
                + "where the reads give no rate; soft-clipped reads count for an indel when at least \(percent(p.candidates.clipMatchMinShare)) of their "
                + "bases match its haplotype, and only for an indel with at least \(percent(p.candidates.clipRescueMinShare)) of the direct support of "
                + "the strongest indel within \(p.candidates.clipRescueWindow) bp.",
            "Phasing of passing variants within \(ph.maxDistance) bp: cis when at least \(percent(ph.cisShare)) of the rarer variant's fragments "
                + "carry both (and at least \(ph.minFragments)), trans when at most \(percent(ph.transShare)) do (and at least \(ph.minFragments) "
                + "carry each alone). SNVs at most \(m.maxDistance) bp apart in cis on at least \(percent(m.minShare)) of each one's fragments are one MNV.",
            "Pharmacogenomic genotypes are called from \(g.minDepth)× with genotype quality ≥ \(g.minQuality) (read error rate \(percent(g.errorRate))).",
            "Copy number: gain from \(n(c.gainCopies)) copies, amplification from \(n(c.amplificationCopies)), loss below \(n(c.lossCopies)); targets "
                + "below \(percent(c.minRelativeDepth)) of the normals' median depth are left out; the off-target scale needs \(c.minOffTargetReads) "
                + "reads; a gain \(n(c.focalExcessCopies)) copy or more above its chromosome's level is focal.",
            "Origin: a matched normal supports an allele with ≥ \(o.normalMinAltFragments) fragments and ≥ \(percent(o.normalMinVAF)) of its depth, "
                + "and is informative from \(o.normalMinDepth)×; an allele in ≥ \(o.ponMinNormals) panel normals is likely germline; germline "
                + "from P(germline) ≥ \(n(o.germlineAt)), likely germline ≥ \(n(o.likelyGermlineAt)), likely somatic ≤ \(n(o.likelySomaticAt)); "
                + "homozygous from VAF \(percent(o.homozygousVAF)). Priors: P(somatic) \(o.somaticPrior) per base; P(germline) \(n(o.novelGermlinePrior)) "
                + "for an allele absent from the germline resource, \(n(o.hotspotGermlinePrior)) at a panel hotspot, at least \(n(o.pgxGermlinePrior)) at a "
                + "pharmacogenomic site; a germline allele at ≥ \(percent(o.polymorphismAF)) popmax frequency is a polymorphism (tier IV).",
            "Purity is estimated from at most \(u.maxCandidates) somatic variants with ≥ \(u.minVariantDepth) fragments; clonal prior \(n(u.clonalPrior)); a variant is subclonal when "
                + "its CCF's upper 95% bound is below \(n(u.subclonalBelow)); given and estimated purity differing by more than \(n(u.disagreement)) are stated.",
            "Matched normal identity: germline-resource SNVs at ≥ \(percent(i.commonSiteAF)) popmax frequency and the pharmacogenomic SNVs are compared; "
                + "\(i.mismatchSites) discordant sites (or one that is half of those compared) are a mismatch; fewer than \(i.fewSites) compared sites make a weak check; "
                + "an allele a tumour VCF lists at ≥ \(percent(i.vcfPresentVAF)) counts as present. Panel-of-normals sites: "
                + "\(p.normalPanel.rule).",
        ]
    }
}
