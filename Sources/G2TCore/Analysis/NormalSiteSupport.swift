/// Site-level allele support recorded in a panel of normals (Mutect2 PoN semantics), as the
/// origin model reads it. A panel of normals that records sites conforms to this; one that does
/// not (copy number only) answers nil, and the report says site filtering was not available.
package protocol NormalSiteSupport: Sendable {
    /// Number of normals with alternate-allele support for this allele (1-based VCF-style
    /// position and alleles), or nil when the panel has no site data there.
    func normalsWithSupport(chrom: String, pos: Int, ref: String, alt: String) -> Int?
}

extension PanelOfNormals: NormalSiteSupport {}
