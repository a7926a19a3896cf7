import Foundation
@testable import G2TCore
import TestSupport
import Testing

/// g2t's own JSON encoder must write exactly Foundation's bytes in every layout: reports, stage
/// files and cohort lines are compared byte for byte (golden files, thread counts, resume).
@Suite struct SortedJSONEncoderTests {
    static let layouts: [JSONCoding.Layout] = [.document, .line, .manifest, .compactEscaped]

    static func fast(_ layout: JSONCoding.Layout) -> SortedJSONEncoder { SortedJSONEncoder(layout) }

    /// The direct writer alone (no fallback to the tree), in `layout`'s options.
    static func direct(_ layout: JSONCoding.Layout) -> DirectJSONEncoder {
        let f = SortedJSONEncoder(layout)
        return DirectJSONEncoder(pretty: f.pretty, escapeSlashes: f.escapeSlashes)
    }

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
        // Nested containers and a super-encoder are left to the tree: the direct writer refuses them.
        #expect(throws: SortedJSONEncoder.Unsupported.self) { try Self.direct(layout).encode(Corner()) }
        // JSONCoding takes the fast path and adds the layout's newline.
        #expect(try JSONCoding.encode(Corner(), layout) == expected + (layout == .compactEscaped ? [] : [10]))
    }

    /// Seeded random records, for the generated-record comparison below.
    typealias Mix = SplitMix64

    /// A generated record: strings drawn from the characters that need escapes, slashes, ASCII,
    /// 2-, 3- and 4-byte UTF-8 and combining marks; doubles from random finite bit patterns and
    /// from rounded values (as VAFs are); empty and nested arrays; maps with generated keys.
    struct Generated: Encodable {
        var text: String
        var texts: [String]
        var numbers: [Double]
        var ints: [Int]
        var maybe: Double?
        var map: [String: [Double]]
        var nested: [[Generated]]
        var flag: Bool

        static let alphabet: [Character] = ["a", "Z", "0", " ", "\"", "\\", "/", "\u{0}", "\u{8}", "\u{9}", "\u{a}", "\u{c}",
                                            "\u{d}", "\u{1f}", "\u{7f}", "é", "e\u{301}", "漢", "🧬", "\u{2028}", "\u{feff}"]

        static func string(_ g: inout Mix) -> String {
            String((0..<Int.random(in: 0...12, using: &g)).map { _ in alphabet.randomElement(using: &g) ?? "a" })
        }

        static func double(_ g: inout Mix) -> Double {
            switch Int.random(in: 0..<3, using: &g) {
            case 0:
                let d = Double(bitPattern: g.next())
                return d.isFinite ? d : 0.5
            case 1: return (Double.random(in: -1...1, using: &g) * 10_000).rounded() / 10_000
            default: return [0, -0.0, 1, 1e21, 1e-7, 5e-324, .greatestFiniteMagnitude, 123456789.125][Int.random(in: 0..<8, using: &g)]
            }
        }

        init(_ g: inout Mix, depth: Int) {
            text = Self.string(&g)
            texts = (0..<Int.random(in: 0...3, using: &g)).map { _ in Self.string(&g) }
            numbers = (0..<Int.random(in: 0...4, using: &g)).map { _ in Self.double(&g) }
            ints = (0..<Int.random(in: 0...3, using: &g)).map { _ in Int(truncatingIfNeeded: g.next()) >> Int.random(in: 0..<64, using: &g) }
            maybe = Bool.random(using: &g) ? Self.double(&g) : nil
            map = Dictionary((0..<Int.random(in: 0...3, using: &g)).map { _ in (Self.string(&g), [Self.double(&g)]) }, uniquingKeysWith: { a, _ in a })
            nested = depth > 1 ? [] : (0..<Int.random(in: 0...2, using: &g)).map { _ in
                (0..<Int.random(in: 0...2, using: &g)).map { _ in Generated(&g, depth: depth + 1) }
            }
            flag = Bool.random(using: &g)
        }
    }

    /// 300 generated records: the same bytes as Foundation in every layout.
    @Test(arguments: layouts)
    func generatedRecordsMatchFoundation(layout: JSONCoding.Layout) throws {
        var g = Mix(state: 20261201)
        var escapes = 0
        for i in 0..<300 {
            let r = Generated(&g, depth: 0)
            let expected = try Self.foundation(r, layout)
            let got = try Self.direct(layout).encode(r)
            if expected.contains(92) { escapes += 1 }
            #expect(got == expected, "record \(i): \(String(decoding: expected, as: UTF8.self))")
            #expect(try Self.fast(layout).encode(r) == expected)
        }
        #expect(escapes > 100, "the generated strings exercise the escapes")
    }

    /// What the direct writer handles besides plain records: a key set twice (last wins), a
    /// second container on the same encoder (as `Analysis` adds its score fields), a value that
    /// encodes nothing, a single value wrapping an object, optionals and empty containers.
    struct DirectCorner: Encodable {
        struct Nothing: Encodable { func encode(to encoder: Encoder) throws {} }
        struct Wrapper: Encodable {
            var inner = ["é": [1.5], "e": [], "Z": [-0.0]]
            func encode(to encoder: Encoder) throws {
                var c = encoder.singleValueContainer()
                try c.encode(inner)
            }
        }
        struct Extra: Encodable { var aaa = "first key"; var zzz: Int? = nil; var mid: [Nothing] = [Nothing(), Nothing()] }
        enum CodingKeys: String, CodingKey { case zeta, alpha, twice, nothing, wrapper, list, empty, maybe }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode("z\u{0}\"/", forKey: .zeta)
            try c.encode(1, forKey: .twice)
            try c.encode([0.1, 1e-7, 1e21], forKey: .alpha)
            try c.encode(Nothing(), forKey: .nothing)
            try c.encode(Wrapper(), forKey: .wrapper)
            try c.encode([[String]](), forKey: .empty)
            try c.encode([[1, 2], [], [3]], forKey: .list)
            try c.encode(Optional<Int>.none, forKey: .maybe)
            try c.encode("last wins", forKey: .twice)
            try Extra().encode(to: encoder)
        }
    }

    @Test(arguments: layouts)
    func directCornerCasesMatchFoundation(layout: JSONCoding.Layout) throws {
        let expected = try Self.foundation(DirectCorner(), layout)
        #expect(String(decoding: try Self.direct(layout).encode(DirectCorner()), as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        // Top-level values that are not objects.
        #expect(try Self.direct(layout).encode(["b", "a"]) == (try Self.foundation(["b", "a"], layout)))
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
        // Written directly, not through the tree: g2t's types fill their containers in order.
        #expect(try Self.direct(layout).encode(a) == expected)
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
            v.annotation?.hgvsc = "c.\(i)A>C"
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
