import Calling
import G2TCore
import TestSupport
import Testing

/// The dense-VCF shortcuts of the origin model (issue 13) give the values of the direct computation,
/// bit for bit: allele-fraction likelihoods computed once per distinct (alt, depth, copies) with tabulated
/// lgamma terms, CCFs once per distinct key, and the purity pass's evidence dropped.
@Suite struct OriginSharedLikelihoodTests {
    /// `somatic(alt:depth:altTerms:refTerms:)` equals `somatic(alt:depth:)` exactly, for every copy number,
    /// known and unknown purity, and counts from 0 to deep.
    @Test func tabulatedSomaticLikelihoodEqualsTheDirectOne() {
        let counts: [(Int, Int)] = [(0, 1), (1, 20), (3, 25), (40, 80), (79, 479), (250, 500), (500, 500), (7, 5000), (2600, 5000)]
        for purity in [nil, 0.35, 1.0] as [Double?] {
            let table = AlleleFractionModel.HypothesisTable(purity: purity)
            for copies in 1...12 {
                let h = table(copies: Double(copies))
                for (k, n) in counts {
                    let direct = h.somatic(alt: k, depth: n)
                    let tabulated = h.somatic(alt: k, depth: n, altTerms: h.somaticTerms(alt: k), refTerms: h.somaticTerms(ref: n - k))
                    #expect(direct.bitPattern == tabulated.bitPattern, "purity \(String(describing: purity)), \(copies) copies, \(k)/\(n): \(direct) vs \(tabulated)")
                }
            }
        }
    }

    /// With one `SumTerms` carried from key to key (as each worker does, keys in depth order) the somatic and
    /// germline likelihoods are still the direct ones bit for bit, including when the depth changes and back.
    @Test func rememberedSumTermsGiveTheDirectLikelihood() {
        let keys: [(Int, Int)] = [(1, 20), (3, 20), (19, 20), (2, 21), (40, 80), (41, 80), (0, 80), (79, 479), (300, 479),
                                  (1, 20), (250, 500), (500, 500), (7, 5000), (2600, 5000), (4999, 5000)]
        for purity in [nil, 0.35] as [Double?] {
            let table = AlleleFractionModel.HypothesisTable(purity: purity)
            for copies in [1, 2, 5] {
                let h = table(copies: Double(copies))
                var sums = AlleleFractionModel.SumTerms(), hetSums = AlleleFractionModel.SumTerms()
                for (k, n) in keys {
                    let direct = h.somatic(alt: k, depth: n)
                    let remembered = h.somatic(alt: k, depth: n, altTerms: h.somaticTerms(alt: k), refTerms: h.somaticTerms(ref: n - k), sums: &sums)
                    #expect(direct.bitPattern == remembered.bitPattern, "purity \(String(describing: purity)), \(copies) copies, \(k)/\(n): \(direct) vs \(remembered)")
                    let germline = h.germline(alt: k, depth: n)
                    let het = h.heterozygous(alt: k, depth: n, altTerms: h.heterozygousTerms(alt: k), refTerms: h.heterozygousTerms(ref: n - k), sums: &hetSums)
                    #expect(germline.het.bitPattern == het.bitPattern, "heterozygous, purity \(String(describing: purity)), \(copies) copies, \(k)/\(n): \(germline.het) vs \(het)")
                    #expect(germline.hom.bitPattern == h.homozygous(alt: k, depth: n).bitPattern)
                }
            }
        }
    }

    /// The classifier (shared likelihoods, CCF per distinct key, 1 or 2 threads) gives each variant what the
    /// model and the CCF estimator give it alone at the classifier's purity.
    @Test(arguments: [1, 2])
    func classifierEqualsTheModelPerVariant(threads: Int) throws {
        let panel = try PanelLoader.bundled(build: .grch38)
        // Repeated and distinct counts (the memo's hits and misses), one variant without counts.
        var vs: [VariantCall] = []
        for i in 0..<300 {
            let depth = 100 + (i * 37) % 90, alt = i % 3 == 0 ? 0 + (i % 7) + 1 : (i * 13) % 60 + 1
            vs.append(VariantCall(gene: "EGFR", chrom: "chr7", pos: 55_191_000 + i, ref: "G", alt: "A", vaf: Double(alt) / Double(depth),
                                  depth: depth, altDepth: alt, altForward: alt / 2, altReverse: alt - alt / 2, filter: "PASS"))
        }
        vs.append(VariantCall(gene: "EGFR", chrom: "chr7", pos: 55_192_000, ref: "G", alt: "A", vaf: nil, depth: 0, altDepth: 0,
                              altForward: 0, altReverse: 0, filter: "PASS"))
        var classifier = OriginClassifier(panel: panel, resource: nil)
        classifier.threads = threads
        let r = classifier.classify(vs)
        let purity = try #require(r.purity.value, "the repeated low VAFs give an estimate")
        let model = OriginModel(purity: purity)
        for (v, out) in zip(vs, r.variants) {
            let alone = model.classify(OriginInput(variant: v))
            let o = try #require(out.originCall, "every variant is classified")
            #expect(o.origin == alone.origin && o.evidence == alone.evidence && o.zygosity == alone.zygosity
                    && o.possiblyGermline == alone.possiblyGermline, "\(v.altDepth)/\(v.depth)")
            let somaticLike = !alone.origin.isGermline && !alone.possiblyGermline && v.vaf != nil
            let ccf = somaticLike ? CCFEstimator.ccf(alt: v.altDepth, depth: v.depth, purity: purity, copies: nil) : nil
            #expect(o.ccf == ccf, "\(v.altDepth)/\(v.depth)")
        }
        #expect(r.variants.contains { $0.originCall?.ccf != nil } && r.variants.allSatisfy { $0.originCall?.evidence.isEmpty == false })
    }
}

/// The hypothesis table builds each copy number's hypotheses on first use: in any order and from
/// concurrent workers it gives what building them directly gives, bit for bit.
@Suite struct LazyHypothesisTableTests {
    @Test func lazilyBuiltEqualsDirect() async {
        for purity in [nil, 0.35, 1.0] as [Double?] {
            let table = AlleleFractionModel.HypothesisTable(purity: purity)
            let order = [7, 2, 12, 1, 2, 5, 9, 3, 11, 4, 6, 8, 10, 7]
            let results = await withTaskGroup(of: [(Int, UInt64, UInt64, UInt64)].self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        order.indices.map { i in
                            let copies = order[(i + worker) % order.count]
                            let h = table(copies: Double(copies))
                            let g = h.germline(alt: 13, depth: 61)
                            return (copies, h.somatic(alt: 13, depth: 61).bitPattern, g.het.bitPattern, g.hom.bitPattern)
                        }
                    }
                }
                var all: [(Int, UInt64, UInt64, UInt64)] = []
                for await r in group { all += r }
                return all
            }
            #expect(results.count == 8 * order.count)
            for (copies, somatic, het, hom) in results {
                let direct = AlleleFractionModel.germline(alt: 13, depth: 61, purity: purity, copies: Double(copies))
                #expect(somatic == AlleleFractionModel.somatic(alt: 13, depth: 61, purity: purity, copies: Double(copies)).bitPattern)
                #expect(het == direct.het.bitPattern && hom == direct.hom.bitPattern, "\(copies) copies")
            }
            // Copies out of 1–12 clamp as before.
            #expect(table(copies: 40).somatic(alt: 3, depth: 30).bitPattern == AlleleFractionModel.somatic(alt: 3, depth: 30, purity: purity, copies: 12).bitPattern)
        }
    }
}
