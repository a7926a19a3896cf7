extension CallingParameters {
    /// Purity estimate and cancer-cell fraction (`PurityEstimator`, `CCFEstimator`; docs/germline.md).
    package struct Purity: Codable, Sendable, Equatable {
        /// Variants with fewer fragments give too loose a VAF to anchor the purity estimate.
        package var minVariantDepth: Int = 50
        /// The estimate uses at most this many candidates (likely somatic first, then the deepest): a few
        /// hundred pin the clonal cluster to the 0.01 grid step, and the cost grows with each one (a dense VCF
        /// has hundreds of thousands).
        package var maxCandidates: Int = 200
        /// Prior probability that a somatic variant is clonal (CCF = 1): clonal mutations form one cluster
        /// (ABSOLUTE, PyClone), and EGFR drivers are clonal in nearly every NSCLC (Jamal-Hanjani et al. 2017, NEJM 376:2109).
        package var clonalPrior: Double = 0.5
        /// A variant is subclonal only when even its CCF's upper 95% bound is below this: 0.8 rather than 1
        /// (McGranahan et al. 2016, Science 351:1463, call clonal when the interval reaches 1) leaves room for
        /// error in the purity estimate, which scales every CCF.
        package var subclonalBelow: Double = 0.8
        /// Given and estimated purity further apart than this draw a warning (a pathologist's estimate
        /// and a VAF-based one commonly differ by ~0.1; 0.2 is beyond that scatter).
        package var disagreement: Double = 0.2

        package init() {}
    }

    /// The matched normal's identity check (`IdentityCheck`): germline concordance with the tumour.
    package struct Identity: Codable, Sendable, Equatable {
        /// Germline-resource SNVs at ≥ 5% popmax frequency are compared (informative: often not hom-ref),
        /// besides the pharmacogenomic SNVs.
        package var commonSiteAF: Double = 0.05
        /// Fewer compared sites than this make a weak check (stated in the report).
        package var fewSites: Int = 5
        /// Discordant sites that make a mismatch: two (one can be a genotyping error), or one that is at
        /// least half of those compared (few sites).
        package var mismatchSites: Int = 2
        /// An allele a tumour VCF lists at ≥ 20% VAF is present in the tumour (a heterozygous germline allele
        /// at ~50%, diluted or lost in at most part of the tumour; subclonal somatic alleles lie below).
        package var vcfPresentVAF: Double = 0.2

        package init() {}
    }

    /// The site list a panel of normals records (`NormalSites`; as Mutect2's panel of normals records
    /// germline sites and recurrent artefacts). Written into the panel of normals when it is built.
    package struct NormalPanel: Codable, Sendable, Equatable {
        /// Support: at least this many alternate fragments, counted as the caller counts them…
        package var siteMinAltFragments: Int = 2
        /// …and at least this allele fraction: above the ~0.1% base-call error rate, below any subclonal
        /// or contaminating germline allele worth knowing about.
        package var siteMinVAF: Double = 0.01

        package init() {}

        /// The rule in words, as a panel of normals records it.
        package var rule: String {
            "≥ \(siteMinAltFragments) alternate fragments and VAF ≥ \(TextFormat.compact(siteMinVAF * 100))% at a target position, "
                + "as g2t's caller counts them (SNVs, MNVs and indels; artefact-filtered alleles included)"
        }
    }
}
