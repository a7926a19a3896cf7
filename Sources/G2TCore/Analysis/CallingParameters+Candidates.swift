extension CallingParameters {
    /// Which candidate alleles the read-level caller lists, and how soft-clipped reads rescue indels
    /// (`PanelCaller`, `PanelCaller+SoftClips`). Not settable from flags; a configuration file can.
    package struct Candidates: Codable, Sendable, Equatable {
        /// An allele the likelihood test supports is listed (passing, or failing `min_alt`) only from this many
        /// alternate fragments: one fragment cannot be told from a single-read error at any depth.
        package var listMinAltFragments: Int = 2
        /// Base-call error rate assumed where a position's reads give none (no quality-derived rate, or a hotspot
        /// without a substitution-error estimate): typical raw Illumina error, 0.1%.
        package var fallbackErrorRate: Double = 0.001
        /// Soft-clip rescue: an indel may take clipped reads only with at least this share of the direct support
        /// of the strongest indel within `clipRescueWindow` bases, so the clips of a real indel, placed elsewhere by
        /// the aligner, cannot lift a weak partial allele.
        package var clipRescueMinShare: Double = 0.5
        /// Soft-clip rescue: bases either side of an indel within which another indel competes for its clips
        /// (a read length's fraction: two indels this close share reads).
        package var clipRescueWindow: Int = 30
        /// A clip supports an indel when at least this share of its bases match the indel's haplotype (and more
        /// than match the reference): one mismatch in ten allows a base-call error without accepting chance matches.
        package var clipMatchMinShare: Double = 0.9

        package init() {}

        private enum CodingKeys: String, CodingKey {
            case listMinAltFragments, fallbackErrorRate, clipRescueMinShare, clipRescueWindow, clipMatchMinShare
        }
        // Analyses written before this group was recorded were made with these values (then literals).
        package init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Candidates()
            listMinAltFragments = try c.decodeIfPresent(Int.self, forKey: .listMinAltFragments) ?? d.listMinAltFragments
            fallbackErrorRate = try c.decodeIfPresent(Double.self, forKey: .fallbackErrorRate) ?? d.fallbackErrorRate
            clipRescueMinShare = try c.decodeIfPresent(Double.self, forKey: .clipRescueMinShare) ?? d.clipRescueMinShare
            clipRescueWindow = try c.decodeIfPresent(Int.self, forKey: .clipRescueWindow) ?? d.clipRescueWindow
            clipMatchMinShare = try c.decodeIfPresent(Double.self, forKey: .clipMatchMinShare) ?? d.clipMatchMinShare
        }
    }
}
