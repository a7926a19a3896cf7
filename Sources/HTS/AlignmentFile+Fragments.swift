import CHTSlib

/// A variant site to read from every fragment, in htslib's 0-based coordinates.
package struct AlleleSite: Sendable, Hashable {
    /// What the alternate allele is.
    package enum Change: Sendable, Hashable {
        /// A base (upper case) at `position`.
        case base(UInt8)
        /// `length` bases deleted after the anchor base at `position`.
        case deletion(length: Int)
        /// `bases` inserted after the anchor base at `position`.
        case insertion(bases: String)
    }

    package var position: Int
    package var change: Change

    package init(position: Int, change: Change) {
        self.position = position
        self.change = change
    }
}

/// What one read or fragment shows at a site.
package enum AlleleState: UInt8, Sendable {
    case notCovered = 0
    case ref = 1
    case alt = 2
    /// Covered, but neither allele, or mates that disagree.
    case other = 3
}

extension AlignmentFile {
    /// For every fragment (mates merged by name) overlapping `region`, the allele it carries at
    /// each site; fragments covering none of the sites are left out. Used to phase nearby variants.
    package func fragmentAlleles(in region: GenomicRegion, sites: [AlleleSite], filter: ReadFilter) throws -> [[AlleleState]] {
        var byName: [String: [AlleleState]] = [:]
        try forEachRecord(in: region) { b in
            let core = b.pointee.core
            guard filter.accepts(flag: core.flag, mapq: core.qual) else { return }
            let states = sites.map { Self.state(of: b, at: $0, minBQ: filter.minBaseQuality) }
            guard states.contains(where: { $0 != .notCovered }) else { return }
            let name = String(cString: g2t_bam_get_qname(b))
            if let mate = byName[name] {
                byName[name] = zip(mate, states).map(Self.merge)
            } else {
                byName[name] = states
            }
        }
        // Sorted by name so the result does not depend on hashing.
        return byName.sorted { $0.key < $1.key }.map(\.value)
    }

    static func merge(_ a: AlleleState, _ b: AlleleState) -> AlleleState {
        if a == .notCovered { return b }
        if b == .notCovered || a == b { return a }
        return .other
    }

    /// One read's allele at a site, by walking its CIGAR.
    static func state(of b: UnsafeMutablePointer<bam1_t>, at site: AlleleSite, minBQ: UInt8) -> AlleleState {
        // Reads without walkable bases (SEQ `*`) say nothing about any site.
        guard var walk = CigarWalk(b) else { return .notCovered }
        let p = site.position
        while let step = walk.next() {
            let refPos = step.refStart, qPos = step.queryStart, len = step.length
            switch step.op {
            case .match:
                if p >= refPos && p < refPos + len {
                    let q = qPos + (p - refPos)
                    let next = walk.peek()
                    switch site.change {
                    case .base(let alt):
                        guard walk.quality(q) >= minBQ else { return .notCovered }
                        let base = baseLetter[walk.baseCode(q)]
                        return base == alt ? .alt : (base == UInt8(ascii: "N") ? .other : .ref)
                    case .deletion(let length):
                        // The anchor is this block's last base and a deletion of that length follows: alt.
                        if p == refPos + len - 1, let n = next, n.op == .deletion { return n.length == length ? .alt : .other }
                        // The read runs on unbroken over the deleted bases: ref.
                        return p + length < refPos + len ? .ref : .notCovered
                    case .insertion(let bases):
                        if p == refPos + len - 1, let n = next, n.op == .insertion {
                            let got = String(decoding: (0..<n.length).map { baseLetter[walk.baseCode(qPos + len + $0)] }, as: UTF8.self)
                            return got == bases ? .alt : .other
                        }
                        return p + 1 < refPos + len ? .ref : .notCovered
                    }
                }
                if refPos + len > p { return .notCovered }
            case .deletion:
                if p >= refPos && p < refPos + len { return .other }
                if refPos + len > p { return .notCovered }
            case .skip:
                if refPos + len > p { return .notCovered }
            case .insertion, .softClip, .other:
                break
            }
        }
        return .notCovered
    }
}
