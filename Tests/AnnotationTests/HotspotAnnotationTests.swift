import Annotation
import G2TCore
import Testing
import TestSupport

/// Every row of the verified hotspot table must be named exactly as the table names it.
@Suite struct HotspotAnnotationTests {
    struct Row: Sendable, CustomStringConvertible {
        var name, hgvsc, hgvsp: String
        var build: GenomeBuild
        var chrom: String
        var pos: Int
        var ref, alt: String
        var description: String { "\(name) \(build.rawValue)" }
    }

    static let rows: [Row] = {
        guard let text = try? TestSupport.readText(TestSupport.root + "/Sources/G2TCore/Data/hotspots.tsv"),
              let table = try? TSVTable(file: "hotspots.tsv", text: text) else { return [] }
        var out: [Row] = []
        for r in table.rows {
            for (build, col) in [(GenomeBuild.grch38, "grch38"), (.grch37, "grch37")] {
                guard let loc = try? table.value(col, in: r), let name = try? table.value("name", in: r),
                      let c = try? table.value("hgvs_c", in: r), let p = try? table.value("hgvs_p", in: r) else { continue }
                let parts = loc.split(separator: " "), al = parts[1].split(separator: ">")
                out.append(Row(name: name, hgvsc: String(c.split(separator: ":")[1]),
                               hgvsp: String(p.split(separator: ":")[1]).replacingOccurrences(of: "(", with: "").replacingOccurrences(of: ")", with: ""),
                               build: build, chrom: String(parts[0].split(separator: ":")[0]), pos: Int(parts[0].split(separator: ":")[1]) ?? 0, ref: String(al[0]), alt: String(al[1])))
            }
        }
        return out
    }()

    // 17 EGFR/ABCB1 rows and 45 KRAS/NRAS/BRAF/MET/PIK3CA rows (issue 18), each on two builds.
    @Test func tableIsRead() {
        #expect(Self.rows.count == 124)
        #expect(Set(Self.rows.map(\.chrom)) == ["chr1", "chr3", "chr7", "chr12"])
    }

    @Test(arguments: rows)
    func namedAsTheTable(row: Row) throws {
        let annotator = try VariantAnnotator(panel: try PanelLoader.bundled(build: row.build))
        let v = annotator.annotate(VariantCall(gene: nil, chrom: row.chrom, pos: row.pos, ref: row.ref, alt: row.alt, vaf: 0.5,
                                               depth: 100, altDepth: 50, altForward: 25, altReverse: 25, filter: "PASS"))
        #expect(v.annotation?.hgvsc == row.hgvsc)
        if row.hgvsp == "p.?" {
            // Splice-site changes: the table's "p.?" is "no protein prediction", which g2t leaves empty.
            #expect(v.annotation?.hgvsp == nil)
            #expect(v.annotation?.consequence == "splice_donor_variant")
        } else {
            #expect(v.annotation?.hgvsp == row.hgvsp)
        }
    }
}

@Suite struct VariantAnnotatorTests {
    let annotator: VariantAnnotator

    init() throws { annotator = try VariantAnnotator(panel: try PanelLoader.bundled(build: .grch38)) }

    func annotate(_ pos: Int, _ ref: String, _ alt: String) -> VariantCall {
        annotator.annotate(VariantCall(gene: nil, chrom: "chr7", pos: pos, ref: ref, alt: alt, vaf: 0.5, depth: 100,
                                       altDepth: 50, altForward: 25, altReverse: 25, filter: "PASS"))
    }

    @Test func missenseAndOneLetter() {
        let v = annotate(55_191_822, "T", "G")
        #expect(v.gene == "EGFR" && v.annotation?.transcript == "NM_005228.5" && v.annotation?.exon == 21)
        #expect(v.annotation?.hgvspShort == "p.L858R")
        #expect(v.annotation?.consequence == "missense_variant")
    }

    @Test func intronicOffsetsAndSpliceSites() {
        // Exon 18 ends at 55174043 (c.2184); exon 19 starts at 55174722 (c.2185).
        let donor = annotate(55_174_044, "G", "A")
        #expect(donor.annotation?.hgvsc == "c.2184+1G>A")
        #expect(donor.annotation?.consequence.contains(.spliceDonorVariant) == true)
        let acceptor = annotate(55_174_720, "A", "G")
        #expect(acceptor.annotation?.hgvsc.hasPrefix("c.2185-2") == true)
        #expect(acceptor.annotation?.consequence.contains(.spliceAcceptorVariant) == true)
        #expect(donor.annotation?.hgvsp == nil)
    }

    @Test func untranslatedRegions() {
        // c.1 is at 55019278: ten bases before it is c.-10.
        #expect(annotate(55_019_268, "G", "A").annotation?.hgvsc.hasPrefix("c.-10") == true)
        #expect(annotate(55_019_268, "G", "A").annotation?.consequence == "5_prime_UTR_variant")
        // The stop codon ends at 55205617: twenty bases after it is c.*20.
        #expect(annotate(55_205_637, "A", "G").annotation?.hgvsc.hasPrefix("c.*20") == true)
    }

    @Test func stopGainedAndFrameshift() {
        // Codon 858 CTG: T>A at its middle base gives CAG (Gln); C>T at its first gives TTG (Leu, synonymous).
        #expect(annotate(55_191_822, "T", "A").annotation?.hgvsp == "p.Leu858Gln")
        #expect(annotate(55_191_821, "C", "T").annotation?.hgvsp == "p.Leu858=")
        let fs = annotate(55_191_821, "CT", "C")
        #expect(fs.annotation?.consequence == "frameshift_variant")
        #expect(fs.annotation?.hgvsp?.contains("fsTer") == true)
    }

    @Test func minusStrandLegacyNames() {
        let v = annotate(87_531_302, "A", "C")
        #expect(v.annotation?.hgvsc == "c.2677T>G" && v.annotation?.hgvsp == "p.Ser893Ala" && v.annotation?.exon == 21)
    }

    @Test func outsideTranscriptsIsLeftAlone() {
        let v = annotate(10_000_000, "A", "G")
        #expect(v.annotation == nil && v.gene == nil)
    }
}
