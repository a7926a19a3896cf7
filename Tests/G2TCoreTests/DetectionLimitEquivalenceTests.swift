import Foundation
import G2TCore
import Testing

/// `DetectionLimit.lod` with its binomial coefficients computed once per call (branch floor13) against
/// the per-step version it replaced, kept here verbatim: the same doubles, bit for bit.
@Suite struct DetectionLimitEquivalenceTests {
    static func referenceLOD(depth: Int, minAlt: Int, power: Double = 0.95) -> Double? {
        guard depth > 0, minAlt <= depth else { return nil }
        var lo = 0.0, hi = 1.0
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if referenceProbability(depth: depth, fraction: mid, minAlt: minAlt) >= power { hi = mid } else { lo = mid }
        }
        return hi
    }

    static func referenceProbability(depth n: Int, fraction f: Double, minAlt k: Int) -> Double {
        guard f > 0 else { return k <= 0 ? 1 : 0 }
        guard f < 1 else { return 1 }
        var below = 0.0
        for i in 0..<max(0, k) {
            let logC = lgamma(Double(n + 1)) - lgamma(Double(i + 1)) - lgamma(Double(n - i + 1))
            below += exp(logC + Double(i) * log(f) + Double(n - i) * log1p(-f))
        }
        return max(0, 1 - below)
    }

    @Test func sameBitsAsThePerStepVersion() {
        var compared = 0
        for depth in Array(0...300) + Array(stride(from: 301, through: 12_000, by: 97)) {
            for k in [-1, 0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 25, 301] {
                let a = DetectionLimit.lod(depth: depth, minAlt: k), b = Self.referenceLOD(depth: depth, minAlt: k)
                #expect(a?.bitPattern == b?.bitPattern, "depth \(depth) minAlt \(k): \(String(describing: a)) vs \(String(describing: b))")
                if a != nil { compared += 1 }
            }
            for f in [0.0, 1e-9, 0.003, 0.05, 0.5, 0.999, 1.0] {
                for k in [0, 1, 3, 7] {
                    let a = DetectionLimit.detectionProbability(depth: depth, fraction: f, minAlt: k)
                    #expect(a.bitPattern == Self.referenceProbability(depth: depth, fraction: f, minAlt: k).bitPattern)
                }
            }
        }
        #expect(compared > 3_000)
    }
}
