import G2TCore
import Knowledge
@testable import Scoring
import Testing
import TestSupport

/// What `g2t rescore` reuses between samples (`TherapyScorer.TierIndex`, the by-position matches,
/// the sort by keys) gives what the per-sample computation gave.
@Suite struct ScorerIndexTests {
    let kb: KnowledgeBase
    init() throws { kb = try KnowledgeBaseLoader.bundled().kb }

    static let lineages: [[String]] = [["LUAD", "NSCLC", "LUNG"], ["COADREAD", "BOWEL"], ["LUSC", "NSCLC", "LUNG"], []]

    static var variants: [VariantCall] {
        var q787 = Fixture.variant("p.Q787=", "synonymous_variant", pos: 55181370, vaf: 1.0)
        q787.originCall = OriginCall(origin: .germline, zygosity: .homozygous,
                                     population: PopulationFrequency(rsid: "rs1050171", af: 0.52, afPopmax: 0.59, popmaxPopulation: "nfe", source: "T"))
        let kras = Fixture.variant("p.G12C", "missense_variant", pos: 25245350, gene: "KRAS")
        return [Fixture.l858r, Fixture.ex19del, Fixture.t790m, Fixture.c797s, q787, kras]
    }

    /// A tier index made for the scorer's lineage gives the tiers `setTiers` makes alone; one made
    /// for another lineage is not used (it would give other tiers: the test checks they differ somewhere).
    @Test func aTierIndexIsUsedOnlyForItsLineage() {
        var differs = false
        for lineage in Self.lineages {
            let scorer = TherapyScorer(kb: kb, tumorLineage: lineage)
            var alone = Self.variants
            scorer.setTiers(&alone)
            var own = Self.variants
            scorer.setTiers(&own, index: TherapyScorer.TierIndex(scorer))
            #expect(own.map(\.tier) == alone.map(\.tier), "\(lineage)")
            for other in Self.lineages where other != lineage {
                let foreign = TherapyScorer.TierIndex(TherapyScorer(kb: kb, tumorLineage: other))
                var v = Self.variants
                scorer.setTiers(&v, index: foreign)
                #expect(v.map(\.tier) == alone.map(\.tier), "\(lineage) given \(other)'s index")
                var wrong = Self.variants
                TherapyScorer(kb: kb, tumorLineage: other).setTiers(&wrong)
                if wrong.map(\.tier) != alone.map(\.tier) { differs = true }
            }
        }
        #expect(differs, "the lineages give different tiers somewhere")
    }

    /// The therapies in table order by their keys equal a sort of the calls themselves, for every
    /// permutation drawn (ties included: a call given twice stays in input order, as `sort` keeps it).
    @Test func tableOrderByKeysIsTheSortOfTheCalls() {
        var rng = Seeded(state: 20261203)
        var seen = 0
        for lineage in Self.lineages {
            let calls = TherapyScorer(kb: kb, tumorLineage: lineage).score(SampleFindings(variants: Self.variants)).therapies
            #expect(TherapyScorer.inTableOrder(calls).map(\.drug) == calls.map(\.drug))
            var twin = calls.first
            twin?.explanation = "the same keys, another call"
            let pool = calls + (twin.map { [$0] } ?? [])
            for _ in 0..<50 {
                let shuffled = pool.shuffled(using: &rng)
                #expect(TherapyScorer.inTableOrder(shuffled) == shuffled.sorted(by: TherapyScorer.tableOrder))
                seen += 1
            }
        }
        #expect(seen == 200)
    }
}

/// SplitMix64: the same permutations on every run.
private typealias Seeded = SplitMix64
