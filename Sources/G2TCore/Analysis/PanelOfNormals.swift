/// Normal samples sequenced on the same assay: the expected relative depth of each panel target
/// (the reference that turns a tumour's coverage into copy number), the normals' off-target reads
/// (the genome-wide scale), and the sites where the normals carry an alternate allele (germline
/// variants and recurrent artefacts, as in Mutect2's panel of normals).
///
/// Format `g2t-pon/2`; a `g2t-pon/1` file (copy number from targets only) still loads, with no
/// off-target scale and no site list.
package struct PanelOfNormals: Codable, Sendable, Equatable {
    /// Layouts this version reads; `write` always writes the last.
    package static let readableFormats = ["g2t-pon/1", "g2t-pon/2"]
    package static let currentFormat = "g2t-pon/2"

    /// One target's depth in the normals, relative to each normal's median target depth.
    package struct Target: Codable, Sendable, Equatable {
        package var gene: String
        package var exon: Int
        package var chrom: String
        package var start: Int
        package var end: Int
        /// Median over the normals of (target mean depth / that normal's median target depth).
        package var relativeDepth: Double
        /// Spread of `relativeDepth` over the normals (median absolute deviation), to drop noisy targets.
        package var mad: Double
        /// Median over the normals of (target mean depth / millions of off-target reads on the other
        /// autosomes); nil without an off-target scale (format 1, or normals without off-target reads).
        package var depthPerMillionOffTarget: Double?

        package init(gene: String, exon: Int, chrom: String, start: Int, end: Int, relativeDepth: Double, mad: Double,
                    depthPerMillionOffTarget: Double? = nil) {
            self.gene = gene
            self.exon = exon
            self.chrom = chrom
            self.start = start
            self.end = end
            self.relativeDepth = relativeDepth
            self.mad = mad
            self.depthPerMillionOffTarget = depthPerMillionOffTarget
        }
    }

    /// The normals' off-target reads: the scale that ties target depth to the genome.
    package struct OffTargetScale: Codable, Sendable, Equatable {
        /// Each normal's counts, in the order of `normals`.
        package var perNormal: [OffTargetCounts]
        /// Median over the normals of (off-target reads on the panel chromosome / on the other autosomes),
        /// per panel chromosome ("chr7").
        package var chromosomeFraction: [String: Double]
        /// Relative spread over the normals of (median target depth / off-target reads): how far the
        /// capture's on- to off-target balance varies between libraries (median absolute deviation /
        /// median). Every gene's copies carry an error of about this fraction.
        package var captureSpread: Double

        package init(perNormal: [OffTargetCounts], chromosomeFraction: [String: Double], captureSpread: Double) {
            self.perNormal = perNormal
            self.chromosomeFraction = chromosomeFraction
            self.captureSpread = captureSpread
        }
    }

    /// An alternate allele seen in the normals at a target position.
    package struct Site: Codable, Sendable, Equatable {
        /// Contig as in the normals' alignments; matched with or without "chr".
        package var chrom: String
        /// VCF-style, left-normalised (as the caller reports variants).
        package var pos: Int
        package var ref: String
        package var alt: String
        /// Normals with support (see `siteRule`).
        package var normals: Int
        /// Highest allele fraction among them.
        package var maxVAF: Double

        package init(chrom: String, pos: Int, ref: String, alt: String, normals: Int, maxVAF: Double) {
            self.chrom = chrom
            self.pos = pos
            self.ref = ref
            self.alt = alt
            self.normals = normals
            self.maxVAF = maxVAF
        }
    }

    /// Layout version of this file.
    package var format: String = PanelOfNormals.currentFormat
    package var build: String
    /// Sample IDs of the normals, in the order given.
    package var normals: [String]
    /// Median target depth of each normal, same order.
    package var medianDepths: [Double]
    package var targets: [Target]
    /// nil in format 1, or when a normal had too few off-target reads (the reason is in `offTargetNote`).
    package var offTarget: OffTargetScale?
    /// Why there is no off-target scale, when there is none.
    package var offTargetNote: String?
    /// Alternate alleles with support in at least one normal; nil in format 1 (no site data).
    package var sites: [Site]?
    /// What "support" meant when the sites were recorded.
    package var siteRule: String?

    package init(build: String, normals: [String], medianDepths: [Double], targets: [Target],
                offTarget: OffTargetScale? = nil, offTargetNote: String? = nil, sites: [Site]? = nil, siteRule: String? = nil) {
        self.build = build
        self.normals = normals
        self.medianDepths = medianDepths
        self.targets = targets
        self.offTarget = offTarget
        self.offTargetNote = offTargetNote
        self.sites = sites
        self.siteRule = siteRule
    }

    /// Whether site-level data (`normalsWithSupport`) is available: false for a format-1 panel.
    package var hasSiteData: Bool { sites != nil }

    /// How many normals support this allele (VCF-style, left-normalised); 0 when none does.
    /// nil when the panel has no site data (format 1) or the position lies outside its targets,
    /// where the normals were not examined.
    package func normalsWithSupport(chrom: String, pos: Int, ref: String, alt: String) -> Int? {
        guard let sites else { return nil }
        let bare = Self.bare(chrom)
        guard targets.contains(where: { Self.bare($0.chrom) == bare && $0.start - 1 <= pos && pos <= $0.end }) else { return nil }
        return sites.first { $0.pos == pos && $0.ref == ref && $0.alt == alt && Self.bare($0.chrom) == bare }?.normals ?? 0
    }

    /// "chr7" and "7" name the same chromosome.
    static func bare(_ chrom: String) -> Substring {
        chrom.hasPrefix("chr") ? chrom.dropFirst(3) : Substring(chrom)
    }
}
