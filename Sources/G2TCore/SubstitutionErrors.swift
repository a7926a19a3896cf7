/// A single-base substitution type, reference > alternate (12 types; a strand-aware table,
/// since damage such as C>T on one strand is not G>A on the other in pair-orientation terms).
public struct Substitution: Sendable, Hashable, Codable, CustomStringConvertible {
    public var ref: UInt8
    public var alt: UInt8

    /// nil unless both are distinct upper-case A, C, G or T.
    public init?(ref: UInt8, alt: UInt8) {
        let bases = Array("ACGT".utf8)
        guard bases.contains(ref), bases.contains(alt), ref != alt else { return nil }
        self.ref = ref
        self.alt = alt
    }

    public static var all: [Substitution] {
        let b = Array("ACGT".utf8)
        return b.flatMap { r in b.compactMap { Substitution(ref: r, alt: $0) } }
    }

    public var description: String { "\(Character(UnicodeScalar(ref)))>\(Character(UnicodeScalar(alt)))" }
}

/// Background error per substitution type, estimated from a sample's own consensus molecules.
public struct SubstitutionErrors: Sendable, Equatable {
    public var rates: [Substitution: Double]
    /// Used for a type the table does not hold.
    public var fallback: Double

    public init(rates: [Substitution: Double], fallback: Double) {
        self.rates = rates
        self.fallback = fallback
    }

    public func rate(ref: UInt8, alt: UInt8) -> Double {
        Substitution(ref: ref, alt: alt).flatMap { rates[$0] } ?? fallback
    }

    /// The table as JSON writes it: "C>T" → rate.
    public var named: [String: Double] {
        Dictionary(uniqueKeysWithValues: rates.map { ($0.key.description, $0.value) })
    }
}
