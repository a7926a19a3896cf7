import Annotation

import Foundation
import G2TCore
import Testing
import TestSupport

/// g2t's consequences and protein changes against `bcftools csq` over every coding SNV of the
/// panel, SNVs around every EGFR splice site, and generated indels (exon 19 deletions, exon 20
/// insertions and duplications, frameshifts, splice-site deletions). Differences must fall in the
/// categories explained in docs/annotation.md.
@Suite struct CsqProofTests {
    struct Site: Hashable { var pos: Int; var ref: String; var alt: String }

    /// The EGFR/ABCB1 part of the bundled panel: the proof's chr7 FASTA (TestData/ref) holds only their
    /// sequence (the issue-18 genes are checked by HotspotAnnotationTests and scripts/panel18/csq_crosscheck.py).
    static let panel: Panel? = {
        let keep: Set<String> = ["EGFR", "ABCB1"]
        var files = PanelLoader.bundledFiles
        for t in ["genes.tsv", "exons.tsv", "hotspots.tsv"] {
            files[t] = files[t]?.split(separator: "\n", omittingEmptySubsequences: false).filter { l in
                l.isEmpty || l.hasPrefix("#") || l.hasPrefix("gene\t") || keep.contains(String(l.split(separator: "\t").first ?? ""))
            }.joined(separator: "\n")
        }
        files = files.filter { k, _ in !k.hasSuffix(".fa") || keep.contains(String(k.split(separator: ".").first ?? "")) }
        return try? PanelSet(files: files).panel(.grch38)
    }()

    /// The generated variant set, left-normalised as a caller would write it.
    static func variants(_ p: Panel) -> [Site] {
        var out = Set<Site>()
        let ref = p.reference
        func base(_ pos: Int) -> String? { ref.base(chrom: "chr7", pos: pos).map { String(UnicodeScalar($0)) } }
        func add(_ pos: Int, _ r: String, _ a: String) {
            guard r != a, ref.sequence(GenomicInterval(chrom: "chr7", start: pos, end: pos + r.count - 1)) == r else { return }
            let n = Normalization.normalize(.init(pos: pos, ref: r, alt: a), chrom: "chr7", reference: ref)
            out.insert(Site(pos: n.pos, ref: n.ref, alt: n.alt))
        }
        func seq(_ s: Int, _ e: Int) -> String? { ref.sequence(GenomicInterval(chrom: "chr7", start: s, end: e)) }
        // (a) every SNV in both coding sequences, and ±10 bp around every EGFR exon edge.
        for t in p.transcripts {
            for e in t.codingExons {
                guard let cs = e.cdsStart, let ce = e.cdsEnd else { continue }
                for pos in cs...ce { if let b = base(pos) { for a in ["A", "C", "G", "T"] { add(pos, b, a) } } }
            }
        }
        let egfr = p.transcript(of: "EGFR")!
        for e in egfr.exons {
            for pos in Array((e.start - 10)...(e.start + 3)) + Array((e.end - 3)...(e.end + 10)) {
                if let b = base(pos) { for a in ["A", "C", "G", "T"] { add(pos, b, a) } }
            }
        }
        // (b) indels. Exon 19: every 15 bp deletion inside its CDS.
        let ex19 = egfr.exons[18], ex20 = egfr.exons[19]
        for s in ex19.start...(ex19.end - 15) { if let r = seq(s - 1, s + 14), let a = base(s - 1) { add(s - 1, r, a) } }
        // Exon 20: 3–12 bp insertions of a fixed pseudo-random sequence and duplications of the preceding bases.
        var rng = SplitMix(seed: 20_261_123)
        for s in ex20.start...ex20.end {
            for len in 3...12 {
                guard let anchor = base(s) else { continue }
                let random = String((0..<len).map { _ in "ACGT".randomElement(using: &rng)! })
                add(s, anchor, anchor + random)
                if let dup = seq(s - len + 1, s) { add(s, anchor, anchor + dup) }
            }
        }
        // Frameshifts: 1 and 2 bp deletions and 1 bp insertions across exons 18–21.
        for e in egfr.exons[17...20] {
            for s in e.start...e.end {
                guard let a = base(s) else { continue }
                for len in 1...2 { if let r = seq(s, s + len) { add(s, r, a) } }
                add(s, a, a + "A")
            }
        }
        // Splice sites: 2–10 bp deletions across every EGFR exon–intron edge.
        for e in egfr.exons.dropFirst() {
            for len in [2, 4, 10] {
                for s in (e.start - len)...(e.start) { if let r = seq(s - 1, s - 1 + len), let a = base(s - 1) { add(s - 1, r, a) } }
            }
        }
        for e in egfr.exons.dropLast() {
            for len in [2, 4, 10] {
                for s in (e.end - len + 1)...(e.end + 1) { if let r = seq(s - 1, s - 1 + len), let a = base(s - 1) { add(s - 1, r, a) } }
            }
        }
        return out.sorted { ($0.pos, $0.ref, $0.alt) < ($1.pos, $1.ref, $1.alt) }
    }

