import Foundation
import G2TCore
import Testing

/// The UMI consensus thresholds are validated like the others, and the substitution table reads both ways.
@Suite struct UMIParametersTests {
    @Test func defaultsAreValidAndOutOfRangeValuesNamed() {
        #expect(CallingParameters().problems.isEmpty)
        var p = CallingParameters()
        p.umi.minFamilySize = 0
        p.umi.minVAF = 1.5
        p.umi.minBackgroundError = 0
        let keys = p.problems.map(\.keyPath)
        #expect(keys == ["umi.minFamilySize", "umi.minVAF", "umi.minBackgroundError"])
    }

    @Test func olderAnalysesWithoutTheGroupDecodeAsDefaults() throws {
        var p = CallingParameters()
        p.umi.minFamilySize = 3
        let encoded = try JSONCoding.encoder(.line).encode(p)
        var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect((object["umi"] as? [String: Any])?["minFamilySize"] as? Int == 3)
        object["umi"] = nil
        let old = try JSONCoding.decoder().decode(CallingParameters.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(old.umi == CallingParameters.UMIConsensus())
    }

    @Test func substitutionTable() throws {
        #expect(Substitution.all.count == 12)
        let ct = try #require(Substitution(ref: UInt8(ascii: "C"), alt: UInt8(ascii: "T")))
        #expect(ct.description == "C>T")
        #expect(Substitution(ref: UInt8(ascii: "C"), alt: UInt8(ascii: "C")) == nil)
        let e = SubstitutionErrors(rates: [ct: 2e-5], fallback: 1e-4)
        #expect(e.rate(ref: UInt8(ascii: "C"), alt: UInt8(ascii: "T")) == 2e-5)
        #expect(e.rate(ref: UInt8(ascii: "G"), alt: UInt8(ascii: "A")) == 1e-4)
        #expect(e.named == ["C>T": 2e-5])
    }
}
