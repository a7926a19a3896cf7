import Foundation
@testable import G2TCore
import Testing

/// `VariantCall.writeJSON` (the hand-written writer used for variant lists) must give the bytes of
/// the `Codable` path — Foundation's `JSONEncoder` with sorted keys — for every field set and unset,
/// in every layout and at any indent, and must know every stored property.
@Suite struct VariantCallJSONWriterTests {
    static let layouts: [JSONCoding.Layout] = [.document, .line, .manifest, .compactEscaped]

    /// Every stored property set, with strings that need escaping and numbers of every form.
    static var everyFieldSet: VariantCall {
        var v = VariantCall(gene: "EGFR \"x\"\n/é", chrom: "chr7", pos: 55_191_822, ref: "T", alt: "G", vaf: 0.3063, depth: 271,
                            altDepth: 83, altForward: -39, altReverse: Int.max, filter: .failed([.other("a/b"), .other("lowDepth")]),
                            hotspot: "EGFR L858R")
        v.lod = 1e21
        v.annotation = VariantAnnotation(transcript: "NM_005228.5", hgvsc: "c.2573T>G", hgvsp: "p.Leu858Arg", hgvspShort: "p.L858R",
                                         consequence: [.missenseVariant, .spliceRegionVariant], exon: 21, intron: 3)
        v.tier = .pgx
        v.originCall = OriginCall(
            origin: .likelyGermline,
            evidence: [OriginEvidence(source: .hotspot, favours: .somatic, detail: "tab\there, 10^-1.38 ×"),
                       OriginEvidence(source: .populationFrequency, favours: .germline, detail: "")],
            zygosity: .homozygous,
            population: PopulationFrequency(rsid: "rs121434568", af: 1e-7, afPopmax: 0.5, popmaxPopulation: "nfe", source: "gnomAD 4.1"),
            ccf: CancerCellFraction(value: 1.0, low: 0.8, high: -0.0), possiblyGermline: true)
        v.readDepth = 0
        v.readAltDepth = Int.min
        v.damagePosterior = Double.leastNonzeroMagnitude
        return v
    }

    /// Only what the initialiser requires: every optional unset (nil, no annotation).
    static var nothingSet: VariantCall {
        VariantCall(gene: nil, chrom: "7", pos: 1, ref: "A", alt: "AT", vaf: nil, depth: 0, altDepth: 0, altForward: 0,
                    altReverse: 0, filter: .pass)
    }

    /// Optionals of the nested values unset too, an empty evidence list (absent), possiblyGermline false (absent).
    static var partlySet: VariantCall {
        var v = nothingSet
        v.originCall = OriginCall(origin: .somatic, evidence: [],
                                  population: PopulationFrequency(rsid: nil, af: nil, afPopmax: 0.25, popmaxPopulation: nil, source: "bundled"))
        v.annotation = VariantAnnotation(transcript: "NM_1", hgvsc: "c.1dup", hgvsp: nil, hgvspShort: nil,
                                         consequence: [.intronVariant], exon: nil, intron: nil)
        return v
    }

    static let calls = [everyFieldSet, nothingSet, partlySet]

    static func written(_ v: VariantCall, _ layout: JSONCoding.Layout, indent: Int = 0) throws -> [UInt8] {
        let f = SortedJSONEncoder(layout)
        var w = SortedJSONEncoder.Writer(pretty: f.pretty, escapeSlashes: f.escapeSlashes)
        w.indent = indent
        try v.writeJSON(&w)
        return w.bytes
    }

    @Test(arguments: layouts)
    func sameBytesAsCodable(layout: JSONCoding.Layout) throws {
        for v in Self.calls {
            let codable = Array(try JSONCoding.encoder(layout).encode(v))
            #expect(try Self.written(v, layout) == codable)
            // The tree encoder runs the call's `encode(to:)`: the same bytes again.
            var tree = SortedJSONEncoder.Writer(pretty: SortedJSONEncoder(layout).pretty, escapeSlashes: SortedJSONEncoder(layout).escapeSlashes)
            try tree.write(try SortedJSONEncoder.box(v))
            #expect(tree.bytes == codable)
        }
    }

    /// Inside a list (indented one level, as in an analysis): the list through Foundation and through
    /// the fast encoders (direct, and lazy when long enough) gives the same bytes.
    @Test(arguments: layouts)
    func sameBytesInAList(layout: JSONCoding.Layout) throws {
        let short = Self.calls
        let long = (0..<(SortedJSONEncoder.lazyListCount + 3)).map { i in
            var v = Self.calls[i % Self.calls.count]
            v.pos = i
            return v
        }
        for list in [short, long] {
            let codable = Array(try JSONCoding.encoder(layout).encode(["variants": list]))
            #expect(try SortedJSONEncoder(layout).encode(["variants": list]) == codable)
            var streamed: [UInt8] = []
            try SortedJSONEncoder(layout).encode(["variants": list], chunk: 1024) { streamed += $0 }
            #expect(streamed == codable)
        }
        // Written at indent 2 alone: the pretty layouts indent every line by two more levels.
        if SortedJSONEncoder(layout).pretty {
            let plain = String(decoding: try Self.written(Self.everyFieldSet, layout), as: UTF8.self)
            let indented = String(decoding: try Self.written(Self.everyFieldSet, layout, indent: 2), as: UTF8.self)
            #expect(indented == plain.replacingOccurrences(of: "\n", with: "\n    "))
        }
    }

    /// A stored property added to `VariantCall` must be written here too: the count of stored
    /// properties is the one the writer was written for, and every key of the Codable output of a
    /// call with every field set is in the writer's output.
    @Test func writerKnowsEveryStoredProperty() throws {
        let v = Self.everyFieldSet
        #expect(Mirror(reflecting: v).children.count == VariantCall.storedPropertyCount)
        // The origin group's stored properties (origin, zygosity, possiblyGermline, evidence, ccf,
        // the population's box): a seventh needs a key in the writer.
        #expect(Mirror(reflecting: try #require(v.originCall)).children.count == 6)
        let codable = try JSONSerialization.jsonObject(with: JSONCoding.encoder(.line).encode(v)) as? [String: Any]
        let written = try JSONSerialization.jsonObject(with: Data(try Self.written(v, .line))) as? [String: Any]
        let codableKeys = Set(try #require(codable).keys), writtenKeys = Set(try #require(written).keys)
        #expect(codableKeys == writtenKeys)
        // Every optional of the full call is set: a nil would hide a key the writer forgets.
        #expect(try #require(codable).values.allSatisfy { !($0 is NSNull) })
    }

    @Test func nonFiniteNumberIsLeftToFoundation() throws {
        var v = Self.nothingSet
        v.vaf = .nan
        #expect(throws: SortedJSONEncoder.Unsupported.self) { try Self.written(v, .line) }
        #expect(throws: EncodingError.self) { try JSONCoding.encode([v], .line) }
    }

    @Test(arguments: [0, 7, -7, 10, 99, 100, -100, 1_234_567_890, Int.max, Int.min, Int.min + 1])
    func integersAsDescription(i: Int) throws {
        var w = SortedJSONEncoder.Writer(pretty: false, escapeSlashes: false)
        w.int(i)
        #expect(String(decoding: w.bytes, as: UTF8.self) == i.description)
    }
}