    @Test func g2tAgreesWithBcftoolsCsq() throws {
        let p = try #require(Self.panel)
        let sites = Self.variants(p)
        #expect(sites.count > 25_000)
        let dir = try TestSupport.tempDir("csq")
        var vcf = "##fileformat=VCFv4.2\n##contig=<ID=chr7,length=159345973>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        for s in sites { vcf += "chr7\t\(s.pos)\t.\t\(s.ref)\t\(s.alt)\t.\t.\t.\n" }
        try vcf.write(toFile: dir + "/in.vcf", atomically: true, encoding: .utf8)
        try GFF3Writer.gff3(p).write(toFile: dir + "/panel.gff3", atomically: true, encoding: .utf8)
        let csq = try TestSupport.run("bcftools", ["csq", "-l", "-f", TestSupport.testData("ref/chr7.panel.GRCh38.fa.gz"),
                                                   "-g", dir + "/panel.gff3", dir + "/in.vcf"])
        #expect(csq.status == 0, "bcftools csq: \(csq.stderr.prefix(500))")

        let annotator = try VariantAnnotator(panel: p)
        let models = try p.transcripts.map { try TranscriptModel(transcript: $0, reference: p.reference) }
        var report = CsqComparison()
        // Records whose difference may come from g2t naming an equivalent placement of an indel
        // (the HGVS 3′ rule across exon–intron boundaries, or the placement wholly in the CDS):
        // annotated again by bcftools csq at that placement.
        var deferred: [(call: VariantCall, replaced: Site, first: String?)] = []
        for line in csq.stdout.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 8, let pos = Int(f[1]) else { continue }
            let v = annotator.annotate(VariantCall(gene: nil, chrom: "chr7", pos: pos, ref: String(f[3]), alt: String(f[4]),
                                                   vaf: 0.5, depth: 10, altDepth: 5, altForward: 3, altReverse: 2, filter: "PASS"))
            let bcsq = f[7].split(separator: ";").first { $0.hasPrefix("BCSQ=") }.map { String($0.dropFirst(5)) }
            let model = models.first { $0.transcript.gene == v.gene }
            let saved = report
            report.compare(v, bcsq: bcsq, protein: model?.protein ?? [])
            if report.agreeing == saved.agreeing, let model,
               let moved = Self.g2tPlacement(Site(pos: pos, ref: String(f[3]), alt: String(f[4])), model: model,
                                             coding: v.annotation?.hgvspShort != nil, reference: p.reference) {
                // The first comparison's category, if it found one.
                let first = report.explained.first { saved.explained[$0.key] != $0.value }?.key
                report = saved
                deferred.append((v, moved, first))
            }
        }
        if !deferred.isEmpty {
            var vcf2 = "##fileformat=VCFv4.2\n##contig=<ID=chr7,length=159345973>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
            // bcftools csq wants the records sorted.
            for d in deferred.sorted(by: { ($0.replaced.pos, $0.replaced.ref, $0.replaced.alt) < ($1.replaced.pos, $1.replaced.ref, $1.replaced.alt) }) { vcf2 += "chr7\t\(d.replaced.pos)\t.\t\(d.replaced.ref)\t\(d.replaced.alt)\t.\t.\t.\n" }
            try vcf2.write(toFile: dir + "/moved.vcf", atomically: true, encoding: .utf8)
            let csq2 = try TestSupport.run("bcftools", ["csq", "-l", "-f", TestSupport.testData("ref/chr7.panel.GRCh38.fa.gz"),
                                                        "-g", dir + "/panel.gff3", dir + "/moved.vcf"])
            #expect(csq2.status == 0, "bcftools csq: \(csq2.stderr.prefix(500))")
            var answers: [Site: String?] = [:]
            for line in csq2.stdout.split(separator: "\n") where !line.hasPrefix("#") {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard f.count >= 8, let pos = Int(f[1]) else { continue }
                answers[Site(pos: pos, ref: String(f[3]), alt: String(f[4]))] =
                    f[7].split(separator: ";").first { $0.hasPrefix("BCSQ=") }.map { String($0.dropFirst(5)) }
            }
            for d in deferred {
                let model = models.first { $0.transcript.gene == d.call.gene }
                // At g2t's placement, bcftools csq must agree (or differ only in an explained way).
                var again = CsqComparison()
                again.compare(d.call, bcsq: answers[d.replaced] ?? nil, protein: model?.protein ?? [])
                report.compared += 1
                let theirs = answers[d.replaced] ?? nil
                report.current = again.current
                if again.agreeing == 1 {
                    report.note("indel named at an equivalent placement (HGVS 3′ rule across an exon-intron boundary, or wholly in the CDS); bcftools csq at that placement agrees")
                } else if d.first == "splice_region flag differs (region definitions)",
                          (theirs ?? "").contains("splice_region"), d.call.annotation?.consequence.contains(.spliceRegionVariant) == true {
                    // bcftools csq does not expect un-normalised records and names some proteins oddly
                    // there; the protein agreed at the VCF placement, the flag agrees at g2t's.
                    report.note("splice_region flag taken at g2t's (3′-most coding) placement: bcftools csq flags it there too; the protein agrees at the VCF placement")
                } else if again.unexplained.isEmpty, let category = again.explained.keys.first {
                    report.note("at g2t's equivalent placement: " + category)
                } else if let first = d.first {
                    // Explained at the VCF placement already (bcftools csq names some un-normalised records oddly).
                    report.note(first)
                } else if let model, model.cdsNumber(d.replaced.pos) == nil, d.call.annotation?.hgvspShort != nil,
                          Self.anchorArtefact(ours: d.call.annotation?.consequence.text ?? "", bcsq: theirs ?? "") {
                    report.note("indel wholly in the CDS at an equivalent placement whose VCF anchor base is intronic: bcftools csq there adds splice terms for the unchanged anchor and gives no protein position")
                } else {
                    report.unexplained += again.unexplained.map { $0 + " (bcftools at g2t's placement \(d.replaced.pos) \(d.replaced.ref)>\(d.replaced.alt))" }
                }
            }
        }
        #expect(report.compared == sites.count)
        print("compared \(report.compared), agreeing exactly \(report.agreeing)")
        for (category, n) in report.explained.sorted(by: { $0.key < $1.key }) {
            print("explained difference: \(category): \(n)")
            for e in report.examples[category] ?? [] { print("    e.g. \(e)") }
        }
        #expect(report.unexplained.isEmpty, "unexplained differences (first 20):\n\(report.unexplained.prefix(20).joined(separator: "\n"))")
        // Pinned (bcftools 1.16, the bundled panel): a change in either tool's answers shows here as a
        // changed count, instead of hiding inside an explained category or under an agreement floor.
        #expect(report.agreeing == 27_829)
        let expected: [String: Int] = [
            "at g2t's equivalent placement: change across an exon-intron boundary: g2t makes no protein prediction (splicing effect unknown)": 65,
            "at g2t's equivalent placement: change at an exon edge: bcftools csq gives no protein position (\"?\")": 18,
            "at g2t's equivalent placement: intronic deletion anchored on the last exon base: bcftools csq adds a coding term": 12,
            "at g2t's equivalent placement: intronic splice region: g2t adds intron_variant (as VEP does), bcftools csq does not": 5,
            "at g2t's equivalent placement: splice_region flag differs (region definitions)": 14,
            "change across an exon-intron boundary: g2t makes no protein prediction (splicing effect unknown)": 213,
            "change at an exon edge: bcftools csq gives no protein position (\"?\")": 99,
            "indel named at an equivalent placement (HGVS 3′ rule across an exon-intron boundary, or wholly in the CDS); bcftools csq at that placement agrees": 131,
            "indel wholly in the CDS at an equivalent placement whose VCF anchor base is intronic: bcftools csq there adds splice terms for the unchanged anchor and gives no protein position": 23,
            "intronic deletion anchored on the last exon base: bcftools csq adds a coding term": 3,
            "intronic splice region: g2t adds intron_variant (as VEP does), bcftools csq does not": 972,
            "outside the transcript: g2t says up/downstream_gene_variant, bcftools csq reports nothing": 60,
            "splice_region flag differs (region definitions)": 7,
            "splice_region flag taken at g2t's (3′-most coding) placement: bcftools csq flags it there too; the protein agrees at the VCF placement": 4,
        ]
        #expect(report.explained == expected, "explained categories changed: \(report.explained.filter { expected[$0.key] != $0.value })")
    }

    /// bcftools csq's answer at a placement whose VCF anchor base is intronic and unchanged: its
    /// terms, without the splice/synonymous/coding terms the anchor brings, equal ours (without
    /// splice_region), and its protein change has no position ("30VC>30?").
    static func anchorArtefact(ours: String, bcsq: String) -> Bool {
        let anchorTerms: Set<String> = ["synonymous", "splice_acceptor", "splice_donor", "coding_sequence", "splice_region"]
        var terms = Set<String>(), noPosition = false
        for entry in bcsq.split(separator: ",") {
            let f = entry.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            for t in (f.first ?? "").split(separator: "&") { terms.insert(CsqComparison.so[String(t)] ?? String(t)) }
            if f.count > 5, f[5].hasSuffix("?") { noPosition = true }
        }
        let anchorSO = Set(anchorTerms.compactMap { CsqComparison.so[$0] })
        let theirs = terms.subtracting(anchorSO)
        let mine = Set(ours.split(separator: "&").map(String.init)).subtracting(["splice_region_variant"])
        return noPosition && theirs == mine && !mine.isEmpty
    }

    /// The placement of a pure indel g2t's documented rule names (docs/annotation.md), as a VCF
    /// record with its anchor base, or nil when it is the record itself: the equivalent placement
    /// wholly inside one exon's CDS nearest the transcript's 3′ end when g2t gives a protein change,
    /// else the 3′-most placement. Written here independently of the annotator's own rolling.
    static func g2tPlacement(_ s: Site, model m: TranscriptModel, coding: Bool, reference: ReferenceSource) -> Site? {
        let r = Array(s.ref.utf8), a = Array(s.alt.utf8)
        guard r.count != a.count, r.first == a.first, min(r.count, a.count) == 1 else { return nil }
        func base(_ p: Int) -> UInt8? { reference.base(chrom: "chr7", pos: p) }
        let insertion = r.count == 1
        var seq = Array((insertion ? a : r).dropFirst())
        var start = s.pos + 1  // first deleted base, or the base after the insertion point
        var all: [(Int, [UInt8])] = [(start, seq)]
        while let b = base(insertion ? start : start + seq.count), b == seq[0] {
            seq.append(seq.removeFirst()); start += 1; all.append((start, seq))
        }
        if m.transcript.strand == .minus { return nil }  // the generated indels are all in EGFR (plus strand)
        func inCDS(_ p: (Int, [UInt8])) -> Bool {
            if insertion { return m.cdsNumber(p.0 - 1) != nil && m.cdsNumber(p.0) != nil }
            guard let x = m.cdsNumber(p.0), let y = m.cdsNumber(p.0 + p.1.count - 1) else { return false }
            return y - x == p.1.count - 1
        }
        guard let chosen = coding ? all.last(where: inCDS) : all.last, chosen.0 != s.pos + 1, let anchor = base(chosen.0 - 1) else { return nil }
        let text = { (b: [UInt8]) in String(decoding: b, as: UTF8.self) }
        let anchorText = text([anchor])
        return insertion ? Site(pos: chosen.0 - 1, ref: anchorText, alt: anchorText + text(chosen.1))
                         : Site(pos: chosen.0 - 1, ref: anchorText + text(chosen.1), alt: anchorText)
    }

    /// The local protein comparison equals translating the whole altered CDS.
    @Test func localAndWholeProteinComparisonAgree() throws {
        let p = try #require(Self.panel)
        let m = try TranscriptModel(transcript: try #require(p.transcript(of: "EGFR")), reference: p.reference)
        var rng = SplitMix(seed: 7)
        for _ in 0..<2_000 {
            let i = Int.random(in: 0..<(m.cds.count - 30), using: &rng)
            let d = Int.random(in: 0...13, using: &rng)
            let ins = (0..<Int.random(in: 0...13, using: &rng)).map { _ in Array("ACGT".utf8).randomElement(using: &rng)! }
            guard d > 0 || !ins.isEmpty else { continue }
            var alt = m.cds
            alt.replaceSubrange(i..<(i + d), with: ins)
            let whole = ProteinChange.compare(refCDS: m.cds, altCDS: alt, editIndex: i, deleted: d)
            let local = ProteinChange.compare(refCDS: m.cds, refProtein: m.protein, index: i, deleted: d, inserted: ins)
            #expect(local == whole, "edit at \(i) del \(d) ins \(String(decoding: ins, as: UTF8.self))")
        }
    }
}

/// Deterministic random numbers for generated test sets.
typealias SplitMix = SplitMix64
