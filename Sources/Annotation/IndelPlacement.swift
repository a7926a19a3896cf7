import G2TCore

/// One placement of a pure insertion or deletion on the genome, without a VCF anchor base:
/// a deletion of `ref` starting at `pos`, or an insertion of `alt` between `pos - 1` and `pos`.
/// All bases are genomic (forward strand).
struct IndelPlacement: Equatable {
    var pos: Int
    var ref: [UInt8]
    var alt: [UInt8]

    var isInsertion: Bool { ref.isEmpty }

    /// The genomic positions the placement touches: every deleted base, or the two bases around
    /// an insertion point.
    var touched: [Int] { ref.isEmpty ? [pos - 1, pos] : Array(pos..<(pos + ref.count)) }

    /// Every placement that gives the same altered genome, in genomic order (leftmost first),
    /// found by rolling the indel through the reference as far as the repeat it lies in reaches.
    /// Rolling stops at a base that is unknown or not A/C/G/T (ABCB1's introns, the slice's ends).
    static func equivalents(of v: IndelPlacement, chrom: String, reference: ReferenceSource) -> [IndelPlacement] {
        func base(_ p: Int) -> UInt8? {
            guard let b = reference.base(chrom: chrom, pos: p), Self.acgt.contains(b) else { return nil }
            return b
        }
        var left = v
        // Roll left: the base before the event equals its last base.
        if left.isInsertion {
            while let last = left.alt.last, let b = base(left.pos - 1), b == last {
                left.alt.removeLast(); left.alt.insert(b, at: 0); left.pos -= 1
            }
        } else {
            while let last = left.ref.last, let b = base(left.pos - 1), b == last {
                left.ref.removeLast(); left.ref.insert(b, at: 0); left.pos -= 1
            }
        }
        // Roll right from the leftmost placement, collecting each step: the base after the event
        // equals its first base.
        var out = [left]
        var cur = left
        while true {
            if cur.isInsertion {
                guard let first = cur.alt.first, let b = base(cur.pos), b == first else { break }
                cur.alt.removeFirst(); cur.alt.append(b); cur.pos += 1
            } else {
                guard let first = cur.ref.first, let b = base(cur.pos + cur.ref.count), b == first else { break }
                cur.ref.removeFirst(); cur.ref.append(b); cur.pos += 1
            }
            out.append(cur)
        }
        return out
    }

    static let acgt: Set<UInt8> = Set("ACGT".utf8)
}

extension TranscriptModel {
    /// The equivalent placements of an indel in transcript order (5′ first): the last one is
    /// the HGVS placement (3′ rule, applied on the genomic sequence in the transcript's direction).
    func placementsInTranscriptOrder(_ v: IndelPlacement, reference: ReferenceSource) -> [IndelPlacement] {
        let genomic = IndelPlacement.equivalents(of: v, chrom: transcript.chrom, reference: reference)
        return transcript.strand == .plus ? genomic : genomic.reversed()
    }

    /// HGVS c. text of an indel placement (the 3′-most one): `del`, `dup` or `ins`, with
    /// positions that may be intronic and may span an exon–intron boundary (`c.2284-5_2290dup`).
    func indelNotation(_ v: IndelPlacement, reference: ReferenceSource) -> String {
        let plus = transcript.strand == .plus
        func text(_ p: Int) -> String { VariantAnnotator.text(locate(p)) }
        let range = rangeText
        if !v.isInsertion { return "c.\(range(v.pos, v.pos + v.ref.count - 1))del" }
        let n = v.alt.count
        // A copy of the bases just 5′ of the insertion point (on the transcript) is a duplication.
        let before = plus ? Array((v.pos - n)..<v.pos) : Array(v.pos..<(v.pos + n))
        let bases = before.map { reference.base(chrom: transcript.chrom, pos: $0) }
        if bases.allSatisfy({ $0 != nil }), bases.compactMap({ $0 }) == v.alt, let f = before.first, let l = before.last {
            return "c.\(range(f, l))dup"
        }
        let inserted = plus ? v.alt : GeneticCode.reverseComplement(v.alt)
        let flanks = plus ? "\(text(v.pos - 1))_\(text(v.pos))" : "\(text(v.pos))_\(text(v.pos - 1))"
        return "c.\(flanks)ins\(VariantAnnotator.string(inserted))"
    }
}

extension TranscriptModel {
    /// c. text of the genomic range a…b (either order), written 5′→3′ on the transcript.
    func rangeText(_ a: Int, _ b: Int) -> String {
        let plus = transcript.strand == .plus
        let (x, y) = plus ? (min(a, b), max(a, b)) : (max(a, b), min(a, b))
        let tx = VariantAnnotator.text(locate(x))
        return x == y ? tx : "\(tx)_\(VariantAnnotator.text(locate(y)))"
    }
}
