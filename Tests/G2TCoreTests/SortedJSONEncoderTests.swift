import Foundation
@testable import G2TCore
import TestSupport
import Testing

/// g2t's own JSON encoder must write exactly Foundation's bytes in every layout: reports, stage
/// files and cohort lines are compared byte for byte (golden files, thread counts, resume).
@Suite struct SortedJSONEncoderTests {
    static let layouts: [JSONCoding.Layout] = [.document, .line, .manifest, .compactEscaped]

    static func fast(_ layout: JSONCoding.Layout) -> SortedJSONEncoder { SortedJSONEncoder(layout) }

    static func foundation<T: Encodable>(_ v: T, _ layout: JSONCoding.Layout) throws -> [UInt8] {
        Array(try JSONCoding.encoder(layout).encode(v))
    }

    /// A record exercising what the synthesised and hand-written `Codable` of the analysis use,
    /// and the corners of the format: escapes, non-ASCII, slashes, number forms, empty and
    /// nested containers, nil, keys in non-alphabetical declaration order, a key set twice.
    struct Corner: Encodable {
        var zeta = "a\"b\\c/d\u{8}\u{c}\n\r\t\u{1}\u{1f}\u{7f} é 漢 🧬"
        var alpha = [0.1, 1.0, -0.0, 1e-7, 1e21, 123456789.125, 5e-324, Double.greatestFiniteMagnitude, 0.30000000000000004]
        var floats: [Float] = [0.1, 1, 3.4e38]
        var ints = [Int.min, -1, 0, Int.max]
        var small: [Int8] = [-128, 127]
        var unsigned: [UInt64] = [0, UInt64.max]
        var flags = [true, false]
        var optionalNil: String? = nil
        var optionalSet: Int? = 7
        var nilsInArray: [Int?] = [1, nil, 3]
        var empty: [String] = []
        var emptyObject: [String: Int] = [:]
        var map = ["b": 2, "a": 1, "B": 3, "aa": 4, "é": 5, "z": 6]
        var nested = [[String: [Int]]](repeating: ["k": [], "j": [1, 2]], count: 2)
        var kind = FilterStatus.pass

        enum CodingKeys: String, CodingKey { case zeta, alpha, floats, ints, small, unsigned, flags, optionalNil, optionalSet, nilsInArray, empty, emptyObject, map, nested, kind, extra, list, twice }
        enum Inner: String, CodingKey { case y, x }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(zeta, forKey: .zeta)
            try c.encode(alpha, forKey: .alpha)
            try c.encode(floats, forKey: .floats)
            try c.encode(ints, forKey: .ints)
            try c.encode(small, forKey: .small)
            try c.encode(unsigned, forKey: .unsigned)
            try c.encode(flags, forKey: .flags)
            try c.encodeIfPresent(optionalNil, forKey: .optionalNil)
            try c.encodeIfPresent(optionalSet, forKey: .optionalSet)
            try c.encode(nilsInArray, forKey: .nilsInArray)
            try c.encode(empty, forKey: .empty)
            try c.encode(emptyObject, forKey: .emptyObject)
            try c.encode(map, forKey: .map)
            try c.encode(nested, forKey: .nested)
            try c.encode(kind, forKey: .kind)
            var inner = c.nestedContainer(keyedBy: Inner.self, forKey: .extra)
            try inner.encode(2.5, forKey: .y)
            try inner.encodeNil(forKey: .x)
            var list = c.nestedUnkeyedContainer(forKey: .list)
            try list.encode("one")
            var deeper = list.nestedContainer(keyedBy: Inner.self)
            try deeper.encode(1, forKey: .x)
            var innerList = list.nestedUnkeyedContainer()
            try innerList.encode(false)
            try c.encode(1, forKey: .twice)
            try c.encode("last wins", forKey: .twice)
            var single = c.superEncoder().singleValueContainer()
            try single.encode("from super")
        }
    }

    @Test(arguments: layouts)
    func cornerCasesMatchFoundation(layout: JSONCoding.Layout) throws {
        let expected = try Self.foundation(Corner(), layout)
        let got = try Self.fast(layout).encode(Corner())
        #expect(String(decoding: got, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        // JSONCoding takes the fast path and adds the layout's newline.
        #expect(try JSONCoding.encode(Corner(), layout) == expected + (layout == .compactEscaped ? [] : [10]))
    }

    /// A whole scored analysis (the golden demo report), in every layout.
    @Test(arguments: layouts)
    func analysisMatchesFoundation(layout: JSONCoding.Layout) throws {
        let path = TestSupport.root + "/Tests/g2tTests/Golden/DEMO-NSCLC.report.json"
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let a = try JSONCoding.decode(Analysis.self, from: bytes)
        let expected = try Self.foundation(a, layout)
        #expect(expected.count > 10_000)
        #expect(try Self.fast(layout).encode(a) == expected)
    }

    /// A variant list long enough to be boxed lazily, streamed in small pieces: the same bytes as
    /// encoding it whole and as Foundation, in every layout.
    @Test(arguments: layouts)
    func longVariantListStreamsFoundationBytes(layout: JSONCoding.Layout) throws {
        let path = TestSupport.root + "/Tests/g2tTests/Golden/DEMO-NSCLC.report.json"
        var a = try JSONCoding.decode(Analysis.self, from: try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
        let first = try #require(a.variants.first)
        a.variants = (0..<(SortedJSONEncoder.lazyListCount * 2 + 7)).map { i in
            var v = first
            v.pos += i
            v.hgvsc = "c.\(i)A>C"
            return v
        }
        let expected = try Self.foundation(a, layout) + (layout == .compactEscaped ? [] : [10])
        #expect(try JSONCoding.encode(a, layout) == expected)
        var pieces: [[UInt8]] = []
        try Self.fast(layout).encode(a, chunk: 4096) { pieces.append($0) }
        #expect(pieces.count > 10, "written in pieces, not whole")
        #expect(pieces.dropLast().allSatisfy { $0.count >= 4096 })
        var streamed: [UInt8] = []
        try JSONCoding.stream(a, layout, restart: { streamed = [] }, to: { streamed += $0 })
        #expect(streamed == expected)
    }

    /// Streaming what the fast encoder cannot do: the pieces already sent are discarded (restart)
    /// and Foundation's error comes out, as `encode` gives it.
    @Test func streamingANonFiniteNumberRestartsAndThrowsFoundationsError() throws {
        struct Late: Encodable { var a = Array(repeating: "x", count: 5000); var z = Double.nan }
        var restarts = 0
        #expect(throws: EncodingError.self) {
            try JSONCoding.stream(Late(), .document, restart: { restarts += 1 }, to: { _ in })
        }
        #expect(restarts == 1)
    }

    /// What it does not handle falls back to Foundation: the same bytes, and the same error.
    @Test func unsupportedFallsBackToFoundation() throws {
        struct WithDate: Encodable { var when = Date(timeIntervalSince1970: 0); var url = URL(fileURLWithPath: "/tmp/x") }
        #expect(throws: SortedJSONEncoder.Unsupported.self) { try Self.fast(.line).encode(WithDate()) }
        #expect(try JSONCoding.encode(WithDate(), .line) == (try Self.foundation(WithDate(), .line)) + [10])
        struct NaN: Encodable { var x = Double.nan }
        #expect(throws: SortedJSONEncoder.Unsupported.self) { try Self.fast(.line).encode(NaN()) }
        #expect(throws: EncodingError.self) { try JSONCoding.encode(NaN(), .line) }
    }
}
