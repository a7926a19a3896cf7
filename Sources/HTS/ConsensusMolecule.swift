/// One counted UMI family as the first pass called it (`UMIMoleculeStream.addFamilies`), kept so that
/// phasing reads each molecule's allele at two sites without reading the file again (branch ph2).
/// Only what differs from the reference is stored: a position of [`lo`, `hi`) not listed in
/// `exceptions` had a consensus equal to the reference base; the accepted indels are listed apart.
/// A few words per molecule: at ~20,800x a target cluster holds tens of thousands of them.
package struct ConsensusMolecule: Sendable, Hashable {
    /// The family's fragment ends and UMI: `UMIGrouping.families`' order (and `moleculeAlleles`').
    package var start: Int
    package var end: Int
    package var umi: String
    /// The positions recorded: the fragment inside the target cluster's span (not the flanks).
    package var lo: Int
    package var hi: Int
    /// Runs of positions whose consensus is not the reference, in position order, each packed as
    /// `position << 24 | length << 8 | code` (`Code`): one word per run, no allocation for a molecule
    /// that is all reference.
    package var exceptions: [UInt64]
    /// The insertions and deletions its reads' vote accepted (as counted), sorted.
    package var indels: [RegionCounts.IndelKey]

    /// What a recorded position holds: a base slot (0–3), a deletion, no read, or reads without a consensus.
    package enum Code: UInt8, Sendable {
        case a = 0, c = 1, g = 2, t = 3
        case deleted = 5
        /// No read of the family has a usable base there (gap between mates, bases below the quality floor).
        case notCovered = 6
        /// Reads cover it but give no consensus (strands disagree beyond the consensus error ceiling).
        case noCall = 7
    }

    /// The code at `p`; nil where the consensus was the reference base.
    package func code(at p: Int) -> Code? {
        guard p >= lo && p < hi else { return .notCovered }
        // The last run starting at or before p.
        var low = 0, high = exceptions.count
        while low < high {
            let mid = (low + high) / 2
            if Int(exceptions[mid] >> 24) <= p { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let run = exceptions[low - 1]
        guard p < Int(run >> 24) + Int((run >> 8) & 0xFFFF) else { return nil }
        return Code(rawValue: UInt8(truncatingIfNeeded: run)) ?? .noCall
    }

    /// The molecule's allele at `site`, with the read-based meanings (`AlignmentFile.state(of:at:minBQ:)`):
    /// a base other than the alternate is `.ref` (as a read's is); a deletion over an SNV, a deletion or
    /// insertion other than the site's, or an SNV's position without consensus is `.other`; a position no
    /// read covers is `.notCovered`. A deletion is the reference where the reads cover the anchor and every
    /// deleted base, none of them deleted; an insertion where they cover the anchor and the next base.
    /// As for a read, the bases' values there do not matter (a read's indel state walks its CIGAR only).
    package func state(at site: AlleleSite) -> AlleleState {
        let p = site.position
        switch site.change {
        case .base(let alt):
            guard let c = code(at: p) else { return .ref }
            switch c {
            case .notCovered: return .notCovered
            case .deleted, .noCall: return .other
            case .a, .c, .g, .t: return Self.letters[Int(c.rawValue)] == alt ? .alt : .ref
            }
        case .deletion(let length):
            if indels.contains(where: { $0.anchor == p && $0.deletedLength == length }) { return .alt }
            if indels.contains(where: { $0.anchor == p && $0.deletedLength > 0 }) { return .other }
            return spanState(p...(p + length), indelsAfter: p..<(p + length))
        case .insertion(let bases):
            if indels.contains(where: { $0.anchor == p && $0.deletedLength == 0 && $0.inserted == bases }) { return .alt }
            if indels.contains(where: { $0.anchor == p && $0.deletedLength == 0 }) { return .other }
            return spanState(p...(p + 1), indelsAfter: p..<p)
        }
    }

    /// The base of slots 0–3.
    private static let letters: [UInt8] = Array("ACGT".utf8)

    /// `.ref` when every position of `span` is covered and not deleted and no accepted indel is anchored
    /// in `indelsAfter`; `.notCovered` when one is not covered; else `.other`.
    private func spanState(_ span: ClosedRange<Int>, indelsAfter anchors: Range<Int>) -> AlleleState {
        var other = indels.contains { anchors.contains($0.anchor) }
        for q in span {
            switch code(at: q) {
            case nil, .a?, .c?, .g?, .t?, .noCall?: continue
            case .notCovered?: return .notCovered
            case .deleted?: other = true
            }
        }
        return other ? .other : .ref
    }
}

extension ConsensusMolecule {
    /// Builds one family's molecule while `addFamilies` calls its consensus position by position
    /// (positions in increasing order); positions outside the recorded range are ignored.
    struct Recorder {
        private(set) var molecule: ConsensusMolecule

        @inline(never)
        init(start: Int, end: Int, umi: String, lo: Int, hi: Int) {
            molecule = ConsensusMolecule(start: start, end: end, umi: umi, lo: lo, hi: max(lo, hi), exceptions: [], indels: [])
        }

        /// Whether there is anything to record (the fragment overlaps the cluster's span).
        var isEmpty: Bool { molecule.lo >= molecule.hi }

        /// The consensus at `p` is `code` (not the reference base). Never inlined, as the others: they run
        /// rarely (per family, or per position off the reference), and inlined they slowed `addFamilies`' read
        /// folding loop (~47 M instructions at ~20,800x, a changed inlining of its other code).
        @inline(never)
        mutating func note(_ p: Int, _ code: Code) {
            guard p >= molecule.lo && p < molecule.hi else { return }
            let c = UInt64(code.rawValue)
            if let last = molecule.exceptions.last, last & 0xFF == c {
                let length = (last >> 8) & 0xFFFF
                // Extends the run that ends just before p (runs are at most 65,535 long).
                if Int(last >> 24) + Int(length) == p && length < 0xFFFF {
                    molecule.exceptions[molecule.exceptions.count - 1] = last + (1 << 8)
                    return
                }
            }
            molecule.exceptions.append(UInt64(p) << 24 | 1 << 8 | c)
        }

        /// A position without consensus: no usable read base (`covered` false) or no agreement.
        @inline(never)
        mutating func noCall(_ p: Int, covered: Bool) { note(p, covered ? .noCall : .notCovered) }

        /// An indel the family's vote accepted.
        @inline(never)
        mutating func accept(_ key: RegionCounts.IndelKey) { molecule.indels.append(key) }

        /// The molecule, its indels in a fixed order (the votes come from a dictionary).
        @inline(never)
        func finished() -> ConsensusMolecule {
            var m = molecule
            if m.indels.count > 1 { m.indels.sort { ($0.anchor, $0.deletedLength, $0.inserted) < ($1.anchor, $1.deletedLength, $1.inserted) } }
            return m
        }
    }
}
