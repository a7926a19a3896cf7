import G2TCore

/// Adds transcript, HGVS c./p., consequence and exon to called variants, on the panel's MANE
/// Select transcripts.
package struct VariantAnnotator: Sendable {
    let models: [TranscriptModel]
    let reference: PanelReference
    /// Maps the input's chromosome names to the panel's ("7" → "chr7").
    let panelChrom: @Sendable (String) -> String

    package init(panel: Panel, panelChrom: @escaping @Sendable (String) -> String = { $0 }) throws {
        self.models = try panel.transcripts.map { try TranscriptModel(transcript: $0, reference: panel.reference) }
        self.reference = panel.reference
        self.panelChrom = panelChrom
    }

    /// The variant with its gene and annotation set; unchanged (annotation nil) if it lies outside
    /// every transcript.
    package func annotate(_ v: VariantCall) -> VariantCall {
        var out = v
        annotate(&out)
        return out
    }

    /// As `annotate(_:)`, in place (the annotate stage sets 200,000 variants of a dense VCF where they are).
    package func annotate(_ v: inout VariantCall) {
        guard let (gene, annotation) = fields(v) else { return }
        v.gene = gene
        v.annotation = annotation
    }

    /// The gene and annotation `annotate` sets on `v` (nil: no transcript covers it, `v` stays as it is).
    /// Apart, so the annotate stage can compute them on several threads and set them in input order.
    package func fields(_ v: borrowing VariantCall) -> (gene: String, annotation: VariantAnnotation)? {
        let chrom = panelChrom(v.chrom)
        let end = v.pos + v.ref.count - 1
        guard let m = models.first(where: { $0.transcript.chrom == chrom && $0.covers(v.pos, end) }) else {
            return nil
        }
        let a = annotation(m, pos: v.pos, ref: Array(v.ref.utf8), alt: Array(v.alt.utf8))
        return (m.transcript.gene, VariantAnnotation(transcript: m.transcript.refseq, hgvsc: a.hgvsc, hgvsp: a.protein?.threeLetter,
                                                     hgvspShort: a.protein?.oneLetter, consequence: a.consequence, exon: a.exon, intron: a.intron))
    }

    struct Result {
        var hgvsc: String
        var protein: ProteinChange?
        var consequence: Consequence
        var exon: Int?
        var intron: Int? = nil
    }

    func annotation(_ m: TranscriptModel, pos: Int, ref: [UInt8], alt: [UInt8]) -> Result {
        // Drop the shared VCF anchor base of an indel.
        var p = pos, r = ref, a = alt
        if r.count != a.count, let r0 = r.first, let a0 = a.first, r0 == a0 {
            r.removeFirst(); a.removeFirst(); p += 1
        }
        if r.isEmpty != a.isEmpty { return indelAnnotation(m, IndelPlacement(pos: p, ref: r, alt: a)) }
        // HGVS: two or more bases replaced by their reverse complement are an inversion.
        let inverted = r.count >= 2 && a == GeneticCode.reverseComplement(r)

        // A change wholly inside the CDS: edit the coding sequence and compare proteins.
        if let edit = m.cdsEdit(pos: p, ref: r, alt: a) {
            let notation = inverted ? m.rangeText(p, p + r.count - 1) + "inv" : m.cdsNotation(edit)
            return coding(m, edit: edit, touched: Array(p..<(p + r.count)), hgvsc: "c." + notation, exon: m.exonNumber(p))
        }

        // Elsewhere (UTR, intron, splice site, or across a CDS edge): c. from the positions only.
        let t = m.transcript
        let strandBases: ([UInt8]) -> [UInt8] = { t.strand == .plus ? $0 : GeneticCode.reverseComplement($0) }
        let first = t.strand == .plus ? p : p + r.count - 1
        let loc1 = m.locate(first), c1 = Self.text(loc1)
        let hgvsc: String
        if r.count == 1 && a.count == 1 {
            hgvsc = "c.\(c1)\(Self.string(strandBases(r)))>\(Self.string(strandBases(a)))"
        } else if inverted {
            hgvsc = "c.\(m.rangeText(p, p + r.count - 1))inv"
        } else {
            hgvsc = "c.\(m.rangeText(p, p + r.count - 1))delins\(Self.string(strandBases(a)))"
        }
        return nonCoding(m, pos: p, length: r.count, touched: Array(p..<(p + r.count)), hgvsc: hgvsc)
    }

    /// A pure insertion or deletion. The c. name follows the HGVS 3′ rule over the genomic sequence
    /// in the transcript's direction, across exon–intron boundaries (as VEP and Mutalyzer do).
    /// The protein effect comes from an equivalent placement wholly inside one exon's CDS when
    /// there is one (the one nearest the 3′-most placement): it leaves the intron's splice-site
    /// bases untouched and gives the same genome, so it is the coding change the mRNA carries
    /// (this is how VEP names the FQEA exon 20 insertion `c.2284-5_2290dup`
    /// `p.(Ala763_Tyr764insPheGlnGluAla)`). Otherwise the consequence is that of the 3′-most placement.
    func indelAnnotation(_ m: TranscriptModel, _ v: IndelPlacement) -> Result {
        let placements = m.placementsInTranscriptOrder(v, reference: reference)
        let hgvs = placements.last ?? v
        let hgvsc = m.indelNotation(hgvs, reference: reference)
        for c in placements.reversed() {
            if let edit = m.cdsEdit(pos: c.pos, ref: c.ref, alt: c.alt) {
                return coding(m, edit: edit, touched: c.touched, hgvsc: hgvsc, exon: m.exonNumber(c.pos))
            }
        }
        return nonCoding(m, pos: hgvs.pos, length: hgvs.ref.count, touched: hgvs.touched, hgvsc: hgvsc)
    }

    /// A coding change: its protein change and consequence; `touched` are the genomic positions it
    /// changes (for the splice-region flag).
    func coding(_ m: TranscriptModel, edit: CDSEdit, touched: [Int], hgvsc: String, exon: Int?) -> Result {
        var protein = ProteinChange.compare(refCDS: m.cds, refProtein: m.protein, index: edit.index,
                                            deleted: edit.deleted, inserted: edit.inserted, downstream: m.threePrimeUTR)
        var consequence = protein.consequence
        // Within 3 bases of an exon edge (any deleted base, or the insertion point) is a splice region.
        if touched.contains(where: { (m.distanceFromSpliceSite($0) ?? .max) <= 3 }) { consequence = consequence.adding(.spliceRegionVariant) }
        if m.cdsHasUnknownBase { protein = ProteinChange(threeLetter: "p.?", oneLetter: "p.?", consequence: consequence) }
        return Result(hgvsc: hgvsc, protein: protein, consequence: consequence, exon: exon)
    }

    /// A change not wholly inside the CDS: consequence terms from every position it touches
    /// (a splice site inside a deletion counts), no protein prediction.
    func nonCoding(_ m: TranscriptModel, pos p: Int, length: Int, touched: [Int], hgvsc: String) -> Result {
        let locations = touched.map(m.locate)
        var intron: Int?
        let loc1 = m.locate(p), loc2 = m.locate(p + max(length, 1) - 1)
        if case .intronic(_, let n, _) = loc1 { intron = n } else if case .intronic(_, let n, _) = loc2 { intron = n }
        let exon = m.exonNumber(p)
        return Result(hgvsc: hgvsc, protein: nil, consequence: Self.consequence(locations), exon: exon, intron: intron)
    }

    /// SO terms for the transcript positions a variant touches, most severe first.
    static func consequence(_ locations: [TranscriptModel.Location]) -> Consequence {
        var terms: [SOTerm] = []
        for l in locations {
            switch l {
            case .intronic(_, _, let offset):
                let d = abs(offset)
                if d <= 2 { terms.append(offset > 0 ? .spliceDonorVariant : .spliceAcceptorVariant) }
                else if d <= 8 { terms.append(.spliceRegionVariant) }
                terms.append(.intronVariant)
            case .exonic(let c, _):
                if c.hasPrefix("-") { terms.append(.fivePrimeUTRVariant) }
                else if c.hasPrefix("*") { terms.append(.threePrimeUTRVariant) }
                else { terms.append(.codingSequenceVariant) }
            case .flank(_, let upstream):
                terms.append(upstream ? .upstreamGeneVariant : .downstreamGeneVariant)
            }
        }
        // A splice donor or acceptor change is named as such alone (as bcftools csq and VEP do),
        // not also as splice region or intron.
        if terms.contains(.spliceDonorVariant) || terms.contains(.spliceAcceptorVariant) {
            terms.removeAll { $0 == .spliceRegionVariant || $0 == .intronVariant }
        }
        let order: [SOTerm] = [.spliceAcceptorVariant, .spliceDonorVariant, .codingSequenceVariant, .fivePrimeUTRVariant,
                               .threePrimeUTRVariant, .spliceRegionVariant, .intronVariant, .upstreamGeneVariant, .downstreamGeneVariant]
        return Consequence(order.filter(Set(terms).contains))
    }

    static func text(_ l: TranscriptModel.Location) -> String {
        switch l {
        case .exonic(let c, _): return c
        case .intronic(let c, _, _): return c
        case .flank(let c, _): return c
        }
    }

    static func string(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }
}

