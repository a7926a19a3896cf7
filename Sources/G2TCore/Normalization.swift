

/// Left-aligns and trims an allele pair against the reference, as `bcftools norm` does, so that
/// the same event always has the same VCF representation.
package enum Normalization {
    /// A VCF-style allele pair at a 1-based position.
    package struct Alleles: Sendable, Hashable {
        package var pos: Int
        package var ref: String
        package var alt: String
        package init(pos: Int, ref: String, alt: String) {
            self.pos = pos
            self.ref = ref
            self.alt = alt
        }
    }

    /// Normalises `a` on `chrom` of `reference` (panel naming). Bases g2t does not know stop the shift.
    package static func normalize(_ a: Alleles, chrom: String, reference: ReferenceSource) -> Alleles {
        var pos = a.pos
        var ref = Array(a.ref.utf8), alt = Array(a.alt.utf8)
        while true {
            // Trim a shared last base, then re-anchor on the left when an allele empties.
            if let r = ref.last, let l = alt.last, r == l, ref.count > 1 || alt.count > 1 {
                if ref.count == 1 || alt.count == 1 {
                    guard let before = reference.base(chrom: chrom, pos: pos - 1) else { break }
                    ref.removeLast(); alt.removeLast()
                    ref.insert(before, at: 0); alt.insert(before, at: 0)
                    pos -= 1
                } else {
                    ref.removeLast(); alt.removeLast()
                }
                continue
            }
            break
        }
        // Trim shared leading bases, keeping one anchor base.
        while ref.count > 1, alt.count > 1, ref[0] == alt[0] {
            ref.removeFirst(); alt.removeFirst()
            pos += 1
        }
        return Alleles(pos: pos, ref: String(decoding: ref, as: UTF8.self), alt: String(decoding: alt, as: UTF8.self))
    }
}
