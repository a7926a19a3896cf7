/// The thresholds of the stages after the allele test, grouped as in a configuration file
/// (`g2t config show`). Each default has its reason where it is defined; docs/architecture.md,
/// "Where thresholds live", lists them all.
extension CallingParameters {
    /// The artefact filters (`CallFilter`) of the read-level caller.
    public struct ArtefactFilters: Codable, Sendable, Equatable {
        /// strand_bias: log10 likelihood ratio from which the alternate allele is taken to be a one-strand
        /// artefact (present on one strand, at error rate on the other) rather than an allele at one fraction
        /// on both strands (`StrandBiasTest`): 3 = 1000:1, as a strong Bayes factor.
        public var strandBiasMinLOD: Double = 3
        /// strand_bias: the alternate fraction on the strand without the allele under the artefact hypothesis
        /// (base-call plus mapping error, ~0.2%).
        public var strandBiasErrorRate: Double = 0.002
        /// read_position: the alternate allele's mean distance to the nearer read end is below this many
        /// bases (uniform positions in 100–150 bp reads average 25–37 bases from the nearer end).
        public var readPositionMinEndDistance: Double = 10

        public init() {}

        private enum CodingKeys: String, CodingKey { case strandBiasMinLOD, strandBiasErrorRate, readPositionMinEndDistance }
        // Analyses written before the damage model record the former fraction and orientation cut-offs
        // instead: they decode with these defaults (the report's methods then state today's tests).
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = ArtefactFilters()
            strandBiasMinLOD = try c.decodeIfPresent(Double.self, forKey: .strandBiasMinLOD) ?? d.strandBiasMinLOD
            strandBiasErrorRate = try c.decodeIfPresent(Double.self, forKey: .strandBiasErrorRate) ?? d.strandBiasErrorRate
            readPositionMinEndDistance = try c.decodeIfPresent(Double.self, forKey: .readPositionMinEndDistance) ?? d.readPositionMinEndDistance
        }
    }

    /// Phasing of nearby passing variants by the fragments that span both (`Phaser`).
    public struct Phasing: Codable, Sendable, Equatable {
        /// Variants further apart than this (bp) are not phased: fragments are ~250–500 bp.
        public var maxDistance: Int = 300
        /// Cis: at least this share of the rarer variant's fragments also carry the other (allows ~20% sequencing/mapping noise).
        public var cisShare: Double = 0.8
        /// Trans: at most this share of them do (one stray fragment in 20).
        public var transShare: Double = 0.05
        /// Fragments needed for a verdict: cis needs this many carrying both, trans this many carrying each alone (one can be an error).
        public var minFragments: Int = 2

        public init() {}
    }

    /// Joining cis SNVs of one codon into a multi-nucleotide variant (`MNVMerger`).
    public struct MNVMerging: Codable, Sendable, Equatable {
        /// SNVs at most this many bases apart are candidates (2 spans a codon).
        public var maxDistance: Int = 2
        /// Share of each SNV's fragments that must carry both (as the phasing cis share).
        public var minShare: Double = 0.8

        public init() {}
    }

    /// Diploid genotypes at the pharmacogenomic sites (`GermlineGenotyper`).
    public struct Genotyping: Codable, Sendable, Equatable {
        /// Depth below which no genotype is called: at 10× a heterozygote shows ≤ 1 read of an allele with p ≈ 0.01.
        public var minDepth: Int = 10
        /// Phred-scaled genotype quality needed for a call (20: 1% chance the genotype is wrong, GATK's usual GQ cut).
        public var minQuality: Int = 20
        /// Per-base error rate of the binomial read model (Illumina base error plus mapping noise, ~1%).
        public var errorRate: Double = 0.01

        public init() {}
    }

    /// Copy number against a panel of normals (`CopyNumberEstimator`).
    public struct CopyNumber: Codable, Sendable, Equatable {
        /// Targets with less depth than this in the normals (relative to their median) are unreliable.
        public var minRelativeDepth: Double = 0.2
        /// Copies from which a gene is gained (PCGR's default gain cut-off).
        public var gainCopies: Double = 3
        /// Copies from which a gene is amplified (PCGR's default amplification cut-off).
        public var amplificationCopies: Double = 5
        /// Copies below which a gene is lost (half-way between 1 and 2 copies), when a loss can be called at all.
        public var lossCopies: Double = 1.5
        /// Off-target reads a sample needs for the genome scale (and a chromosome for its own ratio):
        /// Poisson CV ≤ 3.2%, about ±0.06 copies at 2 copies from counting alone.
        public var minOffTargetReads: Int = 1_000
        /// A gain this many copies above its chromosome's off-target level is focal (or arm-level): one
        /// whole copy, well beyond the counting noise of ≥ 1,000 off-target reads.
        public var focalExcessCopies: Double = 1

        public init() {}
    }

    /// Germline/somatic origin (`OriginModel`; docs/germline.md).
    public struct Origin: Codable, Sendable, Equatable {
        /// Normal support: ≥ 2 alternate fragments (one can be a sequencing error)…
        public var normalMinAltFragments: Int = 2
        /// …and ≥ 2% of the normal's depth (a few tumour cells in the normal give less for all but the highest VAFs).
        public var normalMinVAF: Double = 0.02
        /// A normal is informative from 15× on: a heterozygous germline allele then shows ≤ 1 read with
        /// probability 16/2^15 = 0.0005.
        public var normalMinDepth: Int = 15
        /// Normal (or germline) VAF from which a germline variant is homozygous (heterozygous ~0.5 ± sampling).
        public var homozygousVAF: Double = 0.85
        /// Mutect2's panel-of-normals rule: seen in this many normals or more = germline or a recurrent artefact.
        public var ponMinNormals: Int = 2
        /// Posterior P(germline) from which a variant with population evidence is germline (1 error in 100)…
        public var germlineAt: Double = 0.99
        /// …likely germline (4:1 odds)…
        public var likelyGermlineAt: Double = 0.8
        /// …and at or below which it is likely somatic (1:4); between them the data do not decide (unknown).
        public var likelySomaticAt: Double = 0.2
        /// Somatic prior per base: ~10 mutations/Mb, a typical NSCLC tumour mutational burden (Chalmers et al. 2017, Genome Med 9:34).
        public var somaticPrior: Double = 1e-5
        /// Prior P(germline) of an allele absent from the germline resource: a person's private germline variants
        /// (~1–2e-5 per base, 1000 Genomes Project 2015) are about as frequent as somatic ones.
        public var novelGermlinePrior: Double = 0.5
        /// Prior P(germline) at a panel hotspot: recurrently somatic; population frequency is ignored there.
        public var hotspotGermlinePrior: Double = 0.01
        /// Prior P(germline) at least this at a pharmacogenomic site: those alleles are germline by design.
        public var pgxGermlinePrior: Double = 0.99
        /// A germline allele at ≥ 1% popmax frequency is a polymorphism in the classic sense: likely benign
        /// (tier IV; ACMG/AMP BS1-type frequency evidence; BA1 stand-alone benign is > 5%).
        public var polymorphismAF: Double = 0.01

        public init() {}

        enum CodingKeys: String, CodingKey {
            case normalMinAltFragments, normalMinVAF, normalMinDepth, homozygousVAF, ponMinNormals, germlineAt, likelyGermlineAt,
                 likelySomaticAt, somaticPrior, novelGermlinePrior, hotspotGermlinePrior, pgxGermlinePrior, polymorphismAF
        }

        // The priors and the polymorphism cut-off were recorded from schema 1.1 on: an analysis written
        // before them was made with these defaults (the constants they replaced).
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Origin()
            normalMinAltFragments = try c.decode(Int.self, forKey: .normalMinAltFragments)
            normalMinVAF = try c.decode(Double.self, forKey: .normalMinVAF)
            normalMinDepth = try c.decode(Int.self, forKey: .normalMinDepth)
            homozygousVAF = try c.decode(Double.self, forKey: .homozygousVAF)
            ponMinNormals = try c.decode(Int.self, forKey: .ponMinNormals)
            germlineAt = try c.decode(Double.self, forKey: .germlineAt)
            likelyGermlineAt = try c.decode(Double.self, forKey: .likelyGermlineAt)
            likelySomaticAt = try c.decode(Double.self, forKey: .likelySomaticAt)
            somaticPrior = try c.decodeIfPresent(Double.self, forKey: .somaticPrior) ?? d.somaticPrior
            novelGermlinePrior = try c.decodeIfPresent(Double.self, forKey: .novelGermlinePrior) ?? d.novelGermlinePrior
            hotspotGermlinePrior = try c.decodeIfPresent(Double.self, forKey: .hotspotGermlinePrior) ?? d.hotspotGermlinePrior
            pgxGermlinePrior = try c.decodeIfPresent(Double.self, forKey: .pgxGermlinePrior) ?? d.pgxGermlinePrior
            polymorphismAF = try c.decodeIfPresent(Double.self, forKey: .polymorphismAF) ?? d.polymorphismAF
        }
    }
}