/// A change expressed on the coding sequence: at 0-based `index`, `deleted` bases become `inserted`.
struct CDSEdit: Equatable {
    var index: Int
    var deleted: Int
    var inserted: [UInt8]
    /// The reference bases replaced (coding strand), for c. text.
    var refBases: [UInt8]
}

extension TranscriptModel {
    /// Whether the transcript (with a small margin for splice regions) spans the interval.
    func covers(_ start: Int, _ end: Int) -> Bool {
        end >= firstBase - 50 && start <= lastBase + 50
    }

    /// The change on the CDS, 3'-shifted as HGVS asks, or nil if it is not wholly coding.
    func cdsEdit(pos p: Int, ref r: [UInt8], alt a: [UInt8]) -> CDSEdit? {
        let plus = transcript.strand == .plus
        let insertedBases = plus ? a : GeneticCode.reverseComplement(a)
        if r.isEmpty {
            // Insertion between genomic p-1 and p: after CDS index of the base before it in transcript order.
            guard let before = cdsNumber(plus ? p - 1 : p), cdsNumber(plus ? p : p - 1) != nil else { return nil }
            var k = before - 1  // 0-based index of the base before the insertion
            var s = insertedBases
            while k + 1 < cds.count, let f = s.first, f == cds[k + 1] {  // 3' shift
                s.removeFirst(); s.append(cds[k + 1]); k += 1
            }
            return CDSEdit(index: k + 1, deleted: 0, inserted: s, refBases: [])
        }
        let ends = [p, p + r.count - 1].map { cdsNumber($0) }
        guard let e0 = ends[0], let e1 = ends[1], abs(e1 - e0) == r.count - 1 else { return nil }
        var i = min(e0, e1) - 1, j = max(e0, e1) - 1
        if a.isEmpty {
            while j + 1 < cds.count && cds[i] == cds[j + 1] { i += 1; j += 1 }  // 3' shift
        }
        return CDSEdit(index: i, deleted: j - i + 1, inserted: insertedBases, refBases: Array(cds[i...j]))
    }

    /// HGVS c. text (without "c.") of a CDS edit.
    func cdsNotation(_ e: CDSEdit) -> String {
        let s = VariantAnnotator.string
        let a = e.index + 1, b = e.index + e.deleted
        if e.deleted == 1 && e.inserted.count == 1 { return "\(a)\(s(e.refBases))>\(s(e.inserted))" }
        if e.inserted.isEmpty { return e.deleted == 1 ? "\(a)del" : "\(a)_\(b)del" }
        if e.deleted == 0 {
            let n = e.inserted.count
            if e.index >= n && Array(cds[(e.index - n)..<e.index]) == e.inserted {
                return n == 1 ? "\(e.index)dup" : "\(e.index - n + 1)_\(e.index)dup"
            }
            return "\(e.index)_\(e.index + 1)ins\(s(e.inserted))"
        }
        return (e.deleted == 1 ? "\(a)" : "\(a)_\(b)") + "delins\(s(e.inserted))"
    }
}
