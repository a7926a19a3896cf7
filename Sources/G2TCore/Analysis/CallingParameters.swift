/// The thresholds a call was made with; recorded in every report.
public struct CallingParameters: Codable, Sendable, Equatable {
    public var minBaseQuality: Int = 20
    public var minMappingQuality: Int = 20
    /// Minimum fragments carrying the alternate allele for a call.
    public var minAltFragments: Int = 5
    /// Minimum variant allele fraction for a call.
    public var minVAF: Double = 0.02
    /// Depth below which a hotspot is "low-coverage" rather than "not-detected".
    public var minHotspotDepth: Int = 100
    /// A known hotspot allele passes on less evidence than a novel one (tiers, as SAGE does).
    public var hotspotMinAltFragments: Int = 3
    public var hotspotMinVAF: Double = 0.01
    /// A hotspot whose limit of detection is above this is "low-coverage": a negative there means little.
    public var maxHotspotLOD: Double = 0.05
    /// samtools-style flag names whose reads are skipped.
    public var excludedFlags: [String] = ["UNMAP", "SECONDARY", "QCFAIL", "DUP", "SUPPLEMENTARY"]
    /// Whether overlapping mates count once.
    public var countFragmentsOnce: Bool = true

    public init() {}
}
