/// A single-base substitution type, reference > alternate (12 types; a strand-aware table,
/// since damage such as C>T on one strand is not G>A on the other in pair-orientation terms).
package struct Substitution: Sendable, Hashable, Codable, CustomStringConvertible {
    package var ref: UInt8
    package var alt: UInt8

    /// nil unless both are distinct upper-case A, C, G or T.
    package init?(ref: UInt8, alt: UInt8) {
        let bases = Array("ACGT".utf8)
        guard bases.contains(ref), bases.contains(alt), ref != alt else { return nil }
        self.ref = ref
        self.alt = alt
    }

    package static var all: [Substitution] {
        let b = Array("ACGT".utf8)
        return b.flatMap { r in b.compactMap { Substitution(ref: r, alt: $0) } }
    }

    package var description: String { "\(Character(UnicodeScalar(ref)))>\(Character(UnicodeScalar(alt)))" }
}

/// Background error per substitution type, estimated from a sample's own consensus molecules.
package struct SubstitutionErrors: Sendable, Equatable {
    package var rates: [Substitution: Double]
    /// Used for a type the table does not hold.
    package var fallback: Double

    package init(rates: [Substitution: Double], fallback: Double) {
        self.rates = rates
        self.fallback = fallback
    }

    package func rate(ref: UInt8, alt: UInt8) -> Double {
        Substitution(ref: ref, alt: alt).flatMap { rates[$0] } ?? fallback
    }

    /// The table as JSON writes it: "C>T" → rate.
    package var named: [String: Double] {
        Dictionary(uniqueKeysWithValues: rates.map { ($0.key.description, $0.value) })
    }
}
