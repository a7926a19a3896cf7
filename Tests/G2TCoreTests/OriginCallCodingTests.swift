import Foundation
@testable import G2TCore
import Testing

/// `VariantCall.originCall` is one typed value in memory and six flat keys in JSON: analyses
/// written while they were separate fields read back into it and are written again byte for byte.
@Suite struct OriginCallCodingTests {
    /// The golden demo report's ABCB1 rs1045642 (Tests/g2tTests/Golden/DEMO-NSCLC.report.json), one
    /// line, sorted keys: a germline call with zygosity and a population frequency, no CCF.
    static let germline = #"{"alt":"G","altDepth":158,"altForward":73,"altReverse":85,"chrom":"chr7","consequence":"synonymous_variant","damagePosterior":0,"depth":313,"exon":26,"filter":"PASS","gene":"ABCB1","hgvsc":"c.3435T>C","hgvsp":"p.Ile1145=","hgvspShort":"p.I1145=","hotspot":"ABCB1 rs1045642","intron":null,"lod":458.14,"origin":"germline","originEvidence":[{"detail":"rs1045642: popmax AF 0.85 (1000G_30x_unrelated:AFR), AF 0.60 [PYPGX_BUNDLE_1KG30X]","favours":"germline","source":"population-frequency"},{"detail":"pharmacogenomic germline site","favours":"germline","source":"pharmacogenomic-site"},{"detail":"VAF 0.50 at 313×, purity 0.62: germline/somatic likelihood ratio 10^1.50","favours":"germline","source":"allele-fraction"}],"population":{"af":0.604633,"afPopmax":0.850227,"popmaxPopulation":"1000G_30x_unrelated:AFR","rsid":"rs1045642","source":"PYPGX_BUNDLE_1KG30X"},"pos":87509329,"ref":"A","tier":"PGx","transcript":"NM_001348946.2","vaf":0.5048,"zygosity":"heterozygous"}"#
    /// A variant the origin step has not seen: none of the six keys.
    static let unclassified = #"{"alt":"G","altDepth":83,"altForward":39,"altReverse":44,"chrom":"chr7","consequence":null,"depth":271,"exon":null,"filter":"PASS","gene":"EGFR","hgvsc":null,"hgvsp":null,"hgvspShort":null,"hotspot":"EGFR T790M","intron":null,"lod":227.39,"pos":55181378,"ref":"C","tier":null,"transcript":null,"vaf":0.3063}"#

    static func decode(_ s: String) throws -> VariantCall { try VariantAnnotationCodingTests.decode(s) }

    /// The same string with one key's value replaced (the key must be there: the test fails otherwise).
    static func replacing(_ line: String, _ old: String, _ new: String) -> String {
        #expect(line.contains(old), "\(old) is in the line")
        return line.replacingOccurrences(of: old, with: new)
    }

