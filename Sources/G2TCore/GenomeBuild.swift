/// A human reference assembly g2t knows, recognised by the length of chr7.
public enum GenomeBuild: String, Codable, Sendable, CaseIterable {
    case grch38 = "GRCh38"
    case grch37 = "GRCh37"

    /// Length of chromosome 7 in this assembly (the same with or without "chr").
    public var chr7Length: Int {
        switch self {
        case .grch38: return 159_345_973
        case .grch37: return 159_138_663
        }
    }

    /// The build whose chr7 has `length`, if any.
    public static func forChr7(length: Int) -> GenomeBuild? {
        allCases.first { $0.chr7Length == length }
    }

    /// Parses "GRCh38"/"hg38"/"38" and the like.
    public init?(name: String) {
        switch name.lowercased() {
        case "grch38", "hg38", "38": self = .grch38
        case "grch37", "hg19", "37", "b37": self = .grch37
        default: return nil
        }
    }
}
