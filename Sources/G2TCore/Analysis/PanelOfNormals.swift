/// Expected relative depth of each panel target, from normal samples sequenced on the same assay:
/// the reference that turns a tumour's coverage into copy number.
public struct PanelOfNormals: Codable, Sendable, Equatable {
    /// One target's depth in the normals, relative to each normal's median target depth.
    public struct Target: Codable, Sendable, Equatable {
        public var gene: String
        public var exon: Int
        public var chrom: String
        public var start: Int
        public var end: Int
        /// Median over the normals of (target mean depth / that normal's median target depth).
        public var relativeDepth: Double
        /// Spread of `relativeDepth` over the normals (median absolute deviation), to drop noisy targets.
        public var mad: Double

        public init(gene: String, exon: Int, chrom: String, start: Int, end: Int, relativeDepth: Double, mad: Double) {
            self.gene = gene
            self.exon = exon
            self.chrom = chrom
            self.start = start
            self.end = end
            self.relativeDepth = relativeDepth
            self.mad = mad
        }
    }

    /// Layout version of this file.
    public var format: String = "g2t-pon/1"
    public var build: String
    /// Sample IDs of the normals, in the order given.
    public var normals: [String]
    /// Median target depth of each normal, same order.
    public var medianDepths: [Double]
    public var targets: [Target]

    public init(build: String, normals: [String], medianDepths: [Double], targets: [Target]) {
        self.build = build
        self.normals = normals
        self.medianDepths = medianDepths
        self.targets = targets
    }
}
