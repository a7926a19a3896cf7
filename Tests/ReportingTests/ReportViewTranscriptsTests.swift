import G2TCore
@testable import Reporting
import Testing

/// The page's transcript list ("EGFR NM_005228.5, KRAS NM_004985.5") is made from the distinct
/// (gene, transcript) pairs, not from a string per variant: the same text as a string per variant gave.
@Suite struct ReportViewTranscriptsTests {
    static func annotated(_ gene: String?, _ transcript: String?, pos: Int) -> VariantCall {
        var v = VariantCall(gene: gene, chrom: "chr7", pos: pos, ref: "C", alt: "T", vaf: 0.2, depth: 100, altDepth: 20,
                            altForward: 10, altReverse: 10, filter: "PASS")
        v.annotation = transcript.map { VariantAnnotation(transcript: $0, hgvsc: "c.\(pos)C>T", consequence: "missense_variant") }
        return v
    }

    /// What the page listed before: one string per annotated variant, deduplicated, sorted.
    static func perVariant(_ vs: [VariantCall]) -> String {
        Array(Set(vs.compactMap { v in v.annotation.map { "\(v.gene ?? "") \($0.transcript)" } })).sorted().joined(separator: ", ")
    }

    @Test func distinctPairsGiveTheSameListAsAStringPerVariant() {
        let vs = [Self.annotated("KRAS", "NM_004985.5", pos: 1), Self.annotated("EGFR", "NM_005228.5", pos: 2),
                  Self.annotated("EGFR", "NM_005228.5", pos: 3), Self.annotated(nil, "NM_000000.1", pos: 4),
                  Self.annotated("EGFR", nil, pos: 5), Self.annotated("BRAF", "NM_004333.6", pos: 6),
                  // Two pairs that print alike ("A B C"): listed once, as before.
                  Self.annotated("A B", "C", pos: 7), Self.annotated("A", "B C", pos: 8)]
        let list = ReportView.transcriptList(vs)
        #expect(list == " NM_000000.1, A B C, BRAF NM_004333.6, EGFR NM_005228.5, KRAS NM_004985.5")
        #expect(list == Self.perVariant(vs))
        #expect(ReportView.transcriptList([]) == "")
        #expect(ReportView.transcriptList([Self.annotated("EGFR", nil, pos: 1)]) == "")
    }
}
