/// The range each threshold must lie in, so a configuration file or flag cannot switch a check off
/// by accident (a negative depth, a share above 1) or make the arithmetic meaningless.
extension CallingParameters {
    /// One out-of-range value: its key path in a configuration file (`filters.strandBiasMinLOD`) and the rule.
    package struct Problem: Sendable, Equatable, CustomStringConvertible {
        package var keyPath: String
        package var rule: String
        package var description: String { "\(keyPath): \(rule)" }
    }

    /// Every value outside its range, in key order; empty when the configuration is usable.
    package var problems: [Problem] {
        var out: [Problem] = []
        func fraction(_ x: Double, _ key: String) {
            if !(x >= 0 && x <= 1) { out.append(Problem(keyPath: key, rule: "must be a fraction from 0 to 1, not \(x)")) }
        }
        func atLeast(_ x: Int, _ min: Int, _ key: String, max: Int = 1_000_000) {
            if x < min || x > max { out.append(Problem(keyPath: key, rule: "must be a whole number from \(min) to \(max), not \(x)")) }
        }
        func positive(_ x: Double, _ key: String, max: Double = 1_000_000) {
            if !(x > 0 && x <= max) { out.append(Problem(keyPath: key, rule: "must be a number above 0 and at most \(max), not \(x)")) }
        }
        atLeast(minBaseQuality, 0, "minBaseQuality", max: 93)
        atLeast(minMappingQuality, 0, "minMappingQuality", max: 254)
        atLeast(minAltFragments, 1, "minAltFragments")
        fraction(minVAF, "minVAF")
        if !(minLOD >= 0 && minLOD <= 1_000_000) { out.append(Problem(keyPath: "minLOD", rule: "must be a number from 0 to 1000000, not \(minLOD)")) }
        if !(hotspotMinLOD >= 0 && hotspotMinLOD <= 1_000_000) {
            out.append(Problem(keyPath: "hotspotMinLOD", rule: "must be a number from 0 to 1000000, not \(hotspotMinLOD)"))
        }
        if !(indelErrorRate > 0 && indelErrorRate < 1) {
            out.append(Problem(keyPath: "indelErrorRate", rule: "must be a probability above 0 and below 1, not \(indelErrorRate)"))
        }
        atLeast(minHotspotDepth, 0, "minHotspotDepth")
        atLeast(hotspotMinAltFragments, 1, "hotspotMinAltFragments")
        fraction(hotspotMinVAF, "hotspotMinVAF")
        fraction(maxHotspotLOD, "maxHotspotLOD")
        // Recorded, not settable: the read filter (HTS `ReadFilter`) always skips these reads and counts mates once.
        let fixed = CallingParameters()
        if excludedFlags != fixed.excludedFlags {
            out.append(Problem(keyPath: "excludedFlags", rule: "is fixed (\(fixed.excludedFlags.joined(separator: ", "))): recorded in the report, not configurable"))
        }
        if countFragmentsOnce != fixed.countFragmentsOnce {
            out.append(Problem(keyPath: "countFragmentsOnce", rule: "is fixed (true): recorded in the report, not configurable"))
        }

        if !(filters.strandBiasMinLOD >= 0 && filters.strandBiasMinLOD <= 1_000) {
            out.append(Problem(keyPath: "filters.strandBiasMinLOD", rule: "must be a number from 0 to 1000, not \(filters.strandBiasMinLOD)"))
        }
        if !(filters.strandBiasErrorRate > 0 && filters.strandBiasErrorRate < 0.5) {
            out.append(Problem(keyPath: "filters.strandBiasErrorRate", rule: "must be a probability above 0 and below 0.5, not \(filters.strandBiasErrorRate)"))
        }
        if !(filters.readPositionMinEndDistance >= 0 && filters.readPositionMinEndDistance <= 1_000) {
            out.append(Problem(keyPath: "filters.readPositionMinEndDistance", rule: "must be a number of bases from 0 to 1000, not \(filters.readPositionMinEndDistance)"))
        }
        atLeast(candidates.listMinAltFragments, 1, "candidates.listMinAltFragments")
        if !(candidates.fallbackErrorRate > 0 && candidates.fallbackErrorRate < 0.5) {
            out.append(Problem(keyPath: "candidates.fallbackErrorRate", rule: "must be a probability above 0 and below 0.5, not \(candidates.fallbackErrorRate)"))
        }
        fraction(candidates.clipRescueMinShare, "candidates.clipRescueMinShare")
        atLeast(candidates.clipRescueWindow, 0, "candidates.clipRescueWindow", max: 100_000)
        fraction(candidates.clipMatchMinShare, "candidates.clipMatchMinShare")
        out += damageProblems()

        atLeast(phasing.maxDistance, 0, "phasing.maxDistance", max: 100_000)
        fraction(phasing.cisShare, "phasing.cisShare")
        fraction(phasing.transShare, "phasing.transShare")
        atLeast(phasing.minFragments, 1, "phasing.minFragments")
        atLeast(mnv.maxDistance, 1, "mnv.maxDistance", max: 2)
        fraction(mnv.minShare, "mnv.minShare")

        atLeast(genotyping.minDepth, 1, "genotyping.minDepth")
        atLeast(genotyping.minQuality, 0, "genotyping.minQuality", max: 99)
        if !(genotyping.errorRate > 0 && genotyping.errorRate < 0.75) {
            out.append(Problem(keyPath: "genotyping.errorRate", rule: "must be a probability above 0 and below 0.75, not \(genotyping.errorRate)"))
        }

        fraction(copyNumber.minRelativeDepth, "copyNumber.minRelativeDepth")
        positive(copyNumber.gainCopies, "copyNumber.gainCopies", max: 1_000)
        positive(copyNumber.amplificationCopies, "copyNumber.amplificationCopies", max: 1_000)
        positive(copyNumber.lossCopies, "copyNumber.lossCopies", max: 1_000)
        if !(copyNumber.lossCopies < 2 && 2 < copyNumber.gainCopies && copyNumber.gainCopies <= copyNumber.amplificationCopies) {
            out.append(Problem(keyPath: "copyNumber", rule: "needs lossCopies < 2 < gainCopies ≤ amplificationCopies"))
        }
        atLeast(copyNumber.minOffTargetReads, 1, "copyNumber.minOffTargetReads", max: 1_000_000_000)
        positive(copyNumber.focalExcessCopies, "copyNumber.focalExcessCopies", max: 1_000)

        atLeast(origin.normalMinAltFragments, 1, "origin.normalMinAltFragments")
        fraction(origin.normalMinVAF, "origin.normalMinVAF")
        atLeast(origin.normalMinDepth, 0, "origin.normalMinDepth")
        fraction(origin.homozygousVAF, "origin.homozygousVAF")
        atLeast(origin.ponMinNormals, 1, "origin.ponMinNormals")
        fraction(origin.germlineAt, "origin.germlineAt")
        fraction(origin.likelyGermlineAt, "origin.likelyGermlineAt")
        fraction(origin.likelySomaticAt, "origin.likelySomaticAt")
        if !(origin.likelySomaticAt < origin.likelyGermlineAt && origin.likelyGermlineAt <= origin.germlineAt) {
            out.append(Problem(keyPath: "origin", rule: "needs likelySomaticAt < likelyGermlineAt ≤ germlineAt"))
        }
        // Priors are odds in a log: 0 or 1 would make every call certain whatever the reads say.
        func probability(_ x: Double, _ key: String) {
            if !(x > 0 && x < 1) { out.append(Problem(keyPath: key, rule: "must be a probability above 0 and below 1, not \(x)")) }
        }
        probability(origin.somaticPrior, "origin.somaticPrior")
        probability(origin.novelGermlinePrior, "origin.novelGermlinePrior")
        probability(origin.hotspotGermlinePrior, "origin.hotspotGermlinePrior")
        probability(origin.pgxGermlinePrior, "origin.pgxGermlinePrior")
        fraction(origin.polymorphismAF, "origin.polymorphismAF")

        atLeast(purity.minVariantDepth, 1, "purity.minVariantDepth")
        atLeast(purity.maxCandidates, 1, "purity.maxCandidates")
        probability(purity.clonalPrior, "purity.clonalPrior")
        if !(purity.subclonalBelow > 0 && purity.subclonalBelow <= 1) {
            out.append(Problem(keyPath: "purity.subclonalBelow", rule: "must be a cancer-cell fraction above 0 and at most 1, not \(purity.subclonalBelow)"))
        }
        fraction(purity.disagreement, "purity.disagreement")

        fraction(identity.commonSiteAF, "identity.commonSiteAF")
        atLeast(identity.fewSites, 0, "identity.fewSites")
        atLeast(identity.mismatchSites, 1, "identity.mismatchSites")
        fraction(identity.vcfPresentVAF, "identity.vcfPresentVAF")

        atLeast(normalPanel.siteMinAltFragments, 1, "normalPanel.siteMinAltFragments")
        fraction(normalPanel.siteMinVAF, "normalPanel.siteMinVAF")
        if let a = amplicon {
            atLeast(a.matchTolerance, 0, "amplicon.matchTolerance", max: 50)
            fraction(a.dropoutFraction, "amplicon.dropoutFraction")
            if !(a.readPositionMinGap >= 0 && a.readPositionMinGap <= 1_000) {
                out.append(Problem(keyPath: "amplicon.readPositionMinGap", rule: "must be a number of bases from 0 to 1000, not \(a.readPositionMinGap)"))
            }
        }
        out += umi.problems
        return out
    }
}
