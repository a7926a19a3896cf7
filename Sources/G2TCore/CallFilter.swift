/// The artefact filters g2t applies to its calls; each is named in the VCF's FILTER column and
/// described in its header.
public enum CallFilter: String, CaseIterable, Codable, Sendable {
    case strandBias = "strand_bias"
    case readPosition = "read_position"
    case orientation = "orientation"
    case lowMappingQuality = "low_mapq"
    case duplicate = "duplicate"
    case minAlt = "min_alt"

    public var description: String {
        switch self {
        case .strandBias:
            return "Alternate allele seen (almost) only on one strand while the reference allele is on both"
        case .readPosition:
            return "Alternate allele seen only near read ends (mean distance from the nearer end under 10 bases)"
        case .orientation:
            return "Alternate allele seen (almost) only in one read-pair orientation (F1R2 or F2R1), as damage artefacts are"
        case .lowMappingQuality:
            return "At least as many reads of low mapping quality (excluded) as counted reads carry the alternate allele"
        case .duplicate:
            return "At least as many duplicate reads (excluded) as counted reads carry the alternate allele"
        case .minAlt:
            return "The likelihood test passes, but fewer fragments than --min-alt carry the allele"
        }
    }
}
