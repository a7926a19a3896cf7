/// A called variant, in VCF terms (1-based `pos`), with its annotation once the annotate stage ran.
public struct VariantCall: Codable, Sendable, Equatable {
    public var gene: String?
    public var chrom: String
    public var pos: Int
    public var ref: String
    public var alt: String
    /// Alternate fragments / depth; nil when the input (a VCF without depth fields) does not say.
    public var vaf: Double?
    /// log10 likelihood ratio of the allele against base-call error (g2t's caller; nil for VCF input).
    public var lod: Double?
    /// Fragments covering the site (reference + alternate + other alleles).
    public var depth: Int
    public var altDepth: Int
    public var altForward: Int
    public var altReverse: Int
    /// Passed, or the filters it failed (JSON: "PASS" or the names joined by ";").
    public var filter: FilterStatus
    /// Name of the panel hotspot this variant is, if any.
    public var hotspot: String?
    /// Annotation (filled by the annotate stage).
    public var transcript: String?
    public var hgvsc: String?
    public var hgvsp: String?
    public var hgvspShort: String?
    /// SO terms, most severe first (JSON: joined by "&").
    public var consequence: Consequence?
    public var exon: Int?
    /// Intron number, for intronic variants.
    public var intron: Int?
    /// AMP/ASCO/CAP 2017 tier from the evidence that matched it (I, II, III), IV for a benign or
    /// likely benign germline polymorphism, or PGx for a germline pharmacogenomic variant reported
    /// for information; set by the score stage.
    public var tier: Tier?
    /// Somatic or germline, and what decided it (origin model, docs/germline.md); nil in analyses made before it.
    public var origin: VariantOrigin?
    public var originEvidence: [OriginEvidence]?
    /// For germline and likely-germline variants: heterozygous or homozygous.
    public var zygosity: Zygosity?
    /// Population frequency from the bundled germline resource; nil when the variant is not in it.
    public var population: PopulationFrequency?
    /// Cancer-cell fraction, for somatic and likely-somatic variants when the purity is known.
    public var ccf: CancerCellFraction?
    /// At a known germline predisposition site (EGFR T790M) with germline-like evidence: the report
    /// recommends germline testing; the variant keeps its therapy meaning.
    public var possiblyGermline: Bool?
    /// In UMI mode, where the depths count consensus molecules: raw reads covering the site and carrying the allele.
    public var readDepth: Int?
    public var readAltDepth: Int?
    /// Posterior probability that the SNV is sample-preparation damage (FFPE deamination, oxidation),
    /// from the sample's read-orientation model; nil where the model does not apply (indels, VCF
    /// input, amplicon mode, single-end reads). `damage` fails above `parameters.damage.maxPosterior`.
    public var damagePosterior: Double?

    public init(gene: String?, chrom: String, pos: Int, ref: String, alt: String, vaf: Double?, depth: Int,
                altDepth: Int, altForward: Int, altReverse: Int, filter: FilterStatus, hotspot: String? = nil) {
        self.gene = gene
        self.chrom = chrom
        self.pos = pos
        self.ref = ref
        self.alt = alt
        self.vaf = vaf
        self.depth = depth
        self.altDepth = altDepth
        self.altForward = altForward
        self.altReverse = altReverse
        self.filter = filter
        self.hotspot = hotspot
    }

    public var passed: Bool { filter == .pass }

    /// Germline or likely germline by the origin model (and not at a predisposition site, whose
    /// variants keep their therapy meaning): not a somatic finding, not a biomarker.
    public var isGermlineFinding: Bool { (origin?.isGermline ?? false) && possiblyGermline != true }

    enum CodingKeys: String, CodingKey {
        case gene, chrom, pos, ref, alt, vaf, lod, depth, altDepth, altForward, altReverse, filter, hotspot
        case transcript, hgvsc, hgvsp, hgvspShort, consequence, exon, intron, tier
        case origin, originEvidence, zygosity, population, ccf, possiblyGermline
        case readDepth, readAltDepth, damagePosterior
    }

    // The report contract lists gene, hgvsc and hgvsp for every variant: write null rather than omit.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(gene, forKey: .gene)
        try c.encode(chrom, forKey: .chrom)
        try c.encode(pos, forKey: .pos)
        try c.encode(ref, forKey: .ref)
        try c.encode(alt, forKey: .alt)
        try c.encode(vaf, forKey: .vaf)
        try c.encode(lod, forKey: .lod)
        try c.encode(depth, forKey: .depth)
        try c.encode(altDepth, forKey: .altDepth)
        try c.encode(altForward, forKey: .altForward)
        try c.encode(altReverse, forKey: .altReverse)
        try c.encode(filter, forKey: .filter)
        try c.encode(hotspot, forKey: .hotspot)
        try c.encode(transcript, forKey: .transcript)
        try c.encode(hgvsc, forKey: .hgvsc)
        try c.encode(hgvsp, forKey: .hgvsp)
        try c.encode(hgvspShort, forKey: .hgvspShort)
        try c.encode(consequence, forKey: .consequence)
        try c.encode(exon, forKey: .exon)
        try c.encode(intron, forKey: .intron)
        try c.encode(tier, forKey: .tier)
        try c.encodeIfPresent(origin, forKey: .origin)
        try c.encodeIfPresent(originEvidence, forKey: .originEvidence)
        try c.encodeIfPresent(zygosity, forKey: .zygosity)
        try c.encodeIfPresent(population, forKey: .population)
        try c.encodeIfPresent(ccf, forKey: .ccf)
        try c.encodeIfPresent(possiblyGermline, forKey: .possiblyGermline)
        try c.encodeIfPresent(readDepth, forKey: .readDepth)
        try c.encodeIfPresent(readAltDepth, forKey: .readAltDepth)
        try c.encodeIfPresent(damagePosterior, forKey: .damagePosterior)
    }
}
