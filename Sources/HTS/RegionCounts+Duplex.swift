/// Duplex evidence of consensus molecules (UMI mode; issue 16, branch hot1): a change present on both
/// strands of the original molecule, each strand's reads agreeing on it, is a real base of that molecule;
/// an early-PCR error or damage sits on one strand only (Schmitt et al. 2012, Duplex Sequencing).
/// Branch cls1 adds the one-strand molecules by family class (`MoleculeClass`) for the family-class
/// hotspot tier: their depths per position here, their non-reference bases in `classAlts` (sparse: a
/// one-strand molecule differs from the reference at ~1 base in 1,000, so a dense A/C/G/T table per
/// class would add 48 bytes a position for counts that are nearly all zero).
extension RegionCounts {
    /// Fields per position in `duplex`: duplex depth, then A, C, G, T; then the one-strand molecules of
    /// ≥ 3, 2 and 1 read pairs (`MoleculeClass.ss3`, `.ss2`, `.ss1`) that gave a base.
    package static let duplexFieldsPerPosition = 8

    /// Whether the counts hold duplex evidence (UMI mode).
    package var hasDuplex: Bool { !duplex.isEmpty }

    /// `duplex` zeroed for every position of the region (UMI mode's molecule counter fills it).
    mutating func allocateDuplex() {
        duplex = Array(repeating: 0, count: max(0, region.length) * Self.duplexFieldsPerPosition)
    }

    /// Molecules at 0-based `pos` whose two strands both gave a consensus base.
    package func duplexDepth(at pos: Int) -> Int {
        guard hasDuplex, pos >= region.start && pos < region.end else { return 0 }
        return Int(duplex[(pos - region.start) * Self.duplexFieldsPerPosition])
    }

    /// Molecules at 0-based `pos` whose two strands both show `base`.
    package func duplexCount(_ base: Base, at pos: Int) -> Int {
        guard hasDuplex, base != .n, pos >= region.start && pos < region.end else { return 0 }
        return Int(duplex[(pos - region.start) * Self.duplexFieldsPerPosition + 1 + base.rawValue])
    }

    /// Molecules of `cls` at 0-based `pos` that gave a base there (duplex: both strands gave one).
    package func classDepth(_ cls: MoleculeClass, at pos: Int) -> Int {
        guard hasDuplex, pos >= region.start && pos < region.end else { return 0 }
        let o = (pos - region.start) * Self.duplexFieldsPerPosition
        return Int(duplex[o + (cls == .duplex ? 0 : 4 + cls.rawValue)])
    }

    /// Molecules of `cls` at 0-based `pos` showing `base` (one-strand classes: non-reference bases only, 0 for the reference base).
    package func classCount(_ cls: MoleculeClass, _ base: Base, at pos: Int) -> Int {
        guard cls != .duplex else { return duplexCount(base, at: pos) }
        guard hasDuplex, base != .n, pos >= region.start && pos < region.end else { return 0 }
        return Int(classAlts[Self.classAltKey(cls, slot: base.rawValue, at: pos)] ?? 0)
    }

    /// `classAlts`' key: the absolute 0-based position, the class and the base slot.
    static func classAltKey(_ cls: MoleculeClass, slot: Int, at pos: Int) -> Int { pos << 4 | cls.rawValue << 2 | slot }

    /// The position of a `classAlts` key.
    static func classAltPosition(_ key: Int) -> Int { key >> 4 }

    /// Adds one molecule's strand calls at 0-based `pos` (slots 0–3 bases, 5 deletion; nil: strand not
    /// read there). `topPairs`/`bottomPairs`: the family's read pairs on each strand, for a one-strand
    /// molecule's class; `refSlot`: the reference's slot (0–3; else no one-strand base is kept as non-reference).
    mutating func addDuplex(top: UInt8?, bottom: UInt8?, topPairs: Int, bottomPairs: Int, refSlot: Int, at pos: Int) {
        guard hasDuplex, pos >= region.start && pos < region.end else { return }
        let o = (pos - region.start) * Self.duplexFieldsPerPosition
        duplex.withUnsafeMutableBufferPointer { d in
            guard let base = d.baseAddress else { return }  // not empty: `hasDuplex`
            Self.addDuplex(top: top, bottom: bottom, topPairs: topPairs, bottomPairs: bottomPairs, refSlot: refSlot, at: pos,
                           fields: base + o, classAlts: &classAlts)
        }
    }

    /// `addDuplex` into the position's `duplexFieldsPerPosition` fields at `fields` (`duplex`'s memory, for the
    /// per-position molecule loop: one uniqueness check per family, not one per write) and `classAlts`.
    @inline(__always)
    static func addDuplex(top: UInt8?, bottom: UInt8?, topPairs: Int, bottomPairs: Int, refSlot: Int, at pos: Int,
                          fields f: UnsafeMutablePointer<UInt32>, classAlts: inout [Int: UInt32]) {
        switch (top, bottom) {
        case let (t?, b?):
            guard t < 4, b < 4 else { return }
            f[0] += 1
            if t == b { f[1 + Int(t)] += 1 }
        case let (t?, nil), let (nil, t?):
            guard t < 4 else { return }
            let cls = MoleculeClass.oneStrand(pairs: top != nil ? topPairs : bottomPairs)
            f[4 + cls.rawValue] += 1
            if refSlot < 4 && Int(t) != refSlot { classAlts[Self.classAltKey(cls, slot: Int(t), at: pos), default: 0] += 1 }
        case (nil, nil):
            return
        }
    }
}

/// The class of a consensus molecule at one position, by how its base was read (issue 16, branch cls1):
/// a class's errors have their own cause and rate, so one alternate molecule weighs differently per class
/// (`FamilyClassTier`). Raw values index `RegionCounts.duplex` (one-strand classes at 4 + rawValue).
package enum MoleculeClass: Int, Sendable, CaseIterable, Hashable {
    /// Both strands gave a base (they err alike only if both err the same way: Schmitt et al. 2012).
    case duplex = 0
    /// One strand only, its family ≥ 3 read pairs: errs mainly by an early-PCR error or damage on that strand.
    case ss3 = 1
    /// One strand only, 2 read pairs: a PCR error, or both reads erring alike.
    case ss2 = 2
    /// One strand only, a single read pair: errs by sequencing error too.
    case ss1 = 3

    /// The class of a one-strand molecule whose strand has `pairs` read pairs (3 and more: the majority
    /// of a family outvotes one read's sequencing error, fgbio's default `--min-reads` for duplex calling is 1-3).
    package static func oneStrand(pairs: Int) -> MoleculeClass { pairs >= 3 ? .ss3 : pairs == 2 ? .ss2 : .ss1 }

    /// The name in the report and docs.
    package var name: String {
        switch self {
        case .duplex: "duplex"
        case .ss3: "ss3"
        case .ss2: "ss2"
        case .ss1: "ss1"
        }
    }
}
