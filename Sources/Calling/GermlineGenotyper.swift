#if canImport(Glibc)
import Glibc
#endif
import G2TCore
import HTS

/// Diploid genotypes at the panel's pharmacogenomic SNV sites, from fragment counts.
///
/// Every genotype over the site's alleles (reference plus each listed alternate, so the
/// tri-allelic rs2032582 has six) is scored with a binomial read model (error `errorRate`, spread
/// evenly over the other bases); the quality is the phred-scaled posterior error under a flat prior.
package struct GermlineGenotyper: Sendable {
    /// Depth, quality and error rate (defaults and reasons in `CallingParameters.Genotyping`).
    package var thresholds: CallingParameters.Genotyping

    package init(_ thresholds: CallingParameters.Genotyping = .init()) { self.thresholds = thresholds }

    /// A site: its position and the hotspots (alleles) that share it.
    package struct Site {
        package var gene: String, rsid: String, name: String, chrom: String, pos: Int, ref: String
        package var alts: [String]
        package init(gene: String, rsid: String, name: String, chrom: String, pos: Int, ref: String, alts: [String]) {
            self.gene = gene; self.rsid = rsid; self.name = name; self.chrom = chrom; self.pos = pos; self.ref = ref; self.alts = alts
        }
    }

    /// The panel's PGx sites (`Panel.pgxHotspots`), the alleles of a site together.
    package static func sites(_ panel: Panel) -> [Site] {
        var out: [Site] = []
        for h in panel.pgxHotspots {
            guard let rsid = h.rsid else { continue }
            if let i = out.firstIndex(where: { $0.chrom == h.chrom && $0.pos == h.pos }) {
                out[i].alts.append(h.alt)
            } else {
                let short = h.name.split(separator: " ").dropFirst().first.map(String.init) ?? rsid
                out.append(Site(gene: h.gene, rsid: rsid, name: short, chrom: h.chrom, pos: h.pos, ref: h.ref, alts: [h.alt]))
            }
        }
        return out
    }

    /// Genotypes from the target counts (`naming` gives the input's chromosome names for the report).
    package func genotype(_ targets: [TargetCounts], panel: Panel, naming: ContigNaming) -> [GermlineGenotype] {
        genotype(targets, sites: Self.sites(panel), naming: naming)
    }

    /// Genotypes at the given sites (e.g. common SNPs for a tumour–normal identity check).
    package func genotype(_ targets: [TargetCounts], sites: [Site], naming: ContigNaming) -> [GermlineGenotype] {
        sites.map { site in
            var depths: [String: Int] = [:]
            let counts = targets.first { $0.target.interval.chrom == site.chrom && $0.target.interval.contains(site.pos) }?.counts
            for (letter, base) in [("A", RegionCounts.Base.a), ("C", .c), ("G", .g), ("T", .t)] {
                depths[letter] = counts?.count(base, at: site.pos - 1) ?? 0
            }
            return call(site: site, depths: depths, chrom: naming.input(site.chrom))
        }
    }

    /// The genotype at `site` from its base counts; `chrom` is the input's name of its chromosome.
    package func call(site: Site, depths: [String: Int], chrom: String) -> GermlineGenotype {
        let alleles = [site.ref] + site.alts
        let depth = depths.values.reduce(0, +)
        var best = (genotype: "./.", logL: -Double.infinity)
        var logLs: [Double] = []
        for i in alleles.indices {
            for j in i..<alleles.count {
                var ll = 0.0
                for (base, n) in depths where n > 0 {
                    let p = 0.5 * prob(base, given: alleles[i]) + 0.5 * prob(base, given: alleles[j])
                    ll += Double(n) * log(p)
                }
                logLs.append(ll)
                if ll > best.logL { best = ("\(alleles[i])/\(alleles[j])", ll) }
            }
        }
        // Posterior of the best genotype under a flat prior, in log space.
        let total = logLs.reduce(0) { $0 + exp($1 - best.logL) }
        let errorP = max(1e-10, 1 - 1 / total)
        let quality = min(99, Int((-10 * log10(errorP)).rounded()))
        let called = depth >= thresholds.minDepth && quality >= thresholds.minQuality
        return GermlineGenotype(gene: site.gene, rsid: site.rsid, name: site.name, chrom: chrom, pos: site.pos,
                                genotype: called ? best.genotype : "./.", status: called ? .called : .noCall,
                                depth: depth, quality: called ? quality : 0, alleleDepths: depths.filter { $0.value > 0 })
    }

    private func prob(_ base: String, given allele: String) -> Double {
        base == allele ? 1 - thresholds.errorRate : thresholds.errorRate / 3
    }

    /// Genotypes read from a VCF's GT for the chosen sample; a site absent from the VCF is a no-call.
    package static func fromVCF(_ records: [(chrom: String, pos: Int, ref: String, alts: [String], gt: [Int?], depth: Int)], panel: Panel,
                               naming: ContigNaming) -> [GermlineGenotype] {
        sites(panel).map { site in
            let chrom = naming.input(site.chrom)
            guard let r = records.first(where: { $0.chrom == chrom && $0.pos == site.pos }), !r.gt.isEmpty, r.gt.allSatisfy({ $0 != nil }) else {
                return GermlineGenotype(gene: site.gene, rsid: site.rsid, name: site.name, chrom: chrom, pos: site.pos,
                                        genotype: "./.", status: .noCall, depth: 0, quality: 0, alleleDepths: [:])
            }
            let alleles = [r.ref] + r.alts
            let gt = r.gt.compactMap { $0 }.map { $0 < alleles.count ? alleles[$0] : "." }.sorted { a, b in
                (a == site.ref ? 0 : 1, a) < (b == site.ref ? 0 : 1, b)
            }
            return GermlineGenotype(gene: site.gene, rsid: site.rsid, name: site.name, chrom: chrom, pos: site.pos,
                                    genotype: gt.joined(separator: "/"), status: .called, depth: r.depth, quality: 0, alleleDepths: [:])
        }
    }
}
