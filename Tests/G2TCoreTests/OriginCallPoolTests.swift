@testable import G2TCore
import Testing

/// `OriginCallPool`: calls with identical origin results share one stored value (a dense VCF's
/// 200,000 calls hold ~30,000 distinct ones), and every call still reads, compares and writes
/// exactly the value it was given.
@Suite struct OriginCallPoolTests {
    static func call(pos: Int) -> VariantCall {
        VariantCall(gene: "EGFR", chrom: "chr7", pos: pos, ref: "C", alt: "T", vaf: 0.12, depth: 420, altDepth: 50,
                    altForward: 25, altReverse: 25, filter: "PASS")
    }

    static func origin(_ sentence: String = "VAF 0.12 at 420×, purity 0.33: germline/somatic likelihood ratio 10^-5.68",
                       ccf: CancerCellFraction? = CancerCellFraction(value: 0.87, low: 0.45, high: 1)) -> OriginCall {
        OriginCall(origin: .likelySomatic,
                   evidence: [OriginEvidence(source: .populationFrequency, favours: .neutral, detail: "not in the germline resource"),
                              OriginEvidence(source: .alleleFraction, favours: .somatic, detail: sentence)],
                   ccf: ccf)
    }

    /// Each call's JSON, one line (what the report writes for it).
    static func line(_ v: VariantCall) throws -> String { String(decoding: try JSONCoding.encode(v, .line), as: UTF8.self) }

    @Test func identicalCallsShareOneBoxAndReadTheirValue() throws {
        var pool = OriginCallPool()
        var vs = (0..<5).map { Self.call(pos: 100 + $0) }
        for i in vs.indices { pool.set(Self.origin(), on: &vs[i]) }
        #expect(pool.count == 1)
        #expect(vs.allSatisfy { $0.originCall == Self.origin() })
        #expect(vs.dropFirst().allSatisfy { $0.originBox === vs[0].originBox }, "one box for the five")
        // The same bytes as a call given its own box.
        var own = Self.call(pos: 100)
        own.originCall = Self.origin()
        #expect(try Self.line(vs[0]) == Self.line(own))
        #expect(vs[0] == own)
    }

    @Test func settingOneSharedCallLeavesTheOthers() {
        var pool = OriginCallPool()
        var vs = [Self.call(pos: 1), Self.call(pos: 2)]
        for i in vs.indices { pool.set(Self.origin(), on: &vs[i]) }
        vs[0].originCall?.origin = .germline
        #expect(vs[0].origin == .germline)
        #expect(vs[1].origin == .likelySomatic, "value semantics: the shared box is never changed")
        #expect(vs[1].originCall == Self.origin())
    }

    /// Equal by `==` is not enough: -0.0 == 0.0 and "é" == "e\u{301}", yet they are written differently.
    @Test func callsEqualButNotBitIdenticalKeepTheirOwnValues() throws {
        var pool = OriginCallPool()
        var vs = (0..<6).map { Self.call(pos: $0) }
        let values = [Self.origin(ccf: CancerCellFraction(value: 0, low: 0, high: 1)),
                      Self.origin(ccf: CancerCellFraction(value: -0.0, low: 0, high: 1)),
                      Self.origin("caf\u{E9}"), Self.origin("cafe\u{301}"),
                      Self.origin(ccf: nil), Self.origin()]
        #expect(values[0] == values[1] && values[2] == values[3], "equal by ==")
        for i in vs.indices { pool.set(values[i], on: &vs[i]) }
        #expect(pool.count == 6)
        #expect(vs[1].originCall?.ccf?.value.sign == .minus)
        #expect(vs[0].originCall?.ccf?.value.sign == .plus)
        #expect(Array(vs[2].originCall?.evidence[1].detail.utf8 ?? "".utf8) == Array("caf\u{E9}".utf8))
        #expect(Array(vs[3].originCall?.evidence[1].detail.utf8 ?? "".utf8) == Array("cafe\u{301}".utf8))
        for i in vs.indices {
            var own = Self.call(pos: i)
            own.originCall = values[i]
            #expect(try Self.line(vs[i]) == Self.line(own))
        }
    }

    @Test func aCallWithAPopulationFrequencyIsNotPooled() {
        var pool = OriginCallPool()
        var o = Self.origin()
        o.population = PopulationFrequency(rsid: "rs1", af: 0.1, afPopmax: 0.2, popmaxPopulation: nil, source: "test")
        var vs = [Self.call(pos: 1), Self.call(pos: 2)]
        for i in vs.indices { pool.set(o, on: &vs[i]) }
        #expect(pool.count == 0)
        #expect(vs.allSatisfy { $0.originCall == o })
        #expect(vs[0].originBox !== vs[1].originBox)
    }
}
