import G2TCore

/// Writes the panel transcripts as Ensembl-style GFF3, the form `bcftools csq` reads
/// (gene → mRNA → exon/CDS/UTR, CDS including the stop codon, with phases).
package enum GFF3Writer {
    package static func gff3(_ panel: Panel, chrom rename: (String) -> String = { $0 }) -> String {
        var out = "##gff-version 3\n"
        for c in panel.chromosomes { out += "##sequence-region \(rename(c)) 1 \(panel.chromosomeLengths[c] ?? 0)\n" }
        for t in panel.transcripts {
            let chrom = rename(t.chrom), strand = t.strand.rawValue
            let lo = t.exons.map(\.start).min() ?? 0, hi = t.exons.map(\.end).max() ?? 0
            func line(_ type: String, _ s: Int, _ e: Int, _ phase: String, _ attrs: String) {
                out += "\(chrom)\tg2t\t\(type)\t\(s)\t\(e)\t.\t\(strand)\t\(phase)\t\(attrs)\n"
            }
            line("gene", lo, hi, ".", "ID=gene:\(t.gene);Name=\(t.gene);biotype=protein_coding")
            line("mRNA", lo, hi, ".", "ID=transcript:\(t.refseq);Parent=gene:\(t.gene);Name=\(t.refseq);biotype=protein_coding;tag=MANE_Select")
            var codingSoFar = 0
            for e in t.exons {
                line("exon", e.start, e.end, ".", "Parent=transcript:\(t.refseq);exon_number=\(e.number)")
                guard let cs = e.cdsStart, let ce = e.cdsEnd else {
                    let utr = codingSoFar == 0 ? "five_prime_UTR" : "three_prime_UTR"
                    line(utr, e.start, e.end, ".", "Parent=transcript:\(t.refseq)")
                    continue
                }
                // UTR parts of a partly coding exon, on the transcript's 5' and 3' sides.
                let (fiveLo, fiveHi, threeLo, threeHi) = t.strand == .plus
                    ? (e.start, cs - 1, ce + 1, e.end) : (ce + 1, e.end, e.start, cs - 1)
                if fiveLo <= fiveHi { line("five_prime_UTR", fiveLo, fiveHi, ".", "Parent=transcript:\(t.refseq)") }
                let phase = (3 - codingSoFar % 3) % 3
                line("CDS", cs, ce, String(phase), "ID=CDS:\(t.protein);Parent=transcript:\(t.refseq)")
                codingSoFar += ce - cs + 1
                if threeLo <= threeHi { line("three_prime_UTR", threeLo, threeHi, ".", "Parent=transcript:\(t.refseq)") }
            }
        }
        return out
    }
}
