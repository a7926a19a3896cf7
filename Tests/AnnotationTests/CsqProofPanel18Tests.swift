import Annotation

import Foundation
import G2TCore
import Testing
import TestSupport

/// Issue 18: g2t's consequences and protein changes against `bcftools csq` for the genes the issue added,
/// on both builds: every coding SNV and every SNV within 10 bp of a coding exon's edges. bcftools csq
/// reads each gene from a contig cut from the bundled reference slices (positions shifted by the
/// contig's start; bases outside the slices are N), so the proof needs nothing outside TestData.
@Suite struct CsqProofPanel18Tests {
    static let genes = ["KRAS", "NRAS", "BRAF", "MET", "PIK3CA"]

    struct Contig { var name: String; var chrom: String; var offset: Int; var sequence: [UInt8] }

    /// The gene's contig: its transcript ± 1 kb, N where the bundled slices have no base.
    static func contig(_ t: Transcript, reference: PanelReference) -> Contig {
        let lo = max(1, (t.exons.map(\.start).min() ?? 1) - 1_000), hi = (t.exons.map(\.end).max() ?? 1) + 1_000
        return Contig(name: "g2t_\(t.gene)", chrom: t.chrom, offset: lo - 1,
                      sequence: (lo...hi).map { reference.base(chrom: t.chrom, pos: $0) ?? UInt8(ascii: "N") })
    }

    @Test(arguments: [GenomeBuild.grch38, .grch37])
    func theIssue18GenesAgreeWithBcftoolsCsq(build: GenomeBuild) throws {
        let p = try PanelSet.bundled().panel(build)
        let dir = try TestSupport.tempDir("csq18")
        let contigs = try Self.genes.map { g in Self.contig(try #require(p.transcript(of: g)), reference: p.reference) }
        var fasta = "", gff = "##gff-version 3\n"
        var vcf = "##fileformat=VCFv4.2\n"
        for c in contigs { vcf += "##contig=<ID=\(c.name),length=\(c.sequence.count)>\n" }
        vcf += "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        let panelGFF = GFF3Writer.gff3(p).split(separator: "\n")
        var sites = 0
        for c in contigs {
            fasta += ">\(c.name)\n" + String(decoding: c.sequence, as: UTF8.self) + "\n"
            // The gene's own GFF3 lines, moved onto its contig.
            for line in panelGFF where !line.hasPrefix("#") {
                var f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard f.count == 9, f[0] == c.chrom, let s = Int(f[3]), let e = Int(f[4]),
                      s > c.offset, e <= c.offset + c.sequence.count else { continue }
                f[0] = c.name
                f[3] = String(s - c.offset)
                f[4] = String(e - c.offset)
                gff += f.joined(separator: "\t") + "\n"
            }
            let t = try #require(p.transcript(of: String(c.name.dropFirst(4))))
            var positions = Set<Int>()
            for e in t.codingExons {
                guard let cs = e.cdsStart, let ce = e.cdsEnd else { continue }
                positions.formUnion(cs...ce)
                positions.formUnion((e.start - 10)...(e.start + 3))
                positions.formUnion((e.end - 3)...(e.end + 10))
            }
            for pos in positions.sorted() {
                let b = c.sequence[pos - c.offset - 1]
                guard b != UInt8(ascii: "N") else { continue }
                for a in "ACGT" where UInt8(ascii: a.unicodeScalars.first!) != b {
                    vcf += "\(c.name)\t\(pos - c.offset)\t.\t\(String(UnicodeScalar(b)))\t\(a)\t.\t.\t.\n"
                    sites += 1
                }
            }
        }
        try fasta.write(toFile: dir + "/genes.fa", atomically: true, encoding: .utf8)
        try gff.write(toFile: dir + "/genes.gff3", atomically: true, encoding: .utf8)
        try vcf.write(toFile: dir + "/in.vcf", atomically: true, encoding: .utf8)
        let csq = try TestSupport.run("bcftools", ["csq", "-l", "-f", dir + "/genes.fa", "-g", dir + "/genes.gff3", dir + "/in.vcf"])
        #expect(csq.status == 0, "bcftools csq: \(csq.stderr.prefix(500))")

        let annotator = try VariantAnnotator(panel: p)
        let models = try p.transcripts.map { try TranscriptModel(transcript: $0, reference: p.reference) }
        var report = CsqComparison()
        for line in csq.stdout.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 8, let pos = Int(f[1]), let c = contigs.first(where: { $0.name == f[0] }) else { continue }
            let v = annotator.annotate(VariantCall(gene: nil, chrom: c.chrom, pos: pos + c.offset, ref: String(f[3]), alt: String(f[4]),
                                                   vaf: 0.5, depth: 10, altDepth: 5, altForward: 3, altReverse: 2, filter: "PASS"))
            let bcsq = f[7].split(separator: ";").first { $0.hasPrefix("BCSQ=") }.map { String($0.dropFirst(5)) }
            report.compare(v, bcsq: bcsq, protein: models.first { $0.transcript.gene == v.gene }?.protein ?? [])
        }
        #expect(report.compared == sites)
        print("\(build): compared \(report.compared), agreeing exactly \(report.agreeing), explained \(report.explained)")
        #expect(report.unexplained.isEmpty, "unexplained differences (first 20):\n\(report.unexplained.prefix(20).joined(separator: "\n"))")
        // Pinned from this test's own run (bcftools 1.16, the bundled panel, 2026-12-01; the same on both builds,
        // as the slices hold the same sequence): a change in either tool's answers shows as a changed count.
        #expect(report.compared == 36_366 && report.agreeing == 34_005)
        let expected: [String: Int] = [
            "intronic splice region: g2t adds intron_variant (as VEP does), bcftools csq does not": 2_286,
            "splice_region flag differs (region definitions)": 45,
            "outside the transcript: g2t says up/downstream_gene_variant, bcftools csq reports nothing": 30,
        ]
        #expect(report.explained == expected, "explained categories changed: \(report.explained.filter { expected[$0.key] != $0.value })")
    }
}
