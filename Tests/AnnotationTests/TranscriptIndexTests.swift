@testable import Annotation
import G2TCore
import Testing

/// `TranscriptModel` finds a position's transcript-order index by arithmetic on its exons. These
/// tests hold it to the table it replaced: every exonic base listed 5′→3′, numbered in that order.
@Suite struct TranscriptIndexTests {
    /// Every exonic genomic position in transcript order (the old layout).
    static func exonicPositions(_ t: Transcript) -> [Int] {
        t.exons.flatMap { e in t.strand == .plus ? Array(e.start...e.end) : Array((e.start...e.end).reversed()) }
    }

    @Test(arguments: [GenomeBuild.grch38, .grch37])
    func indexAgreesWithTheTableOfEveryExonicBase(build: GenomeBuild) throws {
        let panel = try PanelSet.bundled().panel(build)
        #expect(!panel.transcripts.isEmpty)
        for t in panel.transcripts {
            let m = try TranscriptModel(transcript: t, reference: panel.reference)
            let exonic = Self.exonicPositions(t)
            var table: [Int: Int] = [:]
            for (i, p) in exonic.enumerated() { table[p] = i }
            // Every base of the transcript's span and 600 bases either side (introns and flanks: nil).
            let differing = ((m.firstBase - 600)...(m.lastBase + 600)).filter { m.index(of: $0) != table[$0] }
            #expect(differing.isEmpty, "\(t.gene): \(differing.prefix(5))")
            #expect(m.exonicCount == exonic.count)
            #expect(m.fivePrimeEnd == exonic.first && m.threePrimeEnd == exonic.last)
        }
    }

    @Test(arguments: [GenomeBuild.grch38, .grch37])
    func cdsIsTheReferenceReadBaseByBaseOnTheCodingStrand(build: GenomeBuild) throws {
        let panel = try PanelSet.bundled().panel(build)
        for t in panel.transcripts {
            let m = try TranscriptModel(transcript: t, reference: panel.reference)
            let exonic = Self.exonicPositions(t)
            let expected = exonic[m.cdsFirst...m.cdsLast].map { p -> UInt8 in
                let b = panel.reference.base(chrom: t.chrom, pos: p) ?? UInt8(ascii: "N")
                return t.strand == .plus ? b : GeneticCode.complement(b)
            }
            #expect(m.cds == expected, "\(t.gene)")
            #expect(m.cds.count == t.cdsLength, "\(t.gene)")
            // c.1 is the CDS start on the coding strand.
            let c1 = try #require(t.strand == .plus ? t.codingExons.first?.cdsStart : t.codingExons.first?.cdsEnd)
            #expect(m.cdsNumber(c1) == 1, "\(t.gene)")
        }
    }
}

/// `PanelReference.bases` reads a stretch block by block; it must give what `base` gives per position,
/// across block edges, gaps between blocks and "N".
@Suite struct ReferenceStretchTests {
    @Test(arguments: [GenomeBuild.grch38, .grch37])
    func stretchEqualsBaseByBase(build: GenomeBuild) throws {
        let panel = try PanelSet.bundled().panel(build)
        let r = panel.reference
        var known = 0
        for t in panel.transcripts {
            let lo = (t.exons.map(\.start).min() ?? 1) - 600, hi = (t.exons.map(\.end).max() ?? 1) + 600
            let stretch = r.bases(chrom: t.chrom, lo...hi)
            let one = (lo...hi).map { r.base(chrom: t.chrom, pos: $0) }
            #expect(stretch == one, "\(t.gene)")
            known += one.compactMap { $0 }.count
            // Short stretches starting anywhere near each exon's edges.
            let starts = t.exons.flatMap { e in [(e.start - 3)...(e.start + 3), (e.end - 3)...(e.end + 3)].joined() }
            let differing = starts.filter { a in r.bases(chrom: t.chrom, a...(a + 7)) != (a...(a + 7)).map { r.base(chrom: t.chrom, pos: $0) } }
            #expect(differing.isEmpty, "\(t.gene): \(differing.prefix(5))")
        }
        #expect(known > 0)
        #expect(r.bases(chrom: "chrNone", 100...110) == Array(repeating: nil, count: 11))
    }

    /// The protocol's default (any other reference source) is `base` per position.
    @Test func defaultIsBaseByBase() {
        struct Alternating: ReferenceSource {
            func base(chrom: String, pos: Int) -> UInt8? { pos % 3 == 0 ? nil : UInt8(ascii: pos % 2 == 0 ? "A" : "C") }
        }
        let r = Alternating()
        #expect(r.bases(chrom: "x", 1...9) == (1...9).map { r.base(chrom: "x", pos: $0) })
    }
}
