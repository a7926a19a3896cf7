import Foundation
import G2TCore
import Testing

/// The typed model writes the same JSON strings the free strings did (docs/report-schema.md).
@Suite struct AnalysisModelTests {
    struct Box<T: Codable & Equatable>: Codable, Equatable { var v: T }

    func json<T: Codable & Equatable>(_ value: T) throws -> String {
        String(decoding: try JSONCoding.encode(Box(v: value), .line), as: UTF8.self)
    }

    func roundTrip<T: Codable & Equatable>(_ value: T) throws -> T {
        try JSONCoding.decode(Box<T>.self, from: try JSONCoding.encode(Box(v: value), .line)).v
    }

    @Test func filterStatusIsPASSOrNamesJoined() throws {
        #expect(try json(FilterStatus.pass) == #"{"v":"PASS"}"# + "\n")
        let failed = FilterStatus(failing: [.call(.strandBias), .other("weak_evidence")])
        #expect(try json(failed) == #"{"v":"strand_bias;weak_evidence"}"# + "\n")
        #expect(try roundTrip(failed) == failed)
        // A name g2t knows reads back as its own filter, another caller's as a name.
        #expect(FilterStatus(text: "min_alt;lowq") == .failed([.call(.minAlt), .other("lowq")]))
        #expect(FilterStatus(failing: []) == .pass)
    }

    @Test func variantKeyParsesTheLastThreeFields() throws {
        let k = VariantKey(chrom: "chr7", pos: 55_191_822, ref: "T", alt: "G")
        #expect(k.text == "chr7:55191822:T:G" && VariantKey(text: k.text) == k)
        // Contig names may hold ':' (GRCh38 HLA contigs): the position is the third field from the end.
        #expect(VariantKey(text: "HLA-A*01:01:01:01:100:A:C") == VariantKey(chrom: "HLA-A*01:01:01:01", pos: 100, ref: "A", alt: "C"))
        #expect(VariantKey(text: "chr7:x:T:G") == nil && VariantKey(text: "chr7:1:T") == nil)
        #expect(try roundTrip(k) == k)
        #expect(throws: DecodingError.self) { try JSONCoding.decode(Box<VariantKey>.self, from: Array(#"{"v":"chr7"}"#.utf8)) }
    }

    @Test func consequenceIsTermsJoinedByAmpersand() throws {
        let c: Consequence = [.spliceDonorVariant, .intronVariant]
        #expect(c.text == "splice_donor_variant&intron_variant" && Consequence(text: c.text) == c)
        #expect(c.contains(.intronVariant) && !c.contains(.missenseVariant))
        // A term g2t does not assign is an error, not a silent non-match.
        #expect(Consequence(text: "missense_variant&made_up_variant") == nil)
        #expect(throws: DecodingError.self) { try JSONCoding.decode(Box<Consequence>.self, from: Array(#"{"v":"made_up"}"#.utf8)) }
    }

    @Test func tiersAndStagesKeepTheirStrings() throws {
        #expect(try json(Tier.pgx) == #"{"v":"PGx"}"# + "\n" && Tier(rawValue: "IV") == .four)
        #expect(Tier.allCases.filter(\.isActionable) == [.one, .two])
        #expect(Stage.allCases.map(\.rawValue) == ["call", "annotate", "score"] && Stage.call < Stage.score)
    }

    @Test func parallelMapKeepsInputOrderAndRethrows() throws {
        let squares = ParallelMap.map(1_000, threads: 4) { $0 * $0 }
        #expect(squares == (0..<1_000).map { $0 * $0 })
        // Each worker's state is its own: every item sees the state of the worker that ran it.
        let workers = try ParallelMap.map(100, threads: 3, state: { w in w }) { w, _ in w }
        #expect(Set(workers).isSubset(of: [0, 1, 2]) && workers.count == 100)
        struct Boom: Error {}
        #expect(throws: Boom.self) { try ParallelMap.map(50, threads: 4, state: { _ in () }) { _, i in if i == 37 { throw Boom() }; return i } }
        #expect(ParallelMap.map(0, threads: 4) { $0 }.isEmpty)
    }

    @Test func roundingAndNumberText() {
        #expect(Rounding.fraction(0.123_45) == 0.1235 && Rounding.places(2.375, 2) == 2.38 && Rounding.places(-1.25, 1) == -1.3)
        #expect(TextFormat.percent(0.3063) == "30.6%" && TextFormat.fixed(8.06, 1) == "8.1")
        #expect(TextFormat.compact(312.0) == "312" && TextFormat.compact(312.46) == "312.5")
        #expect(TextFormat.oneDecimal(12) == "12.0" && TextFormat.oneDecimal(40.46) == "40.5")
    }
}
