import Calling
import Testing

/// How `TargetCounter` divides runs of clusters among threads (the counts do not depend on it:
/// `--threads` outputs are compared byte for byte elsewhere).
@Suite struct TargetCounterCutTests {
    @Test func aRunWithAllTheWorkIsCutIntoShares() {
        let runs = [0..<10, 10..<11]
        let weights = Array(repeating: 100, count: 10) + [1]
        let parts = TargetCounter.cut(runs, weights: weights, threads: 2)
        #expect(parts == [0..<5, 5..<10, 10..<11])
        #expect(TargetCounter.cut(runs, weights: weights, threads: 4).count == 5)
    }

    @Test func balancedRunsStayWhole() {
        let runs = [0..<10, 10..<26, 26..<27]
        let weights = Array(repeating: 11, count: 10) + Array(repeating: 7, count: 16) + [3]
        #expect(TargetCounter.cut(runs, weights: weights, threads: 2) == runs)
    }

    @Test(arguments: [2, 3, 5, 8])
    func partsCoverEveryClusterInOrder(threads: Int) {
        let runs = [0..<1, 1..<9, 9..<30, 30..<31]
        let weights = (0..<31).map { ($0 * 37) % 11 + 1 }
        let parts = TargetCounter.cut(runs, weights: weights, threads: threads)
        #expect(parts.flatMap { Array($0) } == Array(0..<31))
        #expect(parts.allSatisfy { !$0.isEmpty })
    }
}
