import Foundation
@testable import G2TCore
import Testing

/// `VariantCall.annotation` is one typed value in memory and flat keys in JSON: analyses written
/// before it had its own type read back into it and are written again byte for byte.
@Suite struct VariantAnnotationCodingTests {
    /// The golden demo report's L858R (Tests/g2tTests/Golden/DEMO-NSCLC.report.json), one line, sorted keys.
    static let annotated = #"{"alt":"G","altDepth":83,"altForward":39,"altReverse":44,"ccf":{"high":1,"low":0.8,"value":1},"chrom":"chr7","consequence":"missense_variant","damagePosterior":0,"depth":271,"exon":21,"filter":"PASS","gene":"EGFR","hgvsc":"c.2573T>G","hgvsp":"p.Leu858Arg","hgvspShort":"p.L858R","hotspot":"EGFR L858R","intron":null,"lod":227.39,"origin":"likely-somatic","originEvidence":[{"detail":"panel hotspot EGFR L858R: recurrently somatic, population frequency not used","favours":"somatic","source":"hotspot"},{"detail":"VAF 0.31 at 271×, purity 0.62: germline/somatic likelihood ratio 10^-1.38","favours":"somatic","source":"allele-fraction"}],"pos":55191822,"ref":"T","tier":"I","transcript":"NM_005228.5","vaf":0.3063}"#
    /// The same variant as the call stage writes it: every annotation key present and null.
    static let unannotated = #"{"alt":"G","altDepth":83,"altForward":39,"altReverse":44,"ccf":{"high":1,"low":0.8,"value":1},"chrom":"chr7","consequence":null,"damagePosterior":0,"depth":271,"exon":null,"filter":"PASS","gene":"EGFR","hgvsc":null,"hgvsp":null,"hgvspShort":null,"hotspot":"EGFR L858R","intron":null,"lod":227.39,"origin":"likely-somatic","originEvidence":[{"detail":"panel hotspot EGFR L858R: recurrently somatic, population frequency not used","favours":"somatic","source":"hotspot"},{"detail":"VAF 0.31 at 271×, purity 0.62: germline/somatic likelihood ratio 10^-1.38","favours":"somatic","source":"allele-fraction"}],"pos":55191822,"ref":"T","tier":null,"transcript":null,"vaf":0.3063}"#

    static func decode(_ s: String) throws -> VariantCall { try JSONCoding.decode(VariantCall.self, from: Array(s.utf8)) }

    /// Both writers: the tree (Foundation's bytes) and the direct one used for rescore/report output.
    static func expectSameBytes(_ v: VariantCall, _ line: String) throws {
        #expect(String(decoding: try JSONCoding.encode(v, .line), as: UTF8.self) == line + "\n")
        let f = SortedJSONEncoder(.line)
        let direct = try DirectJSONEncoder(pretty: f.pretty, escapeSlashes: f.escapeSlashes).encode(v)
        #expect(String(decoding: direct, as: UTF8.self) == line)
    }

    @Test func flatAnnotatedVariantReadsIntoTheTypeAndWritesTheSameBytes() throws {
        let v = try Self.decode(Self.annotated)
        let expected = VariantAnnotation(transcript: "NM_005228.5", hgvsc: "c.2573T>G", hgvsp: "p.Leu858Arg", hgvspShort: "p.L858R",
                                         consequence: "missense_variant", exon: 21, intron: nil)
        #expect(v.annotation == expected)
        #expect(v.tier == .one)
        try Self.expectSameBytes(v, Self.annotated)
    }

    @Test func allNullAnnotationKeysAreNoAnnotation() throws {
        let v = try Self.decode(Self.unannotated)
        #expect(v.annotation == nil)
        try Self.expectSameBytes(v, Self.unannotated)
        // Setting the annotation writes exactly the annotated file's keys.
        var annotated = v
        annotated.annotation = try Self.decode(Self.annotated).annotation
        annotated.tier = .one
        try Self.expectSameBytes(annotated, Self.annotated)
    }

    @Test func keysAbsentFromAnOlderFileAreNoAnnotation() throws {
        let v = try Self.decode(#"{"alt":"G","altDepth":1,"altForward":1,"altReverse":0,"chrom":"chr7","depth":10,"filter":"PASS","pos":5,"ref":"T"}"#)
        #expect(v.annotation == nil && v.gene == nil && v.tier == nil)
    }

    /// The annotate stage writes transcript, c. change and consequence together: a file with only
    /// part of them was not written by g2t and is refused rather than half read.
    @Test func partialAnnotationIsRefused() throws {
        let noTranscript = Self.annotated.replacingOccurrences(of: #""transcript":"NM_005228.5""#, with: #""transcript":null"#)
        #expect(throws: DecodingError.self) { try Self.decode(noTranscript) }
        let noHGVSc = Self.annotated.replacingOccurrences(of: #""hgvsc":"c.2573T>G""#, with: #""hgvsc":null"#)
        #expect(throws: DecodingError.self) { try Self.decode(noHGVSc) }
        let noConsequence = Self.annotated.replacingOccurrences(of: #""consequence":"missense_variant""#, with: #""consequence":null"#)
        #expect(throws: DecodingError.self) { try Self.decode(noConsequence) }
    }
}
