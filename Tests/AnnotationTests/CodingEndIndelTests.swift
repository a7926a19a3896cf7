import Annotation
import G2TCore
import Testing

/// Indels at either end of every panel transcript's coding sequence, on both builds: the edits
/// whose protein comparison runs to the start codon or past the stop. A dense VCF of in-target
/// insertions once crashed g2t here (NRAS chr1:114708534 G>GTGTTCA, an insertion right after the
/// stop codon on the minus strand, indexed one residue past the protein).
@Suite struct CodingEndIndelTests {
    /// A minus-strand insertion between the stop codon's last base and the 3′ UTR leaves the
    /// protein as it was: stop retained, named at the stop.
    @Test func insertionAfterTheNRASStopCodonIsStopRetained() throws {
        let panel = try PanelLoader.bundled(build: .grch38)
        let annotator = try VariantAnnotator(panel: panel)
        let v = annotator.annotate(VariantCall(gene: nil, chrom: "chr1", pos: 114_708_534, ref: "G", alt: "GTGTTCA", vaf: 0.16,
                                               depth: 397, altDepth: 64, altForward: 32, altReverse: 32, filter: "PASS"))
        #expect(v.gene == "NRAS")
        #expect(v.annotation?.hgvsp == "p.Ter190=", "\(v.annotation?.hgvsp ?? "nil") \(v.annotation?.consequence.text ?? "nil")")
        #expect(v.annotation?.consequence.contains(.stopRetainedVariant) == true, "\(v.annotation?.consequence.text ?? "nil")")
    }

    /// Every 1–6 base insertion and deletion within 6 bases of each CDS end of each transcript
    /// gets a name (no trap), and a protein name whenever it has a coding consequence.
    @Test(arguments: [GenomeBuild.grch38, .grch37])
    func indelsAtCodingEndsAreNamed(build: GenomeBuild) throws {
        let panel = try PanelLoader.bundled(build: build)
        let annotator = try VariantAnnotator(panel: panel)
        var named = 0
        for t in panel.transcripts {
            let coding = t.codingExons
            guard let first = coding.compactMap(\.cdsStart).min(), let last = coding.compactMap(\.cdsEnd).max() else { continue }
            for end in [first, last] {
                for pos in (end - 6)...(end + 6) {
                    guard let anchor = panel.reference.sequence(GenomicInterval(chrom: t.chrom, start: pos, end: pos + 6)), anchor.count == 7 else { continue }
                    for n in 1...6 {
                        let a = String(anchor.prefix(1))
                        let edits = [(a, a + String(repeating: "T", count: n)),            // insertion
                                     (String(anchor.prefix(n + 1)), a)]                      // deletion
                        for (ref, alt) in edits {
                            let v = annotator.annotate(VariantCall(gene: nil, chrom: t.chrom, pos: pos, ref: ref, alt: alt, vaf: 0.2, depth: 100,
                                                                   altDepth: 20, altForward: 10, altReverse: 10, filter: "PASS"))
                            #expect(v.annotation?.consequence != nil, "\(t.gene) \(pos) \(ref)>\(alt)")
                            if v.annotation?.hgvsp != nil { named += 1 }
                        }
                    }
                }
            }
        }
        #expect(named > 100)
    }
}
