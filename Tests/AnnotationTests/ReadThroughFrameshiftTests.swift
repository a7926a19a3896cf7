import Annotation
import G2TCore
import Testing
import TestSupport

/// A frameshift whose shifted frame meets no stop inside the CDS reads on into the 3′ UTR, as VEP
/// does: PIK3CA c.3204_3205insA, a real variant of the SeraCare ctDNA reference
/// (TestData/real/seracare-ctdna-5pct), is `p.Ter1069MetfsTer4` in MSK's VEP annotation, not `fsTer?`.
@Suite struct ReadThroughFrameshiftTests {
    @Test(arguments: [(GenomeBuild.grch37, 178_952_149), (.grch38, 179_234_361)])
    func stopCodonFrameshiftCountsItsNewStopInTheUTR(build: GenomeBuild, pos: Int) throws {
        let annotator = try VariantAnnotator(panel: try PanelLoader.bundled(build: build))
        let v = annotator.annotate(VariantCall(gene: nil, chrom: "chr3", pos: pos, ref: "C", alt: "CA", vaf: 0.05,
                                               depth: 1000, altDepth: 50, altForward: 25, altReverse: 25, filter: "PASS"))
        #expect(v.annotation?.hgvsc == "c.3204_3205insA")
        #expect(v.annotation?.hgvsp == "p.Ter1069MetfsTer4")
        #expect(v.annotation?.hgvspShort == "p.*1069Mfs*4")
        #expect(v.annotation?.consequence == "frameshift_variant")
    }

    /// The 3′ UTR a transcript model holds: the bases after the stop codon, on the coding strand
    /// (KRAS and BRAF are on the minus strand), as far as the bundled sequence reaches.
    @Test(arguments: ["EGFR", "PIK3CA", "KRAS", "NRAS", "BRAF", "MET"])
    func utrFollowsTheStopCodon(_ gene: String) throws {
        let p = try PanelLoader.bundled(build: .grch38)
        let t = try #require(p.transcript(of: gene))
        let m = try TranscriptModel(transcript: t, reference: p.reference)
        // The bundled sequence holds the coding exons ± 500 bp: at least the rest of the last coding exon
        // (NRAS's stop lies 59 bases before that exon's end; its later UTR-only exons are not bundled).
        let last = try #require(t.codingExons.last)
        let rest = t.strand == .plus ? last.end - (try #require(last.cdsEnd)) : (try #require(last.cdsStart)) - last.start
        #expect(rest > 0 && m.threePrimeUTR.count >= min(rest, 500), "\(m.threePrimeUTR.count) UTR bases, \(rest) after the stop in its exon")
        #expect(m.threePrimeUTR.allSatisfy { "ACGT".utf8.contains($0) })
        // The UTR continues the CDS: their join translated in frame still ends the protein at the reference stop.
        #expect(GeneticCode.translate(m.cds + m.threePrimeUTR) == m.protein)
        // Its first base is c.*1: a substitution there is named so.
        let annotator = try VariantAnnotator(panel: p)
        let c1 = t.strand == .plus ? try #require(t.codingExons.last?.cdsEnd) + 1 : try #require(t.codingExons.last?.cdsStart) - 1
        let ref = try #require(p.reference.base(chrom: t.chrom, pos: c1))
        let alt: UInt8 = ref == UInt8(ascii: "A") ? UInt8(ascii: "C") : UInt8(ascii: "A")
        let v = annotator.annotate(VariantCall(gene: nil, chrom: t.chrom, pos: c1, ref: String(decoding: [ref], as: UTF8.self),
                                               alt: String(decoding: [alt], as: UTF8.self), vaf: 0.5, depth: 100, altDepth: 50,
                                               altForward: 25, altReverse: 25, filter: "PASS"))
        let utrBase = t.strand == .plus ? alt : GeneticCode.complement(alt)
        #expect(v.annotation?.hgvsc.hasPrefix("c.*1") == true)
        #expect(v.annotation?.hgvsc.hasSuffix(">" + String(decoding: [utrBase], as: UTF8.self)) == true)
        #expect(m.threePrimeUTR.first == (t.strand == .plus ? ref : GeneticCode.complement(ref)))
    }

    /// Near the stop codon the local comparison equals translating the whole altered CDS and UTR, and
    /// some frameshifts there find their new stop only in the UTR (so that path is exercised).
    @Test(arguments: ["EGFR", "PIK3CA", "KRAS", "BRAF"])
    func localAndWholeComparisonAgreeIntoTheUTR(_ gene: String) throws {
        let p = try PanelLoader.bundled(build: .grch38)
        let m = try TranscriptModel(transcript: try #require(p.transcript(of: gene)), reference: p.reference)
        var rng = SplitMix64(seed: 11)
        var readThrough = 0
        for _ in 0..<1_000 {
            let i = Int.random(in: (m.cds.count - 40)..<(m.cds.count - 3), using: &rng)
            let d = Int.random(in: 0...2, using: &rng)
            let ins = (0..<Int.random(in: 0...2, using: &rng)).map { _ in Array("ACGT".utf8)[Int.random(in: 0..<4, using: &rng)] }
            guard (ins.count - d) % 3 != 0 else { continue }
            var alt = m.cds
            alt.replaceSubrange(i..<(i + d), with: ins)
            let whole = ProteinChange.compare(refCDS: m.cds, altCDS: alt, editIndex: i, deleted: d, downstream: m.threePrimeUTR)
            let local = ProteinChange.compare(refCDS: m.cds, refProtein: m.protein, index: i, deleted: d, inserted: ins,
                                              downstream: m.threePrimeUTR)
            #expect(local == whole, "\(gene) edit at \(i) del \(d) ins \(String(decoding: ins, as: UTF8.self))")
            let withoutUTR = ProteinChange.compare(refCDS: m.cds, refProtein: m.protein, index: i, deleted: d, inserted: ins)
            if withoutUTR.threeLetter.hasSuffix("fsTer?") && !local.threeLetter.hasSuffix("fsTer?") { readThrough += 1 }
        }
        #expect(readThrough > 0, "no frameshift near the stop needed the 3′ UTR")
    }
}
