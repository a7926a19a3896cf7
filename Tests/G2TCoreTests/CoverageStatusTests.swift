import G2TCore
import Testing

/// The coverage status of a target is decided by the analysis model from its own thresholds (the
/// report's coverage chart only formats it).
@Suite struct CoverageStatusTests {
    static func target(exon: Int, minDepth: Int) -> TargetCoverage {
        TargetCoverage(gene: "G", exon: exon, chrom: "chr1", start: exon * 100, end: exon * 100 + 50, meanDepth: Double(minDepth) + 20,
                       minDepth: minDepth, fractionCovered: 1)
    }

    @Test func adequateFromTheThresholdOnLowBelowIt() {
        var p = CallingParameters()
        let threshold = p.minHotspotDepth
        #expect(CoverageStatus(minDepth: threshold, parameters: p) == .adequate)
        #expect(CoverageStatus(minDepth: threshold + 1, parameters: p) == .adequate)
        #expect(CoverageStatus(minDepth: threshold - 1, parameters: p) == .low)
        #expect(CoverageStatus(minDepth: 0, parameters: p) == .low)
        p.minHotspotDepth = threshold - 1
        #expect(CoverageStatus(minDepth: threshold - 1, parameters: p) == .adequate)
    }

    @Test func analysisAssessesEveryTargetInOrderWithItsOwnParameters() {
        var a = Analysis(sample: SampleInfo(id: "S", tumorType: nil, tumorTypeName: nil),
                         reference: ReferenceInfo(build: .grch38, chrom: "chr1", source: "test"),
                         software: SoftwareInfo(version: "0", htslib: "0"), date: "2026-01-01T00:00:00Z", inputs: [],
                         parameters: CallingParameters(), variants: [], hotspots: [], therapies: [],
                         qc: QCSummary(readsInTargets: 0, meanTargetDepth: 0, targets: []), stages: [.call])
        let threshold = a.parameters.minHotspotDepth
        a.qc.targets = [Self.target(exon: 1, minDepth: threshold), Self.target(exon: 2, minDepth: threshold - 1),
                        Self.target(exon: 3, minDepth: 5 * threshold)]
        #expect(a.assessedTargets.map(\.status) == [.adequate, .low, .adequate])
        #expect(a.assessedTargets.map(\.coverage) == a.qc.targets)
        a.parameters.minHotspotDepth = 5 * threshold + 1
        #expect(a.assessedTargets.map(\.status) == [.low, .low, .low])
    }
}
