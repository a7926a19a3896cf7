import Annotation
import G2TCore
import Testing
import TestSupport

/// The HGVS 3′ rule across exon–intron boundaries, the protein of an indel from its placement
/// wholly in the CDS, and inversions (docs/annotation.md).
@Suite struct BoundaryShiftTests {
    /// EGFR lies at a constant offset between the builds (exons.tsv): GRCh38 = GRCh37 − 67,693.
    static let egfrOffset38 = -67_693

    static func annotate(_ build: GenomeBuild, _ pos: Int, _ ref: String, _ alt: String) throws -> VariantCall {
        let annotator = try VariantAnnotator(panel: try PanelLoader.bundled(build: build))
        return annotator.annotate(VariantCall(gene: nil, chrom: "chr7", pos: pos, ref: ref, alt: alt, vaf: 0.5, depth: 100,
                                              altDepth: 50, altForward: 25, altReverse: 25, filter: "PASS"))
    }

    static func sequence(_ build: GenomeBuild, _ start: Int, _ end: Int) throws -> String {
        let p = try PanelLoader.bundled(build: build)
        return try #require(p.reference.sequence(GenomicInterval(chrom: "chr7", start: start, end: end)))
    }

    /// The FQEA exon 20 insertion as a caller writes it (left-aligned, in intron 19), and the same
    /// insertion written at its 3′-most placement inside exon 20: both are one variant.
    @Test(arguments: [GenomeBuild.grch37, .grch38])
    func fqeaInsertionIsNamedAsVEPNamesIt(build: GenomeBuild) throws {
        let shift = build == .grch38 ? Self.egfrOffset38 : 0
        let asCalled = try Self.annotate(build, 55_248_980 + shift, "C", "CTCCAGGAAGCCT")
        let anchor = try Self.sequence(build, 55_248_992 + shift, 55_248_992 + shift)
        let at3Prime = try Self.annotate(build, 55_248_992 + shift, anchor, anchor + "TCCAGGAAGCCT")
        for v in [asCalled, at3Prime] {
            #expect(v.annotation?.hgvsc == "c.2284-5_2290dup")
            #expect(v.annotation?.hgvsp == "p.Ala763_Tyr764insPheGlnGluAla")
            #expect(v.annotation?.hgvspShort == "p.A763_Y764insFQEA")
            #expect(v.annotation?.consequence == "inframe_insertion")
            #expect(v.annotation?.exon == 20 && v.annotation?.intron == nil)
        }
    }

    /// A 1,023 bp deletion from exon 27 into intron 27, whose last two bases repeat its first two:
    /// named at its 3′-most placement, across the boundary.
    @Test(arguments: [GenomeBuild.grch37, .grch38])
    func deletionAcrossTheDonorIsShiftedFully3Prime(build: GenomeBuild) throws {
        let shift = build == .grch38 ? Self.egfrOffset38 : 0
        // c.3166 is chr7:55270213 on GRCh37; c.3271+917 is 55271235. The VCF record carries the anchor base before.
        let leftmost = try Self.annotate(build, 55_270_212 + shift, try Self.sequence(build, 55_270_212 + shift, 55_271_235 + shift),
                                         try Self.sequence(build, 55_270_212 + shift, 55_270_212 + shift))
        let rightmost = try Self.annotate(build, 55_270_214 + shift, try Self.sequence(build, 55_270_214 + shift, 55_271_237 + shift),
                                          try Self.sequence(build, 55_270_214 + shift, 55_270_214 + shift))
        for v in [leftmost, rightmost] {
            #expect(v.annotation?.hgvsc == "c.3168_3271+919del")
            #expect(v.annotation?.hgvsp == nil)
            #expect(v.annotation?.consequence == "splice_donor_variant&coding_sequence_variant")
            #expect(v.annotation?.exon == 27 && v.annotation?.intron == 27)
        }
    }

    /// A deletion inside one exon whose repeat does not reach the intron keeps its exonic name.
    @Test func exonicDeletionsAreUnchanged() throws {
        let v = try Self.annotate(.grch37, 55_242_464, "AGGAATTAAGAGAAGC", "A")
        #expect(v.annotation?.hgvsc == "c.2235_2249del" && v.annotation?.hgvsp == "p.Glu746_Ala750del" && v.annotation?.consequence == "inframe_deletion")
    }

