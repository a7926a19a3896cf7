/// The thresholds of the stages after the allele test, grouped as in a configuration file
/// (`g2t config show`). Each default has its reason where it is defined; docs/architecture.md,
/// "Where thresholds live", lists them all.
extension CallingParameters {
    /// The artefact filters (`CallFilter`) of the read-level caller.
    package struct ArtefactFilters: Codable, Sendable, Equatable {
        /// strand_bias: log10 likelihood ratio from which the alternate allele is taken to be a one-strand
        /// artefact (present on one strand, at error rate on the other) rather than an allele at one fraction
        /// on both strands (`StrandBiasTest`): 3 = 1000:1, as a strong Bayes factor.
        package var strandBiasMinLOD: Double = 3
        /// strand_bias: the alternate fraction on the strand without the allele under the artefact hypothesis
        /// (base-call plus mapping error, ~0.2%).
        package var strandBiasErrorRate: Double = 0.002
        /// read_position: the alternate allele's mean distance to the nearer read end is below this many
        /// bases (uniform positions in 100–150 bp reads average 25–37 bases from the nearer end).
        package var readPositionMinEndDistance: Double = 10

        package init() {}

        private enum CodingKeys: String, CodingKey { case strandBiasMinLOD, strandBiasErrorRate, readPositionMinEndDistance }
        // Analyses written before the damage model record the former fraction and orientation cut-offs
        // instead: they decode with these defaults (the report's methods then state today's tests).
        package init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = ArtefactFilters()
            strandBiasMinLOD = try c.decodeIfPresent(Double.self, forKey: .strandBiasMinLOD) ?? d.strandBiasMinLOD
            strandBiasErrorRate = try c.decodeIfPresent(Double.self, forKey: .strandBiasErrorRate) ?? d.strandBiasErrorRate
            readPositionMinEndDistance = try c.decodeIfPresent(Double.self, forKey: .readPositionMinEndDistance) ?? d.readPositionMinEndDistance
        }
    }

    /// Phasing of nearby passing variants by the fragments that span both (`Phaser`).
    package struct Phasing: Codable, Sendable, Equatable {
        /// Variants further apart than this (bp) are not phased: fragments are ~250–500 bp.
        package var maxDistance: Int = 300
        /// Cis: at least this share of the rarer variant's fragments also carry the other (allows ~20% sequencing/mapping noise).
        package var cisShare: Double = 0.8
        /// Trans: at most this share of them do (one stray fragment in 20).
        package var transShare: Double = 0.05
        /// Fragments needed for a verdict: cis needs this many carrying both, trans this many carrying each alone (one can be an error).
        package var minFragments: Int = 2

        package init() {}
    }

    /// Joining cis SNVs of one codon into a multi-nucleotide variant (`MNVMerger`).
    package struct MNVMerging: Codable, Sendable, Equatable {
        /// SNVs at most this many bases apart are candidates (2 spans a codon).
        package var maxDistance: Int = 2
        /// Share of each SNV's fragments that must carry both (as the phasing cis share).
        package var minShare: Double = 0.8

        package init() {}
    }

    /// Diploid genotypes at the pharmacogenomic sites (`GermlineGenotyper`).
    package struct Genotyping: Codable, Sendable, Equatable {
        /// Depth below which no genotype is called: at 10× a heterozygote shows ≤ 1 read of an allele with p ≈ 0.01.
        package var minDepth: Int = 10
        /// Phred-scaled genotype quality needed for a call (20: 1% chance the genotype is wrong, GATK's usual GQ cut).
        package var minQuality: Int = 20
        /// Per-base error rate of the binomial read model (Illumina base error plus mapping noise, ~1%).
        package var errorRate: Double = 0.01

        package init() {}
    }

    /// Copy number against a panel of normals (`CopyNumberEstimator`).
    package struct CopyNumber: Codable, Sendable, Equatable {
        /// Targets with less depth than this in the normals (relative to their median) are unreliable.
        package var minRelativeDepth: Double = 0.2
        /// Copies from which a gene is gained (PCGR's default gain cut-off).
        package var gainCopies: Double = 3
        /// Copies from which a gene is amplified (PCGR's default amplification cut-off).
        package var amplificationCopies: Double = 5
        /// Copies below which a gene is lost (half-way between 1 and 2 copies), when a loss can be called at all.
        package var lossCopies: Double = 1.5
        /// Off-target reads a sample needs for the genome scale (and a chromosome for its own ratio):
        /// Poisson CV ≤ 3.2%, about ±0.06 copies at 2 copies from counting alone.
        package var minOffTargetReads: Int = 1_000
        /// A gain this many copies above its chromosome's off-target level is focal (or arm-level): one
        /// whole copy, well beyond the counting noise of ≥ 1,000 off-target reads.
        package var focalExcessCopies: Double = 1

        package init() {}
    }

    /// Germline/somatic origin (`OriginModel`; docs/germline.md).
    package struct Origin: Codable, Sendable, Equatable {
        /// Normal support: ≥ 2 alternate fragments (one can be a sequencing error)…
        package var normalMinAltFragments: Int = 2
        /// …and ≥ 2% of the normal's depth (a few tumour cells in the normal give less for all but the highest VAFs).
        package var normalMinVAF: Double = 0.02
        /// A normal is informative from 15× on: a heterozygous germline allele then shows ≤ 1 read with
        /// probability 16/2^15 = 0.0005.
        package var normalMinDepth: Int = 15
        /// Normal (or germline) VAF from which a germline variant is homozygous (heterozygous ~0.5 ± sampling).
        package var homozygousVAF: Double = 0.85
        /// Mutect2's panel-of-normals rule: seen in this many normals or more = germline or a recurrent artefact.
        package var ponMinNormals: Int = 2
        /// Posterior P(germline) from which a variant with population evidence is germline (1 error in 100)…
        package var germlineAt: Double = 0.99
        /// …likely germline (4:1 odds)…
        package var likelyGermlineAt: Double = 0.8
        /// …and at or below which it is likely somatic (1:4); between them the data do not decide (unknown).
        package var likelySomaticAt: Double = 0.2
        /// Somatic prior per base: ~10 mutations/Mb, a typical NSCLC tumour mutational burden (Chalmers et al. 2017, Genome Med 9:34).
        package var somaticPrior: Double = 1e-5
        /// Prior P(germline) of an allele absent from the germline resource: a person's private germline variants
        /// (~1–2e-5 per base, 1000 Genomes Project 2015) are about as frequent as somatic ones.
        package var novelGermlinePrior: Double = 0.5
        /// Prior P(germline) at a panel hotspot: recurrently somatic; population frequency is ignored there.
        package var hotspotGermlinePrior: Double = 0.01
        /// Prior P(germline) at least this at a pharmacogenomic site: those alleles are germline by design.
        package var pgxGermlinePrior: Double = 0.99
        /// A germline allele at ≥ 1% popmax frequency is a polymorphism in the classic sense: likely benign
        /// (tier IV; ACMG/AMP BS1-type frequency evidence; BA1 stand-alone benign is > 5%).
        package var polymorphismAF: Double = 0.01

        package init() {}

        enum CodingKeys: String, CodingKey {
            case normalMinAltFragments, normalMinVAF, normalMinDepth, homozygousVAF, ponMinNormals, germlineAt, likelyGermlineAt,
                 likelySomaticAt, somaticPrior, novelGermlinePrior, hotspotGermlinePrior, pgxGermlinePrior, polymorphismAF
        }

        // The priors and the polymorphism cut-off were recorded from schema 1.1 on: an analysis written
        // before them was made with these defaults (the constants they replaced).
        package init(from decoder: any Decoder) throws {
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
