import Dispatch
import Synchronization

/// The one way g2t spreads independent work over threads: results come back in input order, so
/// the output never depends on the thread count or on which thread finished first.
public enum ParallelMap {
    /// `transform(state, i)` for every i in 0..<count, on up to `threads` threads. Each thread makes
    /// its own `state` first (e.g. its own open file: an htsFile is not thread-safe) and takes the
    /// next unclaimed index from an atomic counter (items differ in cost); it keeps its results and
    /// hands them over once, and the merge restores input order. The first error thrown is rethrown
    /// after every thread has stopped.
    public static func map<T: Sendable, State>(_ count: Int, threads: Int, state: @Sendable (_ worker: Int) throws -> State,
                                               _ transform: @Sendable (inout State, Int) throws -> T) throws -> [T] {
        let workers = max(1, min(threads, count))
        if workers == 1 {
            guard count > 0 else { return [] }
            var s = try state(0)
            return try (0..<count).map { try transform(&s, $0) }
        }
        let next = Atomic<Int>(0)
        let parts = Mutex<[[(Int, T)]]>([])
        let failure = Mutex<Error?>(nil)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var mine: [(Int, T)] = []
            do {
                var s = try state(w)
                while failure.withLock({ $0 == nil }) {
                    let i = next.add(1, ordering: .relaxed).oldValue
                    guard i < count else { break }
                    mine.append((i, try transform(&s, i)))
                }
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
            parts.withLock { $0.append(mine) }
        }
        if let e = failure.withLock({ $0 }) { throw e }
        var out = [T?](repeating: nil, count: count)
        parts.withLock { p in for part in p { for (i, r) in part { out[i] = r } } }
        let done = out.compactMap { $0 }
        guard done.count == count else { throw ParallelMapError.incomplete(done: done.count, of: count) }
        return done
    }

    /// As `map`, without per-thread state, for work that cannot fail.
    public static func map<T: Sendable>(_ count: Int, threads: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        do {
            return try map(count, threads: threads, state: { _ in () }, { _, i in transform(i) })
        } catch {
            // Unreachable (nothing here throws); computed again in order rather than trapping.
            return (0..<count).map(transform)
        }
    }
}

/// Cannot happen unless a worker stopped without an error; reported rather than trapped.
public enum ParallelMapError: Error, CustomStringConvertible {
    case incomplete(done: Int, of: Int)
    public var description: String {
        switch self {
        case .incomplete(let done, let of): return "internal error: parallel work finished \(done) of \(of) items"
        }
    }
}
