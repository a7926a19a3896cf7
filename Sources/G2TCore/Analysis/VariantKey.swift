/// A variant's identity in the input's terms: VCF-style, 1-based, left-normalised.
/// Written as "chrom:pos:ref:alt" (phase keys in the JSON).
package struct VariantKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    package var chrom: String
    package var pos: Int
    package var ref: String
    package var alt: String

    package init(chrom: String, pos: Int, ref: String, alt: String) {
        self.chrom = chrom
        self.pos = pos
        self.ref = ref
        self.alt = alt
    }

    /// Parses "chrom:pos:ref:alt"; nil when it is not one. The contig is everything before the
    /// last three fields, so a contig name with ':' (HLA alleles, GRCh38 alt contigs) still parses.
    package init?(text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 4, let pos = Int(parts[parts.count - 3]) else { return nil }
        self.init(chrom: parts.dropLast(3).joined(separator: ":"), pos: pos,
                  ref: String(parts[parts.count - 2]), alt: String(parts[parts.count - 1]))
    }

    package var text: String { "\(chrom):\(pos):\(ref):\(alt)" }
    package var description: String { text }

    package static func < (a: VariantKey, b: VariantKey) -> Bool { (a.chrom, a.pos, a.ref, a.alt) < (b.chrom, b.pos, b.ref, b.alt) }
}

extension VariantKey: Codable {
    package init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let k = VariantKey(text: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(s)' is not chrom:pos:ref:alt")
        }
        self = k
    }
    package func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}

extension VariantCall {
    package var key: VariantKey { VariantKey(chrom: chrom, pos: pos, ref: ref, alt: alt) }
}
