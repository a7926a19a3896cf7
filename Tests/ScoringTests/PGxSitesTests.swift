import G2TCore
import Knowledge
import Scoring
import Testing

/// The germline PGx sites are matched by chromosome and position: a variant on another chromosome at
/// a PGx site's coordinate is an ordinary finding (with a panel on several chromosomes, positions repeat).
@Suite struct PGxSitesTests {
    @Test func sitesAreKeyedByChromosome() throws {
        let panel = try PanelLoader.bundled(build: .grch38)
        let sites = PGxSites(panel)
        let site = try #require(panel.pgxHotspots.first { $0.rsid == "rs1045642" })
        #expect(panel.pgxHotspots.allSatisfy { $0.isSNV && $0.rsid != nil })
        #expect(sites.contains(chrom: site.chrom, pos: site.pos))
        #expect(sites.contains(chrom: String(site.chrom.dropFirst(3)), pos: site.pos), "input naming without chr")
        let other = try #require(panel.chromosomes.first { $0 != site.chrom })
        #expect(!sites.contains(chrom: other, pos: site.pos))
        #expect(!sites.contains(chrom: site.chrom, pos: site.pos + 1))
        #expect(PGxSites().isEmpty && !sites.isEmpty)
    }

    @Test func aVariantOnAnotherChromosomeAtAPGxCoordinateIsScored() throws {
        let panel = try PanelLoader.bundled(build: .grch38)
        let sites = PGxSites(panel)
        let site = try #require(panel.pgxHotspots.first)
        let other = try #require(panel.chromosomes.first { $0 != site.chrom })
        let kb = try KnowledgeBaseLoader.bundled().kb
        let scorer = TherapyScorer(kb: kb, tumorLineage: ["LUAD", "NSCLC", "LUNG"])
        var atSite = Fixture.variant("p.I1145=", "synonymous_variant", pos: site.pos, gene: site.gene)
        atSite.chrom = site.chrom
        var elsewhere = Fixture.variant("p.X1X", "missense_variant", pos: site.pos, gene: "SOMEGENE")
        elsewhere.chrom = other
        #expect(scorer.tiers([atSite, elsewhere], pgxSites: sites).map(\.tier) == [.pgx, .three])
        let findings = SampleFindings(variants: [atSite, elsewhere], pgxSites: sites)
        #expect(findings.variants.map(\.chrom) == [other], "only the PGx site's variant is left out of the somatic findings")
    }
}
