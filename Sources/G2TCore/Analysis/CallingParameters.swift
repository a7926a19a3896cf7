/// Every threshold of calling, filtering, phasing, MNV merging, genotyping, copy number and
/// germline/somatic origin and sample damage: one recorded configuration, written to every report (JSON `parameters`,
/// HTML methods), overridable by `--config FILE` (`ConfigurationFile`) and the calling flags.
/// Scoring cut-offs live in the knowledge base (`callCutoffs`, `levelWeights`, `mdr`).
package struct CallingParameters: Codable, Sendable, Equatable {
    /// Phred 20: at most a 1% chance that a counted base is wrong.
    package var minBaseQuality: Int = 20
    /// MAPQ 20: at most a 1% chance that a counted read is placed wrongly (paralogues, pseudogenes).
    package var minMappingQuality: Int = 20
    /// Minimum fragments carrying the alternate allele for a call: one or two can be a PCR or sequencing error.
    package var minAltFragments: Int = 3
    /// Minimum variant allele fraction for a call (a floor under the likelihood test): 0.5% is about the
    /// error floor of panel sequencing without molecular barcodes.
    package var minVAF: Double = 0.005
    /// log10 likelihood ratio a novel allele needs (Mutect2's TLOD threshold is 6.3).
    package var minLOD: Double = 6.3
    /// The same for a panel hotspot allele: a recurrent allele is a priori likelier (tiers, as SAGE does).
    package var hotspotMinLOD: Double = 3.0
    /// Error rate assumed for an indel fragment (no base quality applies): Illumina's indel error, ~5 in 10,000.
    package var indelErrorRate: Double = 0.0005
    /// Depth below which a hotspot is "low-coverage" rather than "not-detected" (100× detects 5% VAF with ~90% power).
    package var minHotspotDepth: Int = 100
    /// A known hotspot allele passes on less evidence than a novel one (tiers, as SAGE does).
    package var hotspotMinAltFragments: Int = 3
    /// Same allele-fraction floor as for a novel allele.
    package var hotspotMinVAF: Double = 0.005
    /// A hotspot whose limit of detection is above this is "low-coverage": a negative there means little.
    package var maxHotspotLOD: Double = 0.05
    /// samtools-style flag names whose reads are skipped (samtools mpileup's default set, plus supplementary
    /// alignments, which would count a chimeric read twice).
    package var excludedFlags: [String] = ["UNMAP", "SECONDARY", "QCFAIL", "DUP", "SUPPLEMENTARY"]
    /// Whether overlapping mates count once (two reads of one molecule are not independent evidence).
    package var countFragmentsOnce: Bool = true

    package var filters = ArtefactFilters()
    package var candidates = Candidates()
    package var phasing = Phasing()
    package var mnv = MNVMerging()
    package var genotyping = Genotyping()
    package var copyNumber = CopyNumber()
    package var origin = Origin()
    package var purity = Purity()
    package var identity = Identity()
    package var normalPanel = NormalPanel()
    /// Amplicon mode's values; nil (and not in the report) unless `--amplicons` is given.
    package var amplicon: AmpliconMode?
    package var damage = DamageModelling()
    package var umi = UMIConsensus()

    package init() {}

    // The groups were added after schema 1.0 analyses were written: an analysis without them was made
    // with the defaults (the literals they replaced), so they decode as the defaults.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        minBaseQuality = try c.decode(Int.self, forKey: .minBaseQuality)
        minMappingQuality = try c.decode(Int.self, forKey: .minMappingQuality)
        minAltFragments = try c.decode(Int.self, forKey: .minAltFragments)
        minVAF = try c.decode(Double.self, forKey: .minVAF)
        minLOD = try c.decode(Double.self, forKey: .minLOD)
        hotspotMinLOD = try c.decode(Double.self, forKey: .hotspotMinLOD)
        indelErrorRate = try c.decode(Double.self, forKey: .indelErrorRate)
        minHotspotDepth = try c.decode(Int.self, forKey: .minHotspotDepth)
        hotspotMinAltFragments = try c.decode(Int.self, forKey: .hotspotMinAltFragments)
        hotspotMinVAF = try c.decode(Double.self, forKey: .hotspotMinVAF)
        maxHotspotLOD = try c.decode(Double.self, forKey: .maxHotspotLOD)
        excludedFlags = try c.decode([String].self, forKey: .excludedFlags)
        countFragmentsOnce = try c.decode(Bool.self, forKey: .countFragmentsOnce)
        filters = try c.decodeIfPresent(ArtefactFilters.self, forKey: .filters) ?? ArtefactFilters()
        candidates = try c.decodeIfPresent(Candidates.self, forKey: .candidates) ?? Candidates()
        phasing = try c.decodeIfPresent(Phasing.self, forKey: .phasing) ?? Phasing()
        mnv = try c.decodeIfPresent(MNVMerging.self, forKey: .mnv) ?? MNVMerging()
        genotyping = try c.decodeIfPresent(Genotyping.self, forKey: .genotyping) ?? Genotyping()
        copyNumber = try c.decodeIfPresent(CopyNumber.self, forKey: .copyNumber) ?? CopyNumber()
        origin = try c.decodeIfPresent(Origin.self, forKey: .origin) ?? Origin()
        purity = try c.decodeIfPresent(Purity.self, forKey: .purity) ?? Purity()
        identity = try c.decodeIfPresent(Identity.self, forKey: .identity) ?? Identity()
        normalPanel = try c.decodeIfPresent(NormalPanel.self, forKey: .normalPanel) ?? NormalPanel()
        amplicon = try c.decodeIfPresent(AmpliconMode.self, forKey: .amplicon)
        damage = try c.decodeIfPresent(DamageModelling.self, forKey: .damage) ?? DamageModelling()
        umi = try c.decodeIfPresent(UMIConsensus.self, forKey: .umi) ?? UMIConsensus()
    }
}