    @Test func flatGermlineGroupReadsIntoTheTypeAndWritesTheSameBytes() throws {
        let v = try Self.decode(Self.germline)
        let o = try #require(v.originCall)
        #expect(o.origin == .germline && o.zygosity == .heterozygous && o.ccf == nil && !o.possiblyGermline)
        #expect(o.evidence.map(\.source) == [.populationFrequency, .pharmacogenomicSite, .alleleFraction])
        #expect(o.population == PopulationFrequency(rsid: "rs1045642", af: 0.604633, afPopmax: 0.850227,
                                                    popmaxPopulation: "1000G_30x_unrelated:AFR", source: "PYPGX_BUNDLE_1KG30X"))
        #expect(v.origin == .germline && v.isGermlineFinding)
        try VariantAnnotationCodingTests.expectSameBytes(v, Self.germline)
        // The somatic golden variant: a CCF, no zygosity or population.
        let somatic = try Self.decode(VariantAnnotationCodingTests.annotated)
        #expect(somatic.originCall?.origin == .likelySomatic && somatic.originCall?.ccf == CancerCellFraction(value: 1, low: 0.8, high: 1))
        #expect(somatic.originCall?.zygosity == nil && somatic.originCall?.population == nil && somatic.isGermlineFinding == false)
        try VariantAnnotationCodingTests.expectSameBytes(somatic, VariantAnnotationCodingTests.annotated)
    }

    @Test func noOriginKeysIsNoOriginCallAndWritesNone() throws {
        let v = try Self.decode(Self.unclassified)
        #expect(v.originCall == nil && v.origin == nil && !v.isGermlineFinding)
        try VariantAnnotationCodingTests.expectSameBytes(v, Self.unclassified)
        // Setting a group built in code writes exactly the flat keys the origin step wrote.
        var flagged = v
        flagged.originCall = OriginCall(origin: .germline, evidence: [OriginEvidence(source: .matchedNormal, favours: .germline, detail: "normal 20/40 fragments")],
                                        zygosity: .heterozygous, possiblyGermline: true)
        #expect(!flagged.isGermlineFinding, "a predisposition site keeps its therapy meaning")
        let expected = Self.replacing(Self.unclassified, #""pos":55181378,"#,
            #""origin":"germline","originEvidence":[{"detail":"normal 20/40 fragments","favours":"germline","source":"matched-normal"}],"pos":55181378,"possiblyGermline":true,"#)
            .replacingOccurrences(of: #""vaf":0.3063}"#, with: #""vaf":0.3063,"zygosity":"heterozygous"}"#)
        try VariantAnnotationCodingTests.expectSameBytes(flagged, expected)
        #expect(try Self.decode(expected) == flagged)
    }

    /// Any subset of the group with an origin is read, as when the keys were separate fields; the
    /// two values g2t never writes (no evidence entry, a false flag) read as what they mean.
    @Test func originWithPartOfTheGroupIsRead() throws {
        let bare = try Self.decode(Self.replacing(Self.unclassified, #""pos":55181378,"#, #""origin":"unknown","pos":55181378,"#))
        #expect(bare.originCall == OriginCall(origin: .unknown))
        let written = String(decoding: try JSONCoding.encode(bare, .line), as: UTF8.self)
        #expect(written.contains(#""origin":"unknown","pos""#) && !written.contains("originEvidence") && !written.contains("possiblyGermline"))
        let unflagged = try Self.decode(Self.replacing(Self.germline, #""pos":87509329,"#, #""pos":87509329,"possiblyGermline":false,"#))
        #expect(unflagged.originCall?.possiblyGermline == false && unflagged.isGermlineFinding)
        try VariantAnnotationCodingTests.expectSameBytes(unflagged, Self.germline)
        let noEvidence = try Self.decode(Self.replacing(Self.unclassified, #""pos":55181378,"#, #""origin":"likely-somatic","originEvidence":[],"pos":55181378,"#))
        #expect(noEvidence.originCall?.evidence == [] && noEvidence.origin == .likelySomatic)
    }

    /// The origin step sets the origin of every variant it sees: evidence, zygosity, population, CCF
    /// or the flag without an origin was not written by g2t and is refused rather than half read.
    @Test func groupWithoutOriginIsRefused() throws {
        let noOrigin = Self.replacing(Self.germline, #""origin":"germline","#, "")
        #expect(throws: DecodingError.self) { try Self.decode(noOrigin) }
        for extra in [#""ccf":{"high":1,"low":0.8,"value":1},"#, #""zygosity":"homozygous","#, #""possiblyGermline":true,"#,
                      #""originEvidence":[],"#, #""population":{"afPopmax":0.1,"source":"T"},"#] {
            let line = Self.replacing(Self.unclassified, #""alt":"G","#, #""alt":"G","# + extra)
            #expect(throws: DecodingError.self, "\(extra)") { try Self.decode(line) }
        }
        // A null origin is no origin.
        #expect(throws: DecodingError.self) { try Self.decode(Self.replacing(Self.germline, #""origin":"germline""#, #""origin":null"#)) }
    }

    /// Copies share the box but not changes: a value type, whatever the storage.
    @Test func copiesDoNotShareOriginChanges() throws {
        let a = try Self.decode(VariantAnnotationCodingTests.annotated)
        var b = a
        b.originCall?.ccf = CancerCellFraction(value: 0.3, low: 0.2, high: 0.4)
        #expect(a.originCall?.ccf?.value == 1 && b.originCall?.ccf?.value == 0.3)
        #expect(a != b)
        b.originCall?.ccf = a.originCall?.ccf
        #expect(a == b, "equal groups in different boxes are equal")
        b.originCall?.origin = .germline
        #expect(a.origin == .likelySomatic && b.origin == .germline)
        b.originCall = nil
        #expect(b.originCall == nil && a.originCall != nil && a.originCall?.evidence.count == 2)
    }
}
