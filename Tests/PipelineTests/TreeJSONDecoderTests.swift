import Foundation
@testable import G2TCore
import Knowledge
import Pipeline
import Testing
import TestSupport

/// `JSONCoding.decode` takes g2t's own decoder (`TreeJSONDecoder`) first: it must give exactly
/// Foundation's values on every analysis g2t writes, and leave everything else to Foundation.
@Suite struct TreeJSONDecoderTests {
    /// Foundation's bytes of `value` (the encoder is deterministic: equal bytes, equal values).
    static func bytes<T: Encodable>(_ value: T) throws -> [UInt8] { Array(try JSONCoding.encoder(.document).encode(value)) }

    /// Decodes `json` both ways; the tree decoder must succeed on its own (no fallback) and agree.
    static func expectSameAnalysis(_ json: [UInt8], _ label: String) throws {
        let fast = try TreeJSONDecoder().decode(Analysis.self, from: json)
        let reference = try JSONCoding.foundationDecode(Analysis.self, from: json)
        let a = try bytes(fast), b = try bytes(reference)
        #expect(a.count > 1_000, "\(label)")
        #expect(a == b, "\(label): the tree decoder's analysis differs from Foundation's")
    }

    /// Every test sample through every stage (called, annotated, scored), as a document and as a
    /// JSON line (what `g2t rescore` reads), plus the golden demo report.
    @Test func everyTestAnalysisDecodesAsFoundationDoes() throws {
        let kb = try KnowledgeBaseLoader.bundled()
        let samples = try FileManager.default.contentsOfDirectory(atPath: TestSupport.testData("samples"))
            .filter { $0.hasSuffix(".bam") }.sorted()
        let inputs = samples.map { "samples/" + $0 } + ["vcf/mutect2.vcf.gz", "vcf/deepvariant.vcf", "vcf/freebayes.vcf", "vcf/strelka2.indels.vcf"]
        #expect(inputs.count >= 20)
        var decoded = 0
        for input in inputs {
            let called = try Stages.call(CallOptions(input: TestSupport.testData(input), tumorType: "LUAD", environment: ["SOURCE_DATE_EPOCH": "0"]))
            let annotated = try Stages.annotate(called)
            let scored = try Stages.score(annotated, kb: kb, threads: 1)
            for (stage, a) in [("called", called), ("annotated", annotated), ("scored", scored)] {
                try Self.expectSameAnalysis(try JSONCoding.encode(a, .document), "\(input) \(stage)")
                try Self.expectSameAnalysis(try JSONCoding.encode(a, .line), "\(input) \(stage), one line")
                decoded += 2
            }
        }
        let golden = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestSupport.root + "/Tests/g2tTests/Golden/DEMO-NSCLC.report.json")))
        try Self.expectSameAnalysis(golden, "golden demo report")
        #expect(decoded == inputs.count * 6)
    }

    struct Corner: Codable, Equatable {
        var text: String
        var numbers: [Double]
        var ints: [Int]
        var small: [Int8]
        var flag: Bool
        var optional: Int?
        var missing: String?
        var map: [String: Int]
        var nested: [[String: [Int]]]
        var status: FilterStatus
    }

    /// Escapes, non-ASCII, number forms (-0, exponents, subnormals, the extremes), null and absent
    /// optionals, keys out of order, dictionaries.
    @Test func cornerCasesDecodeAsFoundationDoes() throws {
        let json = #"""
        {"text":"a\"b\\c\/d\b\f\n\r\t\u0001\u001f é 漢 \ud83e\uddec \u00e9","numbers":[0.1,1,-0,-0.0,1e-7,1E21,123456789.125,5e-324,1.7976931348623157e308,0.30000000000000004,-12,9223372036854775808],
         "ints":[-9223372036854775808,-1,0,9223372036854775807],"small":[-128,127],"flag":true,"optional":null,
         "map":{"b":2,"a":1,"B":3,"aa":4,"é":5,"z":6},"nested":[{"k":[],"j":[1,2]},{}],"status":"PASS"}
        """#
        let bytes = Array(json.utf8)
        let fast = try TreeJSONDecoder().decode(Corner.self, from: bytes)
        let reference = try JSONCoding.foundationDecode(Corner.self, from: bytes)
        #expect(fast == reference)
        #expect(fast.numbers[2].sign == .minus && reference.numbers[2].sign == .minus)
        #expect(fast.text.hasSuffix("🧬 é"))
    }

    /// Invalid UTF-8 inside a string (a stray byte, a truncated sequence, an overlong form, an
    /// encoded surrogate) is refused, so Foundation decides; valid multi-byte text is kept as is.
    @Test(arguments: [[0xFF], [0xE6, 0xBC], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0x61, 0x80]] as [[UInt8]])
    func invalidUTF8IsRefused(bad: [UInt8]) throws {
        struct S: Codable, Equatable { var s: String }
        let bytes = Array(#"{"s":"x"#.utf8) + bad + Array(#"y"}"#.utf8)
        #expect(throws: TreeJSONDecoder.Unsupported.self) { try TreeJSONDecoder().decode(S.self, from: bytes) }
        let valid = Array(#"{"s":"é 漢 🧬"}"#.utf8)
        #expect(try TreeJSONDecoder().decode(S.self, from: valid) == S(s: "é 漢 🧬"))
    }

    /// What it refuses, Foundation decides: the same value, or the same error.
    @Test(arguments: [
        #"{"a":1,"a":2}"#,            // duplicate key
        #"{"a":01}"#,                 // not JSON
        #"{"a":1} x"#,                // trailing data
        #"{"a":"\ud800"}"#,           // lone surrogate
        #"{"a":1.0}"#,                // a fraction where an integer is asked for
        #"{"a":1e400}"#,              // beyond Double
        #"{"b":1}"#,                  // missing key
        #"{"a":"1"}"#,                // wrong type
    ])
    func refusedInputsGoToFoundation(json: String) throws {
        struct A: Codable, Equatable { var a: Int }
        let bytes = Array(json.utf8)
        #expect(throws: TreeJSONDecoder.Unsupported.self) { try TreeJSONDecoder().decode(A.self, from: bytes) }
        let reference = Result { try JSONCoding.foundationDecode(A.self, from: bytes) }
        let got = Result { try JSONCoding.decode(A.self, from: bytes) }
        switch (reference, got) {
        case (.success(let r), .success(let g)): #expect(r == g)
        case (.failure(let r), .failure(let g)): #expect("\(r)" == "\(g)")
        default: Issue.record("\(json): Foundation gave \(reference), JSONCoding.decode \(got)")
        }
    }
}
