/// Whether a target was covered deeply enough to assess the hotspots in it, decided here (next to
/// the threshold, `CallingParameters.minHotspotDepth`) so that reports only format it.
package enum CoverageStatus: String, Codable, Sendable, Equatable, CaseIterable {
    /// Every position of the target at or above `minHotspotDepth`.
    case adequate
    /// At least one position below `minHotspotDepth`: a hotspot there may be reported as low-coverage.
    case low

    /// The status of a target whose shallowest position has `minDepth` fragments.
    package init(minDepth: Int, parameters: CallingParameters) {
        self = minDepth >= parameters.minHotspotDepth ? .adequate : .low
    }
}

/// One target's coverage with its status under the analysis' own thresholds.
package struct AssessedTargetCoverage: Sendable, Equatable {
    package var coverage: TargetCoverage
    package var status: CoverageStatus
}

extension Analysis {
    /// The targets of `qc` in their order, each with its coverage status under `parameters` (the
    /// thresholds this analysis was called with, also for an analysis read back from JSON).
    package var assessedTargets: [AssessedTargetCoverage] {
        qc.targets.map { AssessedTargetCoverage(coverage: $0, status: CoverageStatus(minDepth: $0.minDepth, parameters: parameters)) }
    }
}
