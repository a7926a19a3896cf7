#if canImport(Glibc)
import Glibc
#endif

/// Wall and CPU time per stage of one run, printed to stderr when `G2T_TIMINGS=1` (issue 17: the
/// report stage is measured in process, not as a difference of two processes). Nothing of it goes
/// into any output file, so reports stay byte-identical with or without it.
package struct StageTimings {
    /// Whether the environment asks for timings (`G2T_TIMINGS=1`).
    package let enabled: Bool
    private var stages: [(name: String, wall: Double, cpu: Double)] = []

    package init(enabled: Bool) { self.enabled = enabled }

    /// Enabled when the process environment has `G2T_TIMINGS=1`.
    package static func fromEnvironment() -> StageTimings {
        StageTimings(enabled: getenv("G2T_TIMINGS").flatMap { Int(String(cString: $0)) } == 1)
    }

    /// Runs `body`, and when enabled records its wall and process CPU time (all threads) under `name`.
    package mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let w0 = Self.now(CLOCK_MONOTONIC), c0 = Self.now(CLOCK_PROCESS_CPUTIME_ID)
        let result = try body()
        let w1 = Self.now(CLOCK_MONOTONIC), c1 = Self.now(CLOCK_PROCESS_CPUTIME_ID)
        stages.append((name, w1 - w0, c1 - c0))
        return result
    }

    /// The recorded stages, one line each, then `total` of those named in `sum` (e.g. the report
    /// stage: annotate + score + write).
    package func report(sum names: Set<String>, as total: String, _ print: (String) -> Void) {
        guard enabled else { return }
        for s in stages { print(Self.line(s.name, wall: s.wall, cpu: s.cpu)) }
        let summed = stages.filter { names.contains($0.name) }
        print(Self.line(total, wall: summed.reduce(0) { $0 + $1.wall }, cpu: summed.reduce(0) { $0 + $1.cpu }))
    }

    /// Milliseconds, one decimal.
    static func line(_ name: String, wall: Double, cpu: Double) -> String {
        func ms(_ s: Double) -> String { String((s * 10_000).rounded() / 10) }
        return "g2t: timing: \(name): wall \(ms(wall)) ms, cpu \(ms(cpu)) ms"
    }

    /// Seconds on `clock`.
    private static func now(_ clock: clockid_t) -> Double {
        var t = timespec()
        clock_gettime(clock, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
