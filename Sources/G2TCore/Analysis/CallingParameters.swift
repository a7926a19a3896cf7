/// The thresholds a call was made with; recorded in every report.
public struct CallingParameters: Codable, Sendable, Equatable {
    public var minBaseQuality: Int = 20
    public var minMappingQuality: Int = 20
    /// Minimum fragments carrying the alternate allele for a call.
    public var minAltFragments: Int = 3
    /// Minimum variant allele fraction for a call (a floor under the likelihood test).
    public var minVAF: Double = 0.005
    /// log10 likelihood ratio a novel allele needs (Mutect2's TLOD threshold is 6.3).
    public var minLOD: Double = 6.3
    /// The same for a panel hotspot allele.
    public var hotspotMinLOD: Double = 3.0
    /// Error rate assumed for an indel fragment (no base quality applies).
    public var indelErrorRate: Double = 0.0005
    /// Depth below which a hotspot is "low-coverage" rather than "not-detected".
    public var minHotspotDepth: Int = 100
    /// A known hotspot allele passes on less evidence than a novel one (tiers, as SAGE does).
    public var hotspotMinAltFragments: Int = 3
    public var hotspotMinVAF: Double = 0.005
    /// A hotspot whose limit of detection is above this is "low-coverage": a negative there means little.
    public var maxHotspotLOD: Double = 0.05
    /// samtools-style flag names whose reads are skipped.
    public var excludedFlags: [String] = ["UNMAP", "SECONDARY", "QCFAIL", "DUP", "SUPPLEMENTARY"]
    /// Whether overlapping mates count once.
    public var countFragmentsOnce: Bool = true

    public init() {}
}
