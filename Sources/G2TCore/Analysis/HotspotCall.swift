/// What a hotspot looked like in the sample, positive or not.
package struct HotspotCall: Codable, Sendable, Equatable {
    /// "detected", "not-detected" or "low-coverage".
    package enum Status: String, Codable, Sendable {
        case detected
        case notDetected = "not-detected"
        case lowCoverage = "low-coverage"
    }

    package var name: String
    package var gene: String
    package var chrom: String
    package var pos: Int
    package var ref: String
    package var alt: String
    package var hgvsc: String
    package var hgvsp: String
    package var status: Status
    package var depth: Int
    package var altDepth: Int
    package var vaf: Double
    /// Limit of detection: the VAF detectable with 95% power at this depth (nil when depth is unknown or 0).
    package var lod: Double?
    /// In UMI mode, where `depth` and `altDepth` count consensus molecules: the raw reads covering the site.
    package var readDepth: Int?
    /// UMI mode's duplex tier (SNV hotspots): molecules whose two strands both show the allele, molecules
    /// read on both strands at the site, and the duplex alternate molecules a call needs there (absent: no
    /// duplex molecule, or no count can be significant).
    package var duplexAltDepth: Int?
    package var duplexDepth: Int?
    package var duplexMinAlt: Int?
    /// UMI mode's family-class tier (SNV hotspots): its Bonferroni-corrected p-value (absent: no class
    /// entered the test).
    package var familyClassP: Double?
    /// UMI mode, a detected hotspot: the rules that called it (absent in raw-read mode, where only the likelihood rule runs).
    package var calledBy: [HotspotTier]?

    /// `minAlt`: the alternate fragments a detection needs at this depth (from `CallingParameters`), for the limit of detection.
    package init(hotspot h: Hotspot, chrom: String, status: Status, depth: Int, altDepth: Int, minAlt: Int) {
        self.name = h.name
        self.gene = h.gene
        self.chrom = chrom
        self.pos = h.pos
        self.ref = h.ref
        self.alt = h.alt
        self.hgvsc = h.hgvsc
        self.hgvsp = h.hgvsp
        self.status = status
        self.depth = depth
        self.altDepth = altDepth
        self.vaf = depth > 0 ? Rounding.fraction(Double(altDepth) / Double(depth)) : 0
        self.lod = DetectionLimit.lod(depth: depth, minAlt: minAlt).map(Rounding.fraction)
    }
}

/// A rule that can call a hotspot in UMI mode (a call if any calls; docs/umi.md).
package enum HotspotTier: String, Codable, Sendable, CaseIterable {
    /// The likelihood ratio of the alternate molecules against the consensus background (`PanelCaller`).
    case likelihood
    /// Duplex alternate molecules against the duplex background (`DuplexHotspotTier`).
    case duplex
    /// Every alternate molecule weighted by its family class (`FamilyClassTier`).
    case familyClass = "family-class"
}
