/// A variant's identity in the input's terms: VCF-style, 1-based, left-normalised.
/// Written as "chrom:pos:ref:alt" (phase keys in the JSON).
public struct VariantKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var chrom: String
    public var pos: Int
    public var ref: String
    public var alt: String

    public init(chrom: String, pos: Int, ref: String, alt: String) {
        self.chrom = chrom
        self.pos = pos
        self.ref = ref
        self.alt = alt
    }

    /// Parses "chrom:pos:ref:alt"; nil when it is not one. The contig is everything before the
    /// last three fields, so a contig name with ':' (HLA alleles, GRCh38 alt contigs) still parses.
    public init?(text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 4, let pos = Int(parts[parts.count - 3]) else { return nil }
        self.init(chrom: parts.dropLast(3).joined(separator: ":"), pos: pos,
                  ref: String(parts[parts.count - 2]), alt: String(parts[parts.count - 1]))
    }

    public var text: String { "\(chrom):\(pos):\(ref):\(alt)" }
    public var description: String { text }

    public static func < (a: VariantKey, b: VariantKey) -> Bool { (a.chrom, a.pos, a.ref, a.alt) < (b.chrom, b.pos, b.ref, b.alt) }
}

extension VariantKey: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let k = VariantKey(text: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(s)' is not chrom:pos:ref:alt")
        }
        self = k
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}

extension VariantCall {
    public var key: VariantKey { VariantKey(chrom: chrom, pos: pos, ref: ref, alt: alt) }
}
