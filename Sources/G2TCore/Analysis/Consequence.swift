/// A Sequence Ontology consequence term g2t's annotator assigns (the terms VEP and bcftools csq use).
package enum SOTerm: String, Codable, Sendable, CaseIterable {
    case frameshiftVariant = "frameshift_variant"
    case stopGained = "stop_gained"
    case stopLost = "stop_lost"
    case startLost = "start_lost"
    case spliceAcceptorVariant = "splice_acceptor_variant"
    case spliceDonorVariant = "splice_donor_variant"
    case inframeInsertion = "inframe_insertion"
    case inframeDeletion = "inframe_deletion"
    case missenseVariant = "missense_variant"
    case proteinAlteringVariant = "protein_altering_variant"
    case spliceRegionVariant = "splice_region_variant"
    case synonymousVariant = "synonymous_variant"
    case stopRetainedVariant = "stop_retained_variant"
    case codingSequenceVariant = "coding_sequence_variant"
    case fivePrimeUTRVariant = "5_prime_UTR_variant"
    case threePrimeUTRVariant = "3_prime_UTR_variant"
    case intronVariant = "intron_variant"
    case upstreamGeneVariant = "upstream_gene_variant"
    case downstreamGeneVariant = "downstream_gene_variant"
}

/// A variant's consequence on its transcript: SO terms, most severe first, written joined by "&"
/// ("splice_donor_variant&intron_variant").
package struct Consequence: Sendable, Equatable, Hashable {
    package var terms: [SOTerm]

    package init(_ terms: [SOTerm]) { self.terms = terms }

    /// Parses terms joined by "&"; nil when one is not a term g2t knows.
    package init?(text: String) {
        var terms: [SOTerm] = []
        for t in text.split(separator: "&") {
            guard let term = SOTerm(rawValue: String(t)) else { return nil }
            terms.append(term)
        }
        self.terms = terms
    }

    package var text: String { terms.map(\.rawValue).joined(separator: "&") }

    package func contains(_ term: SOTerm) -> Bool { terms.contains(term) }

    /// The same consequence with `term` added last (e.g. a splice region flag on a coding change).
    package func adding(_ term: SOTerm) -> Consequence { Consequence(terms + [term]) }
}

extension Consequence: Codable {
    package init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let v = Consequence(text: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(s)' has a term that is not a Sequence Ontology consequence g2t knows")
        }
        self = v
    }
    package func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}

/// Literals in code and tests read like the JSON: `consequence = "missense_variant"`. A literal
/// naming no known term is a programming error, found by the first test that runs it.
extension Consequence: ExpressibleByStringLiteral {
    package init(stringLiteral value: String) {
        guard let v = Consequence(text: value) else { preconditionFailure("not an SO consequence g2t knows: \(value)") }
        self = v
    }
}

extension Consequence: ExpressibleByArrayLiteral {
    package init(arrayLiteral terms: SOTerm...) { self.init(terms) }
}