    /// Deleting the first base of exon 20 (G) after the acceptor's AG: the same genome as deleting the
    /// intron's last base (also G). Placed in the CDS the acceptor is untouched, so it is a frameshift.
    @Test func acceptorDeletionWithAnExonicPlacementIsAFrameshift() throws {
        // GRCh38: intron 19 ends ...CAG at 55181290-55181292, exon 20 starts with G at 55181293.
        #expect(try Self.sequence(.grch38, 55_181_290, 55_181_293) == "CAGG")
        let v = try Self.annotate(.grch38, 55_181_291, "AG", "A")
        #expect(v.annotation?.hgvsc == "c.2284del")
        #expect(v.annotation?.consequence.terms.first == .frameshiftVariant)
        #expect(v.annotation?.hgvspShort?.hasPrefix("p.E762") == true)
    }

    /// An insertion at an exon's end that repeats into the intron is named there (3′ rule on the
    /// genome, not on the spliced CDS), with the protein from its exonic placement.
    @Test func insertionRepeatingIntoTheDonorSideIntron() throws {
        // GRCh38 exon 18 ends ...AAG at 55174041-55174043 (c.2182-2184); intron 18 begins GTAAG.
        #expect(try Self.sequence(.grch38, 55_174_041, 55_174_047) == "AAGGTAA")
        // Insert G after c.2183 (A): the G-run c.2184, c.2184+1 takes it, so HGVS names c.2184+1dup.
        let v = try Self.annotate(.grch38, 55_174_042, "A", "AG")
        #expect(v.annotation?.hgvsc == "c.2184+1dup")
        #expect(v.annotation?.consequence.terms.first == .frameshiftVariant)
        #expect(v.annotation?.hgvsp != nil)
    }

    @Test func inversions() throws {
        // Codon 858 CTG (c.2572-2574); c.2573_2574 TG → CA is its own reverse complement: CCA (Pro).
        let coding = try Self.annotate(.grch38, 55_191_822, "TG", "CA")
        #expect(coding.annotation?.hgvsc == "c.2573_2574inv")
        #expect(coding.annotation?.hgvsp == "p.Leu858Pro" && coding.annotation?.consequence == "missense_variant")
        // Intron 18's donor GT (c.2184+1_2184+2) inverted to AC.
        let donor = try Self.annotate(.grch38, 55_174_044, "GT", "AC")
        #expect(donor.annotation?.hgvsc == "c.2184+1_2184+2inv")
        #expect(donor.annotation?.consequence == "splice_donor_variant")
        // Not a reverse complement: a deletion–insertion (MSK's c.2239_2240delTTinsCC).
        #expect(try Self.annotate(.grch37, 55_242_469, "TT", "CC").annotation?.hgvsc == "c.2239_2240delinsCC")
        // Three bases, reverse-complemented.
        let three = try Self.annotate(.grch38, 55_191_821, "CTG", "CAG")
        #expect(three.annotation?.hgvsc == "c.2572_2574inv")
    }

    /// On the minus strand (ABCB1) the transcript's 3′ end is the genome's left: a deletion in a
    /// run of one base is named at the run's lowest genomic position.
    @Test func minusStrandShiftsToTheGenomicLeft() throws {
        let p = try PanelLoader.bundled(build: .grch38)
        let t = try #require(p.transcript(of: "ABCB1"))
        let m = try TranscriptModel(transcript: t, reference: p.reference)
        let annotator = try VariantAnnotator(panel: p)
        var checked = 0
        for e in t.codingExons {
            guard let cs = e.cdsStart, let ce = e.cdsEnd, ce - cs > 6 else { continue }
            // A run of exactly two equal bases well inside the exon.
            for pos in (cs + 2)...(ce - 3) {
                let b = { p.reference.base(chrom: "chr7", pos: $0) }
                guard let x = b(pos), b(pos + 1) == x, b(pos - 1) != x, b(pos + 2) != x, let anchor = b(pos - 1) else { continue }
                let a = String(UnicodeScalar(anchor)), base = String(UnicodeScalar(x))
                let v = annotator.annotate(VariantCall(gene: nil, chrom: "chr7", pos: pos - 1, ref: a + base, alt: a, vaf: 0.5, depth: 100,
                                                       altDepth: 50, altForward: 25, altReverse: 25, filter: "PASS"))
                let expected = try #require(m.cdsNumber(pos))  // the lower genomic base is the 3′ one on the minus strand
                #expect(v.annotation?.hgvsc == "c.\(expected)del", "ABCB1 \(pos)")
                checked += 1
                break
            }
            if checked >= 3 { break }
        }
        #expect(checked == 3)
    }
}
