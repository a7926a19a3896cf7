/// The artefact filters g2t applies to its calls; each is named in the VCF's FILTER column and
/// described in its header.
package enum CallFilter: String, CaseIterable, Codable, Sendable {
    case strandBias = "strand_bias"
    case readPosition = "read_position"
    case damage = "damage"
    case lowMappingQuality = "low_mapq"
    case duplicate = "duplicate"
    case minAlt = "min_alt"

    package var description: String {
        switch self {
        case .strandBias:
            return "Alternate allele likelier on one strand only (at error rate on the other) than at one fraction on both strands (likelihood ratio)"
        case .readPosition:
            return "Alternate allele seen only near read ends (mean distance from the nearer end under 10 bases)"
        case .damage:
            return "Probably sample damage (FFPE deamination, oxidation or another read-orientation artefact), not a real variant: posterior from the sample's learned F1R2/F2R1 damage model above the configured threshold"
        case .lowMappingQuality:
            return "At least as many reads of low mapping quality (excluded) as counted reads carry the alternate allele"
        case .duplicate:
            return "At least as many duplicate reads (excluded) as counted reads carry the alternate allele"
        case .minAlt:
            return "The likelihood test passes, but fewer fragments than --min-alt carry the allele"
        }
    }
}
