/// What a hotspot looked like in the sample, positive or not.
public struct HotspotCall: Codable, Sendable, Equatable {
    /// "detected", "not-detected" or "low-coverage".
    public enum Status: String, Codable, Sendable {
        case detected
        case notDetected = "not-detected"
        case lowCoverage = "low-coverage"
    }

    public var name: String
    public var gene: String
    public var chrom: String
    public var pos: Int
    public var ref: String
    public var alt: String
    public var hgvsc: String
    public var hgvsp: String
    public var status: Status
    public var depth: Int
    public var altDepth: Int
    public var vaf: Double
    /// Limit of detection: the VAF detectable with 95% power at this depth (nil when depth is unknown or 0).
    public var lod: Double?
    /// In UMI mode, where `depth` and `altDepth` count consensus molecules: the raw reads covering the site.
    public var readDepth: Int?

    /// `minAlt`: the alternate fragments a detection needs at this depth (from `CallingParameters`), for the limit of detection.
    public init(hotspot h: Hotspot, chrom: String, status: Status, depth: Int, altDepth: Int, minAlt: Int) {
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
