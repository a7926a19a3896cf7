import G2TCore
@testable import Scoring
import Testing

/// A statement matched by many variants (a dense VCF: thousands of exon 20 insertions against one
/// exon rule) lists the strongest few and folds the rest, keeping every matched variant's key.
@Suite struct EvidenceFoldingTests {
    static func item(_ i: Int, weight: Double) -> EvidenceItem {
        EvidenceItem(effect: .sensitivity, biomarker: "EGFR exon 20 insertion", matchedBy: "EGFR ins\(i)", oncokbLevel: "1",
                     ampLevel: "IA", tumorTypes: ["NSCLC"], inTumorType: true, weight: weight, counted: false, summary: "",
                     sources: [], variants: [VariantKey(chrom: "chr7", pos: 55181300 + i, ref: "C", alt: "CA")])
    }

    @Test func aFewMatchesAreListedAsTheyAre() {
        let few = (0..<TherapyScorer.maxMatchesListedPerStatement).map { Self.item($0, weight: 3) }
        #expect(TherapyScorer.folded(few) == few)
    }

    @Test func manyMatchesKeepTheStrongestAndEveryKey() {
        let cap = TherapyScorer.maxMatchesListedPerStatement
        // Subclonal matches weigh less; the one full-weight match comes last in input order.
        var many = (0..<25).map { Self.item($0, weight: 1.5) }
        many[24].weight = 3
        let folded = TherapyScorer.folded(many)
        #expect(folded.count == cap)
        #expect(folded.contains { $0.matchedBy.hasPrefix("EGFR ins24") && $0.weight == 3 }, "the strongest match must stay")
        #expect(folded.map(\.weight).max() == many.map(\.weight).max())
        #expect(Set(folded.flatMap(\.variants)) == Set(many.flatMap(\.variants)), "every matched variant keeps its statement")
        #expect(folded.last?.matchedBy.contains("and 15 more variants matching this statement") == true)
        #expect(folded.filter { $0.matchedBy.contains("more variants") }.count == 1)
    }
}
