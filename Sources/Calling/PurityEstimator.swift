import G2TCore

/// Tumour purity from somatic allele fractions: a clonal heterozygous somatic variant in a diploid
/// region has VAF = purity / 2, so purity is twice the VAF of the clonal (highest) cluster.
public enum PurityEstimator {
    /// Variants with fewer fragments give too loose a VAF to anchor the estimate.
    public static let minDepth = 50

    /// The estimate and what it rests on; nil without a usable somatic variant.
    /// `copies` gives a gene's total copies (variants in genes not at ~2 copies are skipped: their VAF is not purity/2).
    public static func estimate(_ variants: [VariantCall], copies: (String?) -> Double?) -> (purity: Double, basis: String)? {
        let usable = variants.filter { v in
            v.passed && (v.origin?.isSomatic ?? false) && v.depth >= minDepth && v.vaf != nil && v.possiblyGermline != true
                && abs((copies(v.gene) ?? 2) - 2) < 0.5
        }
        guard let top = usable.max(by: { ($0.vaf ?? 0) < ($1.vaf ?? 0) }), let topVAF = top.vaf else { return nil }
        // The clonal cluster: variants within 2.58 overdispersed standard errors of the highest VAF.
        func sd(_ v: VariantCall) -> Double {
            let n = Double(v.depth), f = v.vaf ?? 0
            return (f * (1 - f) / n * (1 + (n - 1) * AlleleFractionModel.overdispersion)).squareRoot()
        }
        let cluster = usable.filter { topVAF - ($0.vaf ?? 0) <= 2.58 * max(sd(top), sd($0)) }
        let alt = cluster.reduce(0) { $0 + $1.altDepth }, depth = cluster.reduce(0) { $0 + $1.depth }
        let vaf = Double(alt) / Double(max(1, depth))
        let purity = (min(1, max(0.01, 2 * vaf)) * 1000).rounded() / 1000
        let names = cluster.map { $0.hotspot ?? "\($0.gene ?? $0.chrom) \($0.chrom):\($0.pos) \($0.ref)>\($0.alt)" }
        return (purity, "2 × VAF \(TextFormat.fixed(vaf, 3)) of the clonal cluster (\(names.joined(separator: ", ")); heterozygous, diploid)")
    }
}

/// Cancer-cell fraction of a somatic variant: CCF = VAF·(p·C + 2(1 − p)) / (p·m), with the
/// multiplicity m the smallest that keeps CCF ≤ 1 within sampling error; the interval is the
/// VAF's 95% Wilson interval (overdispersed) carried through the same formula, capped at 1.
public enum CCFEstimator {
    public static func ccf(alt: Int, depth: Int, purity p: Double, copies c: Double?) -> CancerCellFraction? {
        guard depth > 0, p > 0 else { return nil }
        let C = Double(AlleleFractionModel.copies(c))
        let n = Double(depth)
        let neff = max(1, n / (1 + (n - 1) * AlleleFractionModel.overdispersion))
        let f = Double(min(alt, depth)) / n
        let z = 1.96, z2 = z * z
        let centre = (f + z2 / (2 * neff)) / (1 + z2 / neff)
        let half = z / (1 + z2 / neff) * (f * (1 - f) / neff + z2 / (4 * neff * neff)).squareRoot()
        let scale = p * C + 2 * (1 - p)
        var m = 1.0
        while m < C && (max(0, centre - half)) * scale / (p * m) > 1 { m += 1 }
        func conv(_ x: Double) -> Double { min(1, max(0, x * scale / (p * m))) }
        return CancerCellFraction(value: round3(conv(f)), low: round3(conv(centre - half)), high: round3(conv(centre + half)))
    }

    static func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
