import G2TCore
import HTS

/// Base and indel counts over one panel target.
package struct TargetCounts: Sendable {
    package var target: Target
    package var counts: RegionCounts

    package init(target: Target, counts: RegionCounts) {
        self.target = target
        self.counts = counts
    }
}
