/// A called variant, in VCF terms (1-based `pos`), with its annotation once the annotate stage ran.
package struct VariantCall: Codable, Sendable, Equatable {
    package var gene: String?
    package var chrom: String
    package var pos: Int
    package var ref: String
    package var alt: String
    /// Alternate fragments / depth; nil when the input (a VCF without depth fields) does not say.
    package var vaf: Double?
    /// log10 likelihood ratio of the allele against base-call error (g2t's caller; nil for VCF input).
    package var lod: Double?
    /// Fragments covering the site (reference + alternate + other alleles).
    package var depth: Int
    package var altDepth: Int
    package var altForward: Int
    package var altReverse: Int
    /// Passed, or the filters it failed (JSON: "PASS" or the names joined by ";").
    package var filter: FilterStatus
    /// Name of the panel hotspot this variant is, if any.
    package var hotspot: String?
    /// The annotate stage's result; nil before it ran and for a variant outside every panel
    /// transcript (see `VariantAnnotation`). JSON: its fields flat on the variant, null when nil.
    /// Stored out of line: a call not (yet) annotated pays one pointer instead of ~100 bytes (a
    /// dense VCF holds 200,000 calls through the call stage, issue 13).
    package var annotation: VariantAnnotation? {
        get { annotationBox?.value }
        set { annotationBox = newValue.map(ValueBox.init) }
    }
    private var annotationBox: ValueBox<VariantAnnotation>?
    /// The score stage's per-variant result: AMP/ASCO/CAP 2017 tier from the evidence that matched
    /// it (I, II, III), IV for a benign or likely benign germline polymorphism, or PGx for a germline
    /// pharmacogenomic variant reported for information. nil before the score stage ran and for a
    /// variant that failed a filter (not tiered). The tier is all the stage decides per variant
    /// (clonality and CCF belong to the evidence items), so this one-byte optional enum is already
    /// its typed result; a wrapper type would add nothing. JSON: `tier`, null when nil.
    package var tier: Tier?
    /// The origin step's result (origin, evidence, zygosity, population frequency, CCF, possibly
    /// germline; docs/germline.md); nil before it ran (analyses made before the origin model).
    /// Set as one value: the step makes all of it at once. JSON: its fields flat on the variant,
    /// each absent when it has no value. Stored out of line, as the annotation is: a call the step
    /// has not seen pays one pointer instead of 122 bytes, one it has seen a
    /// 72-byte box (`OriginCall` keeps its rare population frequency out of line too).
    package var originCall: OriginCall? {
        get { originBox?.value }
        set { originBox = newValue.map(ValueBox.init) }
    }
    /// Internal, not private: `OriginCallPool` sets one box on every call with an identical result.
    var originBox: ValueBox<OriginCall>?
    /// In UMI mode, where the depths count consensus molecules: raw reads covering the site and carrying the allele.
    package var readDepth: Int?
    package var readAltDepth: Int?
    /// Posterior probability that the SNV is sample-preparation damage (FFPE deamination, oxidation),
    /// from the sample's read-orientation model; nil where the model does not apply (indels, VCF
    /// input, amplicon mode, single-end reads). `damage` fails above `parameters.damage.maxPosterior`.
    package var damagePosterior: Double?

    package init(gene: String?, chrom: String, pos: Int, ref: String, alt: String, vaf: Double?, depth: Int,
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

    package var passed: Bool { filter == .pass }

    /// Germline or likely germline by the origin model (and not at a predisposition site, whose
    /// variants keep their therapy meaning): not a somatic finding, not a biomarker.
    package var isGermlineFinding: Bool { originBox?.value.isGermlineFinding ?? false }

    /// The origin model's decision; nil before the origin step ran (`originCall`).
    package var origin: VariantOrigin? { originBox?.value.origin }

    enum CodingKeys: String, CodingKey {
        case gene, chrom, pos, ref, alt, vaf, lod, depth, altDepth, altForward, altReverse, filter, hotspot
        case transcript, hgvsc, hgvsp, hgvspShort, consequence, exon, intron, tier
        case origin, originEvidence, zygosity, population, ccf, possiblyGermline
        case readDepth, readAltDepth, damagePosterior
    }

    package init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        gene = try c.decodeIfPresent(String.self, forKey: .gene)
        chrom = try c.decode(String.self, forKey: .chrom)
        pos = try c.decode(Int.self, forKey: .pos)
        ref = try c.decode(String.self, forKey: .ref)
        alt = try c.decode(String.self, forKey: .alt)
        vaf = try c.decodeIfPresent(Double.self, forKey: .vaf)
        lod = try c.decodeIfPresent(Double.self, forKey: .lod)
        depth = try c.decode(Int.self, forKey: .depth)
        altDepth = try c.decode(Int.self, forKey: .altDepth)
        altForward = try c.decode(Int.self, forKey: .altForward)
        altReverse = try c.decode(Int.self, forKey: .altReverse)
        filter = try c.decode(FilterStatus.self, forKey: .filter)
        hotspot = try c.decodeIfPresent(String.self, forKey: .hotspot)
        annotation = try Self.decodeAnnotation(c)
        tier = try c.decodeIfPresent(Tier.self, forKey: .tier)
        originCall = try Self.decodeOrigin(c)
        readDepth = try c.decodeIfPresent(Int.self, forKey: .readDepth)
        readAltDepth = try c.decodeIfPresent(Int.self, forKey: .readAltDepth)
        damagePosterior = try c.decodeIfPresent(Double.self, forKey: .damagePosterior)
    }

    /// The flat annotation keys of an analysis file: all null (not annotated) or a transcript with
    /// its c. change and consequence, as the annotate stage writes them.
    static func decodeAnnotation(_ c: KeyedDecodingContainer<CodingKeys>) throws -> VariantAnnotation? {
        let hgvsc = try c.decodeIfPresent(String.self, forKey: .hgvsc)
        let hgvsp = try c.decodeIfPresent(String.self, forKey: .hgvsp)
        let hgvspShort = try c.decodeIfPresent(String.self, forKey: .hgvspShort)
        let consequence = try c.decodeIfPresent(Consequence.self, forKey: .consequence)
        let exon = try c.decodeIfPresent(Int.self, forKey: .exon)
        let intron = try c.decodeIfPresent(Int.self, forKey: .intron)
        guard let transcript = try c.decodeIfPresent(String.self, forKey: .transcript) else {
            if hgvsc != nil || hgvsp != nil || hgvspShort != nil || consequence != nil || exon != nil || intron != nil {
                throw DecodingError.dataCorruptedError(forKey: .transcript, in: c,
                    debugDescription: "a variant has HGVS, consequence or exon/intron values but no transcript; the annotate stage writes them together")
            }
            return nil
        }
        guard let hgvsc, let consequence else {
            throw DecodingError.dataCorruptedError(forKey: hgvsc == nil ? .hgvsc : .consequence, in: c,
                debugDescription: "a variant annotated on \(transcript) lacks its \(hgvsc == nil ? "hgvsc" : "consequence"); the annotate stage writes both")
        }
        return VariantAnnotation(transcript: transcript, hgvsc: hgvsc, hgvsp: hgvsp, hgvspShort: hgvspShort,
                                 consequence: consequence, exon: exon, intron: intron)
    }

    /// The flat origin keys of an analysis file: none (the origin step has not run) or an origin with
    /// whichever of the others the origin step had values for. Any subset with an origin is read, as
    /// before the group had its own type: a missing `originEvidence` or an empty one is no evidence,
    /// a `possiblyGermline` of false is false (g2t writes neither: the model always records evidence,
    /// and the flag is written only when true; both read the same in every consumer). Evidence,
    /// zygosity, population, CCF or the flag without an origin was never written by g2t (the step
    /// sets the origin of every variant it sees) and is refused rather than half read.
    static func decodeOrigin(_ c: KeyedDecodingContainer<CodingKeys>) throws -> OriginCall? {
        let evidence = try c.decodeIfPresent([OriginEvidence].self, forKey: .originEvidence)
        let zygosity = try c.decodeIfPresent(Zygosity.self, forKey: .zygosity)
        let population = try c.decodeIfPresent(PopulationFrequency.self, forKey: .population)
        let ccf = try c.decodeIfPresent(CancerCellFraction.self, forKey: .ccf)
        let possiblyGermline = try c.decodeIfPresent(Bool.self, forKey: .possiblyGermline)
        guard let origin = try c.decodeIfPresent(VariantOrigin.self, forKey: .origin) else {
            if evidence != nil || zygosity != nil || population != nil || ccf != nil || possiblyGermline != nil {
                throw DecodingError.dataCorruptedError(forKey: .origin, in: c,
                    debugDescription: "a variant has origin evidence, zygosity, population frequency, CCF or possiblyGermline but no origin; the origin step writes the origin with them")
            }
            return nil
        }
        return OriginCall(origin: origin, evidence: evidence ?? [], zygosity: zygosity, population: population, ccf: ccf,
                          possiblyGermline: possiblyGermline ?? false)
    }

    // The report contract lists gene, hgvsc and hgvsp for every variant: write null rather than omit.
    package func encode(to encoder: Encoder) throws {
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
        // Flat keys in the one container (as before the annotation had its own type): the report
        // contract stays the same and DirectJSONEncoder handles it (no nested containers).
        let annotation = annotation
        try c.encode(annotation?.transcript, forKey: .transcript)
        try c.encode(annotation?.hgvsc, forKey: .hgvsc)
        try c.encode(annotation?.hgvsp, forKey: .hgvsp)
        try c.encode(annotation?.hgvspShort, forKey: .hgvspShort)
        try c.encode(annotation?.consequence, forKey: .consequence)
        try c.encode(annotation?.exon, forKey: .exon)
        try c.encode(annotation?.intron, forKey: .intron)
        try c.encode(tier, forKey: .tier)
        // The origin group's keys flat too, each absent without a value (as when they were separate fields).
        if let o = originBox?.value {
            try c.encode(o.origin, forKey: .origin)
            if !o.evidence.isEmpty { try c.encode(o.evidence, forKey: .originEvidence) }
            try c.encodeIfPresent(o.zygosity, forKey: .zygosity)
            try c.encodeIfPresent(o.population, forKey: .population)
            try c.encodeIfPresent(o.ccf, forKey: .ccf)
            if o.possiblyGermline { try c.encode(true, forKey: .possiblyGermline) }
        }
        try c.encodeIfPresent(readDepth, forKey: .readDepth)
        try c.encodeIfPresent(readAltDepth, forKey: .readAltDepth)
        try c.encodeIfPresent(damagePosterior, forKey: .damagePosterior)
    }
}
