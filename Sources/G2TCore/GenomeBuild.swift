/// A human reference assembly g2t knows, recognised by the lengths of the panel's chromosomes
/// (`ChromosomeLengths`, from the bundled `assemblies.tsv`).
package enum GenomeBuild: String, Codable, Sendable, CaseIterable {
    case grch38 = "GRCh38"
    case grch37 = "GRCh37"

    /// Parses "GRCh38"/"hg38"/"38" and the like.
    package init?(name: String) {
        switch name.lowercased() {
        case "grch38", "hg38", "38": self = .grch38
        case "grch37", "hg19", "37", "b37": self = .grch37
        default: return nil
        }
    }
}
