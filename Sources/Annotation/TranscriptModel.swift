import G2TCore

/// A transcript laid out for annotation: its exons with the transcript-order index of each one's
/// first base (so a genomic position's index is arithmetic, not a look-up table of every exonic
/// base), where the CDS starts and ends in that order, and the coding-strand CDS bases.
package struct TranscriptModel: Sendable {
    package let transcript: Transcript
    /// One exon: its genomic span and the transcript-order index (0-based) of its 5′ base.
    struct Segment: Sendable {
        var start: Int
        var end: Int
        var offset: Int
    }
    /// The exons in transcript order (5′→3′).
    let segments: [Segment]
    /// Exonic bases in all.
    let exonicCount: Int
    /// Index in transcript order of c.1 and of the last base of the stop codon.
    let cdsFirst: Int
    let cdsLast: Int
    /// Coding-strand bases of the CDS (c.1 … stop), "N" where unknown.
    package let cds: [UInt8]
    /// Coding-strand bases of the 3′ UTR after the stop codon (c.*1 on), as far as the reference
    /// knows them (the bundled panel holds coding exons ± 500 bp): a frameshift that reads through
    /// the stop codon finds its new stop here, as VEP does (`p.Ter1069MetfsTer4`).
    package let threePrimeUTR: [UInt8]
    /// The reference protein, translated once (ends with "*").
    package let protein: [Character]
    /// The lowest and highest exon base, and whether the CDS has an unknown base: asked per variant.
    let firstBase: Int
    let lastBase: Int
    let cdsHasUnknownBase: Bool

    package init(transcript t: Transcript, reference: ReferenceSource) throws {
        let plus = t.strand == .plus
        var segments: [Segment] = []
        segments.reserveCapacity(t.exons.count)
        var offset = 0
        for e in t.exons {
            segments.append(Segment(start: e.start, end: e.end, offset: offset))
            offset += max(0, e.end - e.start + 1)
        }
        self.transcript = t
        self.segments = segments
        self.exonicCount = offset
        let coding = t.codingExons
        guard let first = coding.first, let last = coding.last,
              let c1 = plus ? first.cdsStart : first.cdsEnd,
              let cn = plus ? last.cdsEnd : last.cdsStart,
              let i1 = Self.index(of: c1, in: segments, plus: plus), let iN = Self.index(of: cn, in: segments, plus: plus), i1 <= iN else {
            throw AnnotationError.badTranscript(t.refseq, "no coding sequence")
        }
        self.cdsFirst = i1
        self.cdsLast = iN
        // The CDS exon by exon: each exon's part of indices i1...iN, read in transcript order.
        var cds: [UInt8] = []
        cds.reserveCapacity(iN - i1 + 1)
        for s in segments {
            let lo = max(i1, s.offset), hi = min(iN, s.offset + (s.end - s.start))
            guard lo <= hi else { continue }
            // Genomic span of indices lo...hi, read low to high; the minus strand reads it backwards.
            let a = plus ? s.start + (lo - s.offset) : s.end - (hi - s.offset)
            let z = plus ? s.start + (hi - s.offset) : s.end - (lo - s.offset)
            let genomic = reference.bases(chrom: t.chrom, a...z)
            if plus {
                for b in genomic { cds.append(b ?? UInt8(ascii: "N")) }
            } else {
                for b in genomic.reversed() { cds.append(GeneticCode.complement(b ?? UInt8(ascii: "N"))) }
            }
        }
        self.cds = cds
        self.threePrimeUTR = Self.bases(after: iN, in: segments, transcript: t, reference: reference)
        self.protein = GeneticCode.translate(cds)
        self.firstBase = t.exons.map(\.start).min() ?? 0
        self.lastBase = t.exons.map(\.end).max() ?? 0
        self.cdsHasUnknownBase = cds.contains(UInt8(ascii: "N"))
    }

    /// Coding-strand exonic bases after transcript index `last`, in transcript order, up to the first
    /// base the reference does not know.
    static func bases(after last: Int, in segments: [Segment], transcript t: Transcript, reference: ReferenceSource) -> [UInt8] {
        let plus = t.strand == .plus
        var out: [UInt8] = []
        for s in segments {
            let lo = max(last + 1, s.offset), hi = s.offset + (s.end - s.start)
            guard lo <= hi else { continue }
            let a = plus ? s.start + (lo - s.offset) : s.end - (hi - s.offset)
            let z = plus ? s.start + (hi - s.offset) : s.end - (lo - s.offset)
            let genomic = reference.bases(chrom: t.chrom, a...z)
            for b in plus ? genomic : genomic.reversed() {
                guard let b, b != UInt8(ascii: "N") else { return out }
                out.append(plus ? b : GeneticCode.complement(b))
            }
        }
        return out
    }

    /// Index in transcript order (0-based) of an exonic genomic position, or nil if not exonic.
    func index(of pos: Int) -> Int? {
        Self.index(of: pos, in: segments, plus: transcript.strand == .plus)
    }

    /// The first exon holding `pos` decides (exons of one transcript do not overlap).
    static func index(of pos: Int, in segments: [Segment], plus: Bool) -> Int? {
        for s in segments where pos >= s.start && pos <= s.end {
            return s.offset + (plus ? pos - s.start : s.end - pos)
        }
        return nil
    }

    /// The genomic positions of the transcript's first and last exonic base (5′ and 3′ ends).
    var fivePrimeEnd: Int? { segments.first.map { transcript.strand == .plus ? $0.start : $0.end } }
    var threePrimeEnd: Int? { segments.last.map { transcript.strand == .plus ? $0.end : $0.start } }

    /// 1-based c. number of a CDS position, or nil outside the CDS.
    package func cdsNumber(_ pos: Int) -> Int? {
        guard let i = index(of: pos), i >= cdsFirst, i <= cdsLast else { return nil }
        return i - cdsFirst + 1
    }

    /// Where a genomic position falls on the transcript.
    package enum Location: Equatable, Sendable {
        /// In an exon; `c` is the HGVS c. text without the "c." (e.g. "2573", "-10", "*20").
        case exonic(c: String, exon: Int)
        /// In an intron: c. text with offset (e.g. "2184+1"), intron number, and the offset.
        case intronic(c: String, intron: Int, offset: Int)
        /// Before the transcript's first base or after its last (c. text such as "-300" or "*1500").
        case flank(c: String, upstream: Bool)
    }

    /// The HGVS c. position text for a genomic position.
    package func locate(_ pos: Int) -> Location {
        if let i = index(of: pos) { return .exonic(c: cText(index: i), exon: exonNumber(pos) ?? 0) }
        let ex = transcript.exons
        for k in 0..<(ex.count - 1) {
            let a = ex[k], b = ex[k + 1]
            let (lo, hi) = transcript.strand == .plus ? (a.end + 1, b.start - 1) : (b.end + 1, a.start - 1)
            guard pos >= lo && pos <= hi else { continue }
            // Distance to the last base of exon k (donor side) and the first of exon k+1 (acceptor side).
            let donor = transcript.strand == .plus ? a.end : a.start
            let acceptor = transcript.strand == .plus ? b.start : b.end
            let dDonor = abs(pos - donor), dAcceptor = abs(pos - acceptor)
            if dDonor <= dAcceptor, let i = index(of: donor) {
                return .intronic(c: "\(cText(index: i))+\(dDonor)", intron: a.number, offset: dDonor)
            } else if let i = index(of: acceptor) {
                return .intronic(c: "\(cText(index: i))-\(dAcceptor)", intron: a.number, offset: -dAcceptor)
            }
        }
        // Outside the transcript: HGVS counts on from the first or last transcript base.
        guard let first = fivePrimeEnd, let last = threePrimeEnd else { return .flank(c: "?", upstream: true) }
        let before = transcript.strand == .plus ? pos < first : pos > first
        if before { return .flank(c: cText(index: 0 - abs(pos - first)), upstream: true) }
        return .flank(c: cText(index: exonicCount - 1 + abs(pos - last)), upstream: false)
    }

    func cText(index i: Int) -> String {
        if i < cdsFirst { return "-\(cdsFirst - i)" }
        if i > cdsLast { return "*\(i - cdsLast)" }
        return "\(i - cdsFirst + 1)"
    }

    /// Exon number holding `pos`, if exonic.
    package func exonNumber(_ pos: Int) -> Int? {
        transcript.exons.first { pos >= $0.start && pos <= $0.end }?.number
    }

    /// Bases from an exon edge: how far `pos` is inside its exon from the nearest intron (1 = the edge base),
    /// ignoring the transcript's outer ends.
    func distanceFromSpliceSite(_ pos: Int) -> Int? {
        guard let e = transcript.exons.first(where: { pos >= $0.start && pos <= $0.end }) else { return nil }
        let ex = transcript.exons
        var d = Int.max
        let isFirst = e.number == ex.first?.number, isLast = e.number == ex.last?.number
        let fivePrimeEdge = transcript.strand == .plus ? e.start : e.end
        let threePrimeEdge = transcript.strand == .plus ? e.end : e.start
        if !isFirst { d = min(d, abs(pos - fivePrimeEdge) + 1) }
        if !isLast { d = min(d, abs(pos - threePrimeEdge) + 1) }
        return d == Int.max ? nil : d
    }
}

/// Problems building or using a transcript model.
package enum AnnotationError: Error, Equatable, Sendable, CustomStringConvertible {
    case badTranscript(String, String)

    package var description: String {
        switch self {
        case .badTranscript(let t, let why): return "transcript \(t): \(why)"
        }
    }
}
