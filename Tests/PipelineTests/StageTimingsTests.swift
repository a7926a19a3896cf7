@testable import Pipeline
import Testing

/// `G2T_TIMINGS=1` lines: one per stage, then the named sum; nothing when disabled.
@Suite struct StageTimingsTests {
    @Test func linesPerStageAndTheirSum() throws {
        var t = StageTimings(enabled: true)
        let v = t.measure("a") { (0..<100_000).reduce(0, &+) }
        t.measure("b") {}
        #expect(v == (0..<100_000).reduce(0, &+))
        var lines: [String] = []
        t.report(sum: ["a", "b"], as: "a + b") { lines.append($0) }
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("g2t: timing: a: wall ") && lines[0].hasSuffix(" ms"))
        #expect(lines[2].hasPrefix("g2t: timing: a + b: wall "))
        #expect(StageTimings.line("x", wall: 0.01234, cpu: 0.002) == "g2t: timing: x: wall 12.3 ms, cpu 2.0 ms")
    }

    @Test func disabledRecordsNothing() throws {
        var t = StageTimings(enabled: false)
        #expect(t.measure("a") { 7 } == 7)
        var lines: [String] = []
        t.report(sum: ["a"], as: "sum") { lines.append($0) }
        #expect(lines.isEmpty)
    }
}
