import G2TCore
import HTS

/// Base and indel counts over one panel target.
public struct TargetCounts: Sendable {
    public var target: Target
    public var counts: RegionCounts

    public init(target: Target, counts: RegionCounts) {
        self.target = target
        self.counts = counts
    }
}
